// Editors other than VS Code, as their built-in clients behave: some never answer a
// registration, send requests early, declare no snippet or Markdown support, cannot watch files,
// cannot run VS Code's commands, or open a file without a workspace folder.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { copyWorkspace, EDITOR_CAPABILITIES, LspTestClient, uriOf } from './lsp-client';

/** What Neovim 0.7 and Emacs eglot declare, in the parts that matter here. */
const PLAIN_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] } },
    hover: { contentFormat: ['plaintext'] },
    rename: { prepareSupport: true },
    publishDiagnostics: { relatedInformation: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

describe('other editors', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient | undefined;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => uriOf(file(name));

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('publishes diagnostics and answers at once when the client never answers client/registerCapability', async () => {
    client = await LspTestClient.start({ workspace, answerRegistrations: false });
    await client.waitFor('a registration request', () => client!.registrations.length > 0);
    await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0, 5000);
    const name = 'payments-api-2-14.runbook.yaml';
    await client.open(uri(name), await fs.readFile(file(name), 'utf8'));
    const started = Date.now();
    const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri: uri(name) }, position: { line: 0, character: 2 } }, 5000);
    assert.ok(hover, 'hover answered');
    assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);
  });

  it('answers a request before initialize with an error at once', async () => {
    client = await LspTestClient.start({ initialize: false });
    const started = Date.now();
    await assert.rejects(
      client.request('textDocument/hover', { textDocument: { uri: uri('payments-api-2-14.runbook.yaml') }, position: { line: 0, character: 0 } }, 5000),
      (error: { code?: number; message?: string }) => error.code === -32002 && /not initialized/.test(String(error.message)),
    );
    await assert.rejects(client.request('runbook/calendar', {}, 5000), (error: { code?: number }) => error.code === -32002);
    assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);
  });
});
