// Time as the spec's section 2 defines it: instants with or without offset, IANA zones,
// durations, half-open intervals. Zone arithmetic is luxon's, never ours.
import { DateTime, IANAZone } from 'luxon';

export interface Interval {
  /** Epoch milliseconds, inclusive. */
  start: number;
  /** Epoch milliseconds, exclusive. */
  end: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The range every instant, date and duration must lie in (docs/runbook-dsl.md section 2): wide
 * enough for any release plan and its history, narrow enough that a window's end, a recurrence's
 * dates and their ISO text always exist. Outside it a value is RB004, never a broken calendar.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
export const MAX_DURATION_DAYS = 366;
const MAX_DURATION_MS = MAX_DURATION_DAYS * 86_400_000;

function yearProblem(year: number, text: string): string | undefined {
  return year < MIN_YEAR || year > MAX_YEAR ? `"${text}" is outside the years ${MIN_YEAR} to ${MAX_YEAR}` : undefined;
}

function durationProblem(ms: number, text: string): Parsed<number> {
  if (ms > MAX_DURATION_MS)
    return { ok: false, error: `"${text}" is longer than ${MAX_DURATION_DAYS} days (${MAX_DURATION_DAYS}d)` };
  return { ok: true, value: ms };
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

// luxon builds an Intl.DateTimeFormat on every check, which dominated linting large workspaces;
// the answer for a name never changes within a process, so it is remembered (bounded: names come from files).
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0) return false;
  let valid = zoneValidity.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (zoneValidity.size > 1000) zoneValidity.clear();
    zoneValidity.set(name, valid);
  }
  return valid;
}

/** Whether the text carries its own offset (then the zone does not matter). */
export function hasOffset(text: string): boolean {
  const m = INSTANT.exec(text.trim());
  return !!m && !!m[8];
}

export function parseInstant(text: string, zone: string): Parsed<DateTime> {
  const trimmed = String(text).trim();
  const m = INSTANT.exec(trimmed);
  if (!m) {
    return {
      ok: false,
      error: `"${trimmed}" is not an ISO 8601 date-time such as 2026-12-02T22:00 or 2026-12-02T22:00:00+01:00`,
    };
  }
  const outside = yearProblem(Number(m[1]), trimmed);
  if (outside) return { ok: false, error: outside };
  const iso = trimmed.replace(' ', 'T');
  const dt = m[8] ? DateTime.fromISO(iso, { setZone: true }) : firstOccurrence(DateTime.fromISO(iso, { zone }));
  if (!dt.isValid) {
    return { ok: false, error: `"${trimmed}" is not a valid date-time (${dt.invalidExplanation ?? dt.invalidReason})` };
  }
  return { ok: true, value: dt };
}

/**
 * A local time that the clocks show twice (when daylight saving ends) means its first
 * occurrence, as RFC 5545 says; luxon picks the second, so step back when the earlier
 * offset shows the same wall-clock time. Times skipped by the clocks move forward (luxon's
 * behaviour, also RFC 5545's).
 */
export function firstOccurrence(dt: DateTime): DateTime {
  if (!dt.isValid) return dt;
  // The offset three hours earlier, asked of the zone directly: what dt.minus({ hours: 3 }).offset
  // answers, without building a Duration for every instant of the workspace.
  const shift = dt.zone.offset(dt.toMillis() - 3 * 3_600_000) - dt.offset;
  if (shift <= 0) return dt;
  const earlier = DateTime.fromMillis(dt.toMillis() - shift * 60_000, { zone: dt.zone });
  const same = earlier.hour === dt.hour && earlier.minute === dt.minute && earlier.day === dt.day;
  return same ? earlier : dt;
}

// ISO 8601 durations without years and months (their length varies): PnW, PnDTnHnMnS.
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const COMPACT_DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000];

/** A duration in milliseconds: `45s`, `15m`, `2h`, `1h30m`, `1d12h`, or ISO 8601 `PT1H30M`. */
export function parseDuration(text: string): Parsed<number> {
  const trimmed = String(text).trim();
  const m = COMPACT_DURATION.exec(trimmed);
  if (m && trimmed.length > 0) {
    let ms = 0;
    for (let i = 0; i < 4; i++) if (m[i + 1]) ms += Number(m[i + 1]) * UNIT_MS[i];
    return durationProblem(ms, trimmed);
  }
  const iso = ISO_DURATION.exec(trimmed.toUpperCase());
  // At least one number, and a "T" only before a time part: "P", "PT" and "P1DT" say nothing.
  if (iso && /\d/.test(trimmed) && !/T$/i.test(trimmed)) {
    const [, weeks, days, hours, minutes, seconds] = iso;
    const ms = Math.round(
      (Number(weeks ?? 0) * 7 + Number(days ?? 0)) * 86_400_000 +
        Number(hours ?? 0) * 3_600_000 +
        Number(minutes ?? 0) * 60_000 +
        Number(seconds ?? 0) * 1000,
    );
    return durationProblem(ms, trimmed);
  }
  if (/^P[^T]*\d[YM]/i.test(trimmed)) {
    return {
      ok: false,
      error: `"${trimmed}" uses years or months, whose length varies; write days, hours, minutes or seconds`,
    };
  }
  return {
    ok: false,
    error: `"${trimmed}" is not a duration such as 45s, 15m, 2h, 1h30m, 1d12h or PT1H30M (units d h m s, largest first)`,
  };
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})$/;

export function parseTimeOfDay(text: string): Parsed<{ hour: number; minute: number }> {
  const m = TIME_OF_DAY.exec(String(text).trim());
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    if (hour < 24 && minute < 60) return { ok: true, value: { hour, minute } };
  }
  return { ok: false, error: `"${text}" is not a time of day such as "02:00" (HH:MM, 24-hour clock)` };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDate(text: string): Parsed<{ year: number; month: number; day: number }> {
  const m = DATE.exec(String(text).trim());
  if (m) {
    const outside = yearProblem(+m[1], String(text).trim());
    if (outside) return { ok: false, error: outside };
    const dt = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone: 'UTC' });
    if (dt.isValid) return { ok: true, value: { year: dt.year, month: dt.month, day: dt.day } };
  }
  return { ok: false, error: `"${text}" is not a date such as 2026-12-01` };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether `inner` lies entirely inside `outer` (both half-open). */
export function within(inner: Interval, outer: Interval): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return '0m';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  const units: [number, string][] = [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return parts.join('');
}

// Messages name the same few instants many times (a window that hundreds of runbooks depend on,
// RB012); luxon's formatting dominated linting such workspaces. Bounded: instants come from files.
const formattedInstants = new Map<string, string>();

/** `2026-12-02 22:00 Europe/Berlin` style text for messages. */
export function formatInstant(ms: number, zone: string): string {
  const key = `${ms} ${zone}`;
  let text = formattedInstants.get(key);
  if (text === undefined) {
    const dt = DateTime.fromMillis(ms, { zone });
    text = `${dt.toFormat('yyyy-MM-dd HH:mm')} ${zone}`;
    if (formattedInstants.size >= 10_000) formattedInstants.clear();
    formattedInstants.set(key, text);
  }
  return text;
}

/** ISO 8601 with offset, as the editor protocol writes instants. */
export function isoWithOffset(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}
