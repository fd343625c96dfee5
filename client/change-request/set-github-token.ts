// "Release Runbooks: Set GitHub Token": for hosts without an authentication provider (or when
// a personal token is preferred), keeps a token in VS Code's SecretStorage, per API URL. An
// empty answer removes the stored token.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import type { ChangeRequestDeps } from './deps';
import { githubSettings, SET_TOKEN_COMMAND } from './settings';

export function registerSetGitHubToken(deps: ChangeRequestDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SET_TOKEN_COMMAND, async () => {
    if (!githubAllowed()) return;
    const scope = vscode.window.activeTextEditor?.document.uri;
    const { apiUrl } = githubSettings(scope);
    const token = await vscode.window.showInputBox({
      title: `Release Runbooks: GitHub token for ${apiUrl}`,
      prompt: 'A token that may create issues (classic: "repo" scope; fine-grained: Issues read and write). It is kept in VS Code\'s secret storage. Leave empty to remove the stored token.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? 'A token has no spaces' : undefined),
    });
    if (token === undefined) return;
    if (!token.trim()) {
      const removed = await deps.session.forget(apiUrl);
      void vscode.window.showInformationMessage(removed ? `Release Runbooks: the stored token for ${apiUrl} was removed; sign-in goes through VS Code's GitHub account again.` : `Release Runbooks: no token was stored for ${apiUrl}.`);
      return;
    }
    await deps.session.store(apiUrl, token.trim());
    void vscode.window.showInformationMessage(`Release Runbooks: the token for ${apiUrl} is stored in VS Code's secret storage.`);
  });
}
