// Which channels a moment goes to, and what the release record says about each: exactly once per
// moment and channel. Before a send the record gets `result: sending`; after it, `sent` or
// `failed`. A `failed` channel is tried again; a `sending` one left by a crash is not (the message
// may have gone out) and is reported instead. The edits go through the YAML edit toolkit
// (server/core/yaml-edit/), so the runbook keeps its comments and layout.
import { ANNOUNCE_MOMENTS, ANNOUNCEMENT_RESULTS, CHANNEL_TYPES } from '../dsl-schema';
import { appendIn, EditResult, setIn } from '../yaml-edit/set-in';
import type { AnnounceMoment } from './announce-message';

export type ChannelType = (typeof CHANNEL_TYPES)[number];
export type AnnouncementResult = (typeof ANNOUNCEMENT_RESULTS)[number];

export interface ChannelConfig {
  id: string;
  type: ChannelType;
  webhookEnv?: string;
  smtpHost?: string;
  smtpPort?: number;
  smtpUserEnv?: string;
  smtpPasswordEnv?: string;
  from?: string;
  to: string[];
  environments?: string[];
  teams?: string[];
  moments?: AnnounceMoment[];
}

export interface AnnouncementRecord {
  moment: string;
  channel: string;
  at?: string;
  result: string;
  error?: string;
}

/** The channels of the calendar files (parsed YAML), with the problems of the ones left out. */
export function readChannels(calendars: unknown[]): { channels: ChannelConfig[]; problems: string[] } {
  const channels: ChannelConfig[] = [];
  const problems: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const strs = (v: unknown) => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== undefined) : undefined);
  for (const doc of calendars) {
    const list = (doc as { channels?: unknown } | null)?.channels;
    if (!Array.isArray(list)) continue;
    for (const c of list as Record<string, unknown>[]) {
      const id = str(c?.id);
      const type = str(c?.type);
      if (!id || !(CHANNEL_TYPES as readonly string[]).includes(type ?? '')) {
        problems.push(
          `a calendar channel ${id ? `"${id}" ` : ''}has no id or no type slack, teams or email; it is skipped`,
        );
        continue;
      }
      if (channels.some((k) => k.id === id)) {
        problems.push(`channel "${id}" is defined twice; the first one is used`);
        continue;
      }
      const moments = strs(c.moments)?.filter((m): m is AnnounceMoment =>
        (ANNOUNCE_MOMENTS as readonly string[]).includes(m),
      );
      channels.push({
        id,
        type: type as ChannelType,
        webhookEnv: str(c['webhook-env']),
        smtpHost: str(c['smtp-host']),
        smtpPort: c['smtp-port'] === undefined ? undefined : Number(c['smtp-port']),
        smtpUserEnv: str(c['smtp-user-env']),
        smtpPasswordEnv: str(c['smtp-password-env']),
        from: str(c.from),
        to: strs(c.to) ?? [],
        environments: strs(c.environments),
        teams: strs(c.teams),
        moments,
      });
    }
  }
  return { channels, problems };
}

/** The channels that announce this moment of a change to `environment` by `team`. */
export function channelsFor(
  channels: ChannelConfig[],
  moment: AnnounceMoment,
  environment?: string,
  team?: string,
): ChannelConfig[] {
  return channels.filter(
    (c) =>
      (!c.moments || c.moments.includes(moment)) &&
      (!c.environments || (environment !== undefined && c.environments.includes(environment))) &&
      (!c.teams || (team !== undefined && c.teams.includes(team))),
  );
}

export interface DeliveryPlan {
  send: ChannelConfig[];
  /** Sent before: left alone. */
  done: ChannelConfig[];
  /** A send began and never ended (a crash): it may have gone out, so it is not repeated. */
  unknown: ChannelConfig[];
}

/** What to do for each channel, from the latest record of this moment and channel. */
export function planDelivery(
  moment: AnnounceMoment,
  channels: ChannelConfig[],
  records: AnnouncementRecord[],
): DeliveryPlan {
  const plan: DeliveryPlan = { send: [], done: [], unknown: [] };
  for (const c of channels) {
    const latest = [...records].reverse().find((r) => r.moment === moment && r.channel === c.id);
    if (latest?.result === 'sent') plan.done.push(c);
    else if (latest?.result === 'sending') plan.unknown.push(c);
    else plan.send.push(c);
  }
  return plan;
}

export function readAnnouncementRecords(doc: unknown): AnnouncementRecord[] {
  const list = ((doc as { release?: { announcements?: unknown } } | null)?.release?.announcements ?? []) as unknown;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
    .map((r) => ({
      moment: String(r.moment ?? ''),
      channel: String(r.channel ?? ''),
      at: r.at === undefined ? undefined : String(r.at),
      result: String(r.result ?? ''),
      error: r.error === undefined ? undefined : String(r.error),
    }));
}

/** Adds the record written just before a send. */
export function recordSending(text: string, moment: AnnounceMoment, channel: string, at: string): EditResult {
  return appendIn(text, ['release', 'announcements'], { moment, channel, at, result: 'sending' });
}

/** Ends the latest record of `channel` (the one `recordSending` added) with the send's result. */
export function recordResult(
  text: string,
  channel: string,
  result: 'sent' | 'failed',
  at: string,
  error?: string,
): EditResult {
  const entry = ['release', 'announcements', { key: 'channel', equals: channel }];
  const withResult = setIn(text, [...entry, 'result'], result);
  if (!withResult.ok) return withResult;
  const withAt = setIn(withResult.text, [...entry, 'at'], at);
  if (!withAt.ok || error === undefined) return withAt;
  return setIn(withAt.text, [...entry, 'error'], error);
}
