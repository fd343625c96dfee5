// The language client: starts dist/server.js over IPC for runbook and calendar documents, keeps
// the server told about settings and about runbook/calendar files changing on disk.
import * as vscode from 'vscode';
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { REFRESH_CHANGE_STATUS_COMMAND, SERVER_NODE_FLAGS, TIME_ZONE_SETTING } from '../protocol/names';
import { githubSettings } from './change-request/change-request-settings';
import type { ServerCrashHandler } from './server-crash-handler';
import { LANGUAGE_IDS, RULES_SETTING, SETTINGS_SECTION, WORKSPACE_FILES_GLOB } from './settings';

export const CLIENT_ID = SETTINGS_SECTION; // vscode-languageclient reads `${id}.trace.server`
export const CLIENT_NAME = 'Release Runbooks Language Server';

export const DOCUMENT_SELECTOR: DocumentSelector = LANGUAGE_IDS.flatMap((language) => [
  { language, scheme: 'file' },
  { language, scheme: 'untitled' },
]);

export interface LanguageClientParts {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  traceChannel: vscode.LogOutputChannel;
  crashHandler: ServerCrashHandler;
}

export function createLanguageClient({
  context,
  log,
  traceChannel,
  crashHandler,
}: LanguageClientParts): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] },
    },
  };

  const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES_GLOB);
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { fileEvents: watcher, configurationSection: SETTINGS_SECTION },
    // A function, so that a restart picks up settings changed since the last start. The server
    // checks the entries and logs (to this output channel) the ones it ignores.
    initializationOptions: () => ({
      rules: vscode.workspace.getConfiguration().get(RULES_SETTING),
      // The coordinator's zone for code lenses and hovers; empty means the machine's zone.
      timeZone: vscode.workspace.getConfiguration().get<string>(TIME_ZONE_SETTING) || undefined,
      // Calendar sources: cached in the extension's own storage, read from the GitHub the change requests use.
      sourcesCacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'calendar-sources').fsPath,
      githubApiUrl: githubSettings().apiUrl,
    }),
    // The ticket hover links to "Refresh Change Status"; no other command runs from a hover.
    markdown: { isTrusted: { enabledCommands: [REFRESH_CHANGE_STATUS_COMMAND] } },
    middleware: {
      // The ticket lens opens the issue: `vscode.open` takes a Uri, and JSON carries a string.
      provideCodeLenses: async (document, token, next) =>
        (await next(document, token))?.map((lens) => {
          const [target] = lens.command?.command === 'vscode.open' ? (lens.command.arguments ?? []) : [];
          if (typeof target === 'string') lens.command = { ...lens.command!, arguments: [vscode.Uri.parse(target)] };
          return lens;
        }),
    },
    outputChannel: log,
    traceOutputChannel: traceChannel,
    errorHandler: crashHandler,
    diagnosticCollectionName: 'release-runbooks',
  };

  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
