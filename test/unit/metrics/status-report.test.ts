// The weekly status report over the fixture, for a fixed "now": what a manager reads in it.
import assert from 'node:assert/strict';
import { weeklyStatusReport } from '../../../server/core/metrics/status-report';
import { deliveryIndex } from './metrics-fixture';

/** The lines of one "## " section, without its heading. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}`);
  assert.ok(start >= 0, `a "${heading}" section`);
  const rest = markdown.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').slice(1).join('\n').trim();
}

describe('Weekly status report', () => {
  it('week 47: what went live, the failure with its reason and recovery, the freeze ahead, and four weeks of metrics', () => {
    // Friday 20 November 2026, 16:00 in Berlin.
    const report = weeklyStatusReport(deliveryIndex(), { now: Date.parse('2026-11-20T15:00:00Z') });
    assert.match(report, /^# Release status: week 47, 2026 \(16 – 22 Nov 2026\)\n/);
    assert.match(report, /_Prepared Fri 20 Nov 2026, 16:00 \(Europe\/Berlin\)/);
    assert.equal(
      section(report, 'In short'),
      [
        '- 3 changes went live this week; 1 change was rolled back or failed.',
        '- Nothing is scheduled for next week.',
        '- Next freeze: Year-end code freeze, from Mon 21 Dec to Sun 3 Jan (production).',
        '- Over the last 4 weeks: 6 deployments, 33% needed a rollback or fix, 17% were emergency changes; a change took 1d 12h (median) from request to live.',
      ].join('\n'),
    );
    assert.equal(
      section(report, 'What went live this week'),
      [
        '| When | Change | Service | Environment | Change request |',
        '| --- | --- | --- | --- | --- |',
        '| Tue 17 Nov, 21:30 | Checkout web 5.1 to production (second attempt) | checkout-web | production | acme/releases#110 |',
        '| Fri 20 Nov, 01:30 | Payments API 2.13.1 hotfix (emergency change) | payments-api | production | acme/releases#112 |',
        '| Fri 20 Nov, 10:00 | Payments API 2.13.1 to staging | payments-api | staging | — |',
      ].join('\n'),
    );
    assert.equal(
      section(report, 'Rolled back or failed, and why'),
      '- **Payments API 2.13.0 to production** (payments-api, production, Thu 19 Nov, 23:00) failed. Why: Refunds were issued twice for split orders. Service recovered 2h 30m later with Payments API 2.13.1 hotfix.',
    );
    assert.equal(
      section(report, 'Freezes ahead (next 6 weeks)'),
      '- **Year-end code freeze**: Mon 21 Dec, 00:00 to Mon 4 Jan, 00:00 (production).',
    );
    assert.equal(
      section(report, 'Maintenance next week (23 – 29 Nov 2026)'),
      '- **Database failover test**: Sun 29 Nov, 02:00 to Sun 29 Nov, 06:00 (production), by DBA team; affects payments-api, orders-db: read-only for up to 10 minutes.',
    );
    const metrics = section(report, 'Delivery metrics, last 4 weeks');
    assert.match(metrics, /^6 deployments from 26 Oct 2026 to 20 Nov 2026/);
    assert.match(metrics, /\| 2026-W44 \| 26 Oct – 1 Nov \| 0 \| — \| — \| — \| — \|/);
    assert.match(metrics, /\| 2026-W47 \| 16 – 20 Nov \(part\) \| 4 \| 25% \(1\) \| 25% \(1\) \| 19h 15m \| 2h 30m \|/);
    assert.doesNotMatch(report, /## Deployments/, 'the status report lists what went live itself');
  });

  it('lists access that has ended, so that it gets revoked; no such section when none has', () => {
    const runbook = (until: string) => `runbook: db-upgrade
title: Orders database upgrade
environment: production
window:
  start: 2026-11-18T22:00
  duration: 1h
access:
  - id: alice-prod
    who: "@alice"
    environment: production
    level: database admin
    from: 2026-11-18T21:30
    until: ${until}
    ticket: acme/ops#41
steps:
  - id: upgrade
    title: Upgrade
`;
    const now = Date.parse('2026-11-20T15:00:00Z');
    const report = weeklyStatusReport(deliveryIndex({ 'db-upgrade.runbook.yaml': runbook('2026-11-19T01:00') }), {
      now,
    });
    assert.equal(
      section(report, 'Access ended: make sure it is revoked (last 4 weeks)'),
      '- Access for @alice to production (database admin) ended Thu 19 Nov, 01:00: make sure it is revoked (acme/ops#41); runbook db-upgrade.',
    );
    assert.doesNotMatch(
      weeklyStatusReport(deliveryIndex({ 'db-upgrade.runbook.yaml': runbook('2026-11-21T01:00') }), { now }),
      /## Access ended/,
    );
  });

  it('week 45: the rollback with the reason from the release record and the time the rollback took', () => {
    const report = weeklyStatusReport(deliveryIndex(), { now: Date.parse('2026-11-06T12:00:00Z') });
    assert.equal(
      section(report, 'Rolled back or failed, and why'),
      '- **Checkout web 5.1 to production** (checkout-web, production, Thu 5 Nov, 22:40) was rolled back. Why: Checkout errors at 4% after the deployment. The rollback restored service in 30m.',
    );
  });

  it("week 49: next week's change, whether the board approved it, and what still waits for the board", () => {
    const index = deliveryIndex();
    const now = Date.parse('2026-12-04T15:00:00Z');
    const report = weeklyStatusReport(index, { now });
    assert.equal(
      section(report, 'Scheduled next week (7 – 13 Dec 2026)'),
      [
        '| When | Change | Service | Environment | Risk | Approval |',
        '| --- | --- | --- | --- | --- | --- |',
        '| Wed 9 Dec, 22:00 – 00:00 | Payments API 2.15.0 to production | payments-api | production | medium | change request not filed yet |',
      ].join('\n'),
    );
    assert.match(
      section(report, 'Awaiting the change advisory board (next 4 weeks)'),
      /\| Payments API 2\.15\.0 to production \| Wed 9 Dec, 22:00 – 00:00 \| — \| change request not filed yet \|/,
    );
    assert.match(
      section(report, 'In short'),
      /1 change is scheduled for next week; 1 still needs the board's approval\./,
    );

    // Filed and approved: it no longer waits.
    const text = index.get([...index.uris()].find((u) => u.endsWith('payments-2-15.runbook.yaml'))!)!.source.text;
    index.set(
      [...index.uris()].find((u) => u.endsWith('payments-2-15.runbook.yaml'))!,
      text.replace('  risk: medium\n', '  risk: medium\n  ticket: acme/releases#130\n'),
    );
    const approved = weeklyStatusReport(index, {
      now,
      cab: (t) => (t === 'acme/releases#130' ? 'approved' : undefined),
    });
    assert.match(section(approved, 'Scheduled next week (7 – 13 Dec 2026)'), /\| medium \| approved \|$/);
    assert.equal(
      section(approved, 'Awaiting the change advisory board (next 4 weeks)'),
      'No change in the next 4 weeks waits for the board.',
    );
    const pending = weeklyStatusReport(index, { now, cab: () => 'pending' });
    assert.match(
      section(pending, 'Awaiting the change advisory board (next 4 weeks)'),
      /\| acme\/releases#130 \| awaiting the board \|/,
    );
  });

  it('names clashes in words, bounds the board table to the next weeks and flags an impossible window', () => {
    const rb = (id: string, title: string, start: string, length: string) =>
      `runbook: ${id}\ntitle: ${title}\nservice: payments-api\nenvironment: production\nwindow:\n  start: ${start}\n  ${length}\nsteps:\n  - id: deploy\n    title: Deploy\n`;
    const index = deliveryIndex({
      // Overlaps payments-2-15 (Wed 9 Dec 22:00 – 00:00).
      'clash.runbook.yaml': rb('clash', 'Payments API config change', '2026-12-09T23:00', 'duration: 1h'),
      'impossible.runbook.yaml': rb(
        'impossible',
        'Payments API backwards window',
        '2026-12-16T22:00',
        'end: 2026-12-16T21:00',
      ),
      // Seven weeks ahead: outside the table, counted below it.
      'later.runbook.yaml': rb('later', 'Payments API 3.0.0', '2027-01-20T22:00', 'duration: 1h'),
    });
    const report = weeklyStatusReport(index, { now: Date.parse('2026-12-04T15:00:00Z') });
    assert.equal(
      section(report, 'Clashes (next 4 weeks)'),
      '- **Payments API 2.15.0 to production** and **Payments API config change** change payments-api in production at the same time: Wed 9 Dec, 22:00 – 00:00 and Wed 9 Dec, 23:00 – 00:00.',
    );
    const board = section(report, 'Awaiting the change advisory board (next 4 weeks)');
    assert.match(
      board,
      /\| Payments API backwards window \| ⚠ impossible: ends at or before it starts \(Wed 16 Dec, 22:00 – Wed 16 Dec, 21:00\) \|/,
    );
    assert.doesNotMatch(board, /3\.0\.0/);
    assert.match(board, /1 later change waits for the board too\.$/);
    assert.equal(
      section(
        weeklyStatusReport(deliveryIndex(), { now: Date.parse('2026-12-04T15:00:00Z') }),
        'Clashes (next 4 weeks)',
      ),
      'No two upcoming changes to the same service and environment overlap.',
    );
  });

  it('a quiet week says so in words, and lists open retrospective action items', () => {
    const report = weeklyStatusReport(deliveryIndex(), {
      now: Date.parse('2026-11-12T09:00:00Z'),
      actionItems: [
        {
          text: 'Alert on double refunds',
          owner: '@alice',
          file: 'retrospectives/payments-2-13.md',
          retrospective: 'Payments API 2.13.0',
          line: 31,
        },
      ],
    });
    assert.equal(section(report, 'What went live this week'), 'Nothing went live this week.');
    assert.equal(
      section(report, 'Rolled back or failed, and why'),
      'Nothing was rolled back and nothing failed this week.',
    );
    assert.match(section(report, 'In short'), /- 1 retrospective action item still open\./);
    assert.equal(
      section(report, 'Open action items from retrospectives'),
      '- @alice: Alert on double refunds (from [Payments API 2.13.0](retrospectives/payments-2-13.md))',
    );
  });

  it('escapes runbook text so that it cannot break the tables', () => {
    const index = deliveryIndex({
      'pipe.runbook.yaml':
        'runbook: pipe\ntitle: "A | B <script>"\nservice: x\nenvironment: staging\nwindow: {start: 2026-11-18T10:00, duration: 1h}\nsteps: [{id: s}]\noutcome: {result: success, finished: 2026-11-18T10:30}\n',
    });
    const report = weeklyStatusReport(index, { now: Date.parse('2026-11-20T15:00:00Z') });
    assert.match(report, /\| A \\\| B \\<script\\> \| x \| staging \|/);
  });
});
