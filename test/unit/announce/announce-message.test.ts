// The pure parts the editor will share: one template per moment, and which channels still need it.
import { strict as assert } from 'node:assert';
import { announcementPreview, renderAnnouncement } from '../../../server/core/announce/announce-message';
import {
  channelsFor,
  planDelivery,
  readChannels,
  recordResult,
  recordSending,
} from '../../../server/core/announce/announce-plan';
import { ANNOUNCE_MOMENTS } from '../../../server/core/dsl-schema';

const FACTS = {
  title: 'Payments API 2.14',
  environment: 'production',
  windowStart: '2026-12-02T22:00',
  summary: 'Faster *settlement*',
  note: 'All fine',
  newWindow: '2026-12-09T22:00',
  decision: { decision: 'no-go' as const, reason: 'CAB said no' },
};

describe('announcements: one template per moment, exactly once per channel', () => {
  it('says what happened in each moment, with the facts only that moment needs', () => {
    const subjects = ANNOUNCE_MOMENTS.map((m) => renderAnnouncement(m, FACTS).subject);
    assert.deepEqual(subjects, [
      '[Scheduled] Payments API 2.14 (production)',
      '[NO-GO] Payments API 2.14 (production)',
      '[Started] Payments API 2.14 (production)',
      '[Finished] Payments API 2.14 (production)',
      '[Rolled back] Payments API 2.14 (production)',
      '[Delayed] Payments API 2.14 (production)',
    ]);
    assert.match(renderAnnouncement('decided', FACTS).text, /^Reason: CAB said no$/m);
    assert.match(renderAnnouncement('delayed', FACTS).text, /^New window: 2026-12-09T22:00$/m);
    assert.doesNotMatch(renderAnnouncement('started', FACTS).text, /New window|Notes|Reason/);
    assert.match(renderAnnouncement('finished', FACTS).markdown, /^All fine$/m);
  });

  it('previews a subject and channel ids from files as text: no link, emphasis, HTML or table cell', () => {
    const hostile = { ...FACTS, title: 'Pay [me](https://x.invalid) <img src=x> *now* | cell' };
    const preview = announcementPreview(renderAnnouncement('started', hostile), [{ id: 'ops_<b>', type: 'slack' }]);
    const note = preview.split('\n---\n\n')[1];
    assert.equal(
      note,
      '_Preview of the "started" announcement, not sent yet. Subject: \\[Started\\] Pay \\[me\\](https://x.invalid) \\<img src=x\\> \\*now\\* \\| cell (production). Channels: ops\\_\\<b\\> (slack)._\n',
    );
  });

  it('picks channels by moment, environment and team, and plans from the latest record', () => {
    const { channels, problems } = readChannels([
      {
        channels: [
          { id: 'a', type: 'slack' },
          { id: 'b', type: 'email', environments: ['staging'] },
          { id: 'c', type: 'teams', moments: ['finished'] },
          { id: 'a', type: 'slack' },
          { type: 'fax' },
        ],
      },
    ]);
    assert.equal(problems.length, 2);
    assert.deepEqual(
      channelsFor(channels, 'started', 'production').map((c) => c.id),
      ['a'],
    );
    assert.deepEqual(
      channelsFor(channels, 'finished', 'staging').map((c) => c.id),
      ['a', 'b', 'c'],
    );
    const plan = planDelivery('finished', channels, [
      { moment: 'finished', channel: 'a', result: 'failed' },
      { moment: 'finished', channel: 'a', result: 'sent' },
      { moment: 'finished', channel: 'b', result: 'sending' },
      { moment: 'started', channel: 'c', result: 'sent' },
    ]);
    assert.deepEqual(
      [plan.done, plan.unknown, plan.send].map((l) => l.map((c) => c.id)),
      [['a'], ['b'], ['c']],
    );
  });

  it('writes the records into the runbook, keeping its comments', () => {
    const text = '# keep me\nrunbook: x\nrelease:\n  status-comment: "1"\n';
    const sending = recordSending(text, 'started', 'ops', '2026-12-02T21:00:00.000Z');
    assert.ok(sending.ok);
    const done = recordResult(sending.text, 'ops', 'failed', '2026-12-02T21:00:01.000Z', 'the webhook answered 503');
    assert.ok(done.ok);
    assert.equal(
      done.text,
      '# keep me\nrunbook: x\nrelease:\n  status-comment: "1"\n  announcements:\n    - moment: started\n      channel: ops\n      at: 2026-12-02T21:00:01.000Z\n      result: failed\n      error: the webhook answered 503\n',
    );
  });
});
