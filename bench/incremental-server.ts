// The language server as dist/server.js builds it, with server/core/incremental wired in as the
// parse step. The benchmark runs it only while dist/server.js does not use incremental
// re-parsing yet, to show what the wiring gives; its figures are labelled as such.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { incrementalParseStep } from '../server/core/incremental/update-file';
import { RunbookServer } from '../server/lsp/runbook-server';
import { MessageFramingGuard } from '../server/lsp/stdio-framing';

const connection = createConnection(
  ProposedFeatures.all,
  process.stdin.pipe(new MessageFramingGuard()),
  process.stdout,
);
const server = new RunbookServer(connection);
server.store.parseStep = incrementalParseStep;
server.listen();
connection.listen();
