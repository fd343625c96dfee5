// For one selected event: what it depends on, what depends on it, and whether the order holds
// (a dependency must END before the dependent STARTS; intervals are half-open). Pure and free of
// imports other than types, so the webview bundles it as is.
import type { CalendarEvent, CalendarRange, DependencyRef } from './calendar-types';

/** holds: ends before the other starts; broken: it does not; missing: no such runbook; unknown: its window cannot be read. */
export type OrderState = 'holds' | 'broken' | 'missing' | 'unknown';

export interface DependencyLink {
  runbook: string;
  title: string | null;
  start: string | null;
  end: string | null;
  uri: string | null;
  range: CalendarRange | null;
  state: OrderState;
  /** One line for people: "ends 2026-12-02T21:00+01:00, 1h before this window starts". */
  reason: string;
}

export interface DependencyState {
  runbook: string | null;
  dependsOn: DependencyLink[];
  dependents: DependencyLink[];
  /** The selected runbook is part of a dependency cycle (RB013, or a link found both ways). */
  cycle: boolean;
  /** true: every link holds; false: at least one is broken or the runbooks form a cycle; null: nothing to say or some links unknown. */
  holds: boolean | null;
  summary: string;
}

/**
 * Resolves the keys of `dependsOn` and `dependents` as the server means them (calendar-types.ts):
 * `related` first, else the event eventFinder finds. The server leaves out of `related` exactly the
 * runbooks whose event yields the same ref, so both sides must find events the same way.
 */
export function linkResolver(
  events: readonly CalendarEvent[],
  related?: Readonly<Record<string, DependencyRef>> | null,
): (key: string) => DependencyRef | undefined {
  const find = eventFinder(events);
  return (key) => {
    // An own key only: an id such as `constructor` must not find Object.prototype's.
    if (related && Object.prototype.hasOwnProperty.call(related, key)) return related[key];
    const e = find(key);
    return e ? refFromEvent(e) : undefined;
  };
}

/** The first event whose `runbook` is the key, else the event whose `uri` is. */
export function eventFinder(events: readonly CalendarEvent[]): (key: string) => CalendarEvent | undefined {
  let byId: Map<string, CalendarEvent> | undefined;
  let byUri: Map<string, CalendarEvent> | undefined;
  return (key) => {
    if (!byId || !byUri) {
      byId = new Map();
      byUri = new Map();
      for (const e of events) {
        if (e.runbook && !byId.has(e.runbook)) byId.set(e.runbook, e);
        if (!byUri.has(e.uri)) byUri.set(e.uri, e);
      }
    }
    return byId.get(key) ?? byUri.get(key);
  };
}

/**
 * `related` is the answer's `CalendarResult.related`. Servers that only implement the spec's fields
 * send neither it nor `dependents`; then links are found among the loaded `events` alone.
 */
export function dependencyState(
  selected: CalendarEvent,
  events: readonly CalendarEvent[] = [],
  related?: Readonly<Record<string, DependencyRef>> | null,
): DependencyState {
  const resolve = linkResolver(events, related);
  // Not loaded is not the same as missing: the runbook may lie outside the range asked about.
  const notLoaded = (key: string): DependencyRef => ({
    runbook: key,
    title: key,
    start: null,
    end: null,
    uri: null,
    range: null,
  });
  const selStart = Date.parse(selected.start);
  const selEnd = Date.parse(selected.end);

  const depRefs: DependencyRef[] = [...new Set(selected.dependsOn)].map((id) => resolve(id) ?? notLoaded(id));
  const dependentRefs: DependencyRef[] = Array.isArray(selected.dependents)
    ? selected.dependents.map((key) => resolve(key) ?? notLoaded(key))
    : selected.runbook
      ? events.filter((e) => e !== selected && e.dependsOn.includes(selected.runbook!)).map((e) => refFromEvent(e))
      : [];

  const dependsOn = depRefs.map((ref) => {
    const end = ref.end ? Date.parse(ref.end) : NaN;
    if (ref.title === null && !ref.uri)
      return link(ref, 'missing', `no runbook with id "${ref.runbook}" in the workspace`);
    if (Number.isNaN(end)) return link(ref, 'unknown', 'its window cannot be read');
    if (end === selStart) return link(ref, 'holds', 'ends exactly when this window starts');
    if (end < selStart) return link(ref, 'holds', `ends ${gap(selStart - end)} before this window starts`);
    return link(ref, 'broken', `ends ${gap(end - selStart)} after this window starts`);
  });
  const dependents = dependentRefs.map((ref) => {
    const start = ref.start ? Date.parse(ref.start) : NaN;
    if (Number.isNaN(start)) return link(ref, 'unknown', 'its window cannot be read');
    if (selEnd === start) return link(ref, 'holds', 'starts exactly when this window ends');
    if (selEnd < start) return link(ref, 'holds', `starts ${gap(start - selEnd)} after this window ends`);
    return link(ref, 'broken', `starts ${gap(selEnd - start)} before this window ends`);
  });

  const depIds = new Set(dependsOn.map((d) => d.runbook));
  const cycle =
    selected.codes.includes('RB013') ||
    (selected.runbook !== null && depIds.has(selected.runbook)) ||
    dependents.some((d) => depIds.has(d.runbook));

  const links = [...dependsOn, ...dependents];
  const broken = links.filter((l) => l.state === 'broken' || l.state === 'missing').length;
  const unknown = links.filter((l) => l.state === 'unknown').length;
  let holds: boolean | null;
  let summary: string;
  if (cycle) {
    holds = false;
    summary = 'Dependency cycle: these runbooks wait for each other, so no order can hold';
  } else if (links.length === 0) {
    holds = null;
    summary = 'No dependencies';
  } else if (broken > 0) {
    holds = false;
    summary = `Order does not hold: ${broken} of ${links.length} ${plural(links.length, 'dependency', 'dependencies')} out of order`;
  } else if (unknown > 0) {
    holds = null;
    summary = `Order unknown: ${unknown} ${plural(unknown, 'window', 'windows')} cannot be read`;
  } else {
    holds = true;
    summary = `Order holds: ${links.length} ${plural(links.length, 'dependency', 'dependencies')} in order`;
  }
  return { runbook: selected.runbook, dependsOn, dependents, cycle, holds, summary };
}

/** The link to a runbook read from its own event. */
export function refFromEvent(e: CalendarEvent): DependencyRef {
  return { runbook: e.runbook ?? '', title: e.title, start: e.start, end: e.end, uri: e.uri, range: e.range };
}

function link(ref: DependencyRef, state: OrderState, reason: string): DependencyLink {
  return { ...ref, state, reason };
}

/** "45m", "3h", "2d 4h": enough to judge a gap at a glance. */
export function gap(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m && !d ? `${m}m` : ''].filter(Boolean);
  return parts.join(' ');
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
