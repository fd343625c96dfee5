// Release notes in the editor: the range from the server (the runbook's change.commits), the
// commits and pull requests from GitHub with the editor's GitHub sign-in (server/github, as
// `runbook notes` fetches them), the Markdown rendered by the server's core.
import * as vscode from 'vscode';
import { RELEASE_NOTES_REQUEST, ReleaseNotesParams, request } from '../../protocol/requests';
import { fetchNoteInputs } from '../../server/github/compare-notes';
import { githubClient } from '../change-request/deps';
import { redact } from '../../server/github/github-errors';
import { GitHubSession, noTokenMessage } from '../change-request/github-session';
import { knownRepository, resolveRepository } from '../change-request/resolve-repository';
import { githubSettings } from '../change-request/change-request-settings';
import { githubRestrictedReason } from '../workspace-trust';
import type { AnnounceDeps } from './announce-deps';

export type NotesAnswer =
  | { ok: true; markdown: string; range: { from: string; to: string }; fetched: Fetched }
  | { ok: false; reason: string; noRange?: boolean };

type Fetched = NonNullable<ReleaseNotesParams['fetched']>;

/** The runbook's release notes. `interactive`: may ask for the repository and sign in. */
export async function fetchReleaseNotes(
  deps: AnnounceDeps,
  uri: vscode.Uri,
  options: { interactive: boolean },
): Promise<NotesAnswer> {
  await vscode.workspace.openTextDocument(uri);
  const { range } = await request(deps.client, RELEASE_NOTES_REQUEST, { uri: uri.toString() });
  const { from, to } = range;
  if (!from || !to)
    return {
      ok: false,
      noRange: true,
      reason: `${vscode.workspace.asRelativePath(uri)} has no change.commits with from and to (the previous release's ref and this one's)`,
    };
  if (!vscode.workspace.isTrusted) return { ok: false, reason: githubRestrictedReason() };
  const repo = (options.interactive ? await resolveRepository(uri) : await knownRepository(uri))?.repo;
  if (!repo)
    return {
      ok: false,
      reason:
        'no repository: set releaseRunbooks.github.repository, or open the runbook in a clone with a GitHub remote',
    };
  const settings = githubSettings(uri);
  const token = await new GitHubSession(deps.context.secrets).token(settings.apiUrl, options.interactive);
  if (!token) return { ok: false, reason: noTokenMessage(settings.apiUrl).replace(/^Release Runbooks: /, '') };
  try {
    const ctx = githubClient(deps, uri, token);
    const inputs = await fetchNoteInputs(ctx, repo, from, to);
    if (inputs.totalCommits > inputs.commits.length)
      deps.log.warn(
        `${inputs.totalCommits} commits between ${from} and ${to}; the notes list the first ${inputs.commits.length}`,
      );
    const fetched = { from, to, commits: inputs.commits, pulls: inputs.pulls };
    const answer = await request(deps.client, RELEASE_NOTES_REQUEST, { uri: uri.toString(), fetched });
    return { ok: true, markdown: answer.markdown ?? '', range: { from, to }, fetched };
  } catch (error) {
    const status = (error as { status?: number }).status;
    const message = redact(error instanceof Error ? error.message : String(error), token.token);
    return {
      ok: false,
      reason: `GitHub ${status ? `answered ${status}` : 'could not be reached'} comparing ${from}...${to} in ${repo.owner}/${repo.repo}: ${message.split('\n')[0]}`,
    };
  }
}

/** Keeps the notes in the runbook's `release.notes`, queued with the release record's other writes. */
export async function storeReleaseNotes(
  deps: AnnounceDeps,
  uri: vscode.Uri,
  fetched: Fetched,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return deps.writer.writeEdit(
    uri,
    async (text) =>
      (await request(deps.client, RELEASE_NOTES_REQUEST, { uri: uri.toString(), fetched, storeIn: text })).store ?? {
        ok: false,
        error: 'the language server did not answer with the edit',
      },
  );
}
