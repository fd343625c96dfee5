// What a coordinator must not miss once a notification is gone: a rollback, steps started outside
// the approved window on an override, announcements that failed. Read from the record alone, so
// the Release Tracking view shows them for as long as they are true (and after a restart).
import { localTime } from './release-time';
import type { ReleaseState } from './release-state';

/** More than this many failed announcements are summed up in one line. */
const MAX_ANNOUNCEMENT_LINES = 3;

export function needsAttention(state: ReleaseState): string[] {
  const out: string[] = [];
  if (state.rollback) {
    const r = state.rollback;
    out.push(
      `Rollback decided by ${r.decidedBy ?? 'someone'} at ${localTime(r.at, state.zone)}${r.triggerMet === false ? ' (trigger not met)' : ''}: ${r.reason ?? 'no reason given'}`,
    );
  }
  for (const entry of state.record.steps) {
    if (!entry.windowOverride) continue;
    out.push(
      `Step "${entry.id}" was started on an override by ${entry.by ?? 'someone'}: ${entry.outsideWindow ?? 'outside the approved window'}. Reason: ${entry.windowOverride}`,
    );
  }
  // The latest entry of each moment and channel is its state: a later "sent" clears a failure.
  const latest = new Map<string, (typeof state.record.announcements)[number]>();
  for (const a of state.record.announcements) latest.set(`${a.moment}\u0000${a.channel}`, a);
  const failed = [...latest.values()].filter((a) => a.result === 'failed');
  for (const a of failed.slice(0, MAX_ANNOUNCEMENT_LINES))
    out.push(
      `Announcement "${a.moment}" to ${a.channel} failed${a.error ? `: ${a.error}` : ''}; send it again with runbook announce`,
    );
  const more = failed.length - MAX_ANNOUNCEMENT_LINES;
  if (more > 0) out.push(`${more} more announcement${more === 1 ? '' : 's'} failed (release.announcements)`);
  return out;
}
