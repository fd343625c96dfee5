// The window a NO-GO proposes instead: the next free slot (the editor's next-free-slot logic:
// no freeze, dependencies finished, no clash with the same service) of the same length that
// starts no earlier than the end of the current window, and never in the past.
import { nextFreeSlot } from '../editor/next-free-slot';
import type { RunbookModel } from '../model';
import type { WorkspaceIndex } from '../workspace-index';
import { recordInstant } from './release-time';

export type ProposedWindow =
  { ok: true; start: string; end: string; startMs: number; endMs: number } | { ok: false; reason: string };

const QUARTER_HOUR = 15 * 60_000;

export function proposeWindow(index: WorkspaceIndex, runbook: RunbookModel, now: number): ProposedWindow {
  const window = index.windowOf(runbook);
  if (!window) return { ok: false, reason: 'the window cannot be read' };
  const notBefore = Math.max(window.end, Math.ceil(now / QUARTER_HOUR) * QUARTER_HOUR);
  const slot = nextFreeSlot(index, runbook, { notBefore });
  if (!slot.ok) return { ok: false, reason: slot.reason };
  return {
    ok: true,
    start: recordInstant(slot.start, slot.zone),
    end: recordInstant(slot.end, slot.zone),
    startMs: slot.start,
    endMs: slot.end,
  };
}
