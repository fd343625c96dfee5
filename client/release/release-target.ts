// Which runbook a release command is about: its argument (a file in the explorer or editor title,
// or an item of the tracking view), else the runbook in the tracking view or the active editor
// (in the order that suits the command), else the user's pick among the workspace's runbooks.
import * as vscode from 'vscode';
import { RUNBOOK_FILES_GLOB, SEARCH_EXCLUDE_GLOB } from '../../protocol/names';
import { isRunbookUri, runbookUriOf } from '../runbook-uri';
import type { ReleaseNode } from '../../protocol/requests';

/** The runbook named by a command's argument (a URI, its string, or an item of the tracking view), if it names one. */
export function runbookFromArgument(arg: unknown): vscode.Uri | undefined {
  const node = arg as Partial<ReleaseNode> | undefined;
  if (node && typeof node === 'object' && !(node instanceof vscode.Uri) && typeof node.uri === 'string') return runbookUriOf(node.uri);
  return runbookUriOf(arg);
}

/**
 * `prefer` says which comes first when there is no argument: the active editor (reviewing and
 * starting a release) or the tracked release (acting on the release under way).
 */
export async function targetRunbook(arg: unknown, tracked: vscode.Uri | undefined, prefer: 'editor' | 'tracked', purpose: string): Promise<vscode.Uri | undefined> {
  const fromArg = runbookFromArgument(arg);
  if (fromArg) return fromArg;
  const active = vscode.window.activeTextEditor?.document.uri;
  const order = prefer === 'editor' ? [active, tracked] : [tracked, active];
  const found = order.find(isRunbookUri);
  if (found) return found;
  const files = await vscode.workspace.findFiles(RUNBOOK_FILES_GLOB, SEARCH_EXCLUDE_GLOB, 2000);
  if (!files.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Release Runbooks: there is no *.runbook.yaml file in this workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: vscode.l10n.t('Release Runbooks: {0}', purpose), placeHolder: vscode.l10n.t('Which runbook?') },
  );
  return picked?.uri;
}
