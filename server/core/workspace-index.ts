// The workspace: every runbook and calendar file, parsed once per text, with the views the rules
// and editor features share (ids, the merged calendar, resolved windows, cycles) computed lazily
// and dropped whenever a file changes.
import { buildModel, CalendarModel, Field, FileModel, isTrue, PeriodModel, RunbookModel } from './model';
import { compileRecurrence, parseRRule, Recurrence } from './recurrence';
import type { Finding } from './rules/rule';
import { FileKind, fileKindOf, parseSourceFile, SourceFile } from './source-file';
import { Interval, isValidTimeZone, parseDate, parseDuration, parseInstant, parseTimeOfDay } from './time';

export interface IndexedFile {
  uri: string;
  kind: FileKind;
  source: SourceFile;
  model: FileModel;
  /** Findings of the rules that read this file alone, by rule code (lint.ts); gone with the file's text. */
  fileOnlyFindings?: Map<string, Finding[]>;
}

export interface ResolvedWindow extends Interval {
  zone: string;
}

export interface Period {
  kind: 'freeze' | 'maintenance' | 'booking';
  id: string;
  title: string;
  entry: PeriodModel;
  calendar: CalendarModel;
  /** null: every environment. */
  environments: string[] | null;
  zone: string;
  /** Occurrences meeting the range; one-off periods have at most one. */
  occurrences(range: Interval): Interval[];
  /** The recurrence of a recurring period (RB032, RB033 read its problem). */
  recurrence?: Recurrence;
}

export interface EnvironmentDefinition {
  name: string;
  calendar: CalendarModel;
  field: Field;
  maintenanceOnly: boolean;
  production: boolean;
}

export interface MergedCalendar {
  zone: string;
  definesEnvironments: boolean;
  environments: Map<string, EnvironmentDefinition[]>;
  periods: Period[];
  freezes: Period[];
  maintenance: Period[];
  /** Reservations of environments by teams; not in `periods` (they block no one's window by themselves). */
  bookings: Period[];
}

export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private derived = new Map<string, unknown>();
  private windowCache = new WeakMap<RunbookModel, { zone: string; window: ResolvedWindow | undefined }>();
  /** Bumped on every change; consumers can key their own caches on it. */
  version = 0;

  /** Adds or replaces a file. Returns undefined when the name is not a runbook or calendar. */
  set(uri: string, text: string, kind: FileKind | undefined = fileKindOf(uri)): IndexedFile | undefined {
    if (!kind) return undefined;
    const existing = this.files.get(uri);
    if (existing && existing.source.text === text) return existing;
    const source = parseSourceFile(uri, kind, text);
    const file: IndexedFile = { uri, kind, source, model: buildModel(source) };
    this.files.set(uri, file);
    this.changed();
    return file;
  }

  /** Puts an already built file in place (used by incremental re-parsing). */
  put(file: IndexedFile): void {
    this.files.set(file.uri, file);
    this.changed();
  }

  delete(uri: string): boolean {
    const had = this.files.delete(uri);
    if (had) this.changed();
    return had;
  }

  get(uri: string): IndexedFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  all(): IndexedFile[] {
    return [...this.files.values()];
  }

  private changed(): void {
    this.version++;
    this.derived.clear();
  }

  private memo<T>(key: string, compute: () => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }

  runbooks(): RunbookModel[] {
    return this.memo('runbooks', () =>
      this.sortedFiles()
        .filter((f) => f.model.kind === 'runbook')
        .map((f) => f.model as RunbookModel),
    );
  }

  calendars(): CalendarModel[] {
    return this.memo('calendars', () =>
      this.sortedFiles()
        .filter((f) => f.model.kind === 'calendar')
        .map((f) => f.model as CalendarModel),
    );
  }

  private sortedFiles(): IndexedFile[] {
    return [...this.files.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }

  /** Runbooks by id; more than one entry is a duplicate (RB005). */
  runbookIds(): Map<string, RunbookModel[]> {
    return this.memo('runbookIds', () => {
      const map = new Map<string, RunbookModel[]>();
      for (const rb of this.runbooks()) {
        if (!rb.id) continue;
        const list = map.get(rb.id.text);
        if (list) list.push(rb);
        else map.set(rb.id.text, [rb]);
      }
      return map;
    });
  }

  runbook(id: string): RunbookModel | undefined {
    return this.runbookIds().get(id)?.[0];
  }

  /** Runbooks of one service and environment, for overlap checks (RB014). */
  runbooksByServiceEnvironment(): Map<string, RunbookModel[]> {
    return this.memo('byServiceEnv', () => {
      const map = new Map<string, RunbookModel[]>();
      for (const rb of this.runbooks()) {
        const service = rb.fields.get('service')?.text;
        const env = rb.fields.get('environment')?.text;
        if (!service || !env) continue;
        const key = `${service}\u0000${env}`;
        const list = map.get(key);
        if (list) list.push(rb);
        else map.set(key, [rb]);
      }
      return map;
    });
  }

  /** Runbooks that name `id` in depends-on. */
  dependentsOf(id: string): RunbookModel[] {
    const map = this.memo('dependents', () => {
      const m = new Map<string, RunbookModel[]>();
      for (const rb of this.runbooks()) {
        for (const dep of rb.dependsOn) {
          const list = m.get(dep.text);
          // Runbooks come one at a time, so a repeat of the same dependency is the list's last entry
          // (a search of the list made 300 mutually dependent runbooks cubic).
          if (list) {
            if (list[list.length - 1] !== rb) list.push(rb);
          } else m.set(dep.text, [rb]);
        }
      }
      return m;
    });
    return map.get(id) ?? [];
  }

  calendar(): MergedCalendar {
    return this.memo('calendar', () => mergeCalendars(this.calendars()));
  }

  /** The zone for instants without offset: the runbook's, else the calendar's, else UTC. */
  zoneFor(runbook: RunbookModel): string {
    const own = runbook.fields.get('timezone')?.text;
    if (own && isValidTimeZone(own)) return own;
    return this.calendar().zone;
  }

  /** The runbook's window as absolute times, or undefined when it cannot be read. */
  windowOf(runbook: RunbookModel): ResolvedWindow | undefined {
    const zone = this.zoneFor(runbook);
    const cached = this.windowCache.get(runbook);
    if (cached && cached.zone === zone) return cached.window;
    const window = resolveWindow(runbook, zone);
    this.windowCache.set(runbook, { zone, window });
    return window;
  }

  /**
   * The costly parts of linting this runbook, in small steps: the workspace's dependency cycles
   * (shared by every runbook's RB013), the windows of the runbooks it depends on (RB012), and the
   * recurrence expansions over its window, one calendar period per step. The language server runs
   * these steps between its other work, so that no single lint pays for 300 mutually dependent
   * runbooks or hundreds of recurring periods at once while a request waits; they fill the shared
   * caches, and the lint after them computes nothing of this again. Stops when the index changes.
   */
  *expansionSteps(uri: string): Generator<void> {
    const version = this.version;
    if (!this.derived.has('cycles')) {
      const search = this.cycleSearch();
      for (;;) {
        if (this.version !== version || this.derived.has('cycles')) break;
        const step = search.next();
        if (step.done) {
          this.derived.set('cycles', step.value);
          break;
        }
        yield;
      }
    }
    const model = this.files.get(uri)?.model;
    if (this.version !== version || model?.kind !== 'runbook') return;
    this.dependentsOf('');
    yield;
    let resolved = 0;
    for (const dependency of model.dependsOn) {
      const runbook = this.runbook(dependency.text);
      if (runbook) this.windowOf(runbook);
      if (++resolved % 25 === 0) yield;
      if (this.version !== version) return;
    }
    const window = this.windowOf(model);
    if (!window || !(window.end > window.start)) return;
    const calendar = this.calendar();
    for (const period of [...calendar.periods, ...calendar.bookings]) {
      period.occurrences(window);
      yield;
      if (this.version !== version) return;
    }
  }

  isProduction(environment: string | undefined): boolean {
    if (!environment) return false;
    if (environment === 'production' || environment === 'prod') return true;
    return (this.calendar().environments.get(environment) ?? []).some((d) => d.production);
  }

  /** Runbook ids in a dependency cycle, each with the cycle's members in order. */
  cycles(): Map<string, string[]> {
    return this.memo('cycles', () => {
      // Finishes a search expansionSteps began, or runs one whole.
      const search = this.cycleSearch();
      for (;;) {
        const step = search.next();
        if (step.done) return step.value;
      }
    });
  }

  /** The one search for this version of the index, driven by cycles() or by expansionSteps. */
  private cycleSearch(): Generator<void, Map<string, string[]>> {
    return this.memo('cycleSearch', () => findCycles(this));
  }
}

export function resolveWindow(runbook: RunbookModel, zone: string): ResolvedWindow | undefined {
  const { start, end, duration } = runbook.window;
  if (!start) return undefined;
  const s = parseInstant(start.text, zone);
  if (!s.ok) return undefined;
  const startMs = s.value.toMillis();
  if (end && !duration) {
    const e = parseInstant(end.text, zone);
    return e.ok ? { start: startMs, end: e.value.toMillis(), zone } : undefined;
  }
  if (duration && !end) {
    const d = parseDuration(duration.text);
    return d.ok ? { start: startMs, end: startMs + d.value, zone } : undefined;
  }
  return undefined;
}

function mergeCalendars(calendars: CalendarModel[]): MergedCalendar {
  let zone = 'UTC';
  for (const cal of calendars) {
    const tz = cal.timezone?.text;
    if (tz && isValidTimeZone(tz)) {
      zone = tz;
      break;
    }
  }
  const environments = new Map<string, EnvironmentDefinition[]>();
  let definesEnvironments = false;
  for (const cal of calendars) {
    if (cal.environmentsSection) definesEnvironments = true;
    for (const env of cal.environments) {
      const def: EnvironmentDefinition = {
        name: env.name.text,
        calendar: cal,
        field: env.name,
        maintenanceOnly: isTrue(env.fields.get('maintenance-only')),
        production: isTrue(env.fields.get('production')),
      };
      const list = environments.get(def.name);
      if (list) list.push(def);
      else environments.set(def.name, [def]);
    }
  }
  const freezes: Period[] = [];
  const maintenance: Period[] = [];
  const bookings: Period[] = [];
  for (const cal of calendars) {
    const tz = cal.timezone?.text;
    const calZone = tz && isValidTimeZone(tz) ? tz : zone;
    for (const entry of cal.freezes) {
      const p = toPeriod('freeze', entry, cal, calZone);
      if (p) freezes.push(p);
    }
    for (const entry of cal.maintenance) {
      const p = toPeriod('maintenance', entry, cal, calZone);
      if (p) maintenance.push(p);
    }
    for (const entry of cal.bookings) {
      const p = toPeriod('booking', entry, cal, calZone);
      if (p) bookings.push(p);
    }
  }
  return {
    zone,
    definesEnvironments,
    environments,
    periods: [...freezes, ...maintenance],
    freezes,
    maintenance,
    bookings,
  };
}

function toPeriod(kind: Period['kind'], entry: PeriodModel, calendar: CalendarModel, zone: string): Period | undefined {
  const id = entry.id?.text;
  if (!id) return undefined;
  const f = entry.fields;
  const title = f.get('title')?.text ?? id;
  const environments = entry.environments ? entry.environments.map((e) => e.text) : null;
  const base = { kind, id, title, entry, calendar, environments, zone };
  const rruleField = f.get('rrule');
  if (rruleField) {
    const rule = parseRRule(rruleField.text);
    const time = parseTimeOfDay(f.get('start-time')?.text ?? '');
    const duration = parseDuration(f.get('duration')?.text ?? '');
    if (!rule.ok || !time.ok || !duration.ok) return undefined;
    const fromField = f.get('from');
    const untilField = f.get('until');
    const from = fromField ? parseDate(fromField.text) : undefined;
    const until = untilField ? parseDate(untilField.text) : undefined;
    if ((from && !from.ok) || (until && !until.ok)) return undefined;
    const spec = {
      rule: rule.value,
      hour: time.value.hour,
      minute: time.value.minute,
      durationMs: duration.value,
      zone,
      from: from && from.ok ? from.value : undefined,
      until: until && until.ok ? until.value : undefined,
    };
    const recurrence = compileRecurrence(spec);
    return { ...base, recurrence, occurrences: chunkedOccurrences((range) => recurrence.occurrences(range)) };
  }
  const startField = f.get('start');
  if (!startField) return undefined;
  const start = parseInstant(startField.text, zone);
  if (!start.ok) return undefined;
  let endMs: number | undefined;
  const endField = f.get('end');
  const durationField = f.get('duration');
  if (endField) {
    const end = parseInstant(endField.text, zone);
    if (end.ok) endMs = end.value.toMillis();
  } else if (durationField) {
    const d = parseDuration(durationField.text);
    if (d.ok) endMs = start.value.toMillis() + d.value;
  }
  if (endMs === undefined) return undefined;
  const interval = { start: start.value.toMillis(), end: endMs };
  return {
    ...base,
    occurrences: (range) => (interval.start < range.end && interval.end > range.start ? [interval] : []),
  };
}

const CHUNK_MS = 31 * 86_400_000;
const MAX_CHUNKS = 2_000;

/**
 * Rules ask a recurring period about one runbook window at a time; expanding the RRULE for each
 * window dominated linting thousands of runbooks. Occurrences are expanded once per fixed 31-day
 * chunk and remembered; a range takes the chunks it meets, filtered to the occurrences meeting it,
 * in order and without the duplicates of an occurrence that straddles two chunks: the same list a
 * direct expansion of the range gives (recurrence.ts expands the same dates whatever range it is asked).
 */
function chunkedOccurrences(expand: (range: Interval) => Interval[]): (range: Interval) => Interval[] {
  const chunks = new Map<number, Interval[]>();
  return (range) => {
    if (!(range.end > range.start)) return expand(range);
    const first = Math.floor(range.start / CHUNK_MS);
    const last = Math.floor((range.end - 1) / CHUNK_MS);
    if (last - first > 64) return expand(range);
    const result: Interval[] = [];
    let previousStart = -Infinity;
    for (let k = first; k <= last; k++) {
      let list = chunks.get(k);
      if (!list) {
        if (chunks.size >= MAX_CHUNKS) chunks.clear();
        list = expand({ start: k * CHUNK_MS, end: (k + 1) * CHUNK_MS });
        chunks.set(k, list);
      }
      for (const occurrence of list) {
        if (occurrence.start <= previousStart) continue;
        if (occurrence.start < range.end && occurrence.end > range.start) {
          result.push({ start: occurrence.start, end: occurrence.end });
          previousStart = occurrence.start;
        }
      }
    }
    return result;
  };
}

/** Whether a period applies to an environment. */
export function coversEnvironment(period: Period, environment: string | undefined): boolean {
  if (period.environments === null) return true;
  return environment !== undefined && period.environments.includes(environment);
}

/** Edges looked at between two steps of the cycle search (a few milliseconds of work). */
const CYCLE_STEP_EDGES = 4000;

/**
 * Tarjan's strongly connected components over depends-on; self-dependencies count too. A
 * generator that yields every few thousand edges, so that 300 runbooks depending on each other
 * (90,000 edges) are searched between requests, not while one waits.
 */
function* findCycles(index: WorkspaceIndex): Generator<void, Map<string, string[]>> {
  const ids = index.runbookIds();
  const edges = new Map<string, string[]>();
  let visited = 0;
  for (const [id, rbs] of ids) {
    const targets = [...new Set(rbs.flatMap((rb) => rb.dependsOn.map((d) => d.text)).filter((d) => ids.has(d)))];
    edges.set(id, targets);
    visited += targets.length;
    if (visited >= CYCLE_STEP_EDGES) {
      visited = 0;
      yield;
    }
  }
  const result = new Map<string, string[]>();
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  // Iterative to survive long dependency chains.
  for (const root of edges.keys()) {
    if (order.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    order.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.node) ?? [];
      if (++visited >= CYCLE_STEP_EDGES) {
        visited = 0;
        yield;
      }
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!order.has(target)) {
          order.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(target)!));
        }
      } else {
        work.pop();
        if (work.length) {
          const parent = work[work.length - 1].node;
          low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
        }
        if (low.get(frame.node) === order.get(frame.node)) {
          const component: string[] = [];
          let member: string;
          do {
            member = stack.pop()!;
            onStack.delete(member);
            component.push(member);
          } while (member !== frame.node);
          const selfLoop = component.length === 1 && (edges.get(component[0]) ?? []).includes(component[0]);
          if (component.length > 1 || selfLoop) {
            component.reverse();
            for (const id of component) result.set(id, component);
          }
        }
      }
    }
  }
  return result;
}
