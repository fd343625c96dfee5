// `--sources`: other teams' repositories read through the GitHub stand-in (every request checked
// against GitHub's OpenAPI description) and cached on disk. Their runbooks take part in the
// cross-file rules of the coordinator's workspace; an unchanged repository costs one conditional
// request; a changed one only its changed files; a deleted file disappears; a missing repository
// or a rate limit is said, and the last cached copy is used with its age.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCalendar } from '../../../server/cli/calendar';
import type { CliIO } from '../../../server/cli/io';
import { runGate } from '../../../server/cli/gate';
import { runLint } from '../../../server/cli/lint';
import { runMetrics } from '../../../server/cli/metrics';
import { LOCAL, MIGRATION, PAYMENTS, SOURCES_CALENDAR as CALENDAR } from '../../fixtures/calendar-sources';
import { READ_TOKEN, useStandIn } from '../github/stand-in-fixture';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('calendar sources (--sources)', function () {
  this.timeout(60_000);
  const s = useStandIn();
  let dir: string;
  let cache: string;

  before(() => {
    for (const repo of ['acme/payments', 'acme/platform']) s.get().addRepository(repo);
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-sources-'));
    cache = path.join(dir, '.cache');
    writeFileSync(path.join(dir, 'coordinator.calendar.yaml'), CALENDAR);
    writeFileSync(path.join(dir, 'checkout.runbook.yaml'), LOCAL);
    s.get().git.seedFiles('acme/payments', {
      'deploy/payments.runbook.yaml': PAYMENTS,
      'README.md': '# payments',
      'other/ignored.runbook.yaml': MIGRATION('2026-12-01T09:00'),
    });
    s.get().git.seedFiles('acme/platform', { 'runbooks/orders-migration.runbook.yaml': MIGRATION('2026-12-08T08:00') });
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const io = (out: { stdout: string; stderr: string }, env: Record<string, string> = {}): CliIO => ({
    cwd: dir,
    env: { GITHUB_TOKEN: READ_TOKEN, GITHUB_API_URL: s.get().url, ...env },
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
  });
  const lint = async (...extra: string[]): Promise<Run> => {
    const out = { stdout: '', stderr: '' };
    const code = await runLint(['.', '--sources', '--sources-cache', cache, ...extra], io(out));
    return { code, ...out };
  };
  const requests = (operationId: string) => s.get().requestsFor(operationId);

  it('checks the workspace against the other repositories and names the one it cannot read', async () => {
    const r = await lint();
    assert.match(
      r.stdout,
      /checkout\.runbook\.yaml:\d+:\d+ \w+ RB014 .*payments-2-15/,
      'the clash with the payments team',
    );
    assert.doesNotMatch(r.stdout, /RB006/, 'orders-migration is known from acme/platform');
    assert.doesNotMatch(
      r.stdout,
      /payments\.runbook\.yaml|orders-migration\.runbook\.yaml/,
      "the other teams' own findings are theirs",
    );
    assert.match(
      r.stderr,
      /sources: acme\/gone: GitHub has no acme\/gone that this token can read .*; it was never read before, so its runbooks are missing/,
    );
    assert.equal(requests('git/get-tree').length, 3);
    assert.equal(
      requests('git/get-blob').length,
      2,
      'only runbook and calendar files under path: not README.md, not other/',
    );
  });

  it('refreshes an unchanged repository with one conditional request each, answered 304', async () => {
    await lint();
    s.get().requests.length = 0;
    const r = await lint();
    assert.match(r.stdout, /RB014/);
    const trees = requests('git/get-tree');
    assert.deepEqual(trees.map((t) => t.status).sort(), [304, 304, 404]);
    assert.equal(requests('git/get-blob').length, 0);
  });

  it('fetches only the changed file after a new commit, and forgets a deleted one', async () => {
    await lint();
    s.get().requests.length = 0;
    // The migration moves after the checkout release: RB012 now.
    s.get().git.updateFiles('acme/platform', {
      'runbooks/orders-migration.runbook.yaml': MIGRATION('2026-12-08T12:00'),
    });
    let r = await lint();
    assert.match(r.stdout, /checkout\.runbook\.yaml:\d+:\d+ \w+ RB012 /);
    assert.equal(requests('git/get-blob').length, 1, 'one changed file, one blob');
    s.get().git.updateFiles('acme/platform', { 'runbooks/orders-migration.runbook.yaml': null });
    r = await lint();
    assert.match(r.stdout, /checkout\.runbook\.yaml:\d+:\d+ \w+ RB006 .*orders-migration/);
  });

  it('uses the cached copy, and says how old it is, when GitHub limits or fails', async () => {
    await lint();
    s.get().inject({ operationId: 'git/get-tree', times: 3, fault: { kind: 'rate-limit' } });
    let r = await lint();
    assert.match(r.stdout, /RB014/, 'still checked against the cached payments runbook');
    assert.match(
      r.stderr,
      /sources: acme\/payments: GitHub's rate limit is used up until \d\d:\d\d UTC; using the copy read \d+ minutes? ago/,
    );
    // Every tree request fails, its one retry too (three repositories read at once).
    s.get().inject({ operationId: 'git/get-tree', times: 6, fault: { kind: 'status', status: 502 } });
    r = await lint();
    assert.match(r.stderr, /sources: acme\/payments: GitHub answered 502; using the copy read/);
    assert.match(r.stderr, /sources: acme\/platform: GitHub answered 502; using the copy read/);
    assert.equal(
      requests('git/get-tree').filter((t) => t.status === 502).length,
      6,
      'three repositories, each asked twice',
    );
    r = await lint('--offline');
    assert.match(r.stdout, /RB014/);
    assert.match(r.stderr, /sources: acme\/payments: offline; using the copy read/);
  });

  it('offline without a cache says what is missing and still checks the workspace', async () => {
    const r = await lint('--offline');
    assert.match(r.stdout, /RB006 .*orders-migration/);
    assert.match(r.stderr, /sources: acme\/payments: offline; it was never read before, so its runbooks are missing/);
    assert.equal(s.get().requests.length, 0, 'offline sends nothing');
  });

  it('puts the other repositories on the calendar, linked to their files on the web', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await runCalendar(
      ['.', '--sources', '--sources-cache', cache, '--from', '2026-12-07', '--to', '2026-12-14'],
      io(out),
    );
    assert.equal(code, 0, out.stderr);
    const result = JSON.parse(out.stdout) as {
      events: { runbook: string; uri: string; conflicts: { code: string }[] }[];
    };
    const payments = result.events.find((e) => e.runbook === 'payments-2-15');
    assert.equal(payments?.uri, `${s.get().url}/acme/payments/blob/HEAD/deploy/payments.runbook.yaml`);
    assert.ok(result.events.find((e) => e.runbook === 'checkout-release')?.conflicts.some((c) => c.code === 'RB014'));
  });

  it("lets the pipeline gate see the other teams' runbooks: the migration it depends on has not run", async () => {
    await lint();
    const gate = async (...extra: string[]) => {
      const out = { stdout: '', stderr: '' };
      const code = await runGate(
        [
          '.',
          '--environment',
          'staging',
          '--service',
          'payments-api',
          '--at',
          '2026-12-08T10:45',
          '--offline',
          '--format',
          'json',
          ...extra,
        ],
        io(out),
      );
      return {
        code,
        answer: JSON.parse(out.stdout) as { checks: { id: string; ok: boolean; message: string }[] },
        stderr: out.stderr,
      };
    };
    const without = await gate();
    const withSources = await gate('--sources', '--sources-cache', cache);
    const deps = (r: typeof without) => r.answer.checks.find((c) => c.id === 'dependencies')!;
    assert.equal(withSources.code, 1);
    assert.equal(deps(withSources).ok, false);
    assert.match(deps(withSources).message, /orders-migration/);
    assert.notEqual(deps(withSources).message, deps(without).message, 'known from acme/platform only with --sources');
    assert.match(withSources.stderr, /sources: acme\/payments: offline; using the copy read/);
  });

  it("counts the other teams' finished releases in the metrics", async () => {
    const done = `${MIGRATION('2026-12-01T08:00')}outcome:\n  result: failed\n  started: 2026-12-01T08:00\n  finished: 2026-12-01T08:40\n`;
    s.get().git.seedFiles('acme/platform', { 'runbooks/orders-migration.runbook.yaml': done });
    const metrics = async (...extra: string[]) => {
      const out = { stdout: '', stderr: '' };
      const code = await runMetrics(['.', '--no-git', '--format', 'json', ...extra], io(out));
      return {
        code,
        report: JSON.parse(out.stdout) as { totals: { deployments: number; failures?: number } },
        stderr: out.stderr,
      };
    };
    const local = await metrics();
    const all = await metrics('--sources', '--sources-cache', cache);
    assert.equal(all.code, 0);
    assert.match(JSON.stringify(all.report), /orders-db/, "the platform team's service is counted");
    assert.doesNotMatch(JSON.stringify(local.report), /orders-db/, 'without --sources it is not');
    assert.match(all.stderr, /sources: acme\/gone/);
  });

  it('refuses a plain-http API on another host before any token leaves', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await runLint(['.', '--sources', '--api-url', 'http://github.example.invalid/api/v3'], io(out));
    assert.equal(code, 2);
    assert.match(out.stderr, /would send the token unencrypted/);
  });

  it('says what is wrong with a source', async () => {
    writeFileSync(
      path.join(dir, 'coordinator.calendar.yaml'),
      `${CALENDAR}  - repository: not a repo\n  - repository: acme/payments\n    path: ../../etc\n`,
    );
    const r = await lint();
    assert.match(r.stderr, /sources: "not a repo" is not a repository such as acme\/payments \(owner\/name\)/);
    assert.match(r.stderr, /sources: acme\/payments: path "\.\.\/\.\.\/etc" must be a folder of the repository/);
  });
});
