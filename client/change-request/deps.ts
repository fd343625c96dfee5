// What the change request commands share: the language client (for `runbook/changeRequest`),
// the GitHub session, the status store and a log that never sees a token.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeRequest } from '../../server/core/change-request/render-change-request';
import { CHANGE_REQUEST_REQUEST, request } from '../../protocol/requests';
import type { ConditionalRequestCache } from '../../server/github/conditional-requests';
import type { ClientContext } from '../../server/github/github-client';
import { createGitHubClient } from '../lazy-bundles';
import type { ChangeStatusStore } from './change-status-store';
import type { GitHubSession, GitHubToken } from './github-session';
import { githubSettings } from './change-request-settings';

export interface ChangeRequestDeps {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  session: GitHubSession;
  store: ChangeStatusStore;
  log: vscode.LogOutputChannel;
  /** ETags of the status reads: a read of an unchanged issue is a 304, which costs no rate limit. */
  conditional: ConditionalRequestCache;
}

/** Exactly what submitting would send for the runbook (`runbook/changeRequest`), from the language server. */
export async function fetchChangeRequest(deps: ChangeRequestDeps, uri: vscode.Uri): Promise<ChangeRequest> {
  const result = await request(deps.client, CHANGE_REQUEST_REQUEST, { uri: uri.toString() });
  if (!result || typeof result.body !== 'string' || typeof result.title !== 'string' || !Array.isArray(result.labels)) {
    throw new Error('the language server answered without a change request');
  }
  return result;
}

/** An Octokit for the runbook's GitHub, logging method, path and status only; `conditional` for repeated reads. */
export function githubClient(
  deps: Pick<ChangeRequestDeps, 'log'>,
  scope: vscode.Uri | undefined,
  token: GitHubToken,
  conditional?: ConditionalRequestCache,
): ClientContext {
  const settings = githubSettings(scope);
  return createGitHubClient({
    token: token.token,
    apiUrl: settings.apiUrl,
    timeoutMs: settings.timeoutMs,
    userAgent: 'release-runbooks-vscode',
    conditional,
    log: (line) => deps.log.debug(line),
  });
}
