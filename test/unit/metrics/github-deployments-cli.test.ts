// `runbook metrics --source github`: deployments and deployment statuses read from the GitHub
// stand-in (validated against GitHub's OpenAPI description), figures checked by hand.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../server/cli/io';
import { runMetricsWith } from '../../../server/cli/metrics';
import { ConditionalCache, fetchDeployments } from '../../../server/github/deployments';
import { clientFor, FAST, READ_TOKEN, REPO, useStandIn } from '../github/stand-in-fixture';

const RUNBOOK = `runbook: api-2-14
title: API 2.14
service: api
team: payments
environment: production
window: { start: 2026-11-02T10:00Z, duration: 2h }
change:
  type: normal
  ticket: acme/releases#7
steps:
  - id: deploy
`;

describe('runbook metrics --source github (deployment records)', () => {
  const s = useStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'deployments-'));
  writeFileSync(path.join(dir, 'api.runbook.yaml'), RUNBOOK);

  async function run(args: string[], env: Record<string, string | undefined> = {}) {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: READ_TOKEN, ...env },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runMetricsWith(
      ['--source', 'github', '--repo', 'acme/releases', '--service', 'api', '--api-url', s.get().url, ...args],
      io,
      { client: FAST },
    );
    return { code, stdout, stderr };
  }

  /** A week in production with a failure fixed by the next deployment, and a failure in staging. */
  function seed() {
    return s.get().deployments.seed('acme/releases', [
      {
        environment: 'production',
        createdAt: '2026-11-02T10:10:00Z',
        statuses: [
          { state: 'in_progress', createdAt: '2026-11-02T10:11:00Z' },
          { state: 'success', createdAt: '2026-11-02T10:20:00Z' },
        ],
      },
      {
        environment: 'production',
        createdAt: '2026-11-04T09:00:00Z',
        statuses: [{ state: 'failure', createdAt: '2026-11-04T09:30:00Z' }],
      },
      {
        environment: 'production',
        createdAt: '2026-11-04T11:00:00Z',
        statuses: [{ state: 'success', createdAt: '2026-11-04T11:45:00Z' }],
      },
      {
        environment: 'production',
        createdAt: '2026-11-05T08:00:00Z',
        statuses: [
          { state: 'success', createdAt: '2026-11-05T08:10:00Z' },
          { state: 'inactive', createdAt: '2026-11-06T08:00:00Z' },
        ],
      },
      {
        environment: 'staging',
        createdAt: '2026-11-03T12:00:00Z',
        statuses: [{ state: 'error', createdAt: '2026-11-03T12:05:00Z' }],
      },
      {
        environment: 'production',
        createdAt: '2026-11-06T08:00:00Z',
        statuses: [{ state: 'in_progress', createdAt: '2026-11-06T08:01:00Z' }],
      },
    ]);
  }

  it('counts finished deployments, the change fail rate and the recovery time per environment', async () => {
    seed();
    const r = await run(['--format', 'json', '--group', 'environment']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    // 5 finished (the one still in progress is not a deployment); 2 of them failed.
    assert.equal(report.total.deployments, 5);
    assert.equal(report.total.failed, 2);
    const production = report.groups.find((g: { name: string }) => g.name === 'production').metrics;
    const staging = report.groups.find((g: { name: string }) => g.name === 'staging').metrics;
    assert.equal(production.deployments, 4);
    assert.equal(production.changeFailRate, 0.25);
    // Failed 09:30, the next successful deployment of api to production finished 11:45: 2 h 15 min.
    assert.equal(production.recoveryTime.medianMs, 2 * 3_600_000 + 15 * 60_000);
    assert.equal(production.deploymentsPerWeek, 4);
    assert.equal(staging.deployments, 1);
    assert.equal(staging.changeFailRate, 1);
    assert.equal(staging.recoveryTime.open, 1);
    // The first one falls in the runbook's window and takes its team and ticket.
    const first = report.deployments.find((d: { finished: string }) => d.finished.startsWith('2026-11-02T10:20'));
    assert.equal(first.team, 'payments');
    assert.equal(first.ticket, 'acme/releases#7');
    assert.ok(
      report.problems.some((p: string) => /no runbook of service api has a window holding it/.test(p)),
      report.problems.join('\n'),
    );
  });

  it('reads every page, and a refresh of an unchanged list gets 304s answered from the cache', async function () {
    this.timeout(60_000); // some 300 requests
    const standIn = s.get();
    standIn.deployments.seed(
      'acme/releases',
      Array.from({ length: 101 }, (_, i) => ({
        environment: 'production',
        createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
        statuses: [{ state: 'success' as const, createdAt: new Date(Date.UTC(2026, 10, 1, 0, i, 30)).toISOString() }],
      })),
    );
    const ctx = clientFor(standIn, READ_TOKEN, FAST);
    const cache: ConditionalCache = new Map();
    const first = await fetchDeployments(ctx, REPO, { cache });
    assert.equal(first.deployments.length, 101);
    assert.equal(standIn.requestsFor('repos/list-deployments').length, 2, 'two pages of 100');
    assert.equal(first.notModified, 0);
    const again = await fetchDeployments(ctx, REPO, { cache });
    assert.equal(again.deployments.length, 101);
    assert.equal(again.notModified, again.requests, 'every list unchanged: all 304');
    assert.ok(standIn.requests.some((r) => r.status === 304));
    // A new status changes that deployment's list alone: read again, the rest stay 304.
    standIn.deployments.addStatus('acme/releases', again.deployments[0].id, 'inactive', '2026-11-03T00:00:00Z');
    const third = await fetchDeployments(ctx, REPO, { cache });
    assert.equal(
      third.requests - third.notModified,
      2,
      'the first page of deployments (its updated_at moved) and that statuses list',
    );
    assert.deepEqual(
      third.deployments[0].statuses.map((st) => st.state),
      ['success', 'inactive'],
    );
  });

  for (const [name, fault, expected] of [
    ['a bad token (401)', undefined, /GITHUB_TOKEN|token|credentials/i],
    ['a server error (5xx)', { kind: 'status', status: 502 }, /502|server|GitHub/i],
    ['the rate limit', { kind: 'rate-limit' }, /rate limit/i],
  ] as const) {
    it(`says what went wrong on ${name}, exits 2 and never prints the token`, async () => {
      seed();
      if (fault) s.get().inject({ operationId: 'repos/list-deployments', times: 10, fault: fault as never });
      const token = fault ? READ_TOKEN : 'ghp_notAValidToken00000000000000000000000';
      const r = await run([], { GITHUB_TOKEN: token });
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, /^runbook metrics: /);
      assert.match(r.stderr, expected);
      assert.ok(!r.stderr.includes(token) && !r.stdout.includes(token));
    });
  }

  it('names the service and calendar environment from --service-map rules (payload, GitHub environment)', async () => {
    s.get().deployments.seed('acme/releases', [
      {
        environment: 'prod-eu',
        createdAt: '2026-11-02T10:10:00Z',
        payload: { app: 'api' },
        statuses: [{ state: 'success', createdAt: '2026-11-02T10:20:00Z' }],
      },
      {
        environment: 'prod-eu',
        createdAt: '2026-11-02T10:30:00Z',
        payload: { app: 'web' },
        statuses: [{ state: 'failure', createdAt: '2026-11-02T10:40:00Z' }],
      },
    ]);
    const rules = path.join(dir, 'services.json');
    writeFileSync(
      rules,
      JSON.stringify([
        { environment: 'prod-*', payload: { app: 'api' }, service: 'api', runbookEnvironment: 'production' },
        { payload: { app: 'web' }, service: 'web' },
      ]),
    );
    const r = await run(['--format', 'json', '--service-map', 'services.json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const byService = Object.fromEntries(
      report.deployments.map((d: { service: string; environment: string; team?: string }) => [d.service, d]),
    );
    // The api deployment lands in the runbook's production window and takes its team.
    assert.equal(byService.api.environment, 'production');
    assert.equal(byService.api.team, 'payments');
    assert.equal(byService.web.environment, 'prod-eu');
    assert.deepEqual(report.groups.map((g: { name: string }) => g.name).sort(), ['api', 'web']);

    writeFileSync(rules, JSON.stringify([{ environment: 'prod-*' }]));
    const bad = await run(['--service-map', 'services.json']);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      'runbook metrics: services.json, rule 1: "service" must name the runbook service (a non-empty text)\n',
    );
    const missing = await run(['--service-map', 'nowhere.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--service-map nowhere\.json: no such file/);
  });

  it('refuses plain http to a host other than this machine, before any request', async () => {
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: READ_TOKEN },
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    };
    const code = await runMetricsWith(
      ['--source', 'github', '--repo', 'acme/releases', '--api-url', 'http://github.example.invalid'],
      io,
      { client: FAST },
    );
    assert.equal(code, 2);
    assert.match(stderr, /unencrypted/);
    assert.equal(s.get().requests.length, 0);
  });
});
