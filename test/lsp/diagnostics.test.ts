// Diagnostics through the real server over stdio, as the Problems view sees them: every file of
// the workspace (open or not), re-checked while typing, across files, after changes on disk,
// with the user's severity settings, and never left stale after a fix.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { copyWorkspace, LspClient, uriOf } from '../helpers/lsp-client';

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
  let client: LspClient;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => uriOf(file(name));
  const read = (name: string) => fs.readFile(file(name), 'utf8');

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
    client = await LspClient.start({ workspace, settings: { 'files.exclude': { '**/generated': true } } });
    await client.diagnosticsOf(uri('payments-hotfix-2-14-1.runbook.yaml'));
  });

  afterEach(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('publishes every workspace file at start, open or not, and skips node_modules and files.exclude', async () => {
    const broken = await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0);
    assert.deepEqual(
      new Set(codes(broken)),
      new Set(['RB002', 'RB004', 'RB006', 'RB007', 'RB010', 'RB011', 'RB015', 'RB016', 'RB017']),
    );
    const hotfix = client.diagnostics.get(uri('payments-hotfix-2-14-1.runbook.yaml'))!;
    assert.deepEqual(
      hotfix.map((d) => [d.code, d.severity, d.source]),
      [['RB009', 2, 'runbook']],
    );
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), (d) => d.length === 0);
    await client.diagnosticsOf(uri('acme.calendar.yaml'), (d) => d.length === 0);
    assert.ok(
      !client.diagnostics.has(uri('node_modules/some-package/vendored.runbook.yaml')),
      'node_modules is not part of the workspace',
    );
    assert.ok(!client.diagnostics.has(uri('generated/draft.runbook.yaml')), 'files.exclude is respected');
    const rb006 = broken.find((d) => d.code === 'RB006' && message(d).includes('orders-db-migraton'))!;
    assert.deepEqual(
      rb006.range,
      { start: { line: 17, character: 4 }, end: { line: 17, character: 22 } },
      'the smallest range: the reference',
    );
    assert.equal((rb006.data as { suggestion?: string }).suggestion, 'orders-db-migration', 'data for the quick fix');
  });

  it('re-checks while typing and drops a problem once it is fixed', async () => {
    const name = 'payments-api-2-14.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    const line = text.split('\n').indexOf('  risk: medium');
    await client.edit(uri(name), { start: { line, character: 13 }, end: { line, character: 14 } }, 'n');
    const broken = await client.diagnosticsOf(uri(name), has('RB004'));
    assert.match(
      message(broken.find((d) => d.code === 'RB004')),
      /"mediun" is not one of low, medium, high or critical; did you mean "medium"\?/,
    );
    await client.edit(uri(name), { start: { line, character: 13 }, end: { line, character: 14 } }, 'm');
    await client.diagnosticsOf(uri(name), (d) => d.length === 0);
  });

  it('re-checks dependents that are not open when a dependency moves', async () => {
    const name = 'orders-db-migration.runbook.yaml';
    const text = await read(name);
    await client.open(uri(name), text);
    await client.change(uri(name), text.replace('duration: 2h', 'duration: 4h'));
    const payments = await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB012'));
    assert.match(
      message(payments.find((d) => d.code === 'RB012')),
      /"orders-db-migration" ends at 2026-12-02 23:00 Europe\/Berlin/,
    );
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
    const freeze = [
      'freezes:',
      '  - id: board-meeting',
      '    title: Board meeting',
      '    start: 2026-12-02T18:00',
      '    end: 2026-12-03T01:00',
      '    environments: [production]',
    ].join('\n');
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
    const late = [
      'runbook: late-change',
      'title: Starts before its dependency ends',
      'environment: staging',
      'window:',
      '  start: 2026-12-02T20:00',
      '  duration: 30m',
      'depends-on: [orders-db-migration]',
      'steps:',
      '  - id: go',
      '    title: Go',
      '',
    ].join('\n');
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
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('orders-db-migration.runbook.yaml'), type: FILE_DELETED }],
    });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB006'));
    await fs.writeFile(file('orders-db-migration.runbook.yaml'), dependency);
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri('orders-db-migration.runbook.yaml'), type: FILE_CREATED }],
    });
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
    await client.waitFor(
      'runbook/indexChanged',
      () => client.notifications.filter((n) => n.method === 'runbook/indexChanged').length > before,
    );
    const last = client.notifications.filter((n) => n.method === 'runbook/indexChanged').pop()!;
    assert.equal(typeof (last.params as { version: number }).version, 'number');
  });
});

describe('diagnostics settings and clients', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspClient | undefined;

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('takes rule severities from initializationOptions, then from releaseRunbooks.rules', async () => {
    client = await LspClient.start({
      workspace,
      initializationOptions: { debounceMs: 0, rules: { RB009: 'off', RB016: 'error' } },
    });
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
    client = await LspClient.start({ capabilities: {}, initializationOptions: { debounceMs: 0 } });
    const doc = uriOf(path.join(workspace, 'solo.runbook.yaml'));
    await client.open(
      doc,
      'runbook: solo\ntitle: Alone\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  end: 2026-12-01T09:00\nsteps:\n  - id: a\n',
    );
    await client.diagnosticsOf(doc, has('RB007'));
    await client.change(
      doc,
      'runbook: solo\ntitle: Alone\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  end: 2026-12-01T11:00\nsteps:\n  - id: a\n',
    );
    await client.diagnosticsOf(doc, (d) => d.length === 0);
    // An untitled document is a runbook by its language id.
    await client.open(
      'untitled:Untitled-1',
      'runbook: draft\ntitle: Draft\nenvironment: staging\nwindow:\n  start: 2026-12-01T10:00\n  duration: 1h\nstepz: []\n',
      'runbook',
    );
    await client.diagnosticsOf('untitled:Untitled-1', (d) => codes(d).includes('RB002') && codes(d).includes('RB003'));
    await client.close('untitled:Untitled-1');
    await client.diagnosticsOf('untitled:Untitled-1', (d) => d.length === 0);
    // Settings pushed with the notification, as clients without workspace/configuration do.
    await client.notify('workspace/didChangeConfiguration', {
      settings: { releaseRunbooks: { rules: { RB007: 'warning' } } },
    });
    // Unsolicited watched-file events are handled too. (Without a folder, the workspace is the
    // folder of the calendar above solo.runbook.yaml: the dependency is known.)
    const other = path.join(workspace, 'payments-api-2-14.runbook.yaml');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(other), type: FILE_CREATED }] });
    await client.diagnosticsOf(uriOf(other), lacks('RB006'));
  });

  it('answers at the default debounce after a burst of edits with the final text only', async () => {
    client = await LspClient.start({ workspace, initializationOptions: {} });
    const name = path.join(workspace, 'payments-api-2-14.runbook.yaml');
    const text = await fs.readFile(name, 'utf8');
    await client.open(uriOf(name), text);
    await client.diagnosticsOf(uriOf(name), (d) => d.length === 0);
    const line = text.split('\n').indexOf('  risk: medium');
    for (const ch of ['x', 'y', 'z'])
      await client.edit(uriOf(name), { start: { line, character: 8 }, end: { line, character: 8 } }, ch);
    const d = await client.diagnosticsOf(uriOf(name), has('RB004'));
    assert.match(message(d.find((x) => x.code === 'RB004')), /"zyxmedium"/);
  });
});

describe('files.exclude changed after start', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspClient;
  const EXCLUDE_LOG = /files\.exclude changed/;
  const file = (name: string) => path.join(workspace, name);
  const uri = (name: string) => uriOf(file(name));
  const read = (name: string) => fs.readFile(file(name), 'utf8');
  const publishesSince = (mark: number) => client.publishes.slice(mark);
  const excludeLogs = () => client.logs.filter((line) => EXCLUDE_LOG.test(line)).length;
  const indexChanges = () => client.notifications.filter((n) => n.method === 'runbook/indexChanged').length;
  /** Answers workspace/configuration with this files.exclude from now on, and says the settings changed. */
  const setExclude = async (exclude: Record<string, boolean>) => {
    client.settings['files.exclude'] = exclude;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
  };
  /** Waits for an empty publishDiagnostics of the file after `mark`. */
  const cleared = (name: string, mark: number) =>
    client.waitFor(`diagnostics of ${name} cleared`, () =>
      publishesSince(mark).some((p) => p.uri === uri(name) && p.diagnostics.length === 0),
    );

  beforeEach(async () => {
    workspace = await copyWorkspace('workspace');
    // A copy of a runbook under archive/: the same id twice (RB005) until archive/ is excluded.
    await fs.mkdir(file('archive'));
    await fs.writeFile(
      file('archive/payments-api-2-14-old.runbook.yaml'),
      await read('payments-api-2-14.runbook.yaml'),
    );
    client = await LspClient.start({ workspace, settings: { 'files.exclude': { '**/generated': true } } });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB005'));
    await client.diagnosticsOf(uri('broken/search-indexer.runbook.yaml'), (d) => d.length > 0);
    await client.diagnosticsOf(uri('payments-hotfix-2-14-1.runbook.yaml'), has('RB009'));
    await client.waitFor('the first diagnostics run to end', () => indexChanges() > 0);
  });

  afterEach(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('asks the editor to tell it of files.exclude changes', () => {
    const registration = client.registrations.find(
      (r) => (r as { method: string }).method === 'workspace/didChangeConfiguration',
    ) as { registerOptions?: { section?: string | string[] } } | undefined;
    assert.ok(registration, 'didChangeConfiguration is registered');
    assert.ok(
      [registration.registerOptions?.section ?? []].flat().includes('files.exclude'),
      JSON.stringify(registration),
    );
  });

  it('drops newly excluded files: their diagnostics are cleared and other files stop counting them', async () => {
    const mark = client.publishes.length;
    await setExclude({ '**/generated': true, archive: true, broken: true, 'orders-db-migration.runbook.yaml': true });
    await cleared('archive/payments-api-2-14-old.runbook.yaml', mark);
    await cleared('broken/search-indexer.runbook.yaml', mark);
    await cleared('orders-db-migration.runbook.yaml', mark);
    // The duplicate id is gone; the dependency is gone too, so depends-on now says so.
    const payments = await client.diagnosticsOf(
      uri('payments-api-2-14.runbook.yaml'),
      (d) => lacks('RB005')(d) && has('RB006')(d),
    );
    assert.match(message(payments.find((d) => d.code === 'RB006')), /orders-db-migration/);
    await client.diagnosticsOf(uri('checkout-web-5-3.runbook.yaml'), has('RB006'));
    // Features no longer see the excluded runbook either.
    const definition = await client.request<unknown[] | null>('textDocument/definition', {
      textDocument: { uri: uri('payments-api-2-14.runbook.yaml') },
      position: { line: 20, character: 8 },
    });
    assert.deepEqual(definition ?? [], []);
    // Files still in the workspace keep what they had.
    assert.deepEqual(codes(client.diagnostics.get(uri('payments-hotfix-2-14-1.runbook.yaml'))!), ['RB009']);
  });

  it('reads newly included files and checks them, and the other files against them', async () => {
    await setExclude({});
    const draft = await client.diagnosticsOf(uri('generated/draft.runbook.yaml'), (d) => d.length > 0);
    assert.ok(codes(draft).includes('RB003'), JSON.stringify(codes(draft)));

    // Back and forth: excluded again, then included again.
    let mark = client.publishes.length;
    await setExclude({ '**/generated': true, 'orders-db-migration.runbook.yaml': true });
    await cleared('generated/draft.runbook.yaml', mark);
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), has('RB006'));
    mark = client.publishes.length;
    await setExclude({ '**/generated': true });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), lacks('RB006'));
    await client.diagnosticsOf(uri('checkout-web-5-3.runbook.yaml'), lacks('RB006'));
    await client.waitFor('orders-db-migration published again', () =>
      publishesSince(mark).some((p) => p.uri === uri('orders-db-migration.runbook.yaml')),
    );
  });

  it('keeps an open document in a newly excluded folder as it is, until it is closed', async () => {
    const name = 'broken/search-indexer.runbook.yaml';
    await client.open(uri(name), await read(name));
    const before = await client.diagnosticsOf(uri(name), (d) => d.length > 0);
    const mark = client.publishes.length;
    // payments-hotfix is excluded too: its cleared diagnostics show the change was handled.
    await setExclude({ '**/generated': true, broken: true, 'payments-hotfix-2-14-1.runbook.yaml': true });
    await cleared('payments-hotfix-2-14-1.runbook.yaml', mark);
    await client.waitFor('the re-read to end', () => excludeLogs() > 0);
    assert.ok(
      !publishesSince(mark).some((p) => p.uri === uri(name) && p.diagnostics.length === 0),
      'the open document keeps its diagnostics',
    );
    assert.deepEqual(client.diagnostics.get(uri(name)), before);
    // Closed, it is an excluded file like any other.
    const closing = client.publishes.length;
    await client.close(uri(name));
    await cleared(name, closing);
  });

  it('does nothing when the same files.exclude comes again', async () => {
    const firstChange = indexChanges();
    await setExclude({ '**/generated': true, archive: true });
    await client.diagnosticsOf(uri('payments-api-2-14.runbook.yaml'), lacks('RB005'));
    // runbook/indexChanged ends a diagnostics run: every publish of that run has arrived.
    await client.waitFor('the diagnostics run to end', () => indexChanges() > firstChange);
    assert.equal(excludeLogs(), 1);
    const mark = client.publishes.length;
    const indexMark = indexChanges();
    // The same setting, once as it was and once with its keys in another order.
    await setExclude({ '**/generated': true, archive: true });
    await setExclude({ archive: true, '**/generated': true });
    // A real change after them: when it is handled, anything the two above caused has happened.
    await setExclude({ archive: true });
    await client.diagnosticsOf(uri('generated/draft.runbook.yaml'), (d) => d.length > 0);
    await client.waitFor('the last diagnostics run to end', () => indexChanges() > indexMark);
    assert.deepEqual(
      publishesSince(mark).map((p) => p.uri),
      [uri('generated/draft.runbook.yaml')],
      'only the file the last change included was published',
    );
    assert.equal(excludeLogs(), 2, 'the same setting did not re-read the workspace');
    assert.equal(indexChanges(), indexMark + 1, 'one index change: the last one');
  });
});
