// The change request settings (package.json declares them): where GitHub is, which repository
// takes new issues, the board's labels and the request timeout.
import * as vscode from 'vscode';
import { isRunbookUri, runbookUriOf } from '../runbook-uri';
import { CabLabels, DEFAULT_CAB_LABELS } from '../../protocol/change-status';
import { normalizeApiUrl } from '../../server/github/api-url';

export const GITHUB_SECTION = 'releaseRunbooks.github';

export const SUBMIT_COMMAND = 'releaseRunbooks.submitChangeRequest';
export const PREVIEW_COMMAND = 'releaseRunbooks.previewChangeRequest';
export const FILE_ACCESS_REQUESTS_COMMAND = 'releaseRunbooks.fileAccessRequests';
export const REFRESH_COMMAND = 'releaseRunbooks.refreshChangeStatus';
export const SET_TOKEN_COMMAND = 'releaseRunbooks.setGitHubToken';

/** Tests (the GitHub provider has no session offline) may pass a token this way. */
export const TOKEN_ENV = 'RELEASE_RUNBOOKS_GITHUB_TOKEN';

export interface GitHubSettings {
  apiUrl: string;
  repository: string | undefined;
  cab: CabLabels;
  timeoutMs: number;
}

export function githubSettings(scope?: vscode.Uri): GitHubSettings {
  const config = vscode.workspace.getConfiguration(GITHUB_SECTION, scope);
  const text = (key: string) => {
    const value = config.get<string>(key);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const seconds = config.get<number>('requestTimeoutSeconds');
  return {
    // The environment wins, as GITHUB_TOKEN does for the CLI: pipelines and the e2e suites set it.
    apiUrl: normalizeApiUrl(process.env.RELEASE_RUNBOOKS_GITHUB_API_URL?.trim() || text('apiUrl')),
    repository: text('repository'),
    cab: {
      approved: text('cabApprovedLabel') ?? DEFAULT_CAB_LABELS.approved,
      rejected: text('cabRejectedLabel') ?? DEFAULT_CAB_LABELS.rejected,
    },
    timeoutMs: typeof seconds === 'number' && seconds > 0 ? Math.round(seconds * 1000) : 30_000,
  };
}

/** The runbook a command is about: its argument (editor title, code lens), else the active editor. */
export function targetRunbook(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri || typeof arg === 'string') return runbookUriOf(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  return isRunbookUri(active) ? active : undefined;
}
