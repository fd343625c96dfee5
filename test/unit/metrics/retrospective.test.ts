// The retrospective document of a finished release: facts, the timeline from the release record,
// prefilled findings and action items, and the earlier retrospectives' open action items.
import assert from 'node:assert/strict';
import { openActionItems } from '../../../server/core/metrics/action-items';
import { NotFinishedError, retrospectiveDocument } from '../../../server/core/metrics/retrospective-document';
import type { RunbookModel } from '../../../server/core/model';
import { deliveryIndex } from './metrics-fixture';

const NOW = Date.parse('2026-11-06T10:00:00Z');

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `a "${heading}" section`);
  const rest = markdown.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').slice(1).join('\n').trim();
}

describe('Retrospective document', () => {
  const index = deliveryIndex();
  const runbook = (id: string) => index.runbook(id) as RunbookModel;

  it('a rolled-back release: its facts and the timeline of the release record, in order of time', () => {
    const doc = retrospectiveDocument(index, runbook('checkout-5-1'), {
      now: NOW,
      runbookLink: '../checkout-5-1.runbook.yaml',
    });
    assert.match(doc, /^# Retrospective: Checkout web 5\.1 to production\n/);
    assert.match(doc, /\| Runbook \| \[checkout-5-1\]\(\.\.\/checkout-5-1\.runbook\.yaml\) \|/);
    assert.match(doc, /\| Window \| Thu 5 Nov 2026, 21:00 – 23:00 \(Europe\/Berlin\) \|/);
    assert.match(doc, /\| Outcome \| rolled back, finished Thu 5 Nov 2026, 22:40 \|/);
    assert.match(doc, /\| People in the record \| @dana, @erin \|/);
    assert.equal(
      section(doc, 'Timeline'),
      [
        '| Time | Who | What |',
        '| --- | --- | --- |',
        '| 20:40 | @dana | Precondition confirmed: Acceptance tests pass on tag v5.1.0 |',
        '| 20:55 | @dana | GO: All gates pass |',
        '| 21:30 | @dana | Started step "Deploy 5.1.0" |',
        '| 21:50 | @dana | Done: step "Deploy 5.1.0" (took 20m) |',
        '| 22:05 | @dana | **Rollback decided: Checkout errors at 4% after the deployment (the rollback trigger was met)** |',
        '| 22:06 | @erin | Started rollback step "Redeploy 5.0.4" |',
        '| 22:35 | @erin | Done: rollback step "Redeploy 5.0.4" (took 29m) |',
        '| 22:40 |  | **Release finished: it was rolled back** |',
      ].join('\n'),
    );
    assert.match(
      section(doc, 'Summary'),
      /^The change was rolled back after 1 of 1 step was done\. The rollback was decided at 22:05 by @dana: Checkout errors at 4% after the deployment\. Service was restored by the rollback 30m after the decision\./,
    );
    assert.match(
      section(doc, 'Summary'),
      /> Rolled back after checkout errors; the session cache key changed format\./,
    );
  });

  it('prefills what went well, what did not, and an action item with an owner', () => {
    const doc = retrospectiveDocument(index, runbook('checkout-5-1'), { now: NOW });
    assert.match(
      section(doc, 'What went well'),
      /- The rollback steps ran to the end as planned\.\n- Service was restored 30m after the rollback decision\./,
    );
    assert.match(
      section(doc, 'What did not go well'),
      /^- The change had to be rolled back: Checkout errors at 4% after the deployment\.$/,
    );
    const items = openActionItems([{ path: 'checkout-5-1.md', text: doc }]);
    assert.deepEqual(
      items.map((i) => [i.owner, i.text, i.retrospective]),
      [
        [
          '@dana',
          'Find the cause of the rollback (Checkout errors at 4% after the deployment) and how to catch it before production',
          'Checkout web 5.1 to production',
        ],
      ],
    );
  });

  it('without a release record: says so, and still takes the outcome and its notes', () => {
    const doc = retrospectiveDocument(index, runbook('payments-2-13'), { now: NOW });
    assert.match(
      section(doc, 'Timeline'),
      /^The runbook has no release record .*\n\n\| Time \| Who \| What \|\n\| --- \| --- \| --- \|\n\| 23:00 \|  \| \*\*Release finished: it failed\*\* \|$/,
    );
    assert.match(doc, /\| Outcome \| failed, finished Thu 19 Nov 2026, 23:00 \|/);
    assert.match(section(doc, 'Summary'), /Service recovered 2h 30m later with Payments API 2\.13\.1 hotfix\./);
    assert.match(section(doc, 'Action items'), /- \[ \] @alice: Find out why the change failed and prevent it/);
  });

  it('lists the open action items of earlier retrospectives as plain bullets, so they are counted once', () => {
    const earlier = openActionItems([
      {
        path: 'payments-2-13.md',
        text: '# Retrospective: Payments API 2.13.0\n\n## Action items\n\n- [ ] @alice: Alert on double refunds\n- [x] @bob: Add a refund test\n',
      },
    ]);
    const doc = retrospectiveDocument(index, runbook('checkout-5-1'), { now: NOW, earlierItems: earlier });
    assert.match(
      section(doc, 'Open action items from earlier retrospectives'),
      /- @alice: Alert on double refunds \(from \[Payments API 2\.13\.0\]\(payments-2-13\.md\)\)/,
    );
    const all = openActionItems([
      {
        path: 'payments-2-13.md',
        text: '# Retrospective: Payments API 2.13.0\n\n## Action items\n\n- [ ] @alice: Alert on double refunds\n',
      },
      { path: 'checkout-5-1.md', text: doc },
    ]);
    assert.deepEqual(
      all.map((i) => i.text),
      [
        'Find the cause of the rollback (Checkout errors at 4% after the deployment) and how to catch it before production',
        'Alert on double refunds',
      ],
    );
  });

  it('refuses a runbook that has not finished', () => {
    assert.throws(() => retrospectiveDocument(index, runbook('payments-2-15'), { now: NOW }), NotFinishedError);
    assert.throws(
      () => retrospectiveDocument(index, runbook('payments-2-15'), { now: NOW }),
      /payments-2-15 has no outcome yet/,
    );
  });

  it('a success with step timeouts: every step within its timeout, and a step that took too long', () => {
    const text = [
      'runbook: api-3',
      'title: API 3',
      'service: api',
      'environment: staging',
      'owner: "@kim"',
      'timezone: UTC',
      'window: {start: 2026-11-10T10:00, duration: 2h}',
      'steps:',
      '  - {id: one, title: First, timeout: 10m}',
      '  - {id: two, title: Second, timeout: 5m, owner: "@lee"}',
      'verification:',
      '  - {id: smoke, check: Smoke test}',
      'release:',
      '  steps:',
      '    - {id: one, status: failed, by: "@kim", started: 2026-11-10T10:00:00Z, finished: 2026-11-10T10:04:00Z, note: timeout on the registry}',
      '    - {id: one, status: done, by: "@kim", started: 2026-11-10T10:05:00Z, finished: 2026-11-10T10:12:00Z}',
      '    - {id: two, status: done, by: "@lee", started: 2026-11-10T10:13:00Z, finished: 2026-11-10T10:25:00Z}',
      '  verification:',
      '    - {id: smoke, result: pass, by: "@kim", at: 2026-11-10T10:30:00Z}',
      'outcome: {result: success, finished: 2026-11-10T10:31:00Z}',
      '',
    ].join('\n');
    const own = deliveryIndex({ 'api-3.runbook.yaml': text });
    const doc = retrospectiveDocument(own, own.runbook('api-3') as RunbookModel, { now: NOW });
    assert.match(
      section(doc, 'Timeline'),
      /\| 10:04 \| @kim \| \*\*Failed: step "First" \(took 4m\): timeout on the registry\*\* \|/,
    );
    assert.match(section(doc, 'What went well'), /- All 1 verification check passed\./);
    assert.match(
      section(doc, 'What did not go well'),
      /- "Second" took 12m against its 5m timeout\.\n- "First" needed 2 attempts\./,
    );
    assert.match(section(doc, 'Action items'), /- \[ \] @lee: Check the timeout of "Second" or make the step faster/);
  });
});
