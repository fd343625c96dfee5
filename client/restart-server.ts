// Release Runbooks: Restart Language Server. Also the way back after the server crashed too often.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import type { ServerCrashHandler } from './server-crash-handler';
import { RESTART_SERVER_COMMAND } from './settings';

export function registerRestartServerCommand(
  client: LanguageClient,
  crashHandler: ServerCrashHandler,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  let restarting: Promise<void> | undefined;
  return vscode.commands.registerCommand(RESTART_SERVER_COMMAND, () => {
    // Two quick invocations make one restart.
    restarting ??= restartLanguageServer(client, crashHandler, log).finally(() => {
      restarting = undefined;
    });
    return restarting;
  });
}

export async function restartLanguageServer(
  client: LanguageClient,
  crashHandler: ServerCrashHandler,
  log: vscode.LogOutputChannel,
): Promise<void> {
  crashHandler.reset();
  log.info('Restarting the language server');
  try {
    // A client still starting cannot be stopped: let it finish (or fail) first.
    if (client.state === State.Starting) await client.start().catch(() => undefined);
    if (client.state === State.Running) {
      await client
        .stop()
        .catch((error: unknown) => log.warn(`Stopping the language server failed: ${describe(error)}`));
    }
    await client.start();
    log.info('The language server is running');
  } catch (error) {
    log.error(`Restarting the language server failed: ${describe(error)}`);
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Release Runbooks: the language server could not be restarted ({0}).', describe(error)),
      vscode.l10n.t('Show Output'),
    );
    if (choice === vscode.l10n.t('Show Output')) log.show();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
