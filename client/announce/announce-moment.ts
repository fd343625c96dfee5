// Sends one moment's announcement of a runbook to the calendar channels that want it and have not
// had it, exactly once each, with the records `runbook announce` writes: `sending` saved before
// the send, `sent` or `failed` after. The first send of a moment is previewed (Markdown preview,
// then Send or Cancel). A failed channel never stops the others; the next try sends it again.
import * as vscode from 'vscode';
import {
  ANNOUNCEMENT_RECORD_REQUEST,
  ANNOUNCEMENT_REQUEST,
  AnnouncementResult,
  request,
} from '../../protocol/requests';
import type { AnnounceMoment } from '../../server/core/announce/announce-message';
import type { ChannelConfig } from '../../server/core/announce/announce-plan';
import { redact } from '../../server/github/github-errors';
import { upsertMarkedComment } from '../../server/github/release-comments';
import { announcementSender } from '../lazy-bundles';
import { releaseStateOf } from '../release/release-server';
import type { AnnounceDeps } from './announce-deps';
import { SECRET_HINT } from './announcement-secrets';

export interface AnnounceOutcome {
  moment: AnnounceMoment;
  title: string;
  sent: string[];
  failed: { id: string; error: string }[];
  /** Sent before: not sent again. */
  done: string[];
  /** A send began and never ended: not repeated. */
  unknown: string[];
  /** No channel of the calendar wants this moment of this runbook. */
  none?: boolean;
  cancelled?: boolean;
}

const TIMEOUT_MS = 15_000;

/** Every moment (the Record makes the list complete), with the words the pick shows. */
export const MOMENT_WORDS: Record<AnnounceMoment, string> = {
  scheduled: 'Scheduled: the change request is approved',
  decided: 'Decided: the go/no-go decision',
  started: 'Started',
  finished: 'Finished',
  'rolled-back': 'Rolled back',
  delayed: 'Delayed: a new window',
};

export const ANNOUNCE_MOMENTS = Object.keys(MOMENT_WORDS) as AnnounceMoment[];

export async function announcementOf(
  deps: AnnounceDeps,
  uri: vscode.Uri,
  moment: AnnounceMoment,
): Promise<AnnouncementResult> {
  await vscode.workspace.openTextDocument(uri);
  return request(deps.client, ANNOUNCEMENT_REQUEST, { uri: uri.toString(), moment });
}

export async function announceMoment(
  deps: AnnounceDeps,
  uri: vscode.Uri,
  moment: AnnounceMoment,
  options: { preview: boolean },
): Promise<AnnounceOutcome> {
  const answer = await announcementOf(deps, uri, moment);
  const title = answer.announcement.subject;
  const ids = (state: string) => answer.targets.filter((t) => t.state === state).map((t) => t.channel.id);
  const outcome: AnnounceOutcome = { moment, title, sent: [], failed: [], done: ids('done'), unknown: ids('unknown') };
  const toSend = answer.targets.filter((t) => t.state === 'send').map((t) => t.channel);
  if (!answer.targets.length) return { ...outcome, none: true };
  if (!toSend.length) return outcome;
  if (options.preview && !answer.triedBefore && !(await confirmAfterPreview(answer, toSend)))
    return { ...outcome, cancelled: true };
  for (const channel of toSend) {
    const error = await sendOnce(deps, uri, moment, channel, answer);
    if (error) outcome.failed.push({ id: channel.id, error });
    else outcome.sent.push(channel.id);
  }
  return outcome;
}

/** The announcement as the channels will show it, then Send or Cancel. */
async function confirmAfterPreview(answer: AnnouncementResult, channels: ChannelConfig[]): Promise<boolean> {
  const a = answer.announcement;
  const list = channels.map((c) => `${c.id} (${c.type})`).join(', ');
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.preview });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  const send = vscode.l10n.t('Send');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Release Runbooks: send the "{0}" announcement to {1}?', a.moment, list),
    {
      modal: true,
      detail: vscode.l10n.t(
        '{0}\n\nThe preview shows the text. Each channel gets it once; the runbook records every send.',
        a.subject,
      ),
    },
    send,
  );
  return choice === send;
}

/** One channel: `sending` saved, the send, its result saved. Returns the failure, or undefined when sent. */
async function sendOnce(
  deps: AnnounceDeps,
  uri: vscode.Uri,
  moment: AnnounceMoment,
  channel: ChannelConfig,
  answer: AnnouncementResult,
): Promise<string | undefined> {
  const record = (result: 'sending' | 'sent' | 'failed', error?: string) =>
    deps.writer.writeEdit(uri, (text) =>
      request(deps.client, ANNOUNCEMENT_RECORD_REQUEST, {
        uri: uri.toString(),
        text,
        moment,
        channel: channel.id,
        result,
        error,
        now: Date.now(),
      }),
    );
  const begun = await record('sending');
  if (!begun.ok) return `not sent: the send could not be recorded first (${begun.error})`;
  let error: string | undefined;
  try {
    if (channel.type === 'status-comment') await showInStatusComment(deps, uri);
    else
      await announcementSender().deliverAnnouncement(
        channel,
        answer.announcement,
        await deps.secrets.of(channel),
        TIMEOUT_MS,
        SECRET_HINT,
      );
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const ended = await record(error ? 'failed' : 'sent', error);
  if (!ended.ok) {
    deps.log.warn(
      `Announcement ${moment} to ${channel.id} ${error ? 'failed' : 'was sent'}, but the record could not be written: ${ended.error}`,
    );
    return error ?? `sent, but not recorded (${ended.error}); the record says "sending", so it is not sent again`;
  }
  deps.log.info(`Announcement ${moment} to ${channel.id}: ${error ? `failed (${error})` : 'sent'}`);
  return error;
}

/**
 * The status comment as a channel: with the `sending` record saved, the server's status comment
 * holds the announcement; this brings the comment on the change request up to date.
 */
async function showInStatusComment(deps: AnnounceDeps, uri: vscode.Uri): Promise<void> {
  const { state, comments } = await releaseStateOf(deps.client, uri);
  const access = await deps.github.access(uri, state.ticket, true);
  if (!access.ok) throw new Error(access.reason);
  let commentId: number;
  try {
    commentId = (
      await upsertMarkedComment(
        access.ctx,
        access.ticket,
        comments.status.marker,
        comments.status.body,
        state.record.statusComment,
      )
    ).comment.id;
  } catch (e) {
    throw new Error(redact(e instanceof Error ? e.message : String(e), access.token));
  }
  if (String(commentId) !== state.record.statusComment) {
    const stored = await deps.writer.record(
      uri,
      { kind: 'set-status-comment', commentId },
      { mirror: false, background: true },
    );
    if (!stored.ok)
      deps.log.warn(`The status comment's id ${commentId} could not be kept in the record: ${stored.error}`);
  }
}

/** Tells the user what happened; a failure offers Retry (which sends the failed channels only). */
export function reportOutcome(outcome: AnnounceOutcome, retry: () => void, quietWhenNothing = false): void {
  const what = `the "${outcome.moment}" announcement`;
  if (outcome.none) {
    if (!quietWhenNothing)
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Release Runbooks: no calendar channel takes {0} of this runbook (see channels: in the calendar).',
          what,
        ),
      );
    return;
  }
  if (outcome.cancelled) return;
  const parts: string[] = [];
  if (outcome.sent.length) parts.push(`sent to ${outcome.sent.join(', ')}`);
  if (outcome.done.length) parts.push(`sent before to ${outcome.done.join(', ')} (not again)`);
  if (outcome.unknown.length)
    parts.push(
      `${outcome.unknown.join(', ')}: a send began and never ended, so it is not repeated (check the channel, then remove that release.announcements entry to send again)`,
    );
  if (outcome.failed.length) {
    const failures = outcome.failed.map((f) => `${f.id}: ${f.error}`).join('; ');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t(
          'Release Runbooks: {0} failed for {1}.{2} The release goes on; retry when the channel is back.',
          what,
          failures,
          parts.length ? ` Also ${parts.join('; ')}.` : '',
        ),
        vscode.l10n.t('Retry'),
      )
      .then((choice) => {
        if (choice === vscode.l10n.t('Retry')) retry();
      });
    return;
  }
  if (quietWhenNothing && !outcome.sent.length) return;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Release Runbooks: {0}: {1}.', what, parts.join('; ') || 'nothing to send'),
  );
}
