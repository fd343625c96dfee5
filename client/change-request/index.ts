// Change requests as GitHub issues, from the editor: the submit, preview, refresh and token
// commands, the code lens and hover that show each request's status, and the status store the
// calendar reads. Returns the store so the calendar can show statuses and ask for a refresh.
import * as vscode from 'vscode';
import { extensionLog } from '../extension-log';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ChangeRequestLensProvider, RUNBOOK_SELECTOR } from './change-request-lens';
import { ChangeStatusHoverProvider } from './change-status-hover';
import { ChangeStatusStore } from './change-status-store';
import type { ChangeRequestDeps } from './deps';
import { GitHubSession } from './github-session';
import { registerPreviewChangeRequest } from './preview-change-request';
import { registerRefreshChangeStatus } from './refresh-change-status';
import { registerSetGitHubToken } from './set-github-token';
import { registerSubmitChangeRequest } from './submit-change-request';
import { registerFileAccessRequests } from './file-access-requests';

export { ChangeStatusStore } from './change-status-store';

/** A quiet refresh at most this often when calendars open. */
const CALENDAR_REFRESH_MS = 60_000;

export function registerChangeRequests(context: vscode.ExtensionContext, client: LanguageClient): ChangeStatusStore {
  const store = new ChangeStatusStore();
  const log = extensionLog();
  const deps: ChangeRequestDeps = { context, client, session: new GitHubSession(context.secrets), store, log };
  const lenses = new ChangeRequestLensProvider(store);
  context.subscriptions.push(
    store,
    log,
    lenses,
    registerSubmitChangeRequest(deps),
    registerFileAccessRequests(deps),
    registerPreviewChangeRequest(deps),
    registerRefreshChangeStatus(deps),
    registerSetGitHubToken(deps),
    vscode.languages.registerCodeLensProvider(RUNBOOK_SELECTOR, lenses),
    vscode.languages.registerHoverProvider(RUNBOOK_SELECTOR, new ChangeStatusHoverProvider(store)),
    refreshWhenCalendarOpens(store),
  );
  return store;
}

/**
 * The calendar shows statuses, so opening it refreshes them quietly. The calendar may also call
 * `store.refresh({ quiet: true })` itself; this covers its editor panel either way.
 */
function refreshWhenCalendarOpens(store: ChangeStatusStore): vscode.Disposable {
  let last = 0;
  return vscode.window.tabGroups.onDidChangeTabs((event) => {
    const opened = [...event.opened, ...event.changed].some((tab) => tab.input instanceof vscode.TabInputWebview && /calendar/i.test(tab.input.viewType));
    if (!opened || Date.now() - last < CALENDAR_REFRESH_MS) return;
    last = Date.now();
    void store.refresh({ quiet: true });
  });
}
