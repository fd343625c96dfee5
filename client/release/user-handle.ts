// Who is recording: the GitHub account signed in to VS Code, else the setting
// releaseRunbooks.user.handle, else the answer to a question asked once and remembered.
import * as vscode from 'vscode';
import { providerFor, SCOPES } from '../change-request/github-session';
import { githubSettings } from '../change-request/change-request-settings';
import { ASKED_HANDLE_KEY, USER_HANDLE_SETTING } from '../../protocol/names';

const HANDLE = /^@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/;

/** `@alice` from `alice` or `@alice`; undefined when it cannot be a GitHub login. */
export function normalizeHandle(text: string | undefined): string | undefined {
  const m = HANDLE.exec(String(text ?? '').trim());
  return m ? `@${m[1]}` : undefined;
}

export class UserHandles {
  constructor(private readonly context: vscode.ExtensionContext) {}

  /** The handle, asking once when nothing else knows it; undefined when the user declines. */
  async get(scope?: vscode.Uri): Promise<string | undefined> {
    const fromSession = await this.fromSession(scope);
    if (fromSession) return fromSession;
    const configured = vscode.workspace.getConfiguration(undefined, scope).get<string>(USER_HANDLE_SETTING);
    const fromSetting = normalizeHandle(configured);
    if (fromSetting) return fromSetting;
    if (configured?.trim())
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Release Runbooks: the setting {0} is "{1}", not a GitHub handle such as @alice; asking instead.',
          USER_HANDLE_SETTING,
          configured,
        ),
      );
    const remembered = normalizeHandle(this.context.globalState.get<string>(ASKED_HANDLE_KEY));
    if (remembered) return remembered;
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Release Runbooks: who is recording?'),
      prompt: vscode.l10n.t(
        'Your GitHub handle, written into the release record with every decision and step. Asked once; change it with the setting {0}.',
        USER_HANDLE_SETTING,
      ),
      placeHolder: vscode.l10n.t('@alice'),
      ignoreFocusOut: true,
      validateInput: (value) => (normalizeHandle(value) ? undefined : 'A GitHub handle such as @alice'),
    });
    const handle = normalizeHandle(answer);
    if (handle) await this.context.globalState.update(ASKED_HANDLE_KEY, handle);
    return handle;
  }

  /** The handle when it is known without asking (for showing who will be recorded). */
  async peek(scope?: vscode.Uri): Promise<string | undefined> {
    return (
      (await this.fromSession(scope)) ??
      normalizeHandle(vscode.workspace.getConfiguration(undefined, scope).get<string>(USER_HANDLE_SETTING)) ??
      normalizeHandle(this.context.globalState.get<string>(ASKED_HANDLE_KEY))
    );
  }

  private async fromSession(scope?: vscode.Uri): Promise<string | undefined> {
    try {
      const session = await vscode.authentication.getSession(providerFor(githubSettings(scope).apiUrl), SCOPES, {
        silent: true,
      });
      return normalizeHandle(session?.account.label);
    } catch {
      return undefined;
    }
  }
}
