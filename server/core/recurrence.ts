// RFC 5545 recurrences expanded in the calendar's zone: the one implementation of a recurrence and
// its bounds that the linter, the calendar, the gate and the iCalendar export share. rrule yields
// the dates; luxon puts the local start time on each date in the zone, so 02:00 stays 02:00 across
// daylight-saving changes. Every expansion has a budget proportional to the dates asked about.
import { DateTime } from 'luxon';
import { Frequency, Options, RRule } from 'rrule';
import { offsetAt } from './calendar/zone-offsets';
import { firstOccurrence, Interval, MAX_YEAR, MIN_YEAR, Parsed } from './time';

/** The parts of an RFC 5545 rule this product reads (the JSON Schemas' pattern takes the same). */
export const RRULE_PARTS = [
  'FREQ',
  'UNTIL',
  'COUNT',
  'INTERVAL',
  'BYSECOND',
  'BYMINUTE',
  'BYHOUR',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
] as const;
/** The frequencies a freeze or maintenance rule may have. */
export const RRULE_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
const KNOWN_PARTS = new Set<string>(RRULE_PARTS);
const FREQS = new Set<string>(RRULE_FREQUENCIES);

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * How UNTIL bounds the occurrences (docs/runbook-dsl.md section 2, Recurrences):
 * `utc` (UNTIL=19971224T000000Z) bounds each occurrence's start instant; `local` (no Z) is a wall
 * clock time in the calendar's zone and does the same; `date` (UNTIL=19971224) reads as
 * "through the end of that local day", like the `until` key.
 */
export type RuleUntil =
  | { kind: 'utc'; ms: number }
  | { kind: 'local'; date: LocalDate; hour: number; minute: number; second: number }
  | { kind: 'date'; date: LocalDate };

export interface ParsedRule {
  options: Partial<Options>;
  text: string;
  until?: RuleUntil;
}

const UNTIL_TEXT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

export function parseRRule(text: string): Parsed<ParsedRule> {
  // Names and values of RFC 5545 are case-insensitive; rrule reads upper case only.
  const body = String(text)
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
  const parts = body.split(';').filter((p) => p.length > 0);
  const seen = new Set<string>();
  let until: RuleUntil | undefined;
  for (const part of parts) {
    const [name, value] = part.split('=');
    const upper = (name ?? '').toUpperCase();
    if (!KNOWN_PARTS.has(upper) || value === undefined || value === '') {
      return {
        ok: false,
        error: `"${part}" is not an RRULE part (FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL, ...)`,
      };
    }
    if (upper === 'FREQ' && !FREQS.has(value.toUpperCase())) {
      return { ok: false, error: `FREQ=${value} is not supported here; use YEARLY, MONTHLY, WEEKLY or DAILY` };
    }
    if (upper === 'UNTIL') {
      const read = parseUntil(value);
      if (!read.ok) return { ok: false, error: `"${body}": ${read.error}` };
      until = read.value;
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
  if (options.interval !== undefined && options.interval > MAX_INTERVAL) {
    return { ok: false, error: `"${body}": INTERVAL must be at most ${MAX_INTERVAL}` };
  }
  // UNTIL is read here (parseUntil), not by rrule, which cannot tell a date from a date-time.
  delete options.until;
  return { ok: true, value: { options, text: body, until } };
}

const MAX_INTERVAL = 1000;

function parseUntil(value: string): Parsed<RuleUntil> {
  const m = UNTIL_TEXT.exec(value);
  const date = m && { year: +m[1], month: +m[2], day: +m[3] };
  const valid =
    date &&
    DateTime.fromObject(
      { ...date, hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0, second: m[6] ? +m[6] : 0 },
      { zone: 'UTC' },
    ).isValid;
  if (!m || !date || !valid) {
    return { ok: false, error: `UNTIL=${value} is not a date (19971224) or date-time (19971224T000000Z)` };
  }
  if (date.year < MIN_YEAR || date.year > MAX_YEAR) {
    return { ok: false, error: `UNTIL=${value} is outside the years ${MIN_YEAR} to ${MAX_YEAR}` };
  }
  if (!m[4]) return { ok: true, value: { kind: 'date', date } };
  if (m[7])
    return { ok: true, value: { kind: 'utc', ms: Date.UTC(date.year, date.month - 1, date.day, +m[4], +m[5], +m[6]) } };
  return { ok: true, value: { kind: 'local', date, hour: +m[4], minute: +m[5], second: +m[6] } };
}

export interface RecurrenceSpec {
  rule: ParsedRule;
  hour: number;
  minute: number;
  durationMs: number;
  zone: string;
  /** Optional bounds on the local dates of occurrences, inclusive. */
  from?: LocalDate;
  until?: LocalDate;
}

/** Why a recurrence is not expanded as written: it never occurs (RB032) or needs more than the limit (RB033). */
export type RecurrenceProblem = { kind: 'never'; message: string } | { kind: 'too-large'; message: string };

export interface Recurrence {
  /** Occurrences whose interval meets [range.start, range.end), in order. */
  occurrences(range: Interval): Interval[];
  /** Worked out on first use and remembered for the rule (a bounded probe, not an expansion). */
  problem(): RecurrenceProblem | undefined;
  /**
   * The recurrence as one RFC 5545 DTSTART and RRULE giving the same occurrences that end after `near`, for
   * a subscribable feed; undefined when it has none from there or cannot be written as one rule
   * (a COUNT cut by the limits).
   */
  icalendar(near: number): ICalendarRecurrence | undefined;
}

export interface ICalendarRecurrence {
  /** Start instant of the first occurrence written (DTSTART, in the recurrence's zone). */
  start: number;
  /** The RRULE value (no "RRULE:"): the rule's parts with its day defaults spelled out, UNTIL in UTC or COUNT. */
  rule: string;
}

const DAY = 86_400_000;
const EPOCH = 0; // 1970-01-01, a Thursday
/** A COUNT rule is expanded once, whole; at most this many occurrences. */
export const MAX_COUNT = 10_000;
/** Periods (days, weeks, months or years) one expansion may step through before it is cut. */
const MAX_PERIODS = 50_000;
/** A rule with no date this many years after its first date never occurs (the Gregorian calendar repeats every 400 years). */
export const NEVER_HORIZON_YEARS = 400;

/** Occurrences of the recurrence that meet the range (one expansion; `compileRecurrence` keeps the rule's state for many). */
export function expandRecurrence(spec: RecurrenceSpec, range: Interval): Interval[] {
  return compileRecurrence(spec).occurrences(range);
}

/**
 * The recurrence, ready to answer many ranges. Without `from` the rule has no first occurrence:
 * INTERVAL counts from 1970-01-01, and the same phase continues before 1970. Each expansion starts
 * at a whole number of INTERVAL periods from the first date, just before the dates asked about, so
 * its cost is proportional to the range, never to the distance from 1970 or from `from`.
 */
export function compileRecurrence(spec: RecurrenceSpec): Recurrence {
  const base = spec.from ? floating(spec.from) : EPOCH;
  const options = withDayDefaults(spec.rule.options, base);
  const bounds = dateBounds(spec);
  let countDates: { dates: number[]; cut: boolean } | undefined;
  const datesOfCount = () => (countDates ??= expandAll(options, base, bounds.last));

  const localStart = (date: number): number =>
    wallClockInstant(date + (spec.hour * 60 + spec.minute) * 60_000, spec.zone);
  const untilInstant = untilInstantOf(spec);
  // The start time and zone matter only beside a date-time UNTIL.
  const problemKey = [
    spec.rule.text,
    base,
    bounds.last,
    untilInstant === undefined ? '' : `${untilInstant} ${spec.zone} ${spec.hour}:${spec.minute}`,
  ].join('\u0000');

  return {
    occurrences(range) {
      // A rule known never to occur costs nothing more (the probe is remembered per rule).
      if (problems.get(problemKey)?.kind === 'never') return [];
      // Local calendar dates to search: widen by the duration and a day each side for zone offsets.
      const firstDate = DateTime.fromMillis(range.start - spec.durationMs - DAY, { zone: spec.zone }).startOf('day');
      const lastDate = DateTime.fromMillis(range.end + DAY, { zone: spec.zone }).startOf('day');
      if (!firstDate.isValid || !lastDate.isValid) return [];
      const lo = spec.from ? Math.max(floating(firstDate), base) : floating(firstDate);
      const hi = Math.min(floating(lastDate), bounds.last);
      if (lo > hi) return [];
      let dates: number[];
      if (options.count !== undefined && options.count !== null) {
        dates = datesOfCount().dates.filter((d) => d >= lo && d <= hi);
      } else {
        const anchor = anchorNear(options, base, lo, spec.from !== undefined);
        dates = between(options, anchor, lo, hi, periodsBetween(options, anchor, hi) + 3).dates;
      }
      const result: Interval[] = [];
      for (const date of dates) {
        const start = localStart(date);
        if (untilInstant !== undefined && start > untilInstant) break;
        const end = start + spec.durationMs;
        if (start < range.end && end > range.start) result.push({ start, end });
      }
      return result;
    },
    icalendar(near) {
      if (this.problem()?.kind === 'never') return undefined;
      const counted = options.count !== undefined && options.count !== null;
      let first: number | undefined;
      let count: number | undefined;
      if (counted) {
        const { dates, cut } = datesOfCount();
        if (cut) return undefined;
        const kept = untilInstant === undefined ? dates : dates.filter((d) => localStart(d) <= untilInstant);
        first = kept[0];
        count = kept.length;
      } else {
        // DTSTART must be an occurrence in phase with INTERVAL: the first one after an anchor.
        const nearDate = DateTime.fromMillis(near - spec.durationMs, { zone: spec.zone }).startOf('day');
        if (!nearDate.isValid) return undefined;
        const lo = spec.from ? Math.max(floating(nearDate), base) : floating(nearDate);
        const anchor = anchorNear(options, base, lo, spec.from !== undefined);
        const horizon = Math.min(bounds.last, Date.UTC(new Date(anchor).getUTCFullYear() + NEVER_HORIZON_YEARS, 0, 1));
        first = firstDate(options, anchor, horizon);
      }
      if (first === undefined || first > bounds.last) return undefined;
      const start = localStart(first);
      if (untilInstant !== undefined && start > untilInstant) return undefined;
      // The last allowed start: a date-time UNTIL, or the occurrence on the last allowed date.
      const bound = Math.min(
        untilInstant ?? Infinity,
        Number.isFinite(bounds.last) ? localStart(bounds.last) : Infinity,
      );
      const parts = RRule.optionsToString({
        ...options,
        count: count ?? null,
        until: null,
        dtstart: null,
        tzid: null,
      }).replace(/^RRULE:/, '');
      const until =
        counted || !Number.isFinite(bound)
          ? ''
          : `;UNTIL=${DateTime.fromMillis(bound, { zone: 'UTC' }).toFormat("yyyyLLdd'T'HHmmss'Z'")}`;
      return { start, rule: parts + until };
    },
    problem() {
      const key = problemKey;
      let known = problems.get(key);
      if (known === undefined) {
        known = probe(spec, options, base, bounds.last, untilInstant, localStart, datesOfCount) ?? null;
        if (problems.size >= 1000) problems.clear();
        problems.set(key, known);
      }
      return known ?? undefined;
    },
  };
}

// The probe's answer for a rule depends on its text, first date, bounds and zone; remembered across
// changes so that an edit elsewhere does not probe every rule again (bounded: rules come from files).
const problems = new Map<string, RecurrenceProblem | null>();

function probe(
  spec: RecurrenceSpec,
  options: Partial<Options>,
  base: number,
  last: number,
  untilInstant: number | undefined,
  localStart: (date: number) => number,
  datesOfCount: () => { dates: number[]; cut: boolean },
): RecurrenceProblem | undefined {
  const text = spec.rule.text;
  const firstDay = new Date(base).toISOString().slice(0, 10);
  let first: number | undefined;
  if (options.count !== undefined && options.count !== null) {
    const { dates, cut } = datesOfCount();
    if (cut) {
      return {
        kind: 'too-large',
        message: `"${text}" needs more than ${MAX_COUNT} occurrences or ${MAX_PERIODS} ${periodName(options)} from ${firstDay} to reach its COUNT; it is expanded only that far. Use UNTIL or a smaller COUNT`,
      };
    }
    first = dates[0];
  } else {
    const simpler = probeOptions(options);
    // A YEARLY rule with INTERVAL 1 gives the same dates in every year of one kind (weekday of
    // January 1, leap or not), and every kind occurs within any 40 consecutive years (1900-2999):
    // 50 years of it answer what 400 years would.
    const years = simpler.freq === Frequency.YEARLY && (simpler.interval ?? 1) === 1 ? 50 : NEVER_HORIZON_YEARS;
    const horizon = Math.min(last, Date.UTC(new Date(base).getUTCFullYear() + years, 0, 1));
    first = firstDate(simpler, base, horizon);
  }
  const occurs =
    first !== undefined && first <= last && (untilInstant === undefined || localStart(first) <= untilInstant);
  if (occurs) return undefined;
  return {
    kind: 'never',
    message: `"${text}" never occurs: no date from ${firstDay}${last < Infinity ? ` to its end` : ` in the ${NEVER_HORIZON_YEARS} years after it`} matches every part of the rule`,
  };
}

/** The last local date an occurrence may fall on: the earlier of `until` and a date-only UNTIL. */
function dateBounds(spec: RecurrenceSpec): { last: number } {
  let last = Infinity;
  if (spec.until) last = floating(spec.until);
  const u = spec.rule.until;
  if (u && u.kind === 'date') last = Math.min(last, floating(u.date));
  // A date-time UNTIL bounds the start instant; no occurrence falls more than a day after its date.
  if (u && u.kind === 'utc') last = Math.min(last, Math.floor(u.ms / DAY) * DAY + DAY);
  if (u && u.kind === 'local') last = Math.min(last, floating(u.date));
  return { last };
}

function untilInstantOf(spec: RecurrenceSpec): number | undefined {
  const u = spec.rule.until;
  if (!u) return undefined;
  if (u.kind === 'utc') return u.ms;
  if (u.kind === 'local') {
    return firstOccurrence(
      DateTime.fromObject({ ...u.date, hour: u.hour, minute: u.minute, second: u.second }, { zone: spec.zone }),
    ).toMillis();
  }
  return undefined;
}

/**
 * rrule takes a missing day (MONTHLY, YEARLY) or weekday (WEEKLY) from DTSTART; the expansion
 * moves DTSTART, so those defaults are made explicit from the rule's first date first.
 */
function withDayDefaults(options: Partial<Options>, base: number): Partial<Options> {
  const hasDay =
    notEmpty(options.byweekno) ||
    notEmpty(options.byyearday) ||
    notEmpty(options.bymonthday) ||
    notEmpty(options.byweekday);
  const out: Partial<Options> = {
    ...options,
    byhour: undefined,
    byminute: undefined,
    bysecond: undefined,
    until: null,
    tzid: null,
  };
  if (hasDay) return out;
  const d = new Date(base);
  if (options.freq === Frequency.YEARLY) {
    if (!notEmpty(options.bymonth)) out.bymonth = [d.getUTCMonth() + 1];
    out.bymonthday = [d.getUTCDate()];
  } else if (options.freq === Frequency.MONTHLY) {
    out.bymonthday = [d.getUTCDate()];
  } else if (options.freq === Frequency.WEEKLY) {
    out.byweekday = [(d.getUTCDay() + 6) % 7];
  }
  return out;
}

function notEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null;
}

/**
 * A DTSTART a whole number of INTERVAL periods from the first date, at or before `near`: the rule
 * gives the same dates from there on as from its first date. With `from`, never before `from`;
 * without, the 1970 phase continues into the past.
 */
function anchorNear(options: Partial<Options>, base: number, near: number, hasFrom: boolean): number {
  const interval = options.interval ?? 1;
  const k = Math.floor(periodsBetween(options, base, near) / interval);
  if (k <= 0 && hasFrom) return base;
  const b = new Date(base);
  switch (options.freq) {
    case Frequency.DAILY:
      return base + k * interval * DAY;
    case Frequency.WEEKLY:
      return base + k * interval * 7 * DAY;
    case Frequency.MONTHLY:
      return Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + k * interval, 1);
    default:
      return Date.UTC(b.getUTCFullYear() + k * interval, 0, 1);
  }
}

/** Whole periods of the rule's frequency from `a` to `b` (negative when b is earlier). */
function periodsBetween(options: Partial<Options>, a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  switch (options.freq) {
    case Frequency.DAILY:
      return Math.floor((b - a) / DAY);
    case Frequency.WEEKLY:
      return Math.floor((b - a) / (7 * DAY));
    case Frequency.MONTHLY:
      return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
    default:
      return db.getUTCFullYear() - da.getUTCFullYear();
  }
}

function periodName(options: Partial<Options>): string {
  return options.freq === Frequency.DAILY
    ? 'days'
    : options.freq === Frequency.WEEKLY
      ? 'weeks'
      : options.freq === Frequency.MONTHLY
        ? 'months'
        : 'years';
}

/**
 * An rrule whose iteration stops after `maxPeriods` periods. rrule steps period by period until a
 * date passes the end, and a rule with no date left (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31) would step
 * to the year 9999; it reads `interval` twice per period and stops when it reads 0, so the budget
 * answers 0 once spent. recurrence.test.ts checks that the never-rule stays cheap.
 */
function budgetedRule(
  options: Partial<Options>,
  dtstart: number,
  maxPeriods: number,
): { rule: RRule; spent: () => boolean } {
  const rule = new RRule({ ...options, dtstart: new Date(dtstart) }, true);
  const interval = rule.options.interval;
  let reads = 1 + 2 * Math.min(Math.max(1, maxPeriods), MAX_PERIODS);
  Object.defineProperty(rule.options, 'interval', {
    get: () => (reads-- > 0 ? interval : 0),
    configurable: true,
  });
  return { rule, spent: () => reads < 0 };
}

function between(
  options: Partial<Options>,
  dtstart: number,
  lo: number,
  hi: number,
  maxPeriods: number,
): { dates: number[]; cut: boolean } {
  const { rule, spent } = budgetedRule(options, dtstart, maxPeriods);
  const dates = rule.between(new Date(Math.max(lo, dtstart)), new Date(hi), true).map((d) => d.getTime());
  return { dates, cut: spent() };
}

/** Every date of a COUNT rule, at most MAX_COUNT of them and through `last`; `cut` when the limits stopped it first. */
function expandAll(options: Partial<Options>, base: number, last: number): { dates: number[]; cut: boolean } {
  const { rule, spent } = budgetedRule(options, base, MAX_PERIODS);
  const dates: number[] = [];
  let full = false;
  rule.all((date) => {
    if (date.getTime() > last) return false;
    if (dates.length >= MAX_COUNT) {
      full = true;
      return false;
    }
    dates.push(date.getTime());
    return true;
  });
  return { dates, cut: full || (spent() && dates.length !== options.count) };
}

/**
 * A rule that finds the same dates at less cost for the never-probe: with INTERVAL 1, no BYSETPOS
 * and no ordinal BYDAY, DAILY, WEEKLY and MONTHLY rules that name days give exactly the dates of
 * the YEARLY rule with the same parts (YEARLY expands what the others filter or expand per month).
 */
function probeOptions(options: Partial<Options>): Partial<Options> {
  const simple = (options.interval ?? 1) === 1 && !notEmpty(options.bysetpos) && !hasOrdinalWeekday(options);
  if (
    !simple ||
    (options.freq !== Frequency.DAILY && options.freq !== Frequency.WEEKLY && options.freq !== Frequency.MONTHLY)
  )
    return options;
  const namesDays =
    notEmpty(options.byweekno) ||
    notEmpty(options.byyearday) ||
    notEmpty(options.bymonthday) ||
    notEmpty(options.byweekday);
  if (!namesDays) return options;
  return { ...options, freq: Frequency.YEARLY };
}

function hasOrdinalWeekday(options: Partial<Options>): boolean {
  const days = options.byweekday as unknown;
  const list = Array.isArray(days) ? days : days === undefined || days === null ? [] : [days];
  return list.some(
    (d) =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as { n?: number }).n === 'number' &&
      (d as { n?: number }).n !== 0,
  );
}

/** The rule's first date in [dtstart, horizon], or undefined; the budget covers the horizon. */
function firstDate(options: Partial<Options>, dtstart: number, horizon: number): number | undefined {
  const { rule } = budgetedRule(options, dtstart, periodsBetween(options, dtstart, horizon) + 3);
  let found: number | undefined;
  rule.all((date) => {
    if (date.getTime() <= horizon) found = date.getTime();
    return false;
  });
  return found;
}

/**
 * The instant a wall-clock time (`wall`: epoch ms read as if the zone were UTC) names in `zone`, as
 * time.ts's firstOccurrence reads it (RFC 5545 section 3.3.5): a time shown twice is the first, a
 * skipped time moves forward by the gap. From the zone's offset tables: one lookup per occurrence.
 */
function wallClockInstant(wall: number, zone: string): number {
  const before = offsetAt(zone, wall - 18 * 3_600_000);
  const after = offsetAt(zone, wall + 18 * 3_600_000);
  const early = wall - before * 60_000;
  const late = wall - after * 60_000;
  const earlyFits = offsetAt(zone, early) === before;
  const lateFits = offsetAt(zone, late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (earlyFits) return early;
  if (lateFits) return late;
  // Skipped by the clocks: read with the offset before the gap, which lands after it.
  return early;
}

function floating(date: LocalDate | DateTime): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}
