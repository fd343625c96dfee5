// RFC 5545 recurrences expanded in the calendar's zone. rrule yields the dates; luxon puts the
// local start time on each date in the zone, so 02:00 stays 02:00 across daylight-saving changes.
import { DateTime } from 'luxon';
import { Frequency, Options, RRule } from 'rrule';
import { firstOccurrence, Interval, Parsed } from './time';

const KNOWN_PARTS = new Set([
  'FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY',
  'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST',
]);
const FREQS = new Set(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY']);

export interface ParsedRule {
  options: Partial<Options>;
  text: string;
}

export function parseRRule(text: string): Parsed<ParsedRule> {
  // Names and values of RFC 5545 are case-insensitive; rrule reads upper case only.
  const body = String(text).trim().replace(/^RRULE:/i, '').toUpperCase();
  const parts = body.split(';').filter((p) => p.length > 0);
  const seen = new Set<string>();
  for (const part of parts) {
    const [name, value] = part.split('=');
    const upper = (name ?? '').toUpperCase();
    if (!KNOWN_PARTS.has(upper) || value === undefined || value === '') {
      return { ok: false, error: `"${part}" is not an RRULE part (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL, ...)` };
    }
    if (upper === 'FREQ' && !FREQS.has(value.toUpperCase())) {
      return { ok: false, error: `FREQ=${value} is not supported here; use YEARLY, MONTHLY, WEEKLY or DAILY` };
    }
    seen.add(upper);
  }
  if (!seen.has('FREQ')) return { ok: false, error: `"${body}" has no FREQ (for example FREQ=WEEKLY;BYDAY=SU)` };
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch (error) {
    return { ok: false, error: `"${body}" is not a valid RRULE: ${(error as Error).message}` };
  }
  const weekdays = options.byweekday as unknown;
  if (Array.isArray(weekdays) && weekdays.some((d) => d === null || d === undefined)) {
    return { ok: false, error: `"${body}" has an unknown BYDAY value; use MO, TU, WE, TH, FR, SA or SU` };
  }
  for (const key of ['interval', 'count', 'bymonthday', 'bymonth', 'bysetpos', 'byyearday', 'byweekno'] as const) {
    const v = options[key] as unknown;
    const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
    if (values.some((n) => typeof n !== 'number' || Number.isNaN(n))) {
      return { ok: false, error: `"${body}" has a value that is not a number in ${key.toUpperCase()}` };
    }
  }
  if (options.interval !== undefined && options.interval < 1) {
    return { ok: false, error: `"${body}": INTERVAL must be 1 or more` };
  }
  return { ok: true, value: { options, text: body } };
}

export interface RecurrenceSpec {
  rule: ParsedRule;
  hour: number;
  minute: number;
  durationMs: number;
  zone: string;
  /** Optional bounds on the local dates of occurrences, inclusive. */
  from?: { year: number; month: number; day: number };
  until?: { year: number; month: number; day: number };
}

const DAY = 86_400_000;

/**
 * Occurrences whose interval meets [range.start, range.end). Without `from` the rule has no first
 * occurrence: it is anchored at 1970-01-01, which for a rule that repeats every period (INTERVAL 1,
 * no COUNT) is the same as anchoring anywhere, so the anchor moves close to the range to stay fast.
 */
export function expandRecurrence(spec: RecurrenceSpec, range: Interval): Interval[] {
  const { options } = spec.rule;
  // Local calendar dates to search: widen by the duration and a day each side for zone offsets.
  const firstDate = DateTime.fromMillis(range.start - spec.durationMs - DAY, { zone: spec.zone }).startOf('day');
  const lastDate = DateTime.fromMillis(range.end + DAY, { zone: spec.zone }).startOf('day');
  const searchStart = floating(firstDate.year, firstDate.month, firstDate.day);
  const searchEnd = floating(lastDate.year, lastDate.month, lastDate.day);

  const anchor = spec.from ? floating(spec.from.year, spec.from.month, spec.from.day) : anchorNear(options, searchStart);
  const untilFloating = spec.until ? floating(spec.until.year, spec.until.month, spec.until.day) : undefined;
  const rule = new RRule({
    ...options,
    byhour: undefined,
    byminute: undefined,
    bysecond: undefined,
    dtstart: new Date(anchor),
    until: options.until ?? null,
    tzid: null,
  });
  const after = new Date(Math.max(searchStart, anchor));
  const dates = rule.between(after, new Date(searchEnd), true);
  const result: Interval[] = [];
  for (const date of dates) {
    const t = date.getTime();
    if (untilFloating !== undefined && t > untilFloating) break;
    const local = firstOccurrence(DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: spec.hour, minute: spec.minute },
      { zone: spec.zone },
    ));
    const start = local.toMillis();
    const end = start + spec.durationMs;
    if (start < range.end && end > range.start) result.push({ start, end });
  }
  return result;
}

function floating(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

const EPOCH = 0; // 1970-01-01, a Thursday

function anchorNear(options: Partial<Options>, near: number): number {
  const repeatsEveryPeriod = (options.interval ?? 1) === 1 && options.count === undefined;
  if (!repeatsEveryPeriod || near <= EPOCH) return EPOCH;
  const d = new Date(near);
  switch (options.freq) {
    case Frequency.DAILY:
      return near;
    case Frequency.WEEKLY: {
      // Keep the epoch's weekday so that a rule without BYDAY falls on the same day.
      const weeks = Math.floor((near - EPOCH) / (7 * DAY));
      return EPOCH + weeks * 7 * DAY;
    }
    case Frequency.MONTHLY:
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case Frequency.YEARLY:
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    default:
      return EPOCH;
  }
}
