// The change request's status comment as a channel: it shows the latest moment sent (or being
// sent) to a status-comment channel, from the record; a failed send shows nothing new.
import { strict as assert } from 'node:assert';
import { announceFactsOf } from '../../../server/core/announce/announce-facts';
import { readChannels } from '../../../server/core/announce/announce-plan';
import { statusCommentAnnouncement } from '../../../server/core/announce/status-announcement';
import { reportWeek, statusReportAnnouncement } from '../../../server/core/announce/status-report-announcement';
import { slackPayload } from '../../../server/core/announce/announce-message';

const { channels } = readChannels([
  {
    channels: [
      { id: 'slack', type: 'slack' },
      { id: 'cab', type: 'status-comment' },
    ],
  },
]);

function doc(announcements: { moment: string; channel: string; result: string }[]): Record<string, unknown> {
  return {
    runbook: 'r',
    title: 'Payments <b>2.14</b>',
    environment: 'production',
    outcome: { result: 'success', notes: 'All *green*' },
    announce: { summary: 'Faster' },
    release: { announcements },
  };
}

describe('the status comment as an announcement channel', () => {
  it('shows the latest moment sent or being sent to a status-comment channel', () => {
    assert.equal(statusCommentAnnouncement(doc([]), channels, 'f'), undefined);
    assert.equal(
      statusCommentAnnouncement(doc([{ moment: 'started', channel: 'slack', result: 'sent' }]), channels, 'f'),
      undefined,
      'only status-comment channels count',
    );
    const started = statusCommentAnnouncement(
      doc([{ moment: 'started', channel: 'cab', result: 'sending' }]),
      channels,
      'f',
    );
    assert.match(started!, /^\*\*Started: Payments \\<b\\>2\.14\\<\/b\\>\*\*|^\*\*Started: Payments &lt;b&gt;/);
    const finished = statusCommentAnnouncement(
      doc([
        { moment: 'started', channel: 'cab', result: 'sent' },
        { moment: 'finished', channel: 'cab', result: 'sent' },
      ]),
      channels,
      'f',
    );
    assert.match(finished!, /^\*\*Finished: /);
    assert.match(finished!, /All \*green\*/);
    const failed = statusCommentAnnouncement(
      doc([
        { moment: 'started', channel: 'cab', result: 'sent' },
        { moment: 'finished', channel: 'cab', result: 'failed' },
      ]),
      channels,
      'f',
    );
    assert.match(failed!, /^\*\*Started: /, 'a failed send leaves the last one shown');
  });

  it('reads the facts of every moment from the runbook, whatever the types', () => {
    const facts = announceFactsOf(
      {
        title: 42,
        window: { start: '2026-12-02T22:00', duration: '1h' },
        release: {
          decisions: [{ decision: 'no-go', reason: 'CAB', 'proposed-window': { start: '2026-12-09T22:00' } }],
          rollback: { reason: 'errors' },
        },
      },
      'fallback',
    );
    assert.equal(facts.title, '42');
    assert.equal(facts.windowEnd, '+1h');
    assert.deepEqual(facts.decision, { decision: 'no-go', reason: 'CAB' });
    assert.equal(facts.newWindow, '2026-12-09T22:00');
    assert.equal(facts.note, 'errors');
    assert.equal(announceFactsOf({}, 'fallback').title, 'fallback');
  });

  it('makes the weekly status report a message of its ISO week, escaped in HTML and whole in Slack', () => {
    assert.equal(reportWeek(Date.parse('2027-01-01T12:00:00Z'), 'Europe/Berlin'), '2026-W53');
    assert.equal(
      reportWeek(Date.parse('2026-12-06T23:30:00Z'), 'Europe/Berlin'),
      '2026-W50',
      'Monday already in Berlin',
    );
    const a = statusReportAnnouncement('# Weekly status report\r\n\n<script>x</script> & more\n', '2026-W49');
    assert.equal(a.subject, '[Status] Weekly status report 2026-W49');
    assert.doesNotMatch(a.html, /<script>/);
    const slack = slackPayload(a) as { blocks: { text: { text: string } }[] };
    assert.match(slack.blocks[1].text.text, /^# Weekly status report\n\n&lt;script&gt;x&lt;\/script&gt; &amp; more$/);
  });
});
