// What a CAB asks about first: work done outside the approved window, and work started without a
// GO. Read from the release record alone (the window override the editor wrote, or a start whose
// time lies outside the window), so hand-written and older records are judged the same way.
import type { RunbookModel } from '../model';
import { parseInstant } from '../time';
import { readReleaseRecord, ReleaseRecord } from './release-record';

export interface UnauthorizedWork {
  /** One line per step started outside the approved window: the step, why, and the override's reason. */
  outOfWindow: string[];
  /** Steps were started and no GO was recorded before the first one. */
  withoutGo: boolean;
}

export function unauthorizedWork(
  runbook: RunbookModel,
  zone: string,
  window: { start: number; end: number } | undefined,
  record: ReleaseRecord = readReleaseRecord(runbook),
): UnauthorizedWork | undefined {
  if (!record.steps.length) return undefined;
  const at = (text: string | undefined) => {
    const parsed = text ? parseInstant(text, zone) : undefined;
    return parsed?.ok ? parsed.value.toMillis() : undefined;
  };
  const outOfWindow: string[] = [];
  for (const entry of record.steps) {
    const started = at(entry.started);
    const outside =
      entry.outsideWindow ??
      (window && started !== undefined && (started < window.start || started >= window.end)
        ? `started ${entry.started}, outside the window`
        : undefined);
    if (!outside) continue;
    outOfWindow.push(
      `${entry.id}: ${outside}${entry.windowOverride ? ` (override: ${entry.windowOverride})` : ' (no override recorded)'}`,
    );
  }
  const firstStart = Math.min(...record.steps.map((s) => at(s.started) ?? Infinity));
  const goBefore = record.decisions.some((d) => d.decision === 'go' && (at(d.at) ?? -Infinity) <= firstStart);
  const withoutGo = !goBefore && !record.decisions.some((d) => d.decision === 'go' && at(d.at) === undefined);
  if (!outOfWindow.length && !withoutGo) return undefined;
  return { outOfWindow, withoutGo };
}
