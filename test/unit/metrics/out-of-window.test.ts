// Work outside the approved window and work without a GO are named where a board reads: the
// retrospective, the weekly status report and the change records the metrics count.
import assert from 'node:assert/strict';
import { changeRecords } from '../../../server/core/metrics/change-records';
import { metricsReport } from '../../../server/core/metrics/compute-metrics';
import { metricsMarkdown } from '../../../server/core/metrics/metrics-markdown';
import { retrospectiveDocument } from '../../../server/core/metrics/retrospective-document';
import { weeklyStatusReport } from '../../../server/core/metrics/status-report';
import type { RunbookModel } from '../../../server/core/model';
import { deliveryIndex } from './metrics-fixture';

// Due Sunday 22 November 02:30; run on Friday 20 November, first step without an override.
const EARLY = `runbook: dns-resolvers
title: DNS resolvers upgrade
service: dns
environment: production
window:
  start: 2026-11-22T02:30
  duration: 1h
change:
  ticket: acme/releases#130
steps:
  - id: upgrade
    title: Upgrade the resolvers
  - id: verify
    title: Check resolution
outcome:
  result: success
  started: 2026-11-20T14:00:00+01:00
  finished: 2026-11-20T14:40:00+01:00
release:
  steps:
    - id: upgrade
      status: done
      by: "@erin"
      started: 2026-11-20T14:00:00+01:00
      finished: 2026-11-20T14:20:00+01:00
    - id: verify
      status: done
      by: "@erin"
      started: 2026-11-20T14:21:00+01:00
      finished: 2026-11-20T14:40:00+01:00
      outside-window: the approved window (2026-11-22 02:30 Europe/Berlin to 2026-11-22 03:30 Europe/Berlin) opens in 1d12h09m
      window-override: Resolver CVE, told the board by phone
`;

describe('Out-of-window and unapproved changes', () => {
  const index = deliveryIndex({ 'dns-resolvers.runbook.yaml': EARLY });

  it('the change record names each step started outside the window, and a start without GO', () => {
    const record = changeRecords(index).changes.find((c) => c.id === 'dns-resolvers')!;
    assert.deepEqual(record.unauthorized, {
      outOfWindow: [
        'upgrade: started 2026-11-20T14:00:00+01:00, outside the window (no override recorded)',
        'verify: the approved window (2026-11-22 02:30 Europe/Berlin to 2026-11-22 03:30 Europe/Berlin) opens in 1d12h09m (override: Resolver CVE, told the board by phone)',
      ],
      withoutGo: true,
    });
    const inWindow = changeRecords(deliveryIndex()).changes.filter((c) => c.unauthorized);
    assert.deepEqual(
      inWindow.map((c) => c.id),
      [],
      "the fixture's releases ran in their windows after a GO",
    );
  });

  it('the retrospective lists them under what did not go well, with an action item', () => {
    const doc = retrospectiveDocument(index, index.runbook('dns-resolvers') as RunbookModel, {
      now: Date.parse('2026-11-23T10:00:00Z'),
    });
    assert.match(
      doc,
      /- Out-of-window change: upgrade: started 2026-11-20T14:00:00\+01:00, outside the window \(no override recorded\)\./,
    );
    assert.match(doc, /- Out-of-window change: verify: .* \(override: Resolver CVE, told the board by phone\)\./);
    assert.match(doc, /- Unapproved change: steps were started without a GO\./);
    assert.match(doc, /Take the out-of-window work to the change advisory board/);
    assert.doesNotMatch(doc, /The release went as planned/);
  });

  it('the weekly report says so in short and in a section of its own', () => {
    const report = weeklyStatusReport(index, { now: Date.parse('2026-11-20T15:00:00Z') });
    assert.match(report, /\n- 1 change ran out of its approved window or without a GO: see below\.\n/);
    assert.match(
      report,
      /\n## Out-of-window and unapproved changes\n\n- \*\*DNS resolvers upgrade\*\* \(acme\/releases#130\): out of window: upgrade: .*; out of window: verify: .*; unapproved: started without a GO\.\n/,
    );
    assert.doesNotMatch(
      weeklyStatusReport(deliveryIndex(), { now: Date.parse('2026-11-20T15:00:00Z') }),
      /Out-of-window/,
    );
  });

  it('the metrics mark the deployment in their list, and say nothing more of the others', () => {
    const report = metricsReport(index, { from: '2026-11-16', to: '2026-11-22' });
    const row = report.deployments.find((d) => d.runbook === 'dns-resolvers')!;
    assert.deepEqual(row.unauthorized?.withoutGo, true);
    assert.equal(report.deployments.filter((d) => d.unauthorized).length, 1);
    assert.match(
      metricsMarkdown(report),
      /\| dns-resolvers \| dns \| production \| — \| success \(out of window, unapproved\) \|/,
    );
  });
});
