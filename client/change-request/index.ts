// Change requests as GitHub issues, from the editor: the submit, preview, refresh and token
// commands, and the status store the calendar reads; the server draws the code lens and hover
// that show each request's status from the statuses sent to it. Returns the store so the
// calendar can show statuses and ask for a refresh.
import * as vscode from 'vscode';
import { extensionLog } from '../extension-log';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { CHANGE_STATUSES_NOTIFICATION, ChangeStatusesParams } from '../../protocol/requests';
import { ChangeStatusStore } from './change-status-store';
import type { ChangeRequestDeps } from './deps';
import { GitHubSession } from './github-session';
import { keepChangeStatusFresh } from './keep-status-fresh';
import { ConditionalRequestCache } from '../../server/github/conditional-requests';
import { registerPreviewChangeRequest } from './preview-change-request';
import { registerRefreshChangeStatus } from './refresh-change-status';
import { registerSetGitHubToken } from './set-github-token';
import { registerSubmitChangeRequest } from './submit-change-request';
import { registerFileAccessRequests } from './file-access-requests';

export { ChangeStatusStore } from './change-status-store';

export function registerChangeRequests(context: vscode.ExtensionContext, client: LanguageClient): ChangeStatusStore {
  const store = new ChangeStatusStore();
  const log = extensionLog();
  const deps: ChangeRequestDeps = {
    context,
    client,
    session: new GitHubSession(context.secrets),
    store,
    log,
    conditional: new ConditionalRequestCache(),
  };
  context.subscriptions.push(
    store,
    log,
    sendStatusesToServer(client, store),
    registerSubmitChangeRequest(deps),
    registerFileAccessRequests(deps),
    registerPreviewChangeRequest(deps),
    registerRefreshChangeStatus(deps),
    registerSetGitHubToken(deps),
    keepChangeStatusFresh(client, store, log),
  );
  return store;
}

/** The ticket lens and hover are the server's: it gets every status read, and gets them again after a restart. */
function sendStatusesToServer(client: LanguageClient, store: ChangeStatusStore): vscode.Disposable {
  const send = () => {
    if (!client.isRunning()) return;
    const params: ChangeStatusesParams = { statuses: store.all(), lastError: store.lastError };
    client.sendNotification(CHANGE_STATUSES_NOTIFICATION, params).catch(() => undefined);
  };
  return vscode.Disposable.from(
    store.onDidChange(send),
    store.onDidChangeLastError(send),
    client.onDidChangeState((event) => event.newState === State.Running && send()),
  );
}
