// Calendar periods in a time zone: ISO weeks (Monday to Monday, numbered by ISO 8601, so the last
// days of December may belong to week 1 of the next year) and months. A deployment belongs to the
// period that holds its instant as the calendar's zone reads it, not as UTC reads it.
import { DateTime } from 'luxon';
import { parseDate } from '../time';

export type PeriodUnit = 'week' | 'month';

export interface Period {
  /** `2026-W49` or `2026-12`. */
  key: string;
  /** `Week 49, 2026 (30 Nov – 6 Dec)` or `December 2026`. */
  label: string;
  /** Short label for chart axes: `W49` or `Dec 2026`. */
  short: string;
  /** Epoch ms, inclusive: the period's start, or the range's start when that is later. */
  start: number;
  /** Epoch ms, exclusive: the period's end, or the range's end when that is earlier. */
  end: number;
  /** Whether the range cuts the period short. */
  partial: boolean;
}

export function periodStart(ms: number, unit: PeriodUnit, zone: string): DateTime {
  const dt = DateTime.fromMillis(ms, { zone });
  // luxon's 'week' is the ISO week (Monday first) unless locale weeks are asked for.
  return dt.startOf(unit === 'week' ? 'week' : 'month');
}

export function periodKey(ms: number, unit: PeriodUnit, zone: string): string {
  const start = periodStart(ms, unit, zone);
  return unit === 'week'
    ? `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`
    : start.toFormat('yyyy-MM');
}

/** The periods that meet [start, end), clipped to it; none when the range is empty. */
export function periodsBetween(start: number, end: number, unit: PeriodUnit, zone: string): Period[] {
  const periods: Period[] = [];
  if (!(end > start)) return periods;
  let cursor = periodStart(start, unit, zone);
  // Bounded: ten years of weeks is far more than anybody charts.
  for (let i = 0; i < 600 && cursor.toMillis() < end; i++) {
    const next = cursor.plus(unit === 'week' ? { weeks: 1 } : { months: 1 });
    const from = Math.max(cursor.toMillis(), start);
    const to = Math.min(next.toMillis(), end);
    periods.push({
      key: periodKey(cursor.toMillis(), unit, zone),
      label: labelOf(cursor, unit),
      short: shortOf(cursor, unit),
      start: from,
      end: to,
      partial: from !== cursor.toMillis() || to !== next.toMillis(),
    });
    cursor = next;
  }
  return periods;
}

function labelOf(start: DateTime, unit: PeriodUnit): string {
  if (unit === 'month') return start.setLocale('en-GB').toFormat('LLLL yyyy');
  const last = start.plus({ days: 6 }).setLocale('en-GB');
  const first = start.setLocale('en-GB');
  const span =
    first.month === last.month
      ? `${first.day} – ${last.toFormat('d LLL')}`
      : `${first.toFormat('d LLL')} – ${last.toFormat('d LLL')}`;
  return `Week ${start.weekNumber}, ${start.weekYear} (${span})`;
}

function shortOf(start: DateTime, unit: PeriodUnit): string {
  return unit === 'month'
    ? start.setLocale('en-GB').toFormat('LLL yyyy')
    : `W${String(start.weekNumber).padStart(2, '0')}`;
}

/** Midnight at the start of a local date (`2026-12-01`) in the zone, or the reason it is not a date. */
export function startOfDate(text: string, zone: string): { ok: true; value: number } | { ok: false; error: string } {
  const parsed = parseDate(text);
  if (!parsed.ok) return parsed;
  const dt = DateTime.fromObject(parsed.value, { zone });
  if (!dt.isValid) return { ok: false, error: `"${text}" is not a date in ${zone}` };
  return { ok: true, value: dt.toMillis() };
}

/** The local date (`2026-12-01`) of an instant in the zone. */
export function dateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
}

/** Midnight after the local date of an instant: the exclusive end of a range that includes that day. */
export function endOfDay(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}
