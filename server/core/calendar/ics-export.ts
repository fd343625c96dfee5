// A `runbook/calendar` result as an RFC 5545 file that Outlook and Google Calendar import:
// runbook windows as busy events in the zone they were written in, freezes and maintenance
// windows as free events, one per occurrence, each zone with its VTIMEZONE.
import { ICalCalendar, ICalEventBusyStatus, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { CalendarEvent, CalendarResult, PeriodOccurrence } from './calendar-types';
import { vtimezone } from './vtimezone';

export interface IcsOptions {
  /** Calendar name shown by the importing application. */
  name?: string;
  /** DTSTAMP of every event; defaults to now. Tests pin it. */
  stamp?: Date;
}

const UID_DOMAIN = 'release-runbooks';

export function calendarToIcs(result: CalendarResult, options: IcsOptions = {}): string {
  const zone = result.timezone;
  const years = yearsOf(result);
  const cal = new ICalCalendar({
    name: options.name ?? 'Release calendar',
    prodId: { company: 'release-runbooks', product: 'calendar', language: 'EN' },
    timezone: { name: zone, generator: (tz: string) => (isUtc(tz) ? null : vtimezone(tz, years.from, years.to)) },
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
  for (const p of [...result.freezes, ...result.maintenance]) {
    cal.createEvent({
      id: `${p.kind}-${uidPart(p.id)}-${DateTime.fromISO(p.start, { setZone: true }).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}@${UID_DOMAIN}`,
      start: inZone(p.start, zone),
      end: inZone(p.end, zone),
      timezone: isUtc(zone) ? null : zone,
      stamp,
      summary: `${p.kind === 'freeze' ? 'Freeze' : 'Maintenance'}: ${p.title}`,
      description: periodDescription(p),
      categories: [{ name: p.kind === 'freeze' ? 'freeze' : 'maintenance' }],
      // A three-week freeze must not block everyone's calendar; it is context, not a meeting.
      busystatus: ICalEventBusyStatus.FREE,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return cal.toString();
}

function inZone(iso: string, zone: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone);
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'Z';
}

/** The years every exported instant falls in, a year of margin each side. */
function yearsOf(result: CalendarResult): { from: number; to: number } {
  const instants = [result.from, result.to, ...result.events.flatMap((e) => [e.start, e.end])];
  const years = instants.map((s) => DateTime.fromISO(s, { setZone: true }).year).filter((y) => Number.isFinite(y));
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
  return [`${p.kind === 'freeze' ? 'Freeze' : 'Maintenance window'} "${p.id}" for ${envs}`, p.rrule ? `Repeats: ${p.rrule}` : '']
    .filter(Boolean)
    .join('\n');
}
