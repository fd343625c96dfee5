// A `runbook/calendar` result as an RFC 5545 file that Outlook and Google Calendar import or
// subscribe to: runbook windows as busy events in the zone they were written in; freezes and
// maintenance windows as free events, a recurring one as one event with its RRULE (so a subscribed
// calendar shows one series, not 65 copies); each zone with its VTIMEZONE; UIDs stable across
// exports so that a subscription updates in place.
import { ICalCalendar, ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { ICalendarRecurrence } from '../recurrence';
import type { MergedCalendar } from '../workspace-index';
import type {
  AccessOccurrence,
  BookingOccurrence,
  CalendarEvent,
  CalendarResult,
  PeriodOccurrence,
} from './calendar-types';
import { vtimezone } from './vtimezone';

/** A recurring period as one series: its zone and its DTSTART and RRULE from the exported range on. */
export interface PeriodSeries {
  zone: string;
  series: ICalendarRecurrence;
}

export interface IcsOptions {
  /** Calendar name shown by the importing application. */
  name?: string;
  /** DTSTAMP of every event; defaults to now. Tests pin it. */
  stamp?: Date;
  /**
   * The series of a recurring freeze or maintenance window (`periodSeries`); without it, or when
   * it answers undefined, each occurrence in the range is an event of its own.
   */
  seriesOf?: (period: { kind: string; id: string }) => PeriodSeries | undefined;
}

/** A freeze, maintenance window, booking occurrence or access request as the feed writes it. */
interface FeedPeriod {
  kind: 'freeze' | 'maintenance' | 'booking' | 'access';
  id: string;
  title: string;
  start: string;
  end: string;
  rrule: string | null;
  summary: string;
  description: string;
}

/** Looks the recurring periods of the workspace's calendar up for `calendarToIcs`, series from `near` on. */
export function periodSeries(
  calendar: MergedCalendar,
  near: number,
): (period: { kind: string; id: string }) => PeriodSeries | undefined {
  const byKey = new Map([...calendar.periods, ...calendar.bookings].map((p) => [`${p.kind}\u0000${p.id}`, p]));
  return (occurrence) => {
    const period = byKey.get(`${occurrence.kind}\u0000${occurrence.id}`);
    const series = period?.recurrence?.icalendar(near);
    return period && series ? { zone: period.zone, series } : undefined;
  };
}

const UID_DOMAIN = 'release-runbooks';

export function calendarToIcs(result: CalendarResult, options: IcsOptions = {}): string {
  const zone = result.timezone;
  const periods: FeedPeriod[] = [
    ...[...result.freezes, ...result.maintenance].map(fromPeriod),
    ...(result.bookings ?? []).map(fromBooking),
    ...(result.access ?? []).map(fromAccess),
  ];
  // One series per recurring period (the occurrences of a period share kind and id).
  const series = new Map<string, PeriodSeries | undefined>();
  for (const p of periods) {
    const key = periodKey(p);
    if (!series.has(key)) series.set(key, p.rrule && options.seriesOf ? options.seriesOf(p) : undefined);
  }
  const years = yearsOf(
    result,
    [...series.values()].flatMap((s) => (s ? [s.series.start] : [])),
  );
  const cal = new ICalCalendar({
    name: options.name ?? 'Release calendar',
    prodId: { company: 'release-runbooks', product: 'calendar', language: 'EN' },
    // No calendar-wide zone: ical-generator would write DTSTAMP in it (RFC 5545 wants UTC); each
    // event names its own zone, and the generator still writes a VTIMEZONE for each zone used.
    timezone: { name: null, generator: (tz: string) => (isUtc(tz) ? null : vtimezone(tz, years.from, years.to)) },
  });
  const stamp = options.stamp ?? new Date();

  for (const e of result.events) {
    // Keep the zone the window was written in, so 22:00 Berlin reads as 22:00 Berlin after import.
    const eventZone = e.zone || zone;
    cal.createEvent({
      id: `runbook-${uidPart(e.runbook ?? e.uri)}@${UID_DOMAIN}`,
      start: inZone(e.start, eventZone),
      end: inZone(e.end, eventZone),
      timezone: isUtc(eventZone) ? null : eventZone,
      stamp,
      summary: summaryOf(e),
      description: descriptionOf(e),
      categories: [e.environment, e.risk ? `risk:${e.risk}` : null, e.type ? `type:${e.type}` : null]
        .filter((c): c is string => !!c)
        .map((name) => ({ name })),
      busystatus: ICalEventBusyStatus.BUSY,
      transparency: ICalEventTransparency.OPAQUE,
    });
  }
  const written = new Set<string>();
  for (const p of periods) {
    const key = periodKey(p);
    const recurring = series.get(key);
    if (recurring) {
      if (written.has(key)) continue;
      written.add(key);
      cal.createEvent({
        ...periodEvent(p, stamp),
        id: `${p.kind}-${uidPart(p.id)}@${UID_DOMAIN}`,
        start: DateTime.fromMillis(recurring.series.start, { zone: recurring.zone }),
        end: null,
        timezone: isUtc(recurring.zone) ? null : recurring.zone,
        repeating: `RRULE:${recurring.series.rule}`,
        // DURATION in hours is exact time, as the calendar means it: a 3-day freeze over the
        // change to summer time lasts 72 hours. ical-generator has no DURATION of its own.
        x: [['DURATION', exactDuration(Date.parse(p.end) - Date.parse(p.start))]],
      });
      continue;
    }
    cal.createEvent({
      ...periodEvent(p, stamp),
      id: `${p.kind}-${uidPart(p.id)}-${DateTime.fromISO(p.start, { setZone: true }).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}@${UID_DOMAIN}`,
      start: inZone(p.start, zone),
      end: inZone(p.end, zone),
      timezone: isUtc(zone) ? null : zone,
    });
  }
  return cal.toString();
}

/** An RFC 5545 duration in exact time (hours, minutes, seconds; never nominal days). */
function exactDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

function periodKey(p: FeedPeriod): string {
  return `${p.kind}\u0000${p.id}`;
}

function fromPeriod(p: PeriodOccurrence): FeedPeriod {
  return {
    kind: p.kind,
    id: p.id,
    title: p.title,
    start: p.start,
    end: p.end,
    rrule: p.rrule,
    summary: `${p.kind === 'freeze' ? 'Freeze' : 'Maintenance'}: ${p.title}`,
    description: periodDescription(p),
  };
}

function fromBooking(b: BookingOccurrence): FeedPeriod {
  const lines = [
    `${b.environment} booked by ${b.team}${b.exclusive ? ' (exclusive: no other team may change it)' : ''}`,
    b.purpose ? `Purpose: ${b.purpose}` : '',
    b.contact ? `Contact: ${b.contact}` : '',
    b.rrule ? `Repeats: ${b.rrule}` : '',
  ];
  return {
    kind: 'booking',
    id: b.id,
    title: b.title,
    start: b.start,
    end: b.end,
    rrule: b.rrule,
    summary: `Booked: ${b.environment} by ${b.team}${b.purpose ? ` (${b.purpose})` : ''}`,
    description: lines.filter(Boolean).join('\n'),
  };
}

function fromAccess(a: AccessOccurrence): FeedPeriod {
  const status = a.ticketStatus;
  const ticket = a.ticket
    ? `Ticket: ${a.ticket}${status?.state ? ` (${status.state}${status.cabLabel ? `, ${status.cabLabel}` : ''})` : ''}`
    : 'Not filed yet (no ticket)';
  const lines = [
    `${a.who || 'Someone'} on ${a.environment}${a.level ? `: ${a.level}` : ''}`,
    a.runbook ? `Runbook: ${a.runbook}` : '',
    ticket,
    a.why ? `Why: ${a.why}` : '',
    a.ended ? 'Ended and still in the runbook: make sure the access is revoked (RB041)' : '',
  ];
  return {
    kind: 'access',
    // The request id is unique within its runbook only.
    id: `${a.runbook ?? a.uri}.${a.id}`,
    title: a.title,
    start: a.start,
    end: a.end,
    rrule: null,
    summary: `${a.ended ? 'Access ended, revoke: ' : 'Access: '}${a.who || 'someone'} on ${a.environment}${a.level ? ` (${a.level})` : ''}`,
    description: lines.filter(Boolean).join('\n'),
  };
}

/** What every event of a freeze, maintenance window or booking says, whether one occurrence or a series. */
function periodEvent(p: FeedPeriod, stamp: Date) {
  return {
    stamp,
    summary: p.summary,
    description: p.description,
    categories: [{ name: p.kind }],
    // A three-week freeze must not block everyone's calendar; it is context, not a meeting.
    busystatus: ICalEventBusyStatus.FREE,
    transparency: ICalEventTransparency.TRANSPARENT,
  };
}

function inZone(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone);
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Z';
}

/** The years every exported instant falls in (series starts too), a year of margin each side. */
function yearsOf(result: CalendarResult, seriesStarts: number[]): { from: number; to: number } {
  const instants = [result.from, result.to, ...result.events.flatMap((e) => [e.start, e.end])];
  const years = [
    ...instants.map((s) => DateTime.fromISO(s, { setZone: true }).year),
    ...seriesStarts.map((t) => new Date(t).getUTCFullYear()),
  ].filter((y) => Number.isFinite(y));
  return { from: Math.min(...years) - 1, to: Math.max(...years) + 1 };
}

function uidPart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 120);
}

function summaryOf(e: CalendarEvent): string {
  const title = e.title ?? e.runbook ?? 'Untitled runbook';
  return e.environment ? `${title} (${e.environment})` : title;
}

function descriptionOf(e: CalendarEvent): string {
  const lines: string[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) lines.push(`${label}: ${value}`);
  };
  add('Runbook', e.runbook);
  add('Service', e.version && e.service ? `${e.service} ${e.version}` : e.service);
  add('Environment', e.environment);
  add('Team', e.team);
  add('Owner', e.owner);
  add('Change', [e.type, e.risk ? `${e.risk} risk` : null].filter(Boolean).join(', '));
  add('Ticket', e.ticketStatus?.state ? `${e.ticket} (${e.ticketStatus.state})` : e.ticket);
  add('Depends on', e.dependsOn.join(', '));
  add('Window written in', e.zone);
  for (const c of e.conflicts ?? []) lines.push(`${c.code}: ${c.message}`);
  return lines.join('\n');
}

function periodDescription(p: PeriodOccurrence): string {
  const envs = p.environments === null ? 'all environments' : p.environments.join(', ');
  return [
    `${p.kind === 'freeze' ? 'Freeze' : 'Maintenance window'} "${p.id}" for ${envs}`,
    p.rrule ? `Repeats: ${p.rrule}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
