// Calendar sources in the editor: the server reads the repositories the workspace's calendar names
// (through the GitHub stand-in, every request checked against GitHub's OpenAPI description) and
// indexes their runbooks read-only. A clash with another team's runbook shows on the coordinator's
// own runbook; the other team's files get no diagnostics of their own; without GitHub the cached
// copy is used and the calendar says how old it is and what is missing.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Location } from 'vscode-languageserver-protocol';
import type { CalendarResult, CalendarSources } from '../../server/core/calendar/calendar-types';
import {
  GITHUB_TOKEN_NOTIFICATION,
  REFRESH_SOURCES_REQUEST,
  SOURCE_TEXT_REQUEST,
  SourceTextResult,
} from '../../protocol/requests';
import { LOCAL, MIGRATION as MIGRATION_AT, PAYMENTS, SOURCES_CALENDAR as CALENDAR } from '../fixtures/calendar-sources';
import { READ_TOKEN, useStandIn } from '../unit/github/stand-in-fixture';

const MIGRATION = MIGRATION_AT('2026-12-08T08:00');
import { LspClient } from '../helpers/lsp-client';

const RANGE = { from: '2026-12-07T00:00:00+01:00', to: '2026-12-14T00:00:00+01:00' };

describe('calendar sources in the editor', function () {
  this.timeout(60_000);
  const s = useStandIn();
  let dir: string;
  let cache: string;
  let client: LspClient | undefined;
  let localUri: string;

  before(() => {
    for (const repo of ['acme/payments', 'acme/platform']) s.get().addRepository(repo);
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lsp-sources-'));
    cache = path.join(dir, 'global-storage', 'sources');
    mkdirSync(path.join(dir, 'ws'));
    writeFileSync(path.join(dir, 'ws', 'coordinator.calendar.yaml'), CALENDAR);
    writeFileSync(path.join(dir, 'ws', 'checkout.runbook.yaml'), LOCAL);
    localUri = pathToFileURL(path.join(dir, 'ws', 'checkout.runbook.yaml')).href;
    s.get().git.seedFiles('acme/payments', { 'deploy/payments.runbook.yaml': PAYMENTS, 'README.md': '# payments' });
    s.get().git.seedFiles('acme/platform', { 'runbooks/orders-migration.runbook.yaml': MIGRATION });
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (signIn: boolean) => {
    client = await LspClient.start({
      workspace: path.join(dir, 'ws'),
      initializationOptions: { debounceMs: 0, sourcesCacheDir: cache, githubApiUrl: s.get().url },
    });
    if (signIn) await client.notify(GITHUB_TOKEN_NOTIFICATION, { apiUrl: s.get().url, token: READ_TOKEN });
    return client;
  };
  const hasCode = (code: string, text?: RegExp) => (d: Diagnostic[]) =>
    d.some((x) => x.code === code && (!text || text.test(String(x.message))));
  const sourceUriOf = (repoPath: string) => `runbook-source:${s.get().url.replace(/^https?:/, '')}/${repoPath}`;

  it('shows a clash with another repository on the local runbook, and nothing of the source files themselves', async () => {
    const c = await start(true);
    const local = await c.diagnosticsOf(localUri, hasCode('RB014', /payments-2-15/));
    assert.ok(!local.some((d) => d.code === 'RB006'), 'orders-migration is known from acme/platform');
    const paymentsUri = sourceUriOf('acme/payments/blob/HEAD/deploy/payments.runbook.yaml');

    // The payments runbook clashes too (RB014 is symmetric), yet nothing is published for it.
    const calendar = await c.request<CalendarResult>('runbook/calendar', RANGE);
    const payments = calendar.events.find((e) => e.runbook === 'payments-2-15');
    assert.equal(payments?.uri, paymentsUri);
    assert.ok(
      payments?.conflicts.some((x) => x.code === 'RB014'),
      'the calendar shows the clash on both',
    );
    assert.deepEqual(
      c.publishes.filter((p) => p.uri.startsWith('runbook-source:')).map((p) => p.uri),
      [],
      'no diagnostics for files read from sources',
    );

    // The read-only document's text, and go to definition into it.
    const text = await c.request<SourceTextResult>(SOURCE_TEXT_REQUEST, { uri: paymentsUri });
    assert.equal(text.text, PAYMENTS);
    assert.equal(text.display, 'acme/payments@HEAD:deploy/payments.runbook.yaml');
    await c.open(localUri, LOCAL);
    const line = LOCAL.split('\n').findIndex((l) => l.startsWith('depends-on'));
    const definition = await c.request<Location | Location[]>('textDocument/definition', {
      textDocument: { uri: localUri },
      position: { line, character: 'depends-on: [orders'.length },
    });
    const target = Array.isArray(definition) ? definition[0] : definition;
    assert.equal(target?.uri, sourceUriOf('acme/platform/blob/main/runbooks/orders-migration.runbook.yaml'));

    // What the calendar says about each source.
    const sources = calendar.sources!;
    const gone = sources.sources.find((x) => x.repository === 'acme/gone');
    assert.equal(gone?.state, 'missing');
    assert.match(gone?.message ?? '', /GitHub has no acme\/gone that this token can read .*its runbooks are missing/);
    assert.equal(sources.sources.find((x) => x.repository === 'acme/payments')?.state, 'fresh');
  });

  it('refreshes with conditional requests only, and picks up a change', async () => {
    const c = await start(true);
    await c.diagnosticsOf(localUri, hasCode('RB014'));
    s.get().requests.length = 0;
    let status = await c.request<CalendarSources>(REFRESH_SOURCES_REQUEST, {});
    assert.deepEqual(
      s
        .get()
        .requestsFor('git/get-tree')
        .map((r) => r.status)
        .sort(),
      [304, 304, 404],
    );
    assert.equal(s.get().requestsFor('git/get-blob').length, 0);
    assert.equal(status.sources.find((x) => x.repository === 'acme/platform')?.state, 'unchanged');

    // The migration moves after the checkout release: RB012 on the local runbook now.
    s.get().git.updateFiles('acme/platform', {
      'runbooks/orders-migration.runbook.yaml': MIGRATION.replace('T08:00', 'T12:00'),
    });
    status = await c.request<CalendarSources>(REFRESH_SOURCES_REQUEST, {});
    assert.equal(status.sources.find((x) => x.repository === 'acme/platform')?.state, 'fresh');
    await c.diagnosticsOf(localUri, hasCode('RB012', /orders-migration/));
    // Deleted upstream: the dependency is unknown again.
    s.get().git.updateFiles('acme/platform', { 'runbooks/orders-migration.runbook.yaml': null });
    await c.request(REFRESH_SOURCES_REQUEST, {});
    await c.diagnosticsOf(localUri, hasCode('RB006', /orders-migration/));
  });

  it('without GitHub uses the cached copy and says how old it is and what is missing', async () => {
    let c = await start(true);
    await c.diagnosticsOf(localUri, hasCode('RB014'));
    await c.stop();
    // The copy was read three hours ago.
    for (const name of readdirSync(cache).filter((n) => n.endsWith('.json'))) {
      const file = path.join(cache, name);
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { fetchedAt: number };
      writeFileSync(file, JSON.stringify({ ...entry, fetchedAt: entry.fetchedAt - 3 * 3600_000 }));
    }
    s.get().requests.length = 0;

    // No sign-in (the client never sent a token): the cache only, nothing sent to GitHub.
    c = await start(false);
    client = c;
    await c.diagnosticsOf(localUri, hasCode('RB014', /payments-2-15/));
    const calendar = await c.request<CalendarResult>('runbook/calendar', RANGE);
    const payments = calendar.sources?.sources.find((x) => x.repository === 'acme/payments');
    assert.equal(payments?.state, 'cached');
    assert.match(payments?.message ?? '', /^acme\/payments: offline; using the copy read 3 hours ago/);
    assert.match(
      calendar.sources?.sources.find((x) => x.repository === 'acme/gone')?.message ?? '',
      /offline; it was never read before, so its runbooks are missing/,
    );
    assert.equal(s.get().requests.length, 0, 'offline sends nothing');

    // Signed in but GitHub fails: still the cached copy, and why.
    // Two reads (the sign-in, then the refresh), three repositories, each asked twice.
    s.get().inject({ operationId: 'git/get-tree', times: 12, fault: { kind: 'status', status: 502 } });
    await c.notify(GITHUB_TOKEN_NOTIFICATION, { apiUrl: s.get().url, token: READ_TOKEN });
    const status = await c.request<CalendarSources>(REFRESH_SOURCES_REQUEST, {});
    assert.match(
      status.sources.find((x) => x.repository === 'acme/payments')?.message ?? '',
      /GitHub answered 502; using the copy read 3 hours ago/,
    );
    assert.ok((await c.diagnosticsOf(localUri)).some((d) => d.code === 'RB014'));
  });

  it('refuses to send the token over plain http to another host', async () => {
    const c = await start(false);
    await c.notify(GITHUB_TOKEN_NOTIFICATION, { apiUrl: 'http://github.example.invalid/api/v3', token: READ_TOKEN });
    await c.waitFor('a warning about the API URL', () =>
      c.logs.some((l) => /calendar sources are read from the cache only: .*unencrypted/.test(l)),
    );
  });
});

describe('multi-root workspaces', function () {
  this.timeout(30_000);
  let dir: string;
  let client: LspClient | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lsp-roots-'));
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes each root the same way: a clash and a dependency across roots, the calendar of both', async () => {
    const checkout = path.join(dir, 'checkout');
    const payments = path.join(dir, 'payments');
    mkdirSync(checkout);
    mkdirSync(payments);
    writeFileSync(
      path.join(checkout, 'coordinator.calendar.yaml'),
      'calendar: coordinator\ntimezone: Europe/Berlin\nenvironments:\n  - name: staging\n',
    );
    writeFileSync(path.join(checkout, 'checkout.runbook.yaml'), LOCAL);
    writeFileSync(path.join(payments, 'payments.runbook.yaml'), PAYMENTS);
    writeFileSync(path.join(payments, 'orders-migration.runbook.yaml'), MIGRATION);
    client = await LspClient.start({ workspaces: [checkout, payments] });
    const local = await client.diagnosticsOf(pathToFileURL(path.join(checkout, 'checkout.runbook.yaml')).href, (d) =>
      d.some((x) => x.code === 'RB014' && /payments-2-15/.test(String(x.message))),
    );
    assert.ok(!local.some((d) => d.code === 'RB006'), 'the dependency in the other root is known');
    await client.diagnosticsOf(pathToFileURL(path.join(payments, 'payments.runbook.yaml')).href, (d) =>
      d.some((x) => x.code === 'RB014'),
    );
    const calendar = await client.request<CalendarResult>('runbook/calendar', RANGE);
    assert.equal(
      calendar.timezone,
      'Europe/Berlin',
      "the first root's calendar applies to the second root's runbooks too",
    );
    assert.deepEqual(calendar.events.map((e) => e.runbook).sort(), [
      'checkout-release',
      'orders-migration',
      'payments-2-15',
    ]);
  });
});
