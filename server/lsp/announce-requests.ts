// Announcements and release notes answered from the server's workspace: the moment's announcement
// with the calendar channels that want it (and what the record says about each), each record as
// the one edit to apply to the runbook, and the release notes rendered from what the editor
// fetched from GitHub. Sending happens in the editor (server/notify), where the secrets are.
import * as path from 'node:path';
import {
  ANNOUNCEMENT_RECORD_REQUEST,
  ANNOUNCEMENT_REQUEST,
  AnnouncementParams,
  AnnouncementRecordParams,
  AnnouncementResult,
  AnnouncementTarget,
  RecordEditResult,
  RELEASE_NOTES_REQUEST,
  ReleaseNotesParams,
  ReleaseNotesResult,
  STATUS_REPORT_ANNOUNCEMENT_REQUEST,
  StatusReportAnnouncementParams,
  StatusReportAnnouncementResult,
} from '../../protocol/requests';
import { announceFactsOf, announceTextOf, notesRangeOf } from '../core/announce/announce-facts';
import { AnnounceMoment, announcementPreview, renderAnnouncement } from '../core/announce/announce-message';
import {
  ChannelConfig,
  channelsFor,
  planDelivery,
  readAnnouncementRecords,
  readChannels,
  recordResult,
  recordSending,
} from '../core/announce/announce-plan';
import { statusCommentAnnouncement } from '../core/announce/status-announcement';
import { reportWeek, statusReportAnnouncement } from '../core/announce/status-report-announcement';
import { ANNOUNCE_MOMENTS } from '../core/dsl-schema';
import type { RunbookModel } from '../core/model';
import { buildReleaseNotes, releaseNotesMarkdown } from '../core/release-notes/release-notes';
import { EditResult, setIn } from '../core/yaml-edit/set-in';
import { minimalRangeEdit } from '../core/yaml-edit/text-edit';
import { CustomRequestContext, numberOr, onRequest, ParamsError, requestRunbook } from './request-context';

export function registerAnnounceRequests(ctx: CustomRequestContext): void {
  onRequest<AnnouncementParams, AnnouncementResult>(ctx, ANNOUNCEMENT_REQUEST, async (params) => {
    await ctx.whenReady();
    return announcementAnswer(ctx, params);
  });
  onRequest<AnnouncementRecordParams, RecordEditResult>(ctx, ANNOUNCEMENT_RECORD_REQUEST, (params) =>
    recordAnswer(ctx, params),
  );
  onRequest<ReleaseNotesParams, ReleaseNotesResult>(ctx, RELEASE_NOTES_REQUEST, (params) => notesAnswer(ctx, params));
  onRequest<StatusReportAnnouncementParams, StatusReportAnnouncementResult>(
    ctx,
    STATUS_REPORT_ANNOUNCEMENT_REQUEST,
    async (params) => {
      await ctx.whenReady();
      if (typeof params.text !== 'string' || !params.text.trim())
        throw new ParamsError('needs "text", the weekly status report');
      const week = reportWeek(numberOr(params.now, Date.now()), ctx.store.index.calendar().zone);
      const { channels, problems } = workspaceChannels(ctx);
      return {
        announcement: statusReportAnnouncement(params.text, week),
        week,
        channels: channels.filter((c) => c.type !== 'status-comment'),
        problems,
      };
    },
  );
}

/** The runbook's YAML as plain data. */
export function runbookData(runbook: RunbookModel): Record<string, unknown> {
  const data: unknown = runbook.file.doc.toJS();
  return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** The announcement channels of every calendar of the workspace. */
export function workspaceChannels(ctx: CustomRequestContext): { channels: ChannelConfig[]; problems: string[] } {
  return readChannels(ctx.store.index.calendars().map((c) => c.file.doc.toJS() as unknown));
}

/** The announcement the status comment shows (see status-announcement.ts). */
export function statusAnnouncementOf(ctx: CustomRequestContext, runbook: RunbookModel): string | undefined {
  return statusCommentAnnouncement(runbookData(runbook), workspaceChannels(ctx).channels, titleFallback(runbook));
}

function titleFallback(runbook: RunbookModel): string {
  return path.basename(decodeURIComponent(runbook.uri));
}

function momentOf(value: unknown): AnnounceMoment {
  if (typeof value !== 'string' || !(ANNOUNCE_MOMENTS as readonly string[]).includes(value))
    throw new ParamsError(`needs "moment", one of ${ANNOUNCE_MOMENTS.join(', ')}`);
  return value as AnnounceMoment;
}

function announcementAnswer(ctx: CustomRequestContext, params: AnnouncementParams): AnnouncementResult {
  const { runbook } = requestRunbook(ctx, params);
  const moment = momentOf(params.moment);
  const doc = runbookData(runbook);
  const facts = announceFactsOf(doc, titleFallback(runbook));
  const { channels, problems } = workspaceChannels(ctx);
  const wanted = channelsFor(channels, moment, facts.environment, typeof doc.team === 'string' ? doc.team : undefined);
  const records = readAnnouncementRecords(doc);
  const plan = planDelivery(moment, wanted, records);
  const lastError = (id: string) => [...records].reverse().find((r) => r.moment === moment && r.channel === id);
  const announcement = renderAnnouncement(moment, facts);
  const targets = wanted.map((channel): AnnouncementTarget => {
    const state = plan.done.includes(channel) ? 'done' : plan.unknown.includes(channel) ? 'unknown' : 'send';
    const latest = lastError(channel.id);
    return { channel, state, ...(latest?.result === 'failed' && latest.error ? { lastError: latest.error } : {}) };
  });
  return {
    partial: !ctx.isReady(),
    announcement,
    targets,
    triedBefore: records.some((r) => r.moment === moment),
    preview: announcementPreview(
      announcement,
      targets.filter((t) => t.state === 'send').map((t) => t.channel),
    ),
    problems,
  };
}

function editAnswer(before: string, result: EditResult): RecordEditResult {
  if (!result.ok) return result;
  const edit = minimalRangeEdit(before, result.text);
  return edit ? { ok: true, edit } : { ok: true };
}

function recordAnswer(ctx: CustomRequestContext, params: AnnouncementRecordParams): RecordEditResult {
  requestRunbook(ctx, params); // a runbook of the workspace, or a clear error
  if (typeof params.text !== 'string')
    throw new ParamsError('needs "text", the runbook\'s text the record is added to');
  const moment = momentOf(params.moment);
  if (typeof params.channel !== 'string' || !params.channel.trim())
    throw new ParamsError('needs "channel", the id of a calendar channel');
  const at = new Date(numberOr(params.now, Date.now())).toISOString();
  if (params.result === 'sending')
    return editAnswer(params.text, recordSending(params.text, moment, params.channel, at));
  if (params.result !== 'sent' && params.result !== 'failed')
    throw new ParamsError('"result" is sending, sent or failed');
  const error =
    params.result === 'failed'
      ? String(params.error ?? 'failed')
          .split('\n')[0]
          .slice(0, 300)
      : undefined;
  return editAnswer(params.text, recordResult(params.text, params.channel, params.result, at, error));
}

function notesAnswer(ctx: CustomRequestContext, params: ReleaseNotesParams): ReleaseNotesResult {
  const { runbook } = requestRunbook(ctx, params);
  const doc = runbookData(runbook);
  const range = notesRangeOf(doc);
  const fetched = params.fetched;
  if (!fetched) return { range };
  if (
    typeof fetched.from !== 'string' ||
    typeof fetched.to !== 'string' ||
    !Array.isArray(fetched.commits) ||
    !Array.isArray(fetched.pulls)
  ) {
    throw new ParamsError('"fetched" needs from, to, commits and pulls');
  }
  const notes = buildReleaseNotes({
    title: String(doc.title ?? doc.runbook ?? titleFallback(runbook)),
    version: doc.version === undefined ? undefined : String(doc.version),
    range: { from: fetched.from, to: fetched.to },
    announce: announceTextOf(doc),
    commits: fetched.commits,
    pulls: new Map(fetched.pulls.map((p) => [p.number, p])),
  });
  const markdown = releaseNotesMarkdown(notes);
  if (typeof params.storeIn !== 'string') return { range, markdown };
  return {
    range,
    markdown,
    store: editAnswer(params.storeIn, setIn(params.storeIn, ['release', 'notes'], markdown)),
  };
}
