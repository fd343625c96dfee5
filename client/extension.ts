// Activation: the language client first, then the features built on it (change requests, the
// calendar view, release day, metrics). Activation never fails because one feature does: the others keep working.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { registerRestartServerCommand } from './restart-server';
import { registerStarterCommands } from './starter-commands';
import { ServerCrashHandler } from './server-crash-handler';
import { openExtensionLog } from './extension-log';
import { LOG_CHANNEL_NAME, RESTART_SERVER_COMMAND } from './settings';
import { TraceChannel } from './trace-channel';
import { registerCalendar } from './calendar/register-calendar';
import { registerChangeRequests } from './change-request';
import { registerRelease } from './release';
import { registerMetrics } from './metrics';

/** What `activate` returns; the e2e tests wait on `ready`. */
export interface ReleaseRunbooksApi {
  languageClient: LanguageClient;
  /** Settles when the language server has answered `initialize` (rejects when it could not start). */
  ready: Promise<void>;
  /** The release-day tracker (undefined when it could not be set up); the e2e tests drive it. */
  release?: ReturnType<typeof registerRelease>;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): ReleaseRunbooksApi {
  const log = openExtensionLog();
  // The message trace goes to the same channel, shown while releaseRunbooks.trace.server asks for it.
  const traceChannel = new TraceChannel(log);
  context.subscriptions.push(log, traceChannel);

  const crashHandler = new ServerCrashHandler({
    onRestart: (crashes) =>
      log.warn(`The language server stopped unexpectedly (${crashes} time(s) in the last minutes); restarting it`),
    onGiveUp: (crashes) => void tellServerGaveUp(crashes, crashHandler.windowMs, log),
  });
  const languageClient = createLanguageClient({ context, log, traceChannel, crashHandler });
  client = languageClient;
  context.subscriptions.push(
    registerRestartServerCommand(languageClient, crashHandler, log),
    ...registerStarterCommands(context),
  );

  // Handlers registered before start() are installed when the connection comes up.
  const statusStore = runFeature('change requests', log, () => registerChangeRequests(context, languageClient));
  runFeature('the release calendar', log, () => registerCalendar(context, languageClient, statusStore));
  const release = runFeature('release day', log, () => registerRelease(context, languageClient, statusStore));
  runFeature('release metrics', log, () => registerMetrics(context, languageClient, statusStore));

  const ready = languageClient.start();
  ready.then(
    () => log.info('The language server is running'),
    (error: unknown) =>
      log.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`),
  );
  return { languageClient, ready, release };
}

export async function deactivate(): Promise<void> {
  if (client?.needsStop()) await client.stop();
  client = undefined;
}

function runFeature<T>(name: string, log: vscode.LogOutputChannel, register: () => T): T | undefined {
  try {
    return register();
  } catch (error) {
    log.error(`Setting up ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Release Runbooks: {0} could not be set up; the rest works. See the "{1}" output for details.',
        name,
        LOG_CHANNEL_NAME,
      ),
    );
    return undefined;
  }
}

async function tellServerGaveUp(crashes: number, windowMs: number, log: vscode.LogOutputChannel): Promise<void> {
  const minutes = Math.round(windowMs / 60_000);
  log.error(
    `The language server stopped ${crashes} times in ${minutes} minutes; it is not restarted again automatically`,
  );
  const restart = vscode.l10n.t('Restart Language Server');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      'Release Runbooks: the language server stopped {0} times in {1} minutes, so it is no longer restarted. Diagnostics, completion and the calendar are off until it runs again.',
      crashes,
      minutes,
    ),
    restart,
    vscode.l10n.t('Show Output'),
  );
  if (choice === restart) await vscode.commands.executeCommand(RESTART_SERVER_COMMAND);
  else if (choice === vscode.l10n.t('Show Output')) log.show();
}
