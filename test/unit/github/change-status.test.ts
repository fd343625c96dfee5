import { strict as assert } from 'node:assert';
import { describeStatus } from '../../../server/core/editor/change-status-display';
import { cabDecision } from '../../../protocol/change-status';
import { fetchChangeStatuses } from '../../../server/github/fetch-change-status';
import { clientFor, useStandIn } from './stand-in-fixture';

describe('change status', () => {
  const s = useStandIn();

  it("reads state, the board's verdict from configurable labels, and assignees", async () => {
    const a = s.get().seedIssue('acme/releases', { title: 'a', labels: ['change-request'], assignees: ['carol'] });
    s.get().seedLabel('acme/releases', 'change-request');
    s.get().seedLabel('acme/releases', 'CAB-OK');
    a.labels.push('CAB-OK');
    const b = s.get().seedIssue('acme/releases', {
      title: 'b',
      labels: [],
      state: 'closed',
      stateReason: 'not_planned',
      closedAt: '2026-11-01T10:00:00Z',
    });
    const results = await fetchChangeStatuses(
      clientFor(s.get()),
      [
        { owner: 'acme', repo: 'releases', number: a.number },
        { owner: 'acme', repo: 'releases', number: b.number },
        { owner: 'acme', repo: 'releases', number: 99 },
      ],
      { cab: { approved: 'cab-ok', rejected: 'cab-no' } },
    );
    assert.ok(results[0].ok && results[1].ok && !results[2].ok);
    if (!results[0].ok || !results[1].ok || results[2].ok) return;
    assert.equal(results[0].status.cab, 'approved');
    assert.deepEqual(results[0].status.assignees, ['carol']);
    assert.equal(describeStatus(results[0].status, 'UTC'), 'acme/releases#1 · open · CAB approved · @carol');
    assert.equal(
      describeStatus(results[1].status, 'UTC'),
      'acme/releases#2 · closed (not planned) · CAB pending · unassigned',
    );
    assert.match(results[2].failure.message, /Issue acme\/releases#99 \(change.ticket\) was not found/);
  });

  it('lets a rejection win over an approval', () => {
    assert.equal(cabDecision(['cab:approved', 'cab:rejected']), 'rejected');
    assert.equal(cabDecision(['other']), 'pending');
  });
});
