// Editors other than VS Code, as their built-in clients behave: some never answer a
// registration, send requests early, declare no snippet or Markdown support, cannot watch files,
// cannot run VS Code's commands, or open a file without a workspace folder.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { copyWorkspace, EDITOR_CAPABILITIES, LspClient, uriOf } from '../helpers/lsp-client';

/** What Neovim 0.7 and Emacs eglot declare, in the parts that matter here. */
const PLAIN_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    didChangeWatchedFiles: { dynamicRegistration: false },
  },
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
  let client: LspClient | undefined;
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
    client = await LspClient.start({ workspace, answerRegistrations: false });
    await client.waitFor('a registration request', () => client!.registrations.length > 0);
    await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0, 5000);
    const name = 'payments-api-2-14.runbook.yaml';
    await client.open(uri(name), await fs.readFile(file(name), 'utf8'));
    const hover = await client.request<{ contents: unknown } | null>(
      'textDocument/hover',
      { textDocument: { uri: uri(name) }, position: { line: 0, character: 2 } },
      5000,
    );
    // Answered within the request's deadline, while the registration stays unanswered.
    assert.ok(hover, 'hover answered');
  });

  it('answers a request before initialize with an error at once', async () => {
    client = await LspClient.start({ initialize: false });
    await assert.rejects(
      client.request(
        'textDocument/hover',
        { textDocument: { uri: uri('payments-api-2-14.runbook.yaml') }, position: { line: 0, character: 0 } },
        5000,
      ),
      (error: { code?: number; message?: string }) =>
        error.code === -32002 && /not initialized/.test(String(error.message)),
    );
    await assert.rejects(
      client.request('runbook/calendar', {}, 5000),
      (error: { code?: number }) => error.code === -32002,
    );
  });

  describe('a client without snippets, Markdown or file watching (Neovim, eglot)', () => {
    beforeEach(async () => {
      client = await LspClient.start({
        workspace,
        capabilities: PLAIN_CAPABILITIES,
        clientInfo: { name: 'Neovim', version: '0.7.2' },
      });
      await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0);
    });

    it('completes keys and whole entries as plain text: no tab stops, no NUL, entries on their own lines', async () => {
      const name = 'payments-api-2-14.runbook.yaml';
      const text = await fs.readFile(file(name), 'utf8');
      const lines = text.split('\n');
      const stepsLine = lines.indexOf('steps:');
      const edited = [...lines.slice(0, stepsLine + 1), '  - ', ...lines.slice(stepsLine + 1)].join('\n');
      await client!.open(uri(name), edited);
      type Item = {
        label: string;
        insertTextFormat?: number;
        textEdit?: { newText: string };
        insertText?: string;
        documentation?: { kind: string; value: string } | string;
        command?: unknown;
      };
      const entry = await client!.request<{ items: Item[] }>('textDocument/completion', {
        textDocument: { uri: uri(name) },
        position: { line: stepsLine + 1, character: 4 },
      });
      const keysUri = uri('team/keys.runbook.yaml');
      await client!.open(keysUri, 'runbook: keys\n\n');
      const keys = await client!.request<{ items: Item[] }>('textDocument/completion', {
        textDocument: { uri: keysUri },
        position: { line: 1, character: 0 },
      });
      const all = [...entry.items, ...keys.items];
      assert.ok(entry.items.length > 0 && keys.items.length > 0);
      for (const item of all) {
        const inserted = item.textEdit?.newText ?? item.insertText ?? item.label;
        assert.notEqual(item.insertTextFormat, 2, `${item.label} is not a snippet`);
        assert.doesNotMatch(inserted, /\$\{?\d|\u0000/, `${item.label}: ${JSON.stringify(inserted)}`);
        assert.equal(item.command, undefined, 'no VS Code command attached');
        if (item.documentation && typeof item.documentation === 'object')
          assert.equal(item.documentation.kind, 'plaintext', item.label);
      }
      const step = entry.items.find((i) => i.label === 'step with rollback')!;
      assert.equal(
        step.textEdit!.newText,
        'id: step-id\n    title: What this step does\n    run: ./scripts/deploy.sh\n    timeout: 15m\n    rollback: rollback-step-id',
      );
      const byLabel = (label: string) => keys.items.find((i) => i.label === label)?.textEdit?.newText;
      assert.deepEqual(
        [byLabel('window'), byLabel('steps'), byLabel('title'), byLabel('depends-on')],
        ['window:', 'steps:', 'title: ', 'depends-on:'],
        'a key is one line',
      );
    });

    it('answers hover in plain text', async () => {
      const name = 'payments-api-2-14.runbook.yaml';
      const text = await fs.readFile(file(name), 'utf8');
      await client!.open(uri(name), text);
      const line = text.split('\n').findIndex((l) => l.startsWith('steps:'));
      const hover = await client!.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
        textDocument: { uri: uri(name) },
        position: { line, character: 1 },
      });
      assert.equal(hover.contents.kind, 'plaintext');
      assert.match(hover.contents.value, /steps/);
      assert.doesNotMatch(hover.contents.value, /```|\*\*/);
    });

    it('sees files created, changed and deleted on disk without file events from the client', async () => {
      const created = file('team/new-service.runbook.yaml');
      await fs.mkdir(path.dirname(created), { recursive: true });
      await fs.writeFile(
        created,
        (await fs.readFile(file('payments-api-2-14.runbook.yaml'), 'utf8'))
          .replace('runbook: payments-api-2-14', 'runbook: new-service')
          .replace('  - orders-db-migration', '  - no-such-runbook'),
      );
      const found = await client!.diagnosticsOf(uri('team/new-service.runbook.yaml'), (d) =>
        d.some((x) => x.code === 'RB006'),
      );
      assert.ok(found.length > 0);
      await fs.writeFile(
        created,
        (await fs.readFile(created, 'utf8')).replace('  - no-such-runbook', '  - orders-db-migration'),
      );
      await client!.diagnosticsOf(uri('team/new-service.runbook.yaml'), (d) => !d.some((x) => x.code === 'RB006'));
      // Deleting the runbook another depends on: the dependent learns it is gone.
      await fs.rm(file('orders-db-migration.runbook.yaml'));
      await client!.diagnosticsOf(uri('checkout-web-5-3.runbook.yaml'), (d) => d.some((x) => x.code === 'RB006'));
      // A whole folder deleted: its files leave the workspace.
      await fs.rm(path.dirname(created), { recursive: true });
      await client!.diagnosticsOf(uri('team/new-service.runbook.yaml'), (d) => d.length === 0);
      assert.equal(client!.registrations.length, 0, 'nothing was registered with the client');
    });

    it('offers code lenses that say what they know and run nothing of VS Code', async () => {
      const name = 'payments-api-2-14.runbook.yaml';
      await client!.open(uri(name), await fs.readFile(file(name), 'utf8'));
      const lenses = await client!.request<{ command: { title: string; command: string } }[]>('textDocument/codeLens', {
        textDocument: { uri: uri(name) },
      });
      assert.ok(
        lenses.some((l) => /\(2h\)/.test(l.command.title)),
        'the window lens is there',
      );
      for (const lens of lenses) assert.equal(lens.command.command, '', `${lens.command.title} runs nothing`);
      assert.ok(!lenses.some((l) => /change request/.test(l.command.title)), 'no submit or preview lens');
    });
  });

  it('without a workspace folder, reads the folder of the nearest calendar above the first file opened', async () => {
    client = await LspClient.start({ capabilities: PLAIN_CAPABILITIES });
    const name = 'payments-api-2-14.runbook.yaml';
    await client.open(uri(name), await fs.readFile(file(name), 'utf8'));
    const diagnostics = await client.diagnosticsOf(uri(name));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
      'depends-on finds orders-db-migration',
    );
    await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0);
    assert.ok(
      client.logs.some((l) => l.includes(`using ${workspace}`)),
      client.logs.join('\n'),
    );
    const definition = await client.request<{ uri: string }[]>('textDocument/definition', {
      textDocument: { uri: uri(name) },
      position: { line: 20, character: 6 },
    });
    assert.equal(definition[0]?.uri, uri('orders-db-migration.runbook.yaml'));
  });

  it('keeps VS Code its snippets, Markdown and commands', async () => {
    client = await LspClient.start({
      workspace,
      capabilities: EDITOR_CAPABILITIES,
      clientInfo: { name: 'Visual Studio Code' },
    });
    const name = 'payments-api-2-14.runbook.yaml';
    const text = await fs.readFile(file(name), 'utf8');
    await client.open(uri(name), text);
    const line = text.split('\n').findIndex((l) => l.startsWith('steps:'));
    const hover = await client.request<{ contents: { kind: string } }>('textDocument/hover', {
      textDocument: { uri: uri(name) },
      position: { line, character: 1 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    const lenses = await client.request<{ command: { command: string } }[]>('textDocument/codeLens', {
      textDocument: { uri: uri(name) },
    });
    assert.ok(lenses.some((l) => l.command.command === 'releaseRunbooks.submitChangeRequest'));
  });
});
