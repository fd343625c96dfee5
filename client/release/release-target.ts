// Which runbook a release command is about: its argument (a file in the explorer or editor title,
// or an item of the tracking view), else the runbook in the tracking view or the active editor
// (in the order that suits the command), else the user's pick among the workspace's runbooks.
import * as vscode from 'vscode';
import type { ReleaseNode } from './release-tracker';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;

export function isRunbookUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && RUNBOOK_NAME.test(uri.path);
}

/** The runbook named by a command's argument, if it names one. */
export function runbookFromArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return isRunbookUri(arg) ? arg : undefined;
  if (typeof arg === 'string') {
    try {
      const uri = vscode.Uri.parse(arg);
      return isRunbookUri(uri) ? uri : undefined;
    } catch {
      return undefined;
    }
  }
  const node = arg as Partial<ReleaseNode> | undefined;
  if (node && typeof node === 'object' && typeof node.uri === 'string') return runbookFromArgument(node.uri);
  return undefined;
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
  const files = await vscode.workspace.findFiles('**/*.runbook.{yaml,yml}', '**/{node_modules,.git}/**', 2000);
  if (!files.length) {
    void vscode.window.showInformationMessage('Release Runbooks: there is no *.runbook.yaml file in this workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.sort((a, b) => a.path.localeCompare(b.path)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: `Release Runbooks: ${purpose}`, placeHolder: 'Which runbook?' },
  );
  return picked?.uri;
}
