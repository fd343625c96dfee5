// Dates in the display zone: day keys, week and month grids, labels. luxon does the zone
// arithmetic; formatting goes through cached Intl formatters because the agenda formats hundreds.
import { DateTime } from 'luxon';

/** `yyyy-MM-dd` in the display zone. */
export type DayKey = string;

export type ViewKind = 'agenda' | 'week' | 'month';

export const AGENDA_DAYS = 28;

export function isDayKey(value: unknown): value is DayKey {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

export function dayStart(day: DayKey, zone: string): DateTime {
  return DateTime.fromISO(day, { zone }).startOf('day');
}

export function dayKeyOf(ms: number, zone: string): DayKey {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}

export function todayKey(zone: string, now = Date.now()): DayKey {
  return dayKeyOf(now, zone);
}

export function addDays(day: DayKey, n: number): DayKey {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}

/** Monday of the week containing `day` (ISO weeks, as most release calendars use). */
export function weekStartKey(day: DayKey): DayKey {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return d.minus({ days: d.weekday - 1 }).toISODate()!;
}

export interface ViewSpan {
  /** First day shown and the day after the last one. */
  firstDay: DayKey;
  endDay: DayKey;
  start: number;
  end: number;
}

export function viewSpan(view: ViewKind, day: DayKey, zone: string): ViewSpan {
  let firstDay: DayKey;
  let endDay: DayKey;
  if (view === 'agenda') {
    firstDay = day;
    endDay = addDays(day, AGENDA_DAYS);
  } else if (view === 'week') {
    firstDay = weekStartKey(day);
    endDay = addDays(firstDay, 7);
  } else {
    // Whole weeks around the month, Monday first.
    const first = DateTime.fromISO(day, { zone: 'UTC' }).startOf('month');
    const last = first.endOf('month');
    firstDay = weekStartKey(first.toISODate()!);
    endDay = addDays(weekStartKey(last.toISODate()!), 7);
  }
  return { firstDay, endDay, start: dayStart(firstDay, zone).toMillis(), end: dayStart(endDay, zone).toMillis() };
}

/** The selected date after "previous" (-1) or "next" (+1). */
export function shiftDay(view: ViewKind, day: DayKey, direction: 1 | -1): DayKey {
  if (view === 'agenda') return addDays(day, direction * AGENDA_DAYS);
  if (view === 'week') return addDays(day, direction * 7);
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return d.plus({ months: direction }).toISODate()!;
}

export function daysBetween(firstDay: DayKey, endDay: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let d = firstDay; d < endDay; d = addDays(d, 1)) out.push(d);
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const k = `${zone}|${key}`;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    formatters.set(k, f);
  }
  return f;
}

/** 24-hour `22:00`, what release coordinators write. */
export function timeLabel(ms: number, zone: string): string {
  return formatter(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'time').format(ms);
}

/** `Wed 2 Dec 2026`. */
export function dayLabel(day: DayKey): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).toFormat('ccc d LLL yyyy');
}

/** `Wed 2 Dec`. */
export function shortDayLabel(day: DayKey): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).toFormat('ccc d LLL');
}

/** `Wednesday 2 December 2026`, for screen readers. */
export function longDayLabel(day: DayKey): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).toFormat('cccc d LLLL yyyy');
}

/** `22:00` on the day itself, `Thu 00:30` within the next six days, else `Thu 3 Dec 00:30`. */
export function instantLabel(ms: number, zone: string, relativeTo?: DayKey): string {
  const day = dayKeyOf(ms, zone);
  if (day === relativeTo) return timeLabel(ms, zone);
  if (relativeTo && day > relativeTo && day < addDays(relativeTo, 7)) {
    return `${DateTime.fromISO(day, { zone: 'UTC' }).toFormat('ccc')} ${timeLabel(ms, zone)}`;
  }
  return `${shortDayLabel(day)} ${timeLabel(ms, zone)}`;
}

export function spanLabel(view: ViewKind, span: ViewSpan, day: DayKey): string {
  if (view === 'month') return DateTime.fromISO(day, { zone: 'UTC' }).toFormat('LLLL yyyy');
  const first = DateTime.fromISO(span.firstDay, { zone: 'UTC' });
  const last = DateTime.fromISO(addDays(span.endDay, -1), { zone: 'UTC' });
  if (first.year !== last.year) return `${first.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
  if (first.month !== last.month) return `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${first.toFormat('d')} – ${last.toFormat('d LLL yyyy')}`;
}

/** Minutes since local midnight of `day` (0..1440), for placing on a day column; DST days keep the wall clock. */
export function minuteOfDay(ms: number, day: DayKey, zone: string): number {
  const start = dayStart(day, zone);
  const next = dayStart(addDays(day, 1), zone);
  if (ms <= start.toMillis()) return 0;
  if (ms >= next.toMillis()) return 1440;
  const local = DateTime.fromMillis(ms, { zone });
  return local.hour * 60 + local.minute;
}

/** ISO instant with the zone's offset, as the protocol wants. */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}

export function localZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Day, month and year order of numeric dates in a locale: en-US "mdy", en-GB and de "dmy", ja "ymd". */
export function numericDateOrder(locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
      new Date(Date.UTC(2000, 10, 22, 12)),
    );
    return parts
      .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
      .map((p) => p.type[0])
      .join('');
  } catch {
    return 'dmy';
  }
}

/**
 * A date as a person types it: `2026-12-02`, `2 Dec 2026`, `Dec 2, 2026`, or numeric in the
 * locale's order (`02/12/2026` in en-GB, `12/02/2026` in en-US, `2.12.2026` in de). Null when it is no
 * real day.
 */
export function parseDayInput(text: string, locale: string): DayKey | null {
  const t = text.trim().toLowerCase().replace(/,/g, ' ');
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(?:[a-z]+\.?\s+)?(\d{1,2})\.?\s+([a-z]{3,})\.?\s+(\d{4})$/.exec(t)))
    [d, m, y] = [Number(match[1]), MONTHS.indexOf(match[2].slice(0, 3)) + 1, Number(match[3])];
  else if ((match = /^(?:[a-z]+\.?\s+)?([a-z]{3,})\.?\s+(\d{1,2})\s+(\d{4})$/.exec(t)))
    [m, d, y] = [MONTHS.indexOf(match[1].slice(0, 3)) + 1, Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(t))) {
    const nums = [Number(match[1]), Number(match[2]), Number(match[3])];
    const order = match[1].length === 4 ? 'ymd' : numericDateOrder(locale);
    const at = (c: string) => nums[order.indexOf(c)];
    [y, m, d] = [at('y'), at('m'), at('d')];
  } else return null;
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? key : null;
}
