// Entry of the language server (bundled to dist/server.js). vscode-languageserver picks the
// transport from the command line: `--stdio` for any editor, `--node-ipc` for the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startIdleCollector } from './idle-collector';
import { RunbookServer } from './runbook-server';
import { MessageFramingGuard } from './stdio-framing';

// Over stdio, stray bytes from a client must not end the conversation: messages pass a framing guard.
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin.pipe(new MessageFramingGuard()), process.stdout)
  : createConnection(ProposedFeatures.all);

// With --stdio, stdout is the protocol: anything printed there would corrupt it.
const toConsole =
  (level: 'log' | 'info' | 'warn' | 'error') =>
  (...args: unknown[]) =>
    connection.console[level](
      args
        .map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a)))
        .join(' '),
    );
console.log = toConsole('log');
console.info = toConsole('info');
console.warn = toConsole('warn');
console.error = toConsole('error');
console.debug = toConsole('log');

// A fault anywhere is logged; the server keeps answering.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${error?.stack ?? error}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`Unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`),
);

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

startIdleCollector();
new RunbookServer(connection).listen();
connection.listen();
