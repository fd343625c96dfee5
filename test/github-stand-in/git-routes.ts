// Git trees and blobs for the GitHub stand-in (`GET /repos/{owner}/{repo}/git/trees/{tree_sha}`
// and `.../git/blobs/{file_sha}`), as calendar sources read other teams' repositories. Kept apart
// from stand-in.ts, which plugs it in like the comment and compare routes:
//   openapi.ts    SERVED_PATHS: [..., ...GIT_PATHS]
//   stand-in.ts   readonly git = new GitRoutes(); dispatch() default case; reset()
// Tests seed a repository's files per branch with `standIn.git.seedFiles('acme/payments', {...})`
// and change them with `standIn.git.updateFiles(...)`. Hashes are git's own (blob "<size>\0"),
// so an unchanged file keeps its sha across commits, as on GitHub.
import { createHash } from 'node:crypto';
import type { Urls } from './github-objects';
import { errorJson } from './github-objects';

export const GIT_PATHS = ['/repos/{owner}/{repo}/git/trees/{tree_sha}', '/repos/{owner}/{repo}/git/blobs/{file_sha}'];
export const GIT_OPERATIONS = ['git/get-tree', 'git/get-blob'] as const;

interface StoredRepository {
  defaultBranch: string;
  /** Branch → path → text. */
  branches: Map<string, Map<string, string>>;
  /** Every blob ever stored, by sha. */
  blobs: Map<string, string>;
}

export interface GitAnswer {
  status: number;
  body?: unknown;
}

export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export class GitRoutes {
  private readonly repositories = new Map<string, StoredRepository>();

  /** The files of a branch (replacing what it had); the first branch seeded is the default. */
  seedFiles(fullName: string, files: Record<string, string>, branch = 'main'): void {
    const repo = this.repositories.get(fullName.toLowerCase()) ?? {
      defaultBranch: branch,
      branches: new Map(),
      blobs: new Map(),
    };
    this.repositories.set(fullName.toLowerCase(), repo);
    repo.branches.set(branch, new Map());
    this.updateFiles(fullName, files, branch);
  }

  /** A new commit on the branch: each path set to its text, or deleted when null. */
  updateFiles(fullName: string, changes: Record<string, string | null>, branch = 'main'): void {
    const repo = this.repositories.get(fullName.toLowerCase());
    const files = repo?.branches.get(branch);
    if (!repo || !files) throw new Error(`stand-in: no branch ${branch} in ${fullName}`);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) files.delete(path);
      else {
        files.set(path, text);
        repo.blobs.set(blobSha(text), text);
      }
    }
  }

  reset(): void {
    this.repositories.clear();
  }

  dispatch(
    operationId: string,
    request: {
      fullName: string;
      params: Record<string, string>;
      query: Record<string, string>;
      urls: Urls;
      docs: string;
    },
  ): GitAnswer | undefined {
    if (!(GIT_OPERATIONS as readonly string[]).includes(operationId)) return undefined;
    const { fullName, params, query, urls, docs } = request;
    const repo = this.repositories.get(fullName.toLowerCase());
    const notFound = (): GitAnswer => ({ status: 404, body: errorJson(404, 'Not Found', docs) });
    if (!repo) return notFound();
    const api = `${urls.api}/repos/${fullName}/git`;
    if (operationId === 'git/get-blob') {
      const text = repo.blobs.get(params.file_sha);
      if (text === undefined) return notFound();
      const bytes = Buffer.from(text, 'utf8');
      return {
        status: 200,
        body: {
          sha: params.file_sha,
          node_id: `B_${params.file_sha.slice(0, 12)}`,
          size: bytes.length,
          url: `${api}/blobs/${params.file_sha}`,
          content: bytes.toString('base64').replace(/(.{60})/g, '$1\n'),
          encoding: 'base64',
        },
      };
    }
    // A tree by branch name, HEAD (the default branch) or the sha this route gave for a branch.
    const ref = params.tree_sha === 'HEAD' ? repo.defaultBranch : params.tree_sha;
    const files = repo.branches.get(ref) ?? [...repo.branches.values()].find((f) => treeSha(f) === ref);
    if (!files) return notFound();
    const recursive =
      query.recursive !== undefined && query.recursive !== '' && query.recursive !== '0' && query.recursive !== 'false';
    const entries = new Map<
      string,
      { path: string; mode: string; type: string; sha: string; size?: number; url: string }
    >();
    for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const parts = path.split('/');
      if (!recursive && parts.length > 1) {
        entries.set(parts[0], {
          path: parts[0],
          mode: '040000',
          type: 'tree',
          sha: createHash('sha1').update(`${ref}:${parts[0]}`).digest('hex'),
          url: `${api}/trees/${parts[0]}`,
        });
        continue;
      }
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join('/');
        if (!entries.has(folder))
          entries.set(folder, {
            path: folder,
            mode: '040000',
            type: 'tree',
            sha: createHash('sha1').update(`${ref}:${folder}`).digest('hex'),
            url: `${api}/trees/${folder}`,
          });
      }
      const sha = blobSha(text);
      entries.set(path, {
        path,
        mode: '100644',
        type: 'blob',
        sha,
        size: Buffer.byteLength(text),
        url: `${api}/blobs/${sha}`,
      });
    }
    const sha = treeSha(files);
    return { status: 200, body: { sha, url: `${api}/trees/${sha}`, truncated: false, tree: [...entries.values()] } };
  }
}

function treeSha(files: Map<string, string>): string {
  const hash = createHash('sha1');
  for (const [path, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`${path}\0${blobSha(text)}\n`);
  return hash.digest('hex');
}
