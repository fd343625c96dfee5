// Files a retrospective as a GitHub issue (label `retrospective`), in the repository that takes the
// runbook's change requests, with the change request helper's session and client.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import { createGitHubClient } from '../lazy-bundles';
import { describeGitHubError, redact } from '../../server/github/github-errors';
import { ensureLabels } from '../../server/github/labels';
import { repositoryName } from '../../server/github/repository';
import { GitHubSession, noTokenMessage } from '../change-request/github-session';
import { resolveRepository } from '../change-request/resolve-repository';
import { githubSettings } from '../change-request/change-request-settings';

export const RETROSPECTIVE_LABEL = 'retrospective';

export interface FiledIssue {
  ticket: string;
  url: string;
}

/** The issue filed, or undefined (the reason was shown to the user). */
export async function fileRetrospectiveIssue(
  context: vscode.ExtensionContext,
  runbook: vscode.Uri,
  runbookId: string,
  title: string,
  document: string,
  log: vscode.LogOutputChannel,
): Promise<FiledIssue | undefined> {
  if (!githubAllowed()) return undefined;
  const resolved = await resolveRepository(runbook);
  if (!resolved) return undefined;
  const settings = githubSettings(runbook);
  const token = await new GitHubSession(context.secrets).token(settings.apiUrl, true);
  if (!token) {
    void vscode.window.showWarningMessage(noTokenMessage(settings.apiUrl));
    return undefined;
  }
  const ctx = createGitHubClient({
    token: token.token,
    apiUrl: settings.apiUrl,
    timeoutMs: settings.timeoutMs,
    userAgent: 'release-runbooks-vscode',
    log: (line) => log.debug(line),
  });
  const repo = resolved.repo;
  try {
    let labels = [RETROSPECTIVE_LABEL];
    try {
      labels = (await ensureLabels(ctx, repo, labels)).usable;
    } catch {
      labels = [];
    }
    const body = `${document.trimEnd()}\n\n<!-- retrospective:${runbookId} -->\n`;
    const { data } = await ctx.client.rest.issues.create({
      owner: repo.owner,
      repo: repo.repo,
      title: `[retrospective] ${title}`,
      body,
      labels,
    });
    return { ticket: `${repositoryName(repo)}#${data.number}`, url: data.html_url };
  } catch (error) {
    const failure = describeGitHubError(error, {
      action: 'file the retrospective as an issue',
      repository: repo,
      apiUrl: settings.apiUrl,
      surface: 'editor',
      secret: token.token,
      timeoutMs: settings.timeoutMs,
    });
    log.warn(`Filing the retrospective of ${runbookId} failed: ${redact(failure.message, token.token)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', failure.message));
    return undefined;
  }
}
