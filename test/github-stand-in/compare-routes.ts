// Comparing two commits for the GitHub stand-in (`GET /repos/{owner}/{repo}/compare/{basehead}`),
// as `runbook notes` reads the commits between two releases. Kept apart from stand-in.ts, which
// plugs it in like the comment routes:
//   openapi.ts    SERVED_PATHS: [..., ...COMPARE_PATHS]
//   stand-in.ts   readonly compare = new CompareRoutes(); dispatch() default case; reset()
// Tests seed a history with `standIn.compare.seedHistory('acme/api', [...])`: the commits in
// order, oldest first, with the refs (tags, branches) that point at them.
import { createHash } from 'node:crypto';
import type { Urls } from './github-objects';
import { errorJson, userJson } from './github-objects';

export const COMPARE_PATHS = ['/repos/{owner}/{repo}/compare/{basehead}'];
export const COMPARE_OPERATIONS = ['repos/compare-commits-with-basehead'] as const;

export interface SeededCommit {
  message: string;
  author?: string;
  date?: string;
  /** Refs pointing at this commit (tags such as `v2.13.4`, branch names). */
  refs?: string[];
}

interface StoredCommit extends Required<SeededCommit> {
  sha: string;
}

export interface CompareAnswer {
  status: number;
  body?: unknown;
}

export class CompareRoutes {
  /** A linear history per repository (`owner/name`, lower case), oldest first. */
  private readonly histories = new Map<string, StoredCommit[]>();

  seedHistory(fullName: string, commits: SeededCommit[]): string[] {
    const stored = commits.map((c, i) => ({
      message: c.message,
      author: c.author ?? 'octocat',
      date: c.date ?? new Date(Date.UTC(2026, 10, 1 + i)).toISOString().replace('.000Z', 'Z'),
      refs: c.refs ?? [],
      sha: createHash('sha1').update(`${fullName}:${i}:${c.message}`).digest('hex'),
    }));
    this.histories.set(fullName.toLowerCase(), stored);
    return stored.map((c) => c.sha);
  }

  reset(): void {
    this.histories.clear();
  }

  dispatch(
    operationId: string,
    request: { fullName: string; params: Record<string, string>; urls: Urls; docs: string },
  ): CompareAnswer | undefined {
    if (!(COMPARE_OPERATIONS as readonly string[]).includes(operationId)) return undefined;
    const { fullName, params, urls, docs } = request;
    const history = this.histories.get(fullName.toLowerCase()) ?? [];
    const notFound = (): CompareAnswer => ({ status: 404, body: errorJson(404, 'Not Found', docs) });
    const m = /^(.+?)\.\.\.?(.+)$/.exec(params.basehead ?? '');
    if (!m) return notFound();
    const find = (ref: string) =>
      history.findIndex((c) => c.sha === ref || c.sha.startsWith(ref.length >= 7 ? ref : '\0') || c.refs.includes(ref));
    const base = find(m[1]);
    const head = find(m[2]);
    if (base < 0 || head < 0) return notFound();
    const commits = history.slice(base + 1, head + 1);
    const out = (c: StoredCommit, i: number) => commitJson(urls, fullName, c, i > 0 ? history[i - 1].sha : undefined);
    return {
      status: 200,
      body: {
        url: `${urls.api}/repos/${fullName}/compare/${params.basehead}`,
        html_url: `${urls.web}/${fullName}/compare/${params.basehead}`,
        permalink_url: `${urls.web}/${fullName}/compare/${history[base].sha}...${history[head].sha}`,
        diff_url: `${urls.web}/${fullName}/compare/${params.basehead}.diff`,
        patch_url: `${urls.web}/${fullName}/compare/${params.basehead}.patch`,
        base_commit: out(history[base], base),
        merge_base_commit: out(history[Math.min(base, head)], Math.min(base, head)),
        status: head > base ? 'ahead' : head === base ? 'identical' : 'behind',
        ahead_by: Math.max(0, head - base),
        behind_by: Math.max(0, base - head),
        total_commits: commits.length,
        commits: commits.map((c) => out(c, history.indexOf(c))),
        files: [],
      },
    };
  }
}

function commitJson(
  urls: Urls,
  fullName: string,
  c: StoredCommit,
  parent: string | undefined,
): Record<string, unknown> {
  const api = `${urls.api}/repos/${fullName}`;
  const person = { name: c.author, email: `${c.author}@users.noreply.example`, date: c.date };
  return {
    url: `${api}/commits/${c.sha}`,
    sha: c.sha,
    node_id: Buffer.from(`Commit:${c.sha}`).toString('base64'),
    html_url: `${urls.web}/${fullName}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      author: person,
      committer: person,
      comment_count: 0,
      message: c.message,
      tree: { sha: c.sha.split('').reverse().join(''), url: `${api}/git/trees/${c.sha}` },
      url: `${api}/git/commits/${c.sha}`,
    },
    author: userJson(urls, c.author),
    committer: userJson(urls, c.author),
    parents: parent
      ? [{ sha: parent, url: `${api}/commits/${parent}`, html_url: `${urls.web}/${fullName}/commit/${parent}` }]
      : [],
  };
}
