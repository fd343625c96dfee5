// `runbook/calendar` (docs/runbook-dsl.md, "The editor protocol"): the runbook windows, freezes and maintenance windows that
// meet a range, with instants written in the calendar's zone. Pure: the LSP layer supplies the
// diagnostics, so the same answer serves the server, the CLI and tests.
import type { RunbookModel } from '../model';
import { IANAZone } from 'luxon';
import { parseInstant } from '../time';
import { offsetAt } from './zone-offsets';
import { eventFinder } from './dependency-state';
import { accessPeriod, fieldText } from '../change-request/access-request';
import type { Period, WorkspaceIndex } from '../workspace-index';
import {
  CalendarEvent,
  CalendarParams,
  CalendarRange,
  CONFLICT_CODES,
  DependencyRef,
  PeriodOccurrence,
  BookingOccurrence,
  AccessOccurrence,
  UnreadableFile,
  WorkspaceSummary,
  CalendarResult,
} from './calendar-types';

export interface QueryDiagnostic {
  code: string;
  message: string;
  severity?: string;
  range?: { start: { line: number } };
}

export type DiagnosticsFor = (uri: string) => readonly QueryDiagnostic[];

/** A bad `from`/`to`; the LSP layer answers it with InvalidParams (-32602). */
export class CalendarParamsError extends Error {
  readonly code = -32602;
  constructor(message: string) {
    super(message);
    this.name = 'CalendarParamsError';
  }
}

/** Longest range one request may ask for; recurrences are expanded, so the size must stay bounded. */
export const MAX_RANGE_DAYS = 3 * 366;
const DAY = 86_400_000;
const UNREADABLE_CAP = 50;
const ZERO_RANGE: CalendarRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Reads and checks the request's params; throws CalendarParamsError with a message that says what to send. */
export function parseCalendarParams(params: unknown, zone: string): { from: number; to: number } {
  if (!params || typeof params !== 'object') {
    throw new CalendarParamsError('runbook/calendar needs params {"from": instant, "to": instant}');
  }
  const p = params as Partial<Record<keyof CalendarParams, unknown>>;
  const from = readInstant(p.from, 'from', zone);
  const to = readInstant(p.to, 'to', zone);
  if (to <= from)
    throw new CalendarParamsError(`runbook/calendar: "to" (${String(p.to)}) must be after "from" (${String(p.from)})`);
  if (to - from > MAX_RANGE_DAYS * DAY) {
    throw new CalendarParamsError(
      `runbook/calendar: the range is longer than ${MAX_RANGE_DAYS} days; ask for it in parts`,
    );
  }
  return { from, to };
}

function readInstant(value: unknown, name: string, zone: string): number {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CalendarParamsError(
      `runbook/calendar: "${name}" must be an ISO 8601 instant such as 2026-12-01T00:00:00+01:00`,
    );
  }
  const parsed = parseInstant(value, zone);
  if (!parsed.ok) throw new CalendarParamsError(`runbook/calendar: "${name}": ${parsed.error}`);
  return parsed.value.toMillis();
}

interface PlacedWindow {
  runbook: RunbookModel;
  start: number;
  end: number;
  zone: string;
}

interface WindowTable {
  version: number;
  /** Sorted by start. */
  placed: PlacedWindow[];
  /** The longest window, so a binary search on start can find every window that reaches the range. */
  longest: number;
  unplaced: RunbookModel[];
  names: { environments: string[]; teams: string[]; services: string[] };
}

// Resolving and sorting 2,000 windows is the costly part; it only changes when the index does.
const tables = new WeakMap<WorkspaceIndex, WindowTable>();

function windowTable(index: WorkspaceIndex): WindowTable {
  const cached = tables.get(index);
  if (cached && cached.version === index.version) return cached;
  const placed: PlacedWindow[] = [];
  const unplaced: RunbookModel[] = [];
  let longest = 0;
  for (const runbook of index.runbooks()) {
    const w = index.windowOf(runbook);
    if (!w || !(w.end > w.start)) {
      unplaced.push(runbook);
      continue;
    }
    placed.push({ runbook, start: w.start, end: w.end, zone: w.zone });
    longest = Math.max(longest, w.end - w.start);
  }
  placed.sort((a, b) => a.start - b.start || compareText(a.runbook.uri, b.runbook.uri));
  const table = { version: index.version, placed, longest, unplaced, names: namesOf(index) };
  tables.set(index, table);
  return table;
}

/** First index whose start is >= t. */
function lowerBound(placed: PlacedWindow[], t: number): number {
  let lo = 0;
  let hi = placed.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (placed[mid].start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function calendarQuery(index: WorkspaceIndex, params: unknown, diagnosticsFor: DiagnosticsFor): CalendarResult {
  const calendar = index.calendar();
  const zone = calendar.zone;
  const { from, to } = parseCalendarParams(params, zone);
  const iso = isoFormatter(zone);
  const table = windowTable(index);

  const events: CalendarEvent[] = [];
  // Linked runbooks, each once however many events name it.
  const links: Links = new Map();
  // A window meets [from, to) when start < to and end > from; no window is longer than `longest`.
  const first = lowerBound(table.placed, from - table.longest);
  for (let i = first; i < table.placed.length; i++) {
    const w = table.placed[i];
    if (w.start >= to) break;
    if (w.end <= from) continue;
    events.push(toEvent(index, w, diagnosticsFor, iso, zone, links));
  }

  const range = { start: from, end: to };
  const occurrencesOf = (periods: Period[]): PeriodOccurrence[] => {
    const out: PeriodOccurrence[] = [];
    for (const period of periods) {
      const idField = period.entry.id;
      for (const occ of period.occurrences(range)) {
        out.push({
          id: period.id,
          title: period.title,
          start: iso(occ.start),
          end: iso(occ.end),
          environments: period.environments,
          uri: period.calendar.uri,
          range: idField?.valueRange ?? period.entry.range,
          kind: period.kind as PeriodOccurrence['kind'],
          rrule: period.entry.fields.get('rrule')?.text ?? null,
        });
      }
    }
    return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || compareText(a.id, b.id));
  };

  const bookings: BookingOccurrence[] = [];
  for (const period of calendar.bookings) {
    const field = (name: string) => period.entry.fields.get(name)?.text?.trim() || null;
    for (const occ of period.occurrences(range)) {
      bookings.push({
        kind: 'booking',
        id: period.id,
        title: field('purpose') ?? period.id,
        start: iso(occ.start),
        end: iso(occ.end),
        environment: period.environments?.[0] ?? '',
        team: field('team') ?? '',
        purpose: field('purpose'),
        contact: field('contact'),
        exclusive: field('exclusive') === 'true',
        uri: period.calendar.uri,
        range: period.entry.id?.valueRange ?? period.entry.range,
        rrule: field('rrule'),
      });
    }
  }
  bookings.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || compareText(a.id, b.id));

  return {
    timezone: zone,
    events,
    freezes: occurrencesOf(calendar.freezes),
    maintenance: occurrencesOf(calendar.maintenance),
    bookings,
    access: accessOccurrences(index, range, diagnosticsFor, iso),
    from: iso(from),
    to: iso(to),
    workspace: summarize(index, table, diagnosticsFor),
    related: relatedRefs(index, events, links, iso),
  };
}

/**
 * Every runbook's access requests that meet the range. An access is `ended` when RB041 asks for
 * it to be revoked (so the clock and the user's severities decide, as in the editor).
 */
function accessOccurrences(
  index: WorkspaceIndex,
  range: { start: number; end: number },
  diagnosticsFor: DiagnosticsFor,
  iso: (ms: number) => string,
): AccessOccurrence[] {
  const out: AccessOccurrence[] = [];
  for (const runbook of index.runbooks()) {
    if (!runbook.access.length) continue;
    const diagnostics = diagnosticsFor(runbook.uri);
    for (const item of runbook.access) {
      const period = accessPeriod(index, runbook, item);
      if (!period || !(period.start < range.end && period.end > range.start)) continue;
      const who = fieldText(item, 'who') ?? '';
      const level = fieldText(item, 'level') ?? null;
      const untilLine = item.fields.get('until')?.valueRange.start.line;
      out.push({
        kind: 'access',
        id: item.id?.text.trim() ?? '',
        runbook: runbook.id?.text ?? null,
        runbookTitle: runbook.fields.get('title')?.text.trim() || null,
        title: `Access for ${who || 'someone'}${level ? `: ${level}` : ''}`,
        start: iso(period.start),
        end: iso(period.end),
        who,
        environment: fieldText(item, 'environment') ?? '',
        level,
        why: fieldText(item, 'why') ?? null,
        ticket: fieldText(item, 'ticket') ?? null,
        ended: diagnostics.some((d) => d.code === 'RB041' && d.range?.start.line === untilLine),
        uri: runbook.uri,
        range: item.id?.valueRange ?? item.anchorRange,
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || compareText(a.id, b.id));
}

/** What an event says about its runbook alone: the same until the file, its window or the calendar's zone changes. */
type OwnPart = Omit<CalendarEvent, 'codes' | 'conflicts' | 'dependents'>;

// The calendar view asks again after every edit; only the runbooks that changed are read again
// (a changed file has a new model object, and a moved window or zone a new key).
const ownParts = new WeakMap<RunbookModel, { key: string; part: OwnPart }>();
const diagnosticParts = new WeakMap<
  readonly QueryDiagnostic[],
  { codes: string[]; conflicts: { code: string; message: string }[] }
>();

function ownPart(w: PlacedWindow, iso: (ms: number) => string, zone: string): OwnPart {
  const rb = w.runbook;
  const key = `${zone} ${w.start} ${w.end} ${w.zone}`;
  const cached = ownParts.get(rb);
  if (cached && cached.key === key) return cached.part;
  const text = (name: string) => rb.fields.get(name)?.text ?? null;
  const idRange = rb.id?.valueRange ?? rb.window.section?.keyRange ?? ZERO_RANGE;
  const part: OwnPart = {
    runbook: rb.id?.text ?? null,
    title: text('title'),
    service: text('service'),
    environment: text('environment'),
    start: iso(w.start),
    end: iso(w.end),
    type: rb.change.type?.text ?? null,
    risk: rb.change.risk?.text ?? null,
    ticket: rb.change.ticket?.text ?? null,
    dependsOn: rb.dependsOn.map((d) => d.text),
    uri: rb.uri,
    range: idRange,
    team: text('team'),
    version: text('version'),
    owner: text('owner'),
    zone: w.zone,
    windowRange: rb.window.start?.valueRange ?? rb.window.section?.keyRange ?? idRange,
    outcome: rb.outcome.fields.get('result')?.text ?? null,
  };
  ownParts.set(rb, { key, part });
  return part;
}

/** Codes and conflicts of a file's diagnostics; the scheduler hands out a new list whenever they change. */
function diagnosticPart(diagnostics: readonly QueryDiagnostic[]): {
  codes: string[];
  conflicts: { code: string; message: string }[];
} {
  const cached = diagnosticParts.get(diagnostics);
  if (cached) return cached;
  const codes: string[] = [];
  const conflicts: { code: string; message: string }[] = [];
  for (const d of diagnostics) {
    if (!codes.includes(d.code)) codes.push(d.code);
    if (CONFLICT_CODES.includes(d.code)) conflicts.push({ code: d.code, message: d.message });
  }
  const part = { codes, conflicts };
  diagnosticParts.set(diagnostics, part);
  return part;
}

function toEvent(
  index: WorkspaceIndex,
  w: PlacedWindow,
  diagnosticsFor: DiagnosticsFor,
  iso: (ms: number) => string,
  zone: string,
  links: Links,
): CalendarEvent {
  const rb = w.runbook;
  const own = ownPart(w, iso, zone);
  const { codes, conflicts } = diagnosticPart(diagnosticsFor(rb.uri));
  const id = own.runbook;
  for (const dep of own.dependsOn) {
    if (!links.has(dep)) links.set(dep, { id: dep, runbook: index.runbook(dep) });
  }
  const dependents: string[] = [];
  if (id) {
    for (const other of index.dependentsOf(id)) {
      if (other === rb) continue;
      const otherId = other.id?.text;
      // By id when the id names this very runbook; a runbook without one, or a duplicate (RB005), by uri.
      const key = otherId !== undefined && index.runbook(otherId) === other ? otherId : other.uri;
      dependents.push(key);
      if (!links.has(key)) links.set(key, { id: otherId ?? '', runbook: other });
    }
  }
  // Fresh arrays: a client may change the answer it gets (in-process callers such as the CLI and tests).
  return {
    runbook: id,
    title: own.title,
    service: own.service,
    environment: own.environment,
    start: own.start,
    end: own.end,
    type: own.type,
    risk: own.risk,
    ticket: own.ticket,
    dependsOn: [...own.dependsOn],
    codes: [...codes],
    uri: own.uri,
    range: own.range,
    team: own.team,
    version: own.version,
    owner: own.owner,
    zone: own.zone,
    windowRange: own.windowRange,
    conflicts: [...conflicts],
    dependents,
    outcome: own.outcome,
  };
}

/** Key (as in `dependsOn` and `dependents`) → the runbook it names, undefined when none has that id. */
type Links = Map<string, { id: string; runbook: RunbookModel | undefined }>;

/**
 * `related`: the linked runbooks the answer's events do not already describe. A client resolves a
 * key from `related`, else from the event eventFinder (dependency-state.ts) finds; so a runbook is
 * left out only when that event is its own and reads as refTo would. Most links stay inside a range,
 * so nearly all are left out, and the answer does not repeat them.
 */
function relatedRefs(
  index: WorkspaceIndex,
  events: CalendarEvent[],
  links: Links,
  iso: (ms: number) => string,
): Record<string, DependencyRef> {
  const find = eventFinder(events);
  const out: [string, DependencyRef][] = [];
  for (const [key, { id, runbook }] of links) {
    const e = find(key);
    // Its own event (one runbook per file) has the same id, window and uri; the title and range only
    // differ where refTo fills in: a runbook without a title is named by its id, one without an id has no range.
    if (e && runbook && e.uri === runbook.uri && runbook.id && e.title !== null) continue;
    out.push([key, refTo(index, id, runbook, iso)]);
  }
  // fromEntries, not assignment: an id such as `__proto__` stays an ordinary key.
  return Object.fromEntries(out);
}

function refTo(
  index: WorkspaceIndex,
  id: string,
  runbook: RunbookModel | undefined,
  iso: (ms: number) => string,
): DependencyRef {
  if (!runbook) return { runbook: id, title: null, start: null, end: null, uri: null, range: null };
  const w = index.windowOf(runbook);
  return {
    runbook: id,
    title: runbook.fields.get('title')?.text ?? id,
    start: w ? iso(w.start) : null,
    end: w ? iso(w.end) : null,
    uri: runbook.uri,
    range: runbook.id?.valueRange ?? null,
  };
}

function namesOf(index: WorkspaceIndex): WindowTable['names'] {
  const environments = new Set<string>(index.calendar().environments.keys());
  const teams = new Set<string>();
  const services = new Set<string>();
  for (const rb of index.runbooks()) {
    const env = rb.fields.get('environment')?.text;
    const team = rb.fields.get('team')?.text;
    const service = rb.fields.get('service')?.text;
    if (env) environments.add(env);
    if (team) teams.add(team);
    if (service) services.add(service);
  }
  const sorted = (set: Set<string>) => [...set].sort(compareText);
  return { environments: sorted(environments), teams: sorted(teams), services: sorted(services) };
}

function summarize(index: WorkspaceIndex, table: WindowTable, diagnosticsFor: DiagnosticsFor): WorkspaceSummary {
  const unreadable: UnreadableFile[] = [];
  let count = 0;
  const add = (file: UnreadableFile) => {
    count++;
    if (unreadable.length < UNREADABLE_CAP) unreadable.push(file);
  };
  for (const rb of table.unplaced) {
    const first = windowProblem(rb, diagnosticsFor(rb.uri));
    add({
      uri: rb.uri,
      kind: 'runbook',
      code: first?.code ?? null,
      message: first?.message ?? 'the window could not be read (window.start with window.end or window.duration)',
    });
  }
  const calendars = index.calendars();
  for (const cal of calendars) {
    if (cal.file.syntaxProblems.length === 0) continue;
    add({ uri: cal.uri, kind: 'calendar', code: 'RB001', message: cal.file.syntaxProblems[0].message });
  }
  return {
    calendars: calendars.length,
    runbooks: table.placed.length + table.unplaced.length,
    placedRunbooks: table.placed.length,
    unreadable,
    unreadableCount: count,
    ...table.names,
  };
}

/**
 * ISO 8601 with the zone's offset, as time.ts's isoWithOffset writes it, at a fraction of the cost:
 * a year of 2,000 windows formats 8,000 instants per request.
 */
export function isoFormatter(zone: string): (ms: number) => string {
  const tz = IANAZone.create(zone);
  const utc = !tz.isValid || zone === 'UTC' || zone === 'Etc/UTC';
  return (ms) => {
    const offset = utc ? 0 : offsetAt(zone, ms);
    const local = new Date(ms + offset * 60_000).toISOString();
    const body = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
    if (utc) return `${body}Z`;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${body}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
}

/** The diagnostic that explains why the window cannot be placed: a window order or syntax error, one on the window's lines, else the first error. */
function windowProblem(rb: RunbookModel, diagnostics: readonly QueryDiagnostic[]): QueryDiagnostic | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error' || d.severity === undefined);
  const w = rb.window;
  const lines = new Set(
    [w.section?.keyRange, w.start?.valueRange, w.end?.valueRange, w.duration?.valueRange]
      .filter((r) => r)
      .map((r) => r!.start.line),
  );
  return (
    errors.find((d) => d.code === 'RB007') ??
    errors.find((d) => d.code === 'RB001') ??
    errors.find((d) => d.range && lines.has(d.range.start.line)) ??
    (w.section ? undefined : errors.find((d) => d.code === 'RB003')) ??
    errors[0] ??
    diagnostics[0]
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
