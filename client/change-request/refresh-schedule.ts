// When the CAB status is read again without the command: while a runbook's window (with a change
// request) is within a day, every few minutes (less often while VS Code is in the background), at
// once when the window regains focus, and never while GitHub's rate limit asks us to wait. Pure:
// the clock is a parameter, so the decisions are tested without timers; the timers live in
// keep-status-fresh.ts.

/** While a window is within a day and VS Code has focus. */
export const REFRESH_EVERY_MS = 5 * 60_000;
/** The same while VS Code is in the background. */
export const REFRESH_UNFOCUSED_MS = 15 * 60_000;
/** Focus that comes back sooner than this after a read does not read again. */
export const FOCUS_MIN_GAP_MS = 60_000;
/** A window counts from this long before it opens until it closes. */
export const WITHIN_MS = 24 * 60 * 60_000;
/** Back-off after a secondary rate limit that named no wait: doubled each time, up to the maximum. */
export const SECONDARY_BACKOFF_MS = 60_000;
export const MAX_BACKOFF_MS = 30 * 60_000;

/** A runbook window with a change request, as epoch ms. */
export interface TicketWindow {
  start: number;
  end: number;
}

export interface RefreshInput {
  now: number;
  windows: readonly TicketWindow[];
  focused: boolean;
  /** When the status was last read (epoch ms). */
  lastReadAt?: number;
  pause?: RateLimitPause;
}

/** No reading before `until`: GitHub's rate limit; `streak` counts limits in a row. */
export interface RateLimitPause {
  until: number;
  streak: number;
}

export type RefreshPlan =
  /** Read after `delayMs`. */
  | { kind: 'read'; delayMs: number }
  /** No window within a day: look again after `delayMs`, when the next one comes within a day. */
  | { kind: 'wake'; delayMs: number }
  /** No window ahead at all. */
  | { kind: 'idle' };

/** Whether a window is open or opens within a day. */
export function windowWithinADay(windows: readonly TicketWindow[], now: number): boolean {
  return windows.some((w) => w.end > now && w.start - now <= WITHIN_MS);
}

/** The next timer: when to read again, or when to look again. */
export function planRefresh(input: RefreshInput): RefreshPlan {
  const { now, windows } = input;
  if (!windowWithinADay(windows, now)) {
    const next = windows
      .filter((w) => w.start - now > WITHIN_MS)
      .reduce((min, w) => Math.min(min, w.start - WITHIN_MS), Infinity);
    return Number.isFinite(next) ? { kind: 'wake', delayMs: Math.max(0, next - now) } : { kind: 'idle' };
  }
  const every = input.focused ? REFRESH_EVERY_MS : REFRESH_UNFOCUSED_MS;
  const due = Math.max(input.lastReadAt === undefined ? now : input.lastReadAt + every, input.pause?.until ?? now, now);
  return { kind: 'read', delayMs: due - now };
}

/** Whether regaining focus reads the status at once. */
export function readOnFocus(input: RefreshInput): boolean {
  if (!windowWithinADay(input.windows, input.now)) return false;
  if (input.pause && input.pause.until > input.now) return false;
  return input.lastReadAt === undefined || input.now - input.lastReadAt >= FOCUS_MIN_GAP_MS;
}

/** What a read's failures say about waiting: the kinds and times as describeGitHubError gives them. */
export interface FailureLike {
  kind: string;
  resetAt?: Date;
  retryAfterSeconds?: number;
}

/**
 * The pause after a read: until the primary limit resets, as long as a secondary limit asked, or
 * doubling from a minute when it named no wait; none when no rate limit was met.
 */
export function pauseAfter(
  failures: readonly FailureLike[],
  now: number,
  previous?: RateLimitPause,
): RateLimitPause | undefined {
  const streak = previous ? previous.streak + 1 : 0;
  let until: number | undefined;
  for (const f of failures) {
    let wait: number | undefined;
    if (f.kind === 'rate-limit') wait = f.resetAt ? f.resetAt.getTime() - now : SECONDARY_BACKOFF_MS * 2 ** streak;
    else if (f.kind === 'secondary-rate-limit')
      wait = f.retryAfterSeconds ? f.retryAfterSeconds * 1000 : SECONDARY_BACKOFF_MS * 2 ** streak;
    if (wait === undefined) continue;
    const bounded = Math.min(
      Math.max(wait, SECONDARY_BACKOFF_MS),
      f.kind === 'rate-limit' && f.resetAt ? Infinity : MAX_BACKOFF_MS,
    );
    until = Math.max(until ?? 0, now + bounded);
  }
  return until === undefined ? undefined : { until, streak };
}
