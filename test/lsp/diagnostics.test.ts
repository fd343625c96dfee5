// Diagnostics through the real server over stdio, as the Problems view sees them: every file of
// the workspace (open or not), re-checked while typing, across files, after changes on disk,
// with the user's severity settings, and never left stale after a fix.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { copyWorkspace, LspTestClient, uriOf } from './lsp-client';

const codes = (d: Diagnostic[]) => d.map((x) => x.code);
const message = (d: Diagnostic | undefined) => String(d?.message ?? '');
const has = (code: string) => (d: Diagnostic[]) => codes(d).includes(code);
const lacks = (code: string) => (d: Diagnostic[]) => !codes(d).includes(code);
const FILE_CREATED = 1;
const FILE_CHANGED = 2;
const FILE_DELETED = 3;

describe('diagnostics over stdio', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => uriOf(file(name));
  const read = (name: string) => fs.readFile(file(name), 'utf8');

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
    client = await LspTestClient.start({ workspace, settings: { 'files.exclude': { '**/generated': true } } });
    await client.diagnosticsOf(uri('payments-hotfix-2-14-1.runbook.yaml'));
  });

  afterEach(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('publishes every workspace file at start, open or not, and skips node_modules and files.exclude', async () => {
    const broken = await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0);
    assert.deepEqual(new Set(codes(broken)), new Set(['RB002', 'RB004', 'RB006', 'RB007', 'RB010', 'RB011', 'RB015', 'RB016', 'RB017']));
    const hotfix = client.diagnostics.get(uri('payments-hotfix-2-14-1.runbook.yaml'))!;
    assert.deepEqual(hotfix.map((d) => [d.code, d.severity, d.source]), [['RB009', 2, 'runbook']]);
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), (d) => d.length === 0);
    await client.diagnosticsOf(uri('acme.calendar.yaml'), (d) => d.length === 0);
    assert.ok(!client.diagnostics.has(uri('node_modules/some-package/vendored.runbook.yaml')), 'node_modules is not part of the workspace');
    assert.ok(!client.diagnostics.has(uri('generated/draft.runbook.yaml')), 'files.exclude is respected');
    const rb006 = broken.find((d) => d.code === 'RB006' && message(d).includes('orders-db-migraton'))!;
    assert.deepEqual(rb006.range, { start: { line: 17, character: 4 }, end: { line: 17, character: 22 } }, 'the smallest range: the reference');
    assert.equal((rb006.data as { suggestion?: string }).suggestion, 'orders-db-migration', 'data for the quick fix');
  });

  it('re-checks while typing and drops a problem once it is fixed', async () => {
    const name = 'payments-api-2-14.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    const line = text.split('\n').indexOf('  risk: medium');
    await client.edit(uri(name), { start: { line, character: 13 }, end: { line, character: 14 } }, 'n');
    const broken = await client.diagnosticsOf(uri(name), has('RB004'));
    assert.match(message(broken.find((d) => d.code === 'RB004')), /"mediun" is not one of low, medium, high or critical; did you mean "medium"\?/);
    await client.edit(uri(name), { start: { line, character: 13 }, end: { line, character: 14 } }, 'm');
    await client.diagnosticsOf(uri(name), (d) => d.length === 0);
  });

  it('re-checks dependents that are not open when a dependency moves', async () => {
    const name = 'orders-db-migration.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    await client.change(uri(name), text.replace('duration: 2h', 'duration: 4h'));
    const payments = await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB012'));
    assert.match(message(payments.find((d) => d.code === 'RB012')), /"orders-db-migration" ends at 2026-12-02 23:00 Europe\/Berlin/);
    await client.change(uri(name), text);
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), (d) => d.length === 0);
  });

  it('re-checks depends-on everywhere when a runbook id changes', async () => {
    const name = 'orders-db-migration.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    await client.change(uri(name), text.replace('runbook: orders-db-migration', 'runbook: orders-db-0042'));
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB006'));
    await client.diagnosticsOf(uri('checkout-web-5-3.runbook.yaml'), has('RB006'));
    await client.change(uri(name), text);
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), lacks('RB006'));
    await client.diagnosticsOf(uri('checkout-web-5-3.runbook.yaml'), lacks('RB006'));
  });

  it('re-checks every runbook when the calendar changes', async () => {
    const name = 'acme.calendar.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    const freeze = ['freezes:', '  - id: board-meeting', '    title: Board meeting', '    start: 2026-12-02T18:00', '    end: 2026-12-03T01:00', '    environments: [production]'].join('\n');
    await client.change(uri(name), text.replace('freezes:', freeze));
    const payments = await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB009'));
    assert.match(message(payments[0]), /board-meeting/);
    await client.diagnosticsOf(uri('orders-db-migration.runbook.yaml'), has('RB009'));
    await client.change(uri(name), text);
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), lacks('RB009'));
    await client.diagnosticsOf(uri('orders-db-migration.runbook.yaml'), lacks('RB009'));
  });

  it('follows files created, changed and deleted on disk', async () => {
    const name = 'late-change.runbook.yaml';
    const late = ['runbook: late-change', 'title: Starts before its dependency ends', 'environment: staging', 'window:', '  start: 2026-12-02T20:00', '  duration: 30m', 'depends-on: [orders-db-migration]', 'steps:', '  - id: go', '    title: Go', ''].join('\n');
    await fs.writeFile(file(name), late);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_CREATED }] });
    await client.diagnosticsOf(uri(name), has('RB012'));
    await fs.writeFile(file(name), late.replace('20:00', '21:00'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_CHANGED }] });
    await client.diagnosticsOf(uri(name), (d) => d.length === 0);
    await fs.writeFile(file(name), late.replace('20:00', '20:30'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_CHANGED }] });
    await client.diagnosticsOf(uri(name), has('RB012'));
    await fs.rm(file(name));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_DELETED }] });
    await client.diagnosticsOf(uri(name), (d) => d.length === 0);

    // A dependency deleted on disk: the runbooks that need it say so, and stop once it is back.
    const dependency = await read('orders-db-migration.runbook.yaml');
    await fs.rm(file('orders-db-migration.runbook.yaml'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('orders-db-migration.runbook.yaml'), type: FILE_DELETED }] });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB006'));
    await fs.writeFile(file('orders-db-migration.runbook.yaml'), dependency);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('orders-db-migration.runbook.yaml'), type: FILE_CREATED }] });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), lacks('RB006'));
  });

  it('lets the open text win over disk, and goes back to disk on close', async () => {
    const name = 'payments-api-2-14.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text.replace('environment: production', 'environment: prodution'));
    await client.diagnosticsOf(uri(name), has('RB018'));
    // The file changing on disk does not override the open text.
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_CHANGED }] });
    await client.close(uri(name));
    await client.diagnosticsOf(uri(name), (d) => d.length === 0);
  });

  it('keeps an open document when its file is deleted on disk', async () => {
    const name = 'orders-db-migration.runbook.yaml';
    await client.open(uri(name), await read(name));
    await fs.rm(file(name));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(name), type: FILE_DELETED }] });
    const definition = await client.request<{ uri: string }[]>('textDocument/definition', {
      textDocument: { uri: uri('payments-api-2-14.runbook.yaml') },
      position: { line: 20, character: 8 },
    });
    assert.equal(definition[0].uri, uri(name), 'depends-on still finds the open runbook');
    assert.deepEqual(codes(client.diagnostics.get(uri('payments-api-2-14.runbook.yaml')) ?? []), []);
  });

  it('tells the calendar view with runbook/indexChanged', async () => {
    const name = 'payments-api-2-14.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    const before = client.notifications.filter((n) => n.method === 'runbook/indexChanged').length;
    await client.change(uri(name), text.replace('22:00', '22:30'));
    await client.waitFor('runbook/indexChanged', () => client.notifications.filter((n) => n.method === 'runbook/indexChanged').length > before);
    const last = client.notifications.filter((n) => n.method === 'runbook/indexChanged').pop()!;
    assert.equal(typeof (last.params as { version: number }).version, 'number');
  });
});

describe('diagnostics settings and clients', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspTestClient | undefined;

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('takes rule severities from initializationOptions, then from releaseRunbooks.rules', async () => {
    client = await LspTestClient.start({ workspace, initializationOptions: { debounceMs: 0, rules: { RB009: 'off', RB016: 'error' } } });
    const hotfix = uriOf(path.join(workspace, 'payments-hotfix-2-14-1.runbook.yaml'));
    const broken = uriOf(path.join(workspace, 'broken', 'search-indexer.runbook.yaml'));
    await client.diagnosticsOf(broken, (d) => d.some((x) => x.code === 'RB016' && x.severity === 1));
    await client.diagnosticsOf(hotfix, (d) => d.length === 0);
    client.settings.releaseRunbooks = { rules: { RB009: 'information', RB016: 'off' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsOf(hotfix, (d) => d.length === 1 && d[0].code === 'RB009' && d[0].severity === 3);
    await client.diagnosticsOf(broken, lacks('RB016'));
  });

  it('works with a client that has no folders, no configuration and no file watching', async () => {
    client = await LspTestClient.start({ capabilities: {}, initializationOptions: { debounceMs: 0 } });
    const doc = uriOf(path.join(workspace, 'solo.runbook.yaml'));
    await client.open(doc, 'runbook: solo\ntitle: Alone\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  end: 2026-12-01T09:00\nsteps:\n  - id: a\n');
    await client.diagnosticsOf(doc, has('RB007'));
    await client.change(doc, 'runbook: solo\ntitle: Alone\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  end: 2026-12-01T11:00\nsteps:\n  - id: a\n');
    await client.diagnosticsOf(doc, (d) => d.length === 0);
    // An untitled document is a runbook by its language id.
    await client.open('untitled:Untitled-1', 'runbook: draft\ntitle: Draft\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  duration: 1h\nstepz: []\n', 'runbook');
    await client.diagnosticsOf('untitled:Untitled-1', (d) => codes(d).includes('RB002') && codes(d).includes('RB003'));
    await client.close('untitled:Untitled-1');
    await client.diagnosticsOf('untitled:Untitled-1', (d) => d.length === 0);
    // Settings pushed with the notification, as clients without workspace/configuration do.
    await client.notify('workspace/didChangeConfiguration', { settings: { releaseRunbooks: { rules: { RB007: 'warning' } } } });
    // Unsolicited watched-file events are handled too.
    const other = path.join(workspace, 'payments-api-2-14.runbook.yaml');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(other), type: FILE_CREATED }] });
    await client.diagnosticsOf(uriOf(other), has('RB006'));
  });

  it('answers at the default debounce after a burst of edits with the final text only', async () => {
    client = await LspTestClient.start({ workspace, initializationOptions: {} });
    const name = path.join(workspace, 'payments-api-2-14.runbook.yaml');
    const text = await fs.readFile(name, 'utf8');
    await client.open(uriOf(name), text);
    await client.diagnosticsOf(uriOf(name), (d) => d.length === 0);
    const line = text.split('\n').indexOf('  risk: medium');
    for (const ch of ['x', 'y', 'z']) await client.edit(uriOf(name), { start: { line, character: 8 }, end: { line, character: 8 } }, ch);
    const d = await client.diagnosticsOf(uriOf(name), has('RB004'));
    assert.match(message(d.find((x) => x.code === 'RB004')), /"zyxmedium"/);
  });
});
