// What needs attention stays in the Release Tracking view: a rollback, a start outside the approved
// window on an override, announcements that failed (until a later one was sent).
import { strict as assert } from 'node:assert';
import { needsAttention } from '../../../server/core/release/attention';
import { fixtureText, GO, PAYMENTS, record, stateOf } from './release-fixture';

const START = fixtureText(PAYMENTS);

function withRecord(lines: string): string {
  return `${START}\nrelease:\n${lines}`;
}

describe('Release outcomes that need attention', () => {
  it('nothing for a release that goes to plan', () => {
    const go = record(
      START,
      [GO, '@alice', '2026-12-02T21:45'],
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03'],
    );
    assert.deepEqual(needsAttention(stateOf(go)), []);
  });

  it('names a rollback with who, when and why', () => {
    const rolling = record(
      START,
      [GO, '@alice', '2026-12-02T21:45'],
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03'],
      [
        { kind: 'decide-rollback', reason: 'Error rate 4% on payments-api', triggerMet: false },
        '@bob',
        '2026-12-02T22:10',
      ],
    );
    assert.deepEqual(needsAttention(stateOf(rolling)), [
      'Rollback decided by @bob at 2026-12-02 22:10 (trigger not met): Error rate 4% on payments-api',
    ]);
  });

  it('names each start outside the approved window with its override', () => {
    const text = withRecord(
      [
        '  steps:',
        '    - id: canary',
        '      status: started',
        '      by: "@alice"',
        '      started: 2026-12-02T20:30:00+01:00',
        '      outside-window: the window opens in 1h30m',
        '      window-override: Customer outage fix cannot wait',
      ].join('\n'),
    );
    assert.deepEqual(needsAttention(stateOf(text)), [
      'Step "canary" was started on an override by @alice: the window opens in 1h30m. Reason: Customer outage fix cannot wait',
    ]);
  });

  it('names failed announcements until a later attempt was sent, and sums up beyond three', () => {
    const entry = (moment: string, channel: string, result: string, error?: string) =>
      [
        `    - moment: ${moment}`,
        `      channel: ${channel}`,
        `      result: ${result}`,
        ...(error ? [`      error: ${error}`] : []),
      ].join('\n');
    const text = withRecord(
      [
        '  announcements:',
        entry('scheduled', 'slack-payments', 'failed', 'HTTP 500 from the webhook'),
        entry('scheduled', 'slack-payments', 'sent'),
        entry('started', 'slack-payments', 'failed', 'HTTP 403 from the webhook'),
        entry('started', 'teams-finance', 'failed'),
        entry('started', 'mail-ops', 'failed'),
        entry('started', 'pager', 'failed'),
      ].join('\n'),
    );
    assert.deepEqual(needsAttention(stateOf(text)), [
      'Announcement "started" to slack-payments failed: HTTP 403 from the webhook; send it again with runbook announce',
      'Announcement "started" to teams-finance failed; send it again with runbook announce',
      'Announcement "started" to mail-ops failed; send it again with runbook announce',
      '1 more announcement failed (release.announcements)',
    ]);
  });
});
