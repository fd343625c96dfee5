// Which runbook file a command's argument names, shared by the change-request and release commands.
import * as vscode from 'vscode';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;

/** Whether a URI names a runbook file. */
export function isRunbookUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return !!uri && RUNBOOK_NAME.test(uri.path);
}

/** The runbook a command's argument names: a URI (explorer, editor title, code lens) or its string. */
export function runbookUriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return isRunbookUri(arg) ? arg : undefined;
  if (typeof arg === 'string') {
    try {
      const uri = vscode.Uri.parse(arg);
      return isRunbookUri(uri) ? uri : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
