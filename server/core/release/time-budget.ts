// Time against the plan: how long each step has run against its timeout, how much window is
// left, and whether the remaining steps (their timeouts) still fit before the window ends.
import type { Interval } from '../time';
import { parseInstant } from '../time';
import type { ReleaseState, TrackedStep } from './release-state';
import { activeSteps } from './release-state';

export interface StepTiming {
  id: string;
  /** Running time of a started step (to now), or the time a finished step took. */
  elapsedMs?: number;
  timeoutMs?: number;
  /** How far past its timeout the step is or was. */
  overrunMs?: number;
}

export type Schedule =
  /** The remaining steps fit before the window ends (or nothing remains). */
  | 'on-schedule'
  /** The remaining steps' timeouts reach past the window end. */
  | 'behind'
  /** Work remains and the window has ended. */
  | 'past-window'
  /** The window cannot be read, so nothing can be said. */
  | 'no-window';

export interface TimeBudget {
  now: number;
  window?: Interval;
  /** Window time left from now (negative once it ended). */
  windowLeftMs?: number;
  /** The remaining steps' timeouts; a running step counts with what is left of its timeout. */
  workLeftMs: number;
  /** Remaining steps without a timeout: their time is unknown and not counted. */
  untimedLeft: number;
  /** When the remaining work would end, started now (or at the window start, if that is later). */
  projectedEnd?: number;
  schedule: Schedule;
  steps: Map<string, StepTiming>;
}

export function timeBudget(state: ReleaseState, window: Interval | undefined, now: number): TimeBudget {
  const steps = new Map<string, StepTiming>();
  const all = [...state.steps, ...(state.rollback?.steps ?? [])];
  for (const step of all) steps.set(keyOf(state, step), timing(step, state.zone, now));

  let workLeftMs = 0;
  let untimedLeft = 0;
  const open =
    state.phase === 'finished' ? [] : activeSteps(state).filter((s) => s.status !== 'done' && s.status !== 'skipped');
  for (const step of open) {
    if (step.timeoutMs === undefined) {
      untimedLeft++;
      continue;
    }
    const t = steps.get(keyOf(state, step));
    workLeftMs += step.status === 'started' ? Math.max(0, step.timeoutMs - (t?.elapsedMs ?? 0)) : step.timeoutMs;
  }

  if (!window) return { now, workLeftMs, untimedLeft, schedule: 'no-window', steps };
  const windowLeftMs = window.end - now;
  const remaining = open.length > 0;
  const projectedEnd = Math.max(now, window.start) + workLeftMs;
  let schedule: Schedule = 'on-schedule';
  if (remaining && now >= window.end) schedule = 'past-window';
  else if (remaining && projectedEnd > window.end) schedule = 'behind';
  return { now, window, windowLeftMs, workLeftMs, untimedLeft, projectedEnd, schedule, steps };
}

/** Steps and rollback steps have separate namespaces in the timing map. */
export function keyOf(state: ReleaseState, step: TrackedStep): string {
  return state.rollback?.steps.includes(step) ? `rollback:${step.id}` : step.id;
}

function timing(step: TrackedStep, zone: string, now: number): StepTiming {
  const entry = step.latest;
  const out: StepTiming = { id: step.id, timeoutMs: step.timeoutMs };
  if (!entry || entry.status === 'skipped' || !entry.started) return out;
  const started = instant(entry.started, zone);
  if (started === undefined) return out;
  const end = entry.status === 'started' ? now : instant(entry.finished, zone);
  if (end === undefined) return out;
  out.elapsedMs = Math.max(0, end - started);
  if (step.timeoutMs !== undefined && out.elapsedMs > step.timeoutMs) out.overrunMs = out.elapsedMs - step.timeoutMs;
  return out;
}

export function instant(text: string | undefined, zone: string): number | undefined {
  if (!text) return undefined;
  const parsed = parseInstant(text, zone);
  return parsed.ok ? parsed.value.toMillis() : undefined;
}
