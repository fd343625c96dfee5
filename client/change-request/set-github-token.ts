// "Release Runbooks: Set GitHub Token": for hosts without an authentication provider (or when
// a personal token is preferred), keeps a token in VS Code's SecretStorage, per API URL. An
// empty answer removes the stored token.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import type { ChangeRequestDeps } from './deps';
import { githubSettings, SET_TOKEN_COMMAND } from './change-request-settings';

export function registerSetGitHubToken(deps: ChangeRequestDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SET_TOKEN_COMMAND, async () => {
    if (!githubAllowed()) return;
    const scope = vscode.window.activeTextEditor?.document.uri;
    const { apiUrl } = githubSettings(scope);
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Release Runbooks: GitHub token for {0}', apiUrl),
      prompt: vscode.l10n.t(
        'A token that may create issues (classic: "repo" scope; fine-grained: Issues read and write). It is kept in VS Code\'s secret storage. Leave empty to remove the stored token.',
      ),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? 'A token has no spaces' : undefined),
    });
    if (token === undefined) return;
    if (!token.trim()) {
      const removed = await deps.session.forget(apiUrl);
      void vscode.window.showInformationMessage(
        removed
          ? vscode.l10n.t(
              "Release Runbooks: the stored token for {0} was removed; sign-in goes through VS Code's GitHub account again.",
              apiUrl,
            )
          : vscode.l10n.t('Release Runbooks: no token was stored for {0}.', apiUrl),
      );
      return;
    }
    await deps.session.store(apiUrl, token.trim());
    void vscode.window.showInformationMessage(
      vscode.l10n.t("Release Runbooks: the token for {0} is stored in VS Code's secret storage.", apiUrl),
    );
  });
}
