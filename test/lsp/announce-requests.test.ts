// The announcement and release-notes requests over stdio (protocol/requests.ts): the moment's
// announcement with the calendar channels that want it and what the record says of each, every
// record as the one edit to apply, the status comment showing what went to a status-comment
// channel, and the release notes rendered from what the editor fetched, stored as release.notes.
// Run `node esbuild.mjs` first.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  ANNOUNCEMENT_RECORD_REQUEST,
  ANNOUNCEMENT_REQUEST,
  AnnouncementResult,
  RecordEditResult,
  RELEASE_NOTES_REQUEST,
  RELEASE_STATE_REQUEST,
  ReleaseNotesResult,
  ReleaseStateResult,
  STATUS_REPORT_ANNOUNCEMENT_REQUEST,
  StatusReportAnnouncementResult,
} from '../../protocol/requests';
import { applyEdits, copyWorkspace, LspClient, uriOf } from '../helpers/lsp-client';

const CHANNELS = `channels:
  - id: ops-slack
    type: slack
    webhook-env: LSP_TEST_WEBHOOK
    environments: [production]
  - id: cab-comment
    type: status-comment
  - id: staging-mail
    type: email
    smtp-host: 127.0.0.1
    from: releases@example.com
    to: [qa@example.com]
    environments: [staging]
`;

describe('announcement and release notes requests (stdio)', function () {
  this.timeout(60_000);
  let client: LspClient;
  let workspace: string;
  let uri: string;
  let text: string;

  before(async () => {
    workspace = await copyWorkspace('workspace');
    await fs.writeFile(path.join(workspace, 'channels.calendar.yaml'), CHANNELS);
    uri = uriOf(path.join(workspace, 'checkout-web-5-3.runbook.yaml'));
    text = (await fs.readFile(new URL(uri), 'utf8')).replace(
      'change:\n',
      'announce:\n  summary: "New *order summary* <b>"\n  contact: "#storefront"\nchange:\n  commits:\n    from: v5.2.0\n    to: v5.3.0\n',
    );
    client = await LspClient.start({
      workspace,
      initializationOptions: { debounceMs: 0, timeZone: 'Europe/Berlin' },
    });
    await client.open(uri, text);
  });

  after(async () => {
    await client?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  const record = async (result: 'sending' | 'sent' | 'failed', channel: string, error?: string) => {
    const answer = await client.request<RecordEditResult>(ANNOUNCEMENT_RECORD_REQUEST, {
      uri,
      text,
      moment: 'started',
      channel,
      result,
      error,
      now: Date.parse('2026-12-03T21:05:00Z'),
    });
    assert.ok(answer.ok, JSON.stringify(answer));
    text = applyEdits(text, answer.edit ? [answer.edit] : []);
    await client.change(uri, text);
  };

  it("answers the moment's announcement and the channels that want it, by environment", async () => {
    const answer = await client.request<AnnouncementResult>(ANNOUNCEMENT_REQUEST, { uri, moment: 'started' });
    assert.equal(answer.announcement.subject, '[Started] Checkout web 5.3.0 to production (production)');
    // The summary is the runbook's Markdown, kept as Markdown.
    assert.match(answer.announcement.markdown, /\*\*Summary:\*\*\n\nNew \*order summary\* <b>\n/);
    assert.match(answer.announcement.text, /^Summary: New \*order summary\* <b>$/m);
    assert.deepEqual(
      answer.targets.map((t) => [t.channel.id, t.state]),
      [
        ['ops-slack', 'send'],
        ['cab-comment', 'send'],
      ],
    );
    assert.equal(answer.triedBefore, false);
    // The preview before the first send: the Markdown, then the subject and channels as text.
    assert.ok(answer.preview.startsWith(answer.announcement.markdown));
    assert.ok(
      answer.preview.endsWith(
        '_Preview of the "started" announcement, not sent yet. Subject: \\[Started\\] Checkout web 5.3.0 to production (production). Channels: ops-slack (slack), cab-comment (status-comment)._\n',
      ),
      answer.preview,
    );
    const bad = await client.request<AnnouncementResult>(ANNOUNCEMENT_REQUEST, { uri, moment: 'launched' }).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    assert.match(bad, /needs "moment", one of scheduled, decided/);
  });

  it('writes each record as one edit; the plan and the status comment follow the records', async () => {
    await record('sending', 'ops-slack');
    await record('failed', 'ops-slack', 'the webhook answered 503');
    await record('sending', 'cab-comment');
    let answer = await client.request<AnnouncementResult>(ANNOUNCEMENT_REQUEST, { uri, moment: 'started' });
    assert.deepEqual(
      answer.targets.map((t) => [t.channel.id, t.state, t.lastError]),
      [
        ['ops-slack', 'send', 'the webhook answered 503'],
        ['cab-comment', 'unknown', undefined],
      ],
    );
    assert.equal(answer.triedBefore, true);
    let state = await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri });
    assert.match(
      state.comments.status.body,
      /\*\*Announcement\*\*\n\n\*\*Started: Checkout web 5\.3\.0 to production\*\*/,
      'shown while being sent',
    );
    assert.match(state.comments.status.body, /runbook-status:checkout-web-5-3/);
    await record('sent', 'cab-comment');
    await record('sending', 'ops-slack');
    await record('sent', 'ops-slack');
    answer = await client.request<AnnouncementResult>(ANNOUNCEMENT_REQUEST, { uri, moment: 'started' });
    assert.deepEqual(
      answer.targets.map((t) => t.state),
      ['done', 'done'],
    );
    const records = (parse(text) as { release: { announcements: { channel: string; result: string }[] } }).release
      .announcements;
    assert.deepEqual(
      records.map((r) => `${r.channel}:${r.result}`),
      ['ops-slack:failed', 'cab-comment:sent', 'ops-slack:sent'],
    );
    state = await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri });
    assert.match(state.comments.status.body, /\*\*Announcement\*\*/);
  });

  it('renders the release notes from what the editor fetched, and stores them as release.notes', async () => {
    const range = await client.request<ReleaseNotesResult>(RELEASE_NOTES_REQUEST, { uri });
    assert.deepEqual(range, { range: { from: 'v5.2.0', to: 'v5.3.0' } });
    const fetched = {
      from: 'v5.2.0',
      to: 'v5.3.0',
      commits: [
        { sha: 'a'.repeat(40), message: 'Order summary (#12)' },
        { sha: 'b'.repeat(40), message: 'Fix <script> in totals (#13)' },
      ],
      pulls: [
        { number: 12, title: 'Order summary', labels: ['feature'] },
        { number: 13, title: 'Fix <script> in totals', labels: ['bug'] },
      ],
    };
    const notes = await client.request<ReleaseNotesResult>(RELEASE_NOTES_REQUEST, { uri, fetched, storeIn: text });
    assert.match(notes.markdown!, /^# Release notes: Checkout web 5\.3\.0 to production 5\.3\.0$/m);
    assert.match(
      notes.markdown!,
      /## Features\n\n- Order summary \(#12\)\n\n## Fixes\n\n- Fix \\<script\\> in totals \(#13\)|## Features\n\n- Order summary \(#12\)\n\n## Fixes\n\n- Fix &lt;script&gt; in totals \(#13\)/,
    );
    assert.ok(notes.store?.ok && notes.store.edit);
    const stored = parse(applyEdits(text, [notes.store.edit])) as {
      release: { notes: string; announcements: unknown[] };
    };
    assert.equal(stored.release.notes, notes.markdown);
    assert.equal(stored.release.announcements.length, 3, 'the record is kept');
  });

  it('makes the weekly status report a message for the Slack, Teams and email channels, with its ISO week', async () => {
    const answer = await client.request<StatusReportAnnouncementResult>(STATUS_REPORT_ANNOUNCEMENT_REQUEST, {
      text: '# Weekly status report\n\n<b>two</b> changes\n',
      now: Date.parse('2026-12-02T12:00:00Z'),
    });
    assert.equal(answer.week, '2026-W49');
    assert.equal(answer.announcement.subject, '[Status] Weekly status report 2026-W49');
    assert.match(answer.announcement.html, /&#60;b&#62;two&#60;\/b&#62; changes/);
    assert.deepEqual(
      answer.channels.map((c) => c.id),
      ['ops-slack', 'staging-mail'],
      'the status comment is not a channel for it',
    );
  });
});
