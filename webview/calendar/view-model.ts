// What each view shows, computed from a calendar result without touching the DOM: filtering,
// agenda rows with their heights (for drawing only the rows in view), day segments clipped to
// the display zone's days, overlap columns, period lanes. Unit-tested under test/unit/calendar.
import type {
  AccessOccurrence,
  BookingOccurrence,
  CalendarEvent,
  CalendarResult,
  PeriodOccurrence,
} from '../../server/core/calendar/calendar-types';
import { addDays, DayKey, dayKeyOf, dayStart, daysBetween, minuteOfDay, ViewSpan } from './display-time';

export interface Filters {
  environments: string[];
  teams: string[];
  services: string[];
}

/** The filter value for "not set" (a runbook without team or service). */
export const NONE = '';

export interface ShownEvent {
  /** Stable across refreshes: one runbook file has one window. */
  key: string;
  event: CalendarEvent;
  start: number;
  end: number;
}

/** A booking drawn like a period: one environment, its own band and colour. */
export interface BookingPeriod extends Omit<PeriodOccurrence, 'kind'> {
  kind: 'booking';
  booking: BookingOccurrence;
}

/** A runbook's access request drawn like a booking: one environment, its own colour. */
export interface AccessPeriod extends Omit<PeriodOccurrence, 'kind'> {
  kind: 'access';
  access: AccessOccurrence;
}

export type AnyPeriod = PeriodOccurrence | BookingPeriod | AccessPeriod;

export interface ShownPeriod {
  key: string;
  period: AnyPeriod;
  start: number;
  end: number;
}

export function eventKey(e: CalendarEvent): string {
  return e.uri;
}

export function periodKey(p: AnyPeriod): string {
  return `${p.kind}:${p.uri}#${p.id}@${p.start}`;
}

export function emptyFilters(): Filters {
  return { environments: [], teams: [], services: [] };
}

export function activeFilterCount(f: Filters): number {
  return f.environments.length + f.teams.length + f.services.length;
}

function passes(selected: string[], value: string | null): boolean {
  return selected.length === 0 || selected.includes(value ?? NONE);
}

export function shownEvents(result: CalendarResult, filters: Filters): ShownEvent[] {
  const out: ShownEvent[] = [];
  for (const e of result.events) {
    if (
      !passes(filters.environments, e.environment) ||
      !passes(filters.teams, e.team) ||
      !passes(filters.services, e.service)
    )
      continue;
    const start = Date.parse(e.start);
    const end = Date.parse(e.end);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    out.push({ key: eventKey(e), event: e, start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key));
}

/**
 * Freezes, maintenance windows, environment bookings and access requests; an environment filter
 * keeps those that cover one of its environments, a team filter keeps the bookings of its teams.
 */
export function shownPeriods(result: CalendarResult, filters: Filters): ShownPeriod[] {
  const out: ShownPeriod[] = [];
  const bookings: BookingPeriod[] = (result.bookings ?? [])
    .filter((b) => filters.teams.length === 0 || filters.teams.includes(b.team))
    .map((b) => ({
      id: b.id,
      title: b.title,
      start: b.start,
      end: b.end,
      environments: [b.environment],
      uri: b.uri,
      range: b.range,
      kind: 'booking',
      rrule: b.rrule,
      booking: b,
    }));
  const access: AccessPeriod[] = (result.access ?? []).map((a) => ({
    id: a.id,
    title: a.title,
    start: a.start,
    end: a.end,
    environments: [a.environment],
    uri: a.uri,
    range: a.range,
    kind: 'access',
    rrule: null,
    access: a,
  }));
  for (const p of [...result.freezes, ...result.maintenance, ...bookings, ...access]) {
    if (
      filters.environments.length > 0 &&
      p.environments !== null &&
      !p.environments.some((env) => filters.environments.includes(env))
    )
      continue;
    const start = Date.parse(p.start);
    const end = Date.parse(p.end);
    if (Number.isNaN(start) || Number.isNaN(end)) continue;
    out.push({ key: periodKey(p), period: p, start, end });
  }
  const rank = { freeze: 0, maintenance: 1, booking: 2, access: 3 } as const;
  return out.sort((a, b) => rank[a.period.kind] - rank[b.period.kind] || a.start - b.start);
}

export interface FilterOptions {
  environments: string[];
  teams: string[];
  services: string[];
}

/** Values to offer: what the loaded data has, plus what is selected (a filter survives a refresh that lost its value). */
export function filterOptions(result: CalendarResult | undefined, filters: Filters): FilterOptions {
  const envs = new Set(filters.environments);
  const teams = new Set(filters.teams);
  const services = new Set(filters.services);
  for (const e of result?.events ?? []) {
    envs.add(e.environment ?? NONE);
    teams.add(e.team ?? NONE);
    services.add(e.service ?? NONE);
  }
  for (const p of [...(result?.freezes ?? []), ...(result?.maintenance ?? [])])
    for (const env of p.environments ?? []) envs.add(env);
  for (const b of result?.bookings ?? []) {
    envs.add(b.environment);
    teams.add(b.team);
  }
  for (const a of result?.access ?? []) envs.add(a.environment);
  // The whole workspace's names, so a filter can be set for a value this range does not have.
  const ws = result?.workspace;
  for (const v of ws?.environments ?? []) envs.add(v);
  for (const v of ws?.teams ?? []) teams.add(v);
  for (const v of ws?.services ?? []) services.add(v);
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a.localeCompare(b)));
  return { environments: sorted(envs), teams: sorted(teams), services: sorted(services) };
}

// ---- environment colours -------------------------------------------------------------------

export const ENV_COLORS = 6;

/** A stable colour slot: production red, staging orange, development and test green, others by name. */
export function envColor(environment: string | null): number {
  const name = (environment ?? '').toLowerCase();
  if (name === 'production' || name === 'prod' || name.startsWith('prod-')) return 0;
  if (name === 'staging' || name === 'stage' || name.startsWith('staging-') || name === 'preprod' || name === 'uat')
    return 1;
  if (name === 'dev' || name === 'development' || name === 'test' || name === 'qa') return 3;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return [2, 4, 5][h % 3];
}

// ---- agenda --------------------------------------------------------------------------------

export const AGENDA_DAY_HEIGHT = 30;
export const AGENDA_PERIOD_HEIGHT = 26;
export const AGENDA_EVENT_BASE = 72;
export const AGENDA_LINE = 18;
export const AGENDA_MAX_CONFLICT_LINES = 3;
/**
 * The side bar's agenda (narrower than AGENDA_COMPACT_WIDTH): the same three lines and conflicts,
 * set tighter (media/calendar.css, `.agenda.compact`), so five windows fit above Release Tracking.
 */
export const AGENDA_COMPACT_WIDTH = 360;
const COMPACT = { day: 26, period: 22, base: 60, line: 16 };

export type AgendaRow =
  | { kind: 'day'; day: DayKey; top: number; height: number; events: number }
  | { kind: 'period'; day: DayKey; item: ShownPeriod; top: number; height: number }
  | { kind: 'event'; day: DayKey; item: ShownEvent; top: number; height: number; index: number };

export interface AgendaModel {
  rows: AgendaRow[];
  height: number;
  /** Events in agenda order, for keyboard navigation. */
  events: ShownEvent[];
}

export function conflictLines(e: CalendarEvent): number {
  const n = e.conflicts?.length ?? 0;
  return Math.min(n, AGENDA_MAX_CONFLICT_LINES);
}

export function agendaEventHeight(e: CalendarEvent, compact = false): number {
  return compact ? COMPACT.base + conflictLines(e) * COMPACT.line : AGENDA_EVENT_BASE + conflictLines(e) * AGENDA_LINE;
}

/**
 * Days with something on them: an event starting that day (an event already running when the span
 * starts is listed on its first day), or a freeze or maintenance window starting that day (or
 * running on the first day). Each listed day also shows every period active on it.
 */
export function agendaModel(
  events: ShownEvent[],
  periods: ShownPeriod[],
  span: ViewSpan,
  zone: string,
  compact = false,
): AgendaModel {
  const dayHeight = compact ? COMPACT.day : AGENDA_DAY_HEIGHT;
  const periodHeight = compact ? COMPACT.period : AGENDA_PERIOD_HEIGHT;
  const byDay = new Map<DayKey, ShownEvent[]>();
  const listed = new Set<DayKey>();
  const inSpan: ShownEvent[] = [];
  for (const item of events) {
    if (item.end <= span.start || item.start >= span.end) continue;
    const day = item.start < span.start ? span.firstDay : dayKeyOf(item.start, zone);
    inSpan.push(item);
    listed.add(day);
    const list = byDay.get(day);
    if (list) list.push(item);
    else byDay.set(day, [item]);
  }
  const spanPeriods = periods.filter((p) => p.end > span.start && p.start < span.end);
  for (const p of spanPeriods) listed.add(p.start < span.start ? span.firstDay : dayKeyOf(p.start, zone));

  const rows: AgendaRow[] = [];
  const ordered: ShownEvent[] = [];
  let top = 0;
  for (const day of [...listed].sort()) {
    const dayEvents = byDay.get(day) ?? [];
    rows.push({ kind: 'day', day, top, height: dayHeight, events: dayEvents.length });
    top += dayHeight;
    const from = dayStart(day, zone).toMillis();
    const to = dayStart(addDays(day, 1), zone).toMillis();
    for (const p of spanPeriods) {
      if (p.start < to && p.end > from) {
        rows.push({ kind: 'period', day, item: p, top, height: periodHeight });
        top += periodHeight;
      }
    }
    for (const item of dayEvents) {
      const height = agendaEventHeight(item.event, compact);
      rows.push({ kind: 'event', day, item, top, height, index: ordered.length });
      ordered.push(item);
      top += height;
    }
  }
  return { rows, height: top, events: ordered };
}

/** Rows that meet [top, bottom), found by binary search: the agenda draws only these. */
export function rowsInView<T extends { top: number; height: number }>(rows: T[], top: number, bottom: number): T[] {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].top + rows[mid].height <= top) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < rows.length && rows[i].top < bottom; i++) out.push(rows[i]);
  return out;
}

// ---- day segments (week and month) ---------------------------------------------------------

export interface Segment<T> {
  item: T;
  day: DayKey;
  /** Minutes since local midnight, clipped to the day. */
  startMinute: number;
  endMinute: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** The parts of [start, end) on each day of `days`, clipped at the display zone's midnights. */
export function daySegments<T>(item: T, start: number, end: number, days: DayKey[], zone: string): Segment<T>[] {
  const out: Segment<T>[] = [];
  for (const day of days) {
    const from = dayStart(day, zone).toMillis();
    const to = dayStart(addDays(day, 1), zone).toMillis();
    if (!(start < to && end > from)) continue;
    const startMinute = minuteOfDay(Math.max(start, from), day, zone);
    let endMinute = end >= to ? 1440 : minuteOfDay(end, day, zone);
    // The repeated hour of an autumn change can put the end before the start on the wall clock.
    if (endMinute <= startMinute)
      endMinute = Math.min(
        1440,
        startMinute + Math.max(1, Math.round((Math.min(end, to) - Math.max(start, from)) / 60_000)),
      );
    out.push({ item, day, startMinute, endMinute, continuesBefore: start < from, continuesAfter: end > to });
  }
  return out;
}

export interface Placed<T> extends Segment<T> {
  column: number;
  columns: number;
}

/** Side-by-side columns for overlapping segments of one day (the usual calendar packing). */
export function packColumns<T>(segments: Segment<T>[], minMinutes = 20): Placed<T>[] {
  const sorted = [...segments].sort((a, b) => a.startMinute - b.startMinute || b.endMinute - a.endMinute);
  const placed: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let clusterEnd = -1;
  const colEnds: number[] = [];
  const flush = () => {
    const columns = Math.max(1, ...cluster.map((p) => p.column + 1));
    for (const p of cluster) p.columns = columns;
    cluster = [];
    colEnds.length = 0;
  };
  for (const s of sorted) {
    // Short windows are drawn at least minMinutes tall, so they collide as drawn.
    const drawnEnd = Math.max(s.endMinute, s.startMinute + minMinutes);
    if (s.startMinute >= clusterEnd) flush();
    let column = colEnds.findIndex((end) => end <= s.startMinute);
    if (column === -1) column = colEnds.length;
    colEnds[column] = drawnEnd;
    const p: Placed<T> = { ...s, column, columns: 1 };
    cluster.push(p);
    placed.push(p);
    clusterEnd = Math.max(clusterEnd, drawnEnd);
  }
  flush();
  return placed;
}

export interface Lane<T> {
  item: T;
  /** Day columns, inclusive, 0-based within the row of days. */
  firstColumn: number;
  lastColumn: number;
  lane: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** Periods as bars over a row of days, stacked in lanes so none overlap. */
export function periodLanes(periods: ShownPeriod[], days: DayKey[], zone: string): Lane<ShownPeriod>[] {
  if (days.length === 0) return [];
  const rowStart = dayStart(days[0], zone).toMillis();
  const rowEnd = dayStart(addDays(days[days.length - 1], 1), zone).toMillis();
  const lanesEnd: number[] = [];
  const out: Lane<ShownPeriod>[] = [];
  const items = periods
    .filter((p) => p.start < rowEnd && p.end > rowStart)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const p of items) {
    const firstDay = p.start <= rowStart ? days[0] : dayKeyOf(p.start, zone);
    // The last day the period touches: the day of its last millisecond.
    const lastDay = p.end >= rowEnd ? days[days.length - 1] : dayKeyOf(p.end - 1, zone);
    const firstColumn = Math.max(0, days.indexOf(firstDay));
    const lastColumn = Math.max(firstColumn, days.indexOf(lastDay));
    let lane = lanesEnd.findIndex((end) => end < firstColumn);
    if (lane === -1) lane = lanesEnd.length;
    lanesEnd[lane] = lastColumn;
    out.push({
      item: p,
      firstColumn,
      lastColumn,
      lane,
      continuesBefore: p.start < rowStart,
      continuesAfter: p.end > rowEnd,
    });
  }
  return out;
}

// ---- week ----------------------------------------------------------------------------------

export interface WeekColumn {
  day: DayKey;
  events: Placed<ShownEvent>[];
  periods: Segment<ShownPeriod>[];
}

export interface WeekModel {
  days: DayKey[];
  columns: WeekColumn[];
  lanes: Lane<ShownPeriod>[];
  /** The earliest minute anything starts at, to scroll the time grid to on first show. */
  firstMinute: number | null;
}

export function weekModel(events: ShownEvent[], periods: ShownPeriod[], span: ViewSpan, zone: string): WeekModel {
  const days = daysBetween(span.firstDay, span.endDay);
  const columns: WeekColumn[] = days.map((day) => ({ day, events: [], periods: [] }));
  const raw: Segment<ShownEvent>[][] = days.map(() => []);
  let firstMinute: number | null = null;
  for (const e of events) {
    if (e.end <= span.start || e.start >= span.end) continue;
    for (const s of daySegments(e, e.start, e.end, days, zone)) {
      raw[days.indexOf(s.day)].push(s);
      // A window running on from the day before says nothing about where the day's work starts.
      if (!s.continuesBefore) firstMinute = firstMinute === null ? s.startMinute : Math.min(firstMinute, s.startMinute);
    }
  }
  for (const p of periods) {
    if (p.end <= span.start || p.start >= span.end) continue;
    for (const s of daySegments(p, p.start, p.end, days, zone)) columns[days.indexOf(s.day)].periods.push(s);
  }
  columns.forEach((c, i) => (c.events = packColumns(raw[i])));
  return { days, columns, lanes: periodLanes(periods, days, zone), firstMinute };
}

// ---- month ---------------------------------------------------------------------------------

export interface MonthCell {
  day: DayKey;
  inMonth: boolean;
  /** Events that start that day, or run into it from an earlier one. */
  events: ShownEvent[];
  /** 'full' when a freeze covers the whole day, 'partial' when only part of it. */
  freeze: 'full' | 'partial' | null;
  maintenance: boolean;
}

export interface MonthWeek {
  days: DayKey[];
  cells: MonthCell[];
  lanes: Lane<ShownPeriod>[];
}

export function monthModel(
  events: ShownEvent[],
  periods: ShownPeriod[],
  span: ViewSpan,
  month: number,
  zone: string,
): MonthWeek[] {
  const weeks: MonthWeek[] = [];
  const days = daysBetween(span.firstDay, span.endDay);
  for (let i = 0; i < days.length; i += 7) {
    const weekDays = days.slice(i, i + 7);
    const cells: MonthCell[] = weekDays.map((day) => {
      const from = dayStart(day, zone).toMillis();
      const to = dayStart(addDays(day, 1), zone).toMillis();
      let freeze: MonthCell['freeze'] = null;
      let maintenance = false;
      for (const p of periods) {
        if (!(p.start < to && p.end > from)) continue;
        // A booking or an access shades no day: it is a chip in the lanes, not a rule for the day.
        if (p.period.kind === 'booking' || p.period.kind === 'access') continue;
        if (p.period.kind === 'maintenance') maintenance = true;
        else if (p.start <= from && p.end >= to) freeze = 'full';
        else if (freeze === null) freeze = 'partial';
      }
      return {
        day,
        inMonth: Number(day.slice(5, 7)) === month,
        events: events.filter((e) => e.start < to && e.end > from),
        freeze,
        maintenance,
      };
    });
    weeks.push({ days: weekDays, cells, lanes: periodLanes(periods, weekDays, zone) });
  }
  return weeks;
}
