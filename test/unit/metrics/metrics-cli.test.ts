// `runbook metrics`: its three formats against golden files (test/fixtures/metrics/golden, checked
// by hand against the fixture; UPDATE_GOLDEN=1 rewrites them after a deliberate change), its
// options and exit statuses, and the commit lead time read from a real git repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../server/cli/io';
import { gitCommitTimes, runMetrics, runMetricsWith } from '../../../server/cli/metrics';
import { FIXTURES, ORDERS_DB_OLDEST_COMMIT } from './metrics-fixture';

const REPO = path.join(__dirname, '..', '..', '..');
const GOLDEN = path.join(FIXTURES, 'golden');

function io(cwd = REPO): CliIO & { out: string; err: string } {
  const captured = { out: '', err: '' };
  return Object.assign(captured, {
    cwd,
    env: {},
    stdout: (t: string) => void (captured.out += t),
    stderr: (t: string) => void (captured.err += t),
  });
}

/** Commit times as git would list them for the fixture's one range. */
const pinnedCommits = async (_folder: string, range: { from: string; to: string }) => {
  assert.deepEqual(range, { from: 'v1.3.0', to: 'v1.4.0', path: undefined });
  return [Date.parse('2026-11-28T09:00:00Z'), ORDERS_DB_OLDEST_COMMIT, Date.parse('2026-11-26T16:45:00Z')];
};

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  assert.equal(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it)`,
  );
}

describe('runbook metrics (CLI)', () => {
  const fixture = 'test/fixtures/metrics/delivery';

  for (const [name, args] of [
    ['delivery-week-service.md', ['--format', 'markdown']],
    ['delivery-month-team.json', ['--format', 'json', '--by', 'month', '--group', 'team']],
    ['delivery-week-environment.csv', ['--format=csv', '--group=environment']],
    ['delivery-production-w47.md', ['--environment', 'production', '--from', '2026-11-16', '--to', '2026-11-22']],
  ] as const) {
    it(`prints ${name} as the golden file has it`, async () => {
      const cli = io();
      const code = await runMetricsWith([fixture, ...args], cli, { readCommitTimes: pinnedCommits });
      assert.equal(cli.err, '');
      assert.equal(code, 0);
      golden(name, cli.out);
    });
  }

  it('parses its JSON and CSV as a script would', async () => {
    const json = io();
    await runMetricsWith([fixture, '--format', 'json'], json, { readCommitTimes: pinnedCommits });
    const report = JSON.parse(json.out);
    assert.equal(report.version, 1);
    assert.equal(report.total.deployments, 9);
    assert.equal(report.periods[0].start, '2026-11-02T00:00:00+01:00');
    const csv = io();
    await runMetricsWith([fixture, '--format', 'csv'], csv, { readCommitTimes: pinnedCommits });
    const rows = csv.out
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split(','));
    const header = rows[0];
    const total = rows.find((r) => r[0] === 'total' && r[5] === '(all)')!;
    assert.equal(total[header.indexOf('deployments')], '9');
    assert.equal(total[header.indexOf('change_fail_rate')], '0.2222');
    assert.equal(total[header.indexOf('commit_lead_time_median_hours')], '107.50');
  });

  it('says so when there is nothing to count', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'metrics-empty-'));
    try {
      writeFileSync(
        path.join(dir, 'a.runbook.yaml'),
        'runbook: a\ntitle: A\nenvironment: staging\nwindow: {start: 2026-12-01T10:00, duration: 1h}\nsteps: [{id: s}]\n',
      );
      const cli = io(dir);
      assert.equal(await runMetrics([], cli), 0);
      assert.match(cli.out, /No deployment is recorded in this range/);
      assert.match(cli.out, /\| Change fail rate \| — \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [args, message] of [
    [['--format', 'xml'], /unknown format "xml"; use markdown, json or csv/],
    [['--by', 'year'], /--by needs week or month, not "year"/],
    [['--group', 'owner'], /--group needs service, team or environment, not "owner"/],
    [['--from', '1.12.2026'], /--from "1.12.2026" is not a date such as 2026-11-01/],
    [['--from', '2026-12-10', '--to', '2026-12-01'], /--to 2026-12-01 is before --from 2026-12-10/],
    [['--from', '2026-02-30'], /--from: "2026-02-30" is not a date/],
    [['--environment'], /--environment needs a name/],
    [['--colour'], /unknown option "--colour"/],
    [['missing-folder'], /missing-folder: /],
  ] as const) {
    it(`exits 2 on ${args.join(' ')}`, async () => {
      const cli = io();
      assert.equal(await runMetrics([fixture, ...args], cli), 2);
      assert.match(cli.err, message);
      assert.equal(cli.out, '');
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const cli = io();
    assert.equal(await runMetrics(['--help'], cli), 0);
    assert.match(cli.out, /Usage: runbook metrics \[PATHS\.\.\.\]/);
  });

  it('names a range git cannot read, and counts everything else', async () => {
    const cli = io();
    const code = await runMetricsWith([fixture], cli, {
      readCommitTimes: async () => Promise.reject(new Error("fatal: bad revision 'v1.3.0..v1.4.0'")),
    });
    assert.equal(code, 0);
    assert.match(
      cli.out,
      /orders-db-1-4: git log v1\.3\.0\.\.v1\.4\.0 failed \(fatal: bad revision 'v1\.3\.0\.\.v1\.4\.0'\), so the commit lead time was not counted/,
    );
    assert.match(cli.out, /\| Deployment frequency \| 9 deployments/);
  });

  it('reads the oldest commit of a tag range with git log, in the folder change.commits.path names', async function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'pipe' });
    } catch {
      this.skip(); // no git on this machine: the pinned-reader tests above cover the rest
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'metrics-git-'));
    try {
      const repo = path.join(dir, 'service');
      mkdirSync(repo);
      const git = (args: string[], date?: string) =>
        execFileSync('git', ['-C', repo, ...args], {
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 't',
            GIT_AUTHOR_EMAIL: 't@example.com',
            GIT_COMMITTER_NAME: 't',
            GIT_COMMITTER_EMAIL: 't@example.com',
            ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
          },
          stdio: 'pipe',
        });
      git(['init', '-q']);
      const commit = (date: string) => git(['commit', '-q', '--allow-empty', '-m', date], date);
      commit('2026-11-01T10:00:00Z');
      git(['tag', 'v1.0.0']);
      commit('2026-11-20T08:00:00Z');
      commit('2026-11-24T17:00:00Z');
      git(['tag', 'v1.1.0']);
      assert.deepEqual((await gitCommitTimes(repo, { from: 'v1.0.0', to: 'v1.1.0' })).sort(), [
        Date.parse('2026-11-20T08:00:00Z'),
        Date.parse('2026-11-24T17:00:00Z'),
      ]);
      await assert.rejects(gitCommitTimes(repo, { from: 'v0.9', to: 'v1.1.0' }), /v0\.9/);

      const releases = path.join(dir, 'releases');
      mkdirSync(releases);
      writeFileSync(
        path.join(releases, 'svc.runbook.yaml'),
        'runbook: svc\ntitle: Svc 1.1\nenvironment: staging\ntimezone: UTC\nwindow: {start: 2026-11-25T10:00, duration: 1h}\nchange: {commits: {from: v1.0.0, to: v1.1.0, path: ../service}}\nsteps: [{id: s}]\noutcome: {result: success, finished: 2026-11-25T10:30}\n',
      );
      writeFileSync(
        path.join(releases, 'bad.runbook.yaml'),
        'runbook: bad\ntitle: Bad\nenvironment: staging\ntimezone: UTC\nwindow: {start: 2026-11-25T12:00, duration: 1h}\nchange: {commits: {from: --output=x, to: v1.1.0, path: ../service}}\nsteps: [{id: s}]\noutcome: {result: success, finished: 2026-11-25T12:30}\n',
      );
      const cli = io(releases);
      assert.equal(await runMetrics(['--format', 'json'], cli), 0);
      const report = JSON.parse(cli.out);
      // 20 Nov 08:00 to 25 Nov 10:30.
      assert.equal(
        report.deployments.find((d: { runbook: string }) => d.runbook === 'svc').commitLeadTimeMs,
        Date.parse('2026-11-25T10:30:00Z') - Date.parse('2026-11-20T08:00:00Z'),
      );
      assert.deepEqual(report.problems, [
        'bad: change.commits names "--output=x", which is not a tag or commit, so the commit lead time was not counted',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
