// The metric definitions over the hand-checked fixture (test/fixtures/metrics/delivery): every
// number below was worked out by hand from the fixture's files, as their comments explain.
import assert from 'node:assert/strict';
import { changeRecords } from '../../../server/core/metrics/change-records';
import { computeMetrics, metricsReport, MetricsOptionsError } from '../../../server/core/metrics/compute-metrics';
import { median } from '../../../server/core/metrics/metric-definitions';
import { deliveryIndex, HOUR, MINUTE, ORDERS_DB_OLDEST_COMMIT } from './metrics-fixture';

const commits = new Map([['orders-db-1-4', ORDERS_DB_OLDEST_COMMIT]]);

describe('Release metrics: definitions over the fixture workspace', () => {
  const report = metricsReport(deliveryIndex(), { oldestCommits: commits });

  it('counts a deployment for each outcome other than cancelled, at outcome.finished or else the window end', () => {
    assert.equal(report.total.deployments, 9);
    assert.deepEqual(
      report.deployments.map((d) => [d.runbook, d.finished]),
      [
        ['payments-2-12', '2026-11-03T23:10:00+01:00'],
        ['checkout-5-1', '2026-11-05T22:40:00+01:00'],
        ['checkout-5-1-retry', '2026-11-17T21:30:00+01:00'],
        ['payments-2-13', '2026-11-19T23:00:00+01:00'],
        ['payments-hotfix-2-13-1', '2026-11-20T01:30:00+01:00'],
        ['payments-staging-2-13', '2026-11-20T10:00:00+01:00'],
        ['orders-db-1-4', '2026-11-30T00:30:00+01:00'],
        ['cms-7', '2026-12-01T00:15:00+01:00'],
        ['payments-2-14', '2026-12-03T00:00:00+01:00'],
      ],
    );
    assert.equal(report.deployments.find((d) => d.runbook === 'payments-2-14')!.finishedFromWindow, true);
    assert.ok(
      !report.deployments.some((d) => d.runbook === 'search-3-0' || d.runbook === 'payments-2-15'),
      'cancelled and planned runbooks are no deployments',
    );
  });

  it('takes the range over the whole periods of the first and last deployment by default', () => {
    // The first deployment is on Tue 3 Nov (week 45 starts Mon 2 Nov), the last on Thu 3 Dec (week 49 ends Sun 6 Dec).
    assert.equal(report.from, '2026-11-02');
    assert.equal(report.to, '2026-12-06');
    // 35 days, 5 weeks: 9 deployments / 5 weeks.
    assert.equal(report.total.deploymentsPerWeek, 9 / 5);
  });

  it('takes a rate over the whole period, not over the one busy day', () => {
    // Two deployments on Fri 20 Nov (the hotfix at 01:30 and staging at 10:00), nothing else.
    const { changes } = changeRecords(deliveryIndex());
    const busyDay = changes.filter((c) => c.id === 'payments-hotfix-2-13-1' || c.id === 'payments-staging-2-13');
    const byWeek = computeMetrics(busyDay, { zone: 'Europe/Berlin' });
    // Week 47, Mon 16 to Sun 22 Nov: 2 a week, not 2 / (1/7) = 14 a week.
    assert.deepEqual(
      [byWeek.from, byWeek.to, byWeek.total.deployments, byWeek.total.deploymentsPerWeek],
      ['2026-11-16', '2026-11-22', 2, 2],
    );
    // November, 30 days: 2 / (30/7) = 0.4667 a week.
    const byMonth = computeMetrics(busyDay, { zone: 'Europe/Berlin', by: 'month' });
    assert.deepEqual(
      [byMonth.from, byMonth.to, byMonth.total.deploymentsPerWeek!.toFixed(4)],
      ['2026-11-01', '2026-11-30', '0.4667'],
    );
    // Four weeks chosen (16 Nov to 13 Dec): 2 / 4 = 0.5 a week, as the weekly status report says.
    const fourWeeks = computeMetrics(busyDay, { zone: 'Europe/Berlin', from: '2026-11-16', to: '2026-12-13' });
    assert.equal(fourWeeks.total.deploymentsPerWeek, 0.5);
    // A start alone reaches to the end of its week, an end alone back to its week's Monday.
    assert.deepEqual(
      [
        computeMetrics(busyDay, { zone: 'Europe/Berlin', from: '2026-11-18' }).to,
        computeMetrics(busyDay, { zone: 'Europe/Berlin', to: '2026-11-20' }).from,
      ],
      ['2026-11-22', '2026-11-16'],
    );
  });

  it('change fail rate is (rolled back + failed) / deployments; rework rate is emergency / deployments', () => {
    assert.equal(report.total.rolledBack, 1);
    assert.equal(report.total.failed, 1);
    assert.equal(report.total.changeFailRate, 2 / 9);
    assert.equal(report.total.emergency, 1);
    assert.equal(report.total.reworkRate, 1 / 9);
  });

  it('change lead time: median from change.submitted to the finish, over successful deployments', () => {
    // 4d13h10m, 1d12h30m, 2h, 6d12h → median of the middle two: (36h30m + 109h10m) / 2.
    assert.equal(report.total.leadTime.count, 4);
    assert.equal(report.total.leadTime.medianMs, (36 * HOUR + 30 * MINUTE + 109 * HOUR + 10 * MINUTE) / 2);
    const lead = Object.fromEntries(report.deployments.map((d) => [d.runbook, d.leadTimeMs]));
    assert.equal(lead['payments-2-12'], 109 * HOUR + 10 * MINUTE);
    assert.equal(lead['payments-hotfix-2-13-1'], 2 * HOUR);
    assert.equal(lead['payments-2-14'], 156 * HOUR);
    assert.equal(lead['checkout-5-1'], null, 'a rolled-back change has no lead time');
  });

  it('change lead time from the oldest commit, when change.commits could be read', () => {
    // 25 Nov 12:00 UTC to 29 Nov 23:30 UTC.
    assert.deepEqual(report.total.commitLeadTime, { count: 1, medianMs: 4 * 24 * HOUR + 11 * HOUR + 30 * MINUTE });
    const withoutGit = metricsReport(deliveryIndex());
    assert.deepEqual(withoutGit.total.commitLeadTime, { count: 0, medianMs: null });
  });

  it('recovery: the rollback recorded as done counts from its decision; otherwise the next successful deployment of the same service and environment', () => {
    const rows = Object.fromEntries(report.deployments.map((d) => [d.runbook, d]));
    // Decided 22:05, the one rollback step done 22:35.
    assert.equal(rows['checkout-5-1'].recoveredBy, 'rollback');
    assert.equal(rows['checkout-5-1'].recoveryMs, 30 * MINUTE);
    // Failed 23:00; the hotfix (production) finished 01:30; the staging deployment at 10:00 does not count.
    assert.equal(rows['payments-2-13'].recoveredBy, 'next-deployment');
    assert.equal(rows['payments-2-13'].recoveryMs, 2 * HOUR + 30 * MINUTE);
    assert.deepEqual(report.total.recoveryTime, { count: 2, medianMs: (30 * MINUTE + 150 * MINUTE) / 2, open: 0 });
  });

  it('a failure with nothing after it stays open and is left out of the median', () => {
    const index = deliveryIndex({
      'payments-hotfix-2-13-1.runbook.yaml':
        'runbook: payments-hotfix-2-13-1\ntitle: gone\nenvironment: production\nwindow: {start: 2026-11-20T00:30, duration: 1h}\nsteps: [{id: a}]\n',
    });
    const r = metricsReport(index);
    const row = r.deployments.find((d) => d.runbook === 'payments-2-13')!;
    // payments-2-14 (3 Dec) is the next successful payments-api production deployment now.
    assert.equal(row.recoveredBy, 'next-deployment');
    assert.equal(row.recoveryMs, Date.parse('2026-12-02T23:00:00Z') - Date.parse('2026-11-19T22:00:00Z'));
    const alone = deliveryIndex({
      'payments-hotfix-2-13-1.runbook.yaml':
        'runbook: payments-hotfix-2-13-1\ntitle: gone\nenvironment: production\nwindow: {start: 2026-11-20T00:30, duration: 1h}\nsteps: [{id: a}]\n',
      'payments-2-14.runbook.yaml':
        'runbook: payments-2-14\ntitle: gone\nenvironment: production\nwindow: {start: 2026-12-02T22:00, duration: 1h}\nsteps: [{id: a}]\n',
    });
    const open = metricsReport(alone);
    assert.equal(open.deployments.find((d) => d.runbook === 'payments-2-13')!.recoveredBy, 'open');
    assert.deepEqual(open.total.recoveryTime, { count: 1, medianMs: 30 * MINUTE, open: 1 });
  });

  it('per ISO week in the calendar zone, with empty weeks and whole first and last weeks', () => {
    assert.deepEqual(
      report.periods.map((p) => [
        p.key,
        p.partial,
        p.metrics.deployments,
        p.metrics.changeFailRate,
        p.metrics.reworkRate,
      ]),
      [
        ['2026-W45', false, 2, 0.5, 0],
        ['2026-W46', false, 0, null, null],
        ['2026-W47', false, 4, 0.25, 0.25],
        ['2026-W48', false, 0, null, null],
        ['2026-W49', false, 3, 0, 0],
      ],
    );
    const empty = report.periods[1].metrics;
    assert.deepEqual([empty.leadTime.medianMs, empty.recoveryTime.medianMs, empty.deploymentsPerWeek], [null, null, 0]);
    // W47: lead times 36h30m and 2h.
    assert.equal(report.periods[2].metrics.leadTime.medianMs, (36 * HOUR + 30 * MINUTE + 2 * HOUR) / 2);
  });

  it('reads weeks and months in the calendar zone, not in UTC', () => {
    // orders-db-1-4 finished Sunday 29 Nov 23:30 UTC = Monday 30 Nov 00:30 Berlin; cms-7 Monday 30 Nov 23:15 UTC = Tuesday 1 Dec Berlin.
    const { changes } = changeRecords(deliveryIndex());
    const berlinWeeks = computeMetrics(changes, { zone: 'Europe/Berlin' });
    const utcWeeks = computeMetrics(changes, { zone: 'UTC' });
    const week = (r: typeof berlinWeeks, id: string) => r.deployments.find((d) => d.runbook === id)!.period;
    assert.equal(week(berlinWeeks, 'orders-db-1-4'), '2026-W49');
    assert.equal(week(utcWeeks, 'orders-db-1-4'), '2026-W48');
    const berlinMonths = computeMetrics(changes, { zone: 'Europe/Berlin', by: 'month' });
    const utcMonths = computeMetrics(changes, { zone: 'UTC', by: 'month' });
    assert.deepEqual(
      berlinMonths.periods.map((p) => [p.key, p.metrics.deployments]),
      [
        ['2026-11', 7],
        ['2026-12', 2],
      ],
    );
    assert.deepEqual(
      utcMonths.periods.map((p) => [p.key, p.metrics.deployments]),
      [
        ['2026-11', 8],
        ['2026-12', 1],
      ],
    );
  });

  it('per service, team and environment, largest first, with "(no team)" for a runbook without one', () => {
    const names = (group: 'service' | 'team' | 'environment') =>
      metricsReport(deliveryIndex(), { group }).groups.map((g) => [g.name, g.metrics.deployments]);
    assert.deepEqual(names('service'), [
      ['payments-api', 5],
      ['checkout-web', 2],
      ['cms', 1],
      ['orders-db', 1],
    ]);
    assert.deepEqual(names('team'), [
      ['payments', 5],
      ['storefront', 2],
      ['(no team)', 1],
      ['orders', 1],
    ]);
    assert.deepEqual(names('environment'), [
      ['production', 7],
      ['staging', 2],
    ]);
    const payments = report.groups.find((g) => g.name === 'payments-api')!.metrics;
    assert.deepEqual([payments.changeFailRate, payments.reworkRate], [0.2, 0.2]);
    // Each period carries every group, so a chart can stack them.
    assert.deepEqual(
      report.periods[2].groups.map((g) => [g.name, g.metrics.deployments]),
      [
        ['payments-api', 3],
        ['checkout-web', 1],
        ['cms', 0],
        ['orders-db', 0],
      ],
    );
  });

  it('limits to environments, and to a date range with inclusive bounds in the zone', () => {
    const production = metricsReport(deliveryIndex(), { environments: ['production'] });
    assert.equal(production.total.deployments, 7);
    assert.deepEqual(production.environments, ['production']);
    const week47 = metricsReport(deliveryIndex(), { from: '2026-11-16', to: '2026-11-22' });
    assert.deepEqual([week47.total.deployments, week47.periods.length, week47.periods[0].partial], [4, 1, false]);
    // 1 Dec Berlin holds cms-7 (30 Nov 23:15 UTC).
    assert.deepEqual(
      metricsReport(deliveryIndex(), { from: '2026-12-01', to: '2026-12-01' }).deployments.map((d) => d.runbook),
      ['cms-7'],
    );
  });

  it('an empty workspace or range gives zero deployments and no rates, never a division by zero', () => {
    const none = computeMetrics([], { zone: 'Europe/Berlin' });
    assert.deepEqual(
      [none.total.deployments, none.total.changeFailRate, none.total.reworkRate, none.periods.length, none.from],
      [0, null, null, 0, null],
    );
    const quiet = metricsReport(deliveryIndex(), { from: '2026-11-09', to: '2026-11-15' });
    assert.deepEqual(
      [quiet.total.deployments, quiet.total.changeFailRate, quiet.periods.length, quiet.total.deploymentsPerWeek],
      [0, null, 1, 0],
    );
  });

  it('refuses a range that ends before it starts, and dates that are not dates', () => {
    assert.throws(() => metricsReport(deliveryIndex(), { from: '2026-12-10', to: '2026-12-01' }), MetricsOptionsError);
    assert.throws(() => metricsReport(deliveryIndex(), { from: '2026-02-30' }), /--from: "2026-02-30" is not a date/);
  });

  it('names what it could not count instead of failing', () => {
    const index = deliveryIndex({
      'odd.runbook.yaml':
        'runbook: odd\ntitle: Odd\nenvironment: production\nwindow: {start: yesterday, duration: 1h}\nchange: {submitted: soon}\nsteps: [{id: a}]\noutcome: {result: success, finished: later}\n',
    });
    const r = metricsReport(index);
    assert.equal(r.total.deployments, 9);
    assert.deepEqual(r.problems, [
      'odd: change.submitted "soon" is not an instant, so it was not used',
      'odd: outcome.finished "later" is not an instant, so it was not used',
      'odd: neither outcome.finished nor the window can be read, so the deployment was not counted',
    ]);
  });

  it('median: the middle value, or the mean of the two middle values', () => {
    assert.equal(median([]), null);
    assert.equal(median([5]), 5);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
});
