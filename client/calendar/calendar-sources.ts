// The calendar's `sources` on the extension side: the language server reads the other repositories
// itself (server/lsp/calendar-sources.ts); this hands it the GitHub sign-in (`runbook/githubToken`,
// again whenever the sign-in, the API setting or the server changes), shows the files it read as
// read-only documents (runbook-source: URIs, text from `runbook/sourceText`), and runs the command
// "Refresh Calendar Sources".
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { REFRESH_SOURCES_COMMAND, SOURCE_SCHEME } from '../../protocol/names';
import {
  GITHUB_TOKEN_NOTIFICATION,
  notify,
  REFRESH_SOURCES_REQUEST,
  request,
  SOURCE_TEXT_REQUEST,
} from '../../protocol/requests';
import { GitHubSession } from '../change-request/github-session';
import { GITHUB_SECTION, githubSettings } from '../change-request/change-request-settings';

export function registerCalendarSources(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  const session = new GitHubSession(context.secrets);
  const sendToken = async (interactive: boolean): Promise<boolean> => {
    if (client.state !== State.Running) return false;
    const { apiUrl } = githubSettings();
    const token = await session.token(apiUrl, interactive);
    await notify(client, GITHUB_TOKEN_NOTIFICATION, { apiUrl, token: token?.token ?? null });
    return token !== undefined;
  };
  const quietly = () => void sendToken(false).catch(() => undefined);

  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, {
      async provideTextDocumentContent(uri) {
        await whenRunning(client);
        return (await request(client, SOURCE_TEXT_REQUEST, { uri: uri.toString() })).text;
      },
    }),
    // A (re)started server has no token yet.
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) quietly();
    }),
    vscode.authentication.onDidChangeSessions(quietly),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${GITHUB_SECTION}.apiUrl`)) quietly();
    }),
    vscode.commands.registerCommand(REFRESH_SOURCES_COMMAND, () => refreshSources(client, sendToken)),
  );
}

async function refreshSources(
  client: LanguageClient,
  sendToken: (interactive: boolean) => Promise<boolean>,
): Promise<void> {
  try {
    await whenRunning(client);
    const signedIn = await sendToken(true);
    const status = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading calendar sources') },
      () => request(client, REFRESH_SOURCES_REQUEST, {}),
    );
    const problems = [...status.problems, ...status.sources.flatMap((s) => (s.message ? [s.message] : []))];
    if (status.sources.length === 0 && status.problems.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: no calendar of this workspace names any sources.'),
      );
    } else if (problems.length === 0) {
      const files = status.sources.reduce((n, s) => n + s.files, 0);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: {0} calendar sources read ({1} files).', status.sources.length, files),
      );
    } else {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Release Runbooks: {0}{1}',
          problems.join(' · '),
          signedIn ? '' : ' (not signed in to GitHub: only public repositories can be read)',
        ),
      );
    }
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Release Runbooks: the calendar sources could not be read: {0}',
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}

/** Waits for a server that is starting; a stopped one is not started from here (Restart Language Server does that). */
async function whenRunning(client: LanguageClient): Promise<void> {
  if (client.state === State.Starting) await client.start();
  if (client.state !== State.Running) throw new Error('the language server is not running');
}
