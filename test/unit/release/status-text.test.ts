// What stakeholders read on the change request: one line in business language, the status
// comment edited in place, the decision comment and the closing summary.
import { strict as assert } from 'node:assert';
import {
  closingSummaryBody,
  decisionCommentBody,
  hasCommentMarker,
  statusCommentBody,
  statusLine,
  statusMarker,
} from '../../../server/core/release/status-text';
import { timeBudget } from '../../../server/core/release/time-budget';
import { ALL_PASS, berlin, fixtureText, GO, PAYMENTS, record, stateOf } from './release-fixture';

const WINDOW = { start: berlin('2026-12-02T22:00'), end: berlin('2026-12-03T00:00') };
const START = fixtureText(PAYMENTS);
const go = record(START, [GO, '@alice', '2026-12-02T21:45']);
const line = (text: string, local: string) => {
  const state = stateOf(text);
  return statusLine(state, timeBudget(state, WINDOW, berlin(local)));
};

describe('Status text', () => {
  it('says where the release stands, in the words of the issue', () => {
    assert.equal(line(START, '2026-12-02T21:00'), 'Waiting for the go/no-go decision.');
    assert.equal(
      line(go, '2026-12-02T21:50'),
      'GO given by @alice; 3 steps to run. The window opens at 2026-12-02 22:00 Europe/Berlin.',
    );
    const running = record(go, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03']);
    assert.equal(
      line(running, '2026-12-02T22:10'),
      'Step 1 of 3 in progress: Deploy 2.14.0 to the canary pool (7m of 20m); on schedule.',
    );
    const two = record(
      running,
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:18'],
      [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:20'],
      [{ kind: 'finish-step', list: 'steps', id: 'rollout', status: 'done' }, '@alice', '2026-12-02T22:45'],
    );
    assert.equal(
      line(two, '2026-12-02T22:45'),
      'Step 2 of 3 done: Roll out 2.14.0 to all pods; next: Purge the CDN cache for /checkout; on schedule.',
    );
    const three = record(
      two,
      [{ kind: 'start-step', list: 'steps', id: 'purge-cache' }, '@alice', '2026-12-02T22:46'],
      [{ kind: 'finish-step', list: 'steps', id: 'purge-cache', status: 'done' }, '@alice', '2026-12-02T22:48'],
    );
    assert.equal(
      line(three, '2026-12-02T22:48'),
      'Step 3 of 3 done: Purge the CDN cache for /checkout; verification next; on schedule.',
    );
    const checked = record(three, [{ kind: 'verify', key: 'smoke', result: 'pass' }, '@bob', '2026-12-02T22:50']);
    assert.equal(
      line(checked, '2026-12-02T22:50'),
      'All 3 steps done; verification 1 of 2 checked; next: The 23:30 settlement batch completes.',
    );
  });

  it('counts steps by their place in the runbook when they run out of order', () => {
    const noChecks = START.replace(/verification:\n(?:  .*\n)+/, '');
    const text = record(
      noChecks,
      [GO, '@alice', '2026-12-02T21:45'],
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:10'],
      [{ kind: 'skip-step', list: 'steps', id: 'purge-cache' }, '@alice', '2026-12-02T22:11'],
      [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:12'],
    );
    assert.equal(
      line(text, '2026-12-02T22:20'),
      'Step 2 of 3 in progress: Roll out 2.14.0 to all pods (8m of 30m); on schedule.',
    );
  });

  it('tells a failure and a rollback plainly', () => {
    const failed = record(
      go,
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00'],
      [
        { kind: 'finish-step', list: 'steps', id: 'canary', status: 'failed', note: 'Canary 5xx at 3%' },
        '@alice',
        '2026-12-02T22:12',
      ],
    );
    assert.equal(
      line(failed, '2026-12-02T22:12'),
      'Step 1 of 3 failed: Deploy 2.14.0 to the canary pool: Canary 5xx at 3%; deciding whether to retry, skip or roll back; on schedule.',
    );
    const rolling = record(failed, [
      { kind: 'decide-rollback', reason: 'Trigger met', triggerMet: true },
      '@alice',
      '2026-12-02T22:13',
    ]);
    assert.equal(
      line(rolling, '2026-12-02T22:13'),
      'Rolling back (decided by @alice). 1 rollback step to run; next: Remove the canary pool from the load balancer; on schedule.',
    );
  });

  it('writes the status comment with its marker, steps, times and people', () => {
    const text = record(
      go,
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@carol', '2026-12-02T22:18'],
    );
    const state = stateOf(text);
    const body = statusCommentBody(state, timeBudget(state, WINDOW, berlin('2026-12-02T22:19')));
    assert.ok(hasCommentMarker(body, statusMarker('payments-api-2-14')));
    assert.match(body, /^### Release status: Payments API 2\.14\.0 to production$/m);
    assert.match(
      body,
      /^\*\*Step 1 of 3 done: Deploy 2\.14\.0 to the canary pool; next: Roll out 2\.14\.0 to all pods; on schedule\.\*\*$/m,
    );
    assert.match(
      body,
      /^\| 1 \| Deploy 2\.14\.0 to the canary pool \| ✅ done by @carol \| 22:03–22:18 \(15m of 20m\) \|$/m,
    );
    assert.match(body, /^\| 2 \| Roll out 2\.14\.0 to all pods \| pending \| — \|$/m);
    assert.match(body, /^- \[ \] Synthetic checkout succeeds$/m);
  });

  it("escapes runbook text so it cannot change the comment's shape or forge a marker", () => {
    const hostile = START.replace(
      'title: Deploy 2.14.0 to the canary pool',
      'title: "<!-- runbook-status:other --> | **bold** <img src=x>"',
    );
    const state = stateOf(record(hostile, [GO, '@alice', '2026-12-02T21:45']));
    const body = statusCommentBody(state, timeBudget(state, WINDOW, berlin('2026-12-02T21:50')));
    assert.ok(!hasCommentMarker(body, statusMarker('other')));
    assert.match(body, /\\<!-- runbook-status:other --\\> \\\| \\\*\\\*bold\\\*\\\* \\<img src=x\\>/);
  });

  it('writes a decision comment with every gate and the proposed window', () => {
    const nogo = record(START, [
      {
        kind: 'decide',
        decision: 'no-go',
        reason: 'CAB has not approved',
        gates: { ...ALL_PASS, 'cab-approval': { state: 'fail', evidence: 'The board has not decided' } },
        proposedWindow: { start: '2026-12-03T22:00:00+01:00', end: '2026-12-04T00:00:00+01:00' },
      },
      '@alice',
      '2026-12-02T21:45',
    ]);
    const state = stateOf(nogo);
    const body = decisionCommentBody(state, state.lastDecision!, 0);
    assert.match(body, /^\*\*NO-GO\*\* decided by @alice at 2026-12-02 21:45 Europe\/Berlin\.$/m);
    assert.match(body, /^\| Change advisory board approved \| ❌ fail \| The board has not decided \|$/m);
    assert.match(body, /^Proposed new window: 2026-12-03 22:00 – 2026-12-04 00:00 Europe\/Berlin$/m);
    assert.ok(body.endsWith('<!-- runbook-decision:payments-api-2-14:1 -->'));
    assert.equal(line(nogo, '2026-12-02T21:46'), 'NO-GO by @alice: CAB has not approved.');
  });

  it('writes a closing summary with the outcome, the duration and what went over time', () => {
    const finished = record(
      go,
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:25'],
      [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:26'],
      [{ kind: 'finish-step', list: 'steps', id: 'rollout', status: 'failed' }, '@alice', '2026-12-02T22:40'],
      [{ kind: 'decide-rollback', reason: 'Errors above 2%', triggerMet: true }, '@alice', '2026-12-02T22:41'],
      [{ kind: 'start-step', list: 'rollback', id: 'rollback-release' }, '@alice', '2026-12-02T22:42'],
      [{ kind: 'finish-step', list: 'rollback', id: 'rollback-release', status: 'done' }, '@alice', '2026-12-02T22:55'],
      [{ kind: 'start-step', list: 'rollback', id: 'rollback-canary' }, '@alice', '2026-12-02T22:56'],
      [{ kind: 'finish-step', list: 'rollback', id: 'rollback-canary', status: 'done' }, '@alice', '2026-12-02T23:01'],
      [{ kind: 'finish', result: 'rolled-back', notes: 'Back on 2.13.4.' }, '@alice', '2026-12-02T23:05'],
    );
    const state = stateOf(finished);
    const budget = timeBudget(state, WINDOW, berlin('2026-12-02T23:05'));
    assert.equal(statusLine(state, budget), 'Finished: rolled back at 2026-12-02 23:05 Europe/Berlin.');
    const body = closingSummaryBody(state, budget);
    assert.match(body, /^\*\*Outcome: rolled back\*\*$/m);
    assert.match(body, /^From 2026-12-02 22:00 to 2026-12-02 23:05 Europe\/Berlin \(1h05m\)\.$/m);
    assert.match(body, /^- Steps: 1 done, 1 failed, 1 not run of 3$/m);
    assert.match(body, /^- Rollback steps: 2 done of 2$/m);
    assert.match(body, /^- Over their timeout: canary$/m);
    assert.match(body, /^Back on 2\.13\.4\.$/m);
    assert.ok(body.endsWith('<!-- runbook-summary:payments-api-2-14 -->'));
  });
});
