// Release day asks the language server: where a release stands (with the tracking view's items),
// the go/no-go review, and each transition as an edit. The server holds the workspace, so nothing
// here reads or parses runbooks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GoNoGoParams,
  GoNoGoResult,
  GO_NO_GO_REQUEST,
  RELEASE_STATE_REQUEST,
  RELEASE_TRANSITION_REQUEST,
  ReleaseStateResult,
  ReleaseTransitionParams,
  ReleaseTransitionResult,
  request,
} from '../../protocol/requests';

/** Where the runbook's release stands now; throws with a message for the user when it cannot be read. */
export async function releaseStateOf(
  client: LanguageClient,
  uri: vscode.Uri,
  attention?: string[],
): Promise<ReleaseStateResult> {
  // Open, so the server has the editor's text (an open document's text wins over the disk's).
  await vscode.workspace.openTextDocument(uri);
  return request(client, RELEASE_STATE_REQUEST, { uri: uri.toString(), now: Date.now(), attention }).catch(
    (error: unknown) => {
      throw new Error(`${vscode.workspace.asRelativePath(uri)} cannot be read as a runbook: ${messageOf(error)}`);
    },
  );
}

export async function goNoGoOf(
  client: LanguageClient,
  uri: vscode.Uri,
  evidence: Omit<GoNoGoParams, 'uri' | 'now'>,
): Promise<GoNoGoResult> {
  await vscode.workspace.openTextDocument(uri);
  return request(client, GO_NO_GO_REQUEST, { ...evidence, uri: uri.toString(), now: Date.now() });
}

export function transitionOf(
  client: LanguageClient,
  params: ReleaseTransitionParams,
): Promise<ReleaseTransitionResult> {
  return request(client, RELEASE_TRANSITION_REQUEST, params);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
