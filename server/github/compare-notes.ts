// The commits and pull requests of release notes, from GitHub: the compare API for the range, and
// each pull request a merge or squash message names (read with the issues API: a pull request is
// an issue, and the issue carries the labels). `runbook notes` and the editor's "Open Release
// Notes" both call this, then render with the core (release-notes.ts).
import type { NoteCommit, NotePull } from '../core/release-notes/release-notes';
import { pullNumberOf } from '../core/release-notes/pull-number';
import type { ClientContext } from './github-client';
import type { RepoRef } from './repository';

export interface NoteInputs {
  commits: NoteCommit[];
  pulls: NotePull[];
  /** Commits in the range: more than `commits.length` when GitHub listed only the first ones. */
  totalCommits: number;
}

export async function fetchNoteInputs(
  ctx: ClientContext,
  repo: RepoRef,
  from: string,
  to: string,
): Promise<NoteInputs> {
  const compare = await ctx.client.rest.repos.compareCommitsWithBasehead({
    owner: repo.owner,
    repo: repo.repo,
    basehead: `${from}...${to}`,
    per_page: 250,
  });
  const commits = compare.data.commits.map((c) => ({ sha: c.sha, message: c.commit.message, url: c.html_url }));
  const pulls: NotePull[] = [];
  const numbers = [...new Set(commits.map((c) => pullNumberOf(c.message)).filter((n): n is number => n !== undefined))];
  for (const number of numbers) {
    try {
      const issue = await ctx.client.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: number });
      if (!issue.data.pull_request) continue;
      const labels = issue.data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
      pulls.push({
        number,
        title: issue.data.title,
        labels,
        url: issue.data.pull_request.html_url ?? issue.data.html_url,
      });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return { commits, pulls, totalCommits: compare.data.total_commits };
}
