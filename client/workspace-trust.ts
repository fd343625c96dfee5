// Restricted Mode: the language features, the calendar and the previews work on the text alone
// and stay on; what reaches GitHub with the user's token, or runs git in the folder, waits until
// the user trusts the workspace (package.json: capabilities.untrustedWorkspaces "limited").
import * as vscode from 'vscode';

// Texts are functions, not constants: vscode.l10n is read when a text is shown, never while the
// bundle loads.

/** Why GitHub features are off, in one sentence a user can act on. */
export function githubRestrictedReason(): string {
  return vscode.l10n.t(
    "GitHub features (change requests, their status, release status comments, retrospective issues) are off in Restricted Mode: they send this workspace's content to GitHub with your token. Trust the workspace to use them.",
  );
}

/**
 * True when the workspace is trusted. Otherwise shows the reason (with the way to trust it)
 * and answers false, so a GitHub command ends before it asks for a token or sends anything.
 */
export function githubAllowed(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Release Runbooks: {0}', githubRestrictedReason()), manage)
    .then((choice) => {
      if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
