// The next free slot for a runbook: the earliest window of the same length, starting no earlier
// than the current start, that overlaps no freeze covering its environment, lies inside one
// maintenance occurrence when the environment is maintenance-only, starts at or after every
// dependency's end, and overlaps no other runbook of the same service and environment.
// The search jumps to the end of whatever blocks the candidate, never minute by minute. Asked to
// keep the time of day, it only tries the window's own local start time on later days (a change
// planned for 22:00 moves to 22:00 after the freeze, not to the freeze's end at 00:00), and falls
// back to the earliest slot when no day within the horizon is free at that time.
import { DateTime } from 'luxon';
import type { RunbookModel } from '../model';
import { Interval, overlaps } from '../time';
import { coversEnvironment, Period, WorkspaceIndex } from '../workspace-index';

export interface FreeSlotOptions {
  /** How far past the current start to look. */
  horizonDays?: number;
  /** No slot starts before this instant (epoch ms), e.g. now when the current window is past. */
  notBefore?: number;
  /** Start only at the window's local time of day (not for maintenance-only environments, whose maintenance windows set the time). */
  keepTimeOfDay?: boolean;
}

export type FreeSlot = { ok: true; start: number; end: number; zone: string } | { ok: false; reason: string };

const DAY = 86_400_000;
const MAX_STEPS = 20_000;
/** How far ahead one look for maintenance occurrences reaches (expanded lazily, chunk by chunk). */
const MAINTENANCE_CHUNK = 31 * DAY;

export function nextFreeSlot(index: WorkspaceIndex, runbook: RunbookModel, options: FreeSlotOptions = {}): FreeSlot {
  const window = index.windowOf(runbook);
  if (!window) return { ok: false, reason: 'the window cannot be read' };
  const length = window.end - window.start;
  if (length <= 0) return { ok: false, reason: 'the window ends at or before it starts' };
  const from = Math.max(window.start, options.notBefore ?? window.start);
  const horizonEnd = from + (options.horizonDays ?? 366) * DAY;
  const environment = runbook.fields.get('environment')?.text;
  const calendar = index.calendar();
  const freezes = calendar.freezes.filter((f) => coversEnvironment(f, environment));
  const maintenanceOnly =
    !!environment && (calendar.environments.get(environment) ?? []).some((d) => d.maintenanceOnly);
  const maintenance = calendar.maintenance.filter((m) => coversEnvironment(m, environment));
  if (maintenanceOnly && maintenance.length === 0)
    return {
      ok: false,
      reason: `environment "${environment}" is maintenance-only but no maintenance window serves it`,
    };

  let earliest = from;
  for (const dep of runbook.dependsOn) {
    const target = index.runbook(dep.text);
    if (!target || target === runbook) continue;
    const w = index.windowOf(target);
    if (w && w.end > earliest) earliest = w.end;
  }
  const peers = peerWindows(index, runbook);

  const sameTime =
    options.keepTimeOfDay && !maintenanceOnly
      ? (ms: number) => atTimeOfDay(ms, window.start, window.zone)
      : (ms: number) => ms;
  let t = earliest;
  for (let step = 0; step < MAX_STEPS && t <= horizonEnd; step++) {
    t = sameTime(t);
    const candidate = { start: t, end: t + length };
    const freezeEnd = blockingEnd(freezes, candidate);
    if (freezeEnd !== undefined) {
      t = freezeEnd;
      continue;
    }
    const peerEnd = peers
      .filter((p) => overlaps(p, candidate))
      .reduce<number | undefined>((m, p) => Math.max(m ?? p.end, p.end), undefined);
    if (peerEnd !== undefined) {
      t = peerEnd;
      continue;
    }
    if (maintenanceOnly) {
      const fit = nextMaintenanceFit(maintenance, t, length, horizonEnd);
      if (fit === undefined) break;
      if (fit !== t) {
        t = fit;
        continue;
      }
    }
    return { ok: true, start: t, end: t + length, zone: window.zone };
  }
  if (options.keepTimeOfDay && !maintenanceOnly)
    return nextFreeSlot(index, runbook, { ...options, keepTimeOfDay: false });
  return { ok: false, reason: `no free slot within ${options.horizonDays ?? 366} days` };
}

/** The earliest instant at or after `ms` with the same local hour and minute as `model` (a day a clock change skips that time keeps luxon's nearest reading). */
function atTimeOfDay(ms: number, model: number, zone: string): number {
  const wanted = DateTime.fromMillis(model, { zone });
  const day = DateTime.fromMillis(ms, { zone });
  const same = (d: DateTime) =>
    d.set({ hour: wanted.hour, minute: wanted.minute, second: wanted.second, millisecond: wanted.millisecond });
  const today = same(day);
  return today.toMillis() >= ms ? today.toMillis() : same(day.plus({ days: 1 })).toMillis();
}

function peerWindows(index: WorkspaceIndex, runbook: RunbookModel): Interval[] {
  const service = runbook.fields.get('service')?.text;
  const environment = runbook.fields.get('environment')?.text;
  if (!service || !environment) return [];
  const out: Interval[] = [];
  for (const other of index.runbooksByServiceEnvironment().get(`${service}\u0000${environment}`) ?? []) {
    if (other.uri === runbook.uri) continue;
    const w = index.windowOf(other);
    if (w && w.end > w.start) out.push(w);
  }
  return out;
}

/** The latest end among freeze occurrences that overlap the candidate, if any. */
function blockingEnd(periods: Period[], candidate: Interval): number | undefined {
  let end: number | undefined;
  for (const period of periods) {
    for (const occurrence of period.occurrences(candidate)) {
      if (occurrence.end > candidate.start && occurrence.start < candidate.end)
        end = Math.max(end ?? occurrence.end, occurrence.end);
    }
  }
  return end;
}

/** The earliest start ≥ t at which a window of `length` fits inside one maintenance occurrence. */
function nextMaintenanceFit(periods: Period[], t: number, length: number, horizonEnd: number): number | undefined {
  for (let from = t - DAY; from <= horizonEnd; from += MAINTENANCE_CHUNK) {
    const range = { start: from, end: from + MAINTENANCE_CHUNK + length };
    let best: number | undefined;
    for (const period of periods) {
      for (const occurrence of period.occurrences(range)) {
        const start = Math.max(occurrence.start, t);
        if (occurrence.end - start >= length && (best === undefined || start < best)) best = start;
      }
    }
    if (best !== undefined) return best;
  }
  return undefined;
}
