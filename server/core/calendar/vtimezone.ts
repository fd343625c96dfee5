// VTIMEZONE components (RFC 5545 section 3.6.5) built from luxon's zone data, for ical-generator's
// `timezone.generator`. Yearly rules ("last Sunday of March at 02:00") become one STANDARD and one
// DAYLIGHT component with an RRULE, which Outlook needs; irregular transitions are listed one by one.
import { DateTime, IANAZone } from 'luxon';

export interface Transition {
  /** Epoch ms of the instant the offset changes. */
  at: number;
  /** Offsets in minutes east of UTC. */
  from: number;
  to: number;
  daylight: boolean;
  name: string;
}

const DAY = 86_400_000;

/** Offset changes of `zone` from the start of `fromYear` to the end of `toYear`. */
export function transitions(zone: string, fromYear: number, toYear: number): Transition[] {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return [];
  const end = Date.UTC(toYear + 1, 0, 1);
  const out: Transition[] = [];
  let t = Date.UTC(fromYear, 0, 1);
  let offset = tz.offset(t);
  // Offsets change at most a few times a year; step by 12h and bisect to the minute.
  for (; t < end; t += DAY / 2) {
    const next = Math.min(t + DAY / 2, end);
    const nextOffset = tz.offset(next);
    if (nextOffset === offset) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (tz.offset(mid) === offset) lo = mid;
      else hi = mid;
    }
    const after = DateTime.fromMillis(hi, { zone });
    out.push({ at: hi, from: offset, to: nextOffset, daylight: after.isInDST, name: zoneName(hi, zone) });
    offset = nextOffset;
  }
  return out;
}

/** The VTIMEZONE text for `zone`, valid for instants in [fromYear, toYear]. */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const list = transitions(zone, fromYear, toYear);
  if (list.length === 0) {
    // A zone without changes in the span: one STANDARD component with its fixed offset.
    const dt = DateTime.fromMillis(Date.UTC(fromYear, 0, 1), { zone });
    lines.push(
      'BEGIN:STANDARD',
      `DTSTART:${localStamp(Date.UTC(Math.min(fromYear - 1, 1970), 0, 1), 0)}`,
      `TZOFFSETFROM:${offsetText(dt.offset)}`,
      `TZOFFSETTO:${offsetText(dt.offset)}`,
      `TZNAME:${zoneName(dt.toMillis(), zone)}`,
      'END:STANDARD',
    );
  } else {
    // The offset in force where the span starts, as an observance of its own: without it a reader
    // knows no offset before the first change (Berlin before 1980).
    // A day before the span, so that its very first instant is inside the observance.
    const start = Date.UTC(fromYear, 0, 1) - DAY;
    const before = DateTime.fromMillis(start, { zone });
    if (list[0].at > start) {
      const kind = before.isInDST ? 'DAYLIGHT' : 'STANDARD';
      lines.push(
        `BEGIN:${kind}`,
        `DTSTART:${localStamp(start, before.offset)}`,
        `TZOFFSETFROM:${offsetText(before.offset)}`,
        `TZOFFSETTO:${offsetText(before.offset)}`,
        `TZNAME:${zoneName(start, zone)}`,
        `END:${kind}`,
      );
    }
    const groups = groupYearly(list);
    groups.forEach((group, i) => {
      // A rule runs on past the span only when no later group makes the same change and the zone
      // keeps making it by the same rule (New York's October rule ended in 2006).
      const superseded = groups
        .slice(i + 1)
        .some((g) => g.items[0].from === group.items[0].from && g.items[0].to === group.items[0].to);
      lines.push(...component(group, zone, !superseded));
    });
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

interface Group {
  items: Transition[];
  /** BYDAY text such as -1SU or 2SU when every item follows the same yearly rule. */
  byday: string | null;
  month: number;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function groupYearly(list: Transition[]): Group[] {
  const groups: Group[] = [];
  const open = new Map<string, Group>();
  for (const t of list) {
    // The wall-clock time the change happens at, read in the offset before it.
    const local = DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' });
    const key = [t.daylight, t.from, t.to, t.name, local.month, local.weekday, local.toFormat('HHmm')].join('|');
    const nth = Math.ceil(local.day / 7);
    const last = local.day + 7 > local.daysInMonth!;
    const g = open.get(key);
    const prev = g?.items[g.items.length - 1];
    const prevLocal = prev ? DateTime.fromMillis(prev.at + prev.from * 60_000, { zone: 'UTC' }) : undefined;
    const byday = g?.byday ?? null;
    const fits =
      g &&
      prevLocal &&
      local.year === prevLocal.year + 1 &&
      byday !== null &&
      ((byday.startsWith('-1') && last) || byday === `${nth}${WEEKDAYS[local.weekday - 1]}`);
    if (g && fits) {
      g.items.push(t);
      continue;
    }
    // A day in the month's last week is read as "last" (EU style, -1SU); the others as "nth" (US style, 2SU).
    const fresh: Group = {
      items: [t],
      month: local.month,
      byday: last ? `-1${WEEKDAYS[local.weekday - 1]}` : `${nth}${WEEKDAYS[local.weekday - 1]}`,
    };
    groups.push(fresh);
    open.set(key, fresh);
  }
  return groups;
}

function component(group: Group, zone: string, last: boolean): string[] {
  const first = group.items[0];
  const kind = first.daylight ? 'DAYLIGHT' : 'STANDARD';
  const out = [
    `BEGIN:${kind}`,
    `DTSTART:${localStamp(first.at, first.from)}`,
    `TZOFFSETFROM:${offsetText(first.from)}`,
    `TZOFFSETTO:${offsetText(first.to)}`,
    `TZNAME:${first.name}`,
  ];
  if (group.items.length > 1) {
    const isLast = last;
    const lastItem = group.items[group.items.length - 1];
    const stillRunning = isLast && followsRuleAfter(group, zone);
    const until = stillRunning ? '' : `;UNTIL=${utcStamp(lastItem.at)}`;
    out.push(`RRULE:FREQ=YEARLY;BYMONTH=${group.month};BYDAY=${group.byday}${until}`);
  }
  out.push(`END:${kind}`);
  return out;
}

/** Whether the zone makes the group's change by the group's rule the year after its last one (then the RRULE needs no UNTIL). */
function followsRuleAfter(group: Group, zone: string): boolean {
  const last = group.items[group.items.length - 1];
  const year = DateTime.fromMillis(last.at, { zone: 'UTC' }).year + 1;
  return transitions(zone, year, year).some((t) => {
    if (t.from !== last.from || t.to !== last.to) return false;
    const local = DateTime.fromMillis(t.at + t.from * 60_000, { zone: 'UTC' });
    const inLastWeek = local.day + 7 > local.daysInMonth!;
    const byday = group.byday ?? '';
    const weekday = WEEKDAYS[local.weekday - 1];
    return (
      local.month === group.month &&
      (byday === `-1${weekday}` ? inLastWeek : byday === `${Math.ceil(local.day / 7)}${weekday}`)
    );
  });
}

/** An abbreviation such as CEST or EDT; locales know different ones, so ask two before settling for GMT+2. */
function zoneName(ms: number, zone: string): string {
  let name = '';
  for (const locale of ['en-US', 'en-GB']) {
    name = DateTime.fromMillis(ms, { zone, locale }).offsetNameShort ?? zone;
    if (!/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return name;
}

/** Local date-time without zone, as DTSTART in a VTIMEZONE wants it. */
function localStamp(utcMs: number, offsetMinutes: number): string {
  return DateTime.fromMillis(utcMs + offsetMinutes * 60_000, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss");
}

function utcStamp(utcMs: number): string {
  return DateTime.fromMillis(utcMs, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}
