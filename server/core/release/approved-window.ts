// Whether a moment lies inside the window the change was approved for: the runbook's window and,
// for a maintenance-only environment, also one of the maintenance windows serving it. Work begun
// outside it is an unauthorized change unless someone records why (a window override).
import type { RunbookModel } from '../model';
import { formatInstant } from '../time';
import { coversEnvironment, WorkspaceIndex } from '../workspace-index';
import { shortDuration } from './release-time';

export type WindowCheck = { inside: true } | { inside: false; reason: string };

export function approvedWindowCheck(index: WorkspaceIndex, runbook: RunbookModel, now: number): WindowCheck {
  const window = index.windowOf(runbook);
  if (!window || window.end <= window.start)
    return { inside: false, reason: "the runbook's window cannot be read, so no approved window covers now" };
  const span = `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}`;
  if (now < window.start)
    return { inside: false, reason: `the approved window (${span}) opens in ${shortDuration(window.start - now)}` };
  if (now >= window.end)
    return { inside: false, reason: `the approved window (${span}) closed ${shortDuration(now - window.end)} ago` };
  const environment = runbook.fields.get('environment')?.text;
  const calendar = index.calendar();
  const maintenanceOnly =
    !!environment && (calendar.environments.get(environment) ?? []).some((d) => d.maintenanceOnly);
  if (!maintenanceOnly) return { inside: true };
  const instant = { start: now, end: now + 1 };
  const serving = calendar.maintenance.filter((m) => coversEnvironment(m, environment));
  const inside = serving.some((m) => m.occurrences(instant).some((o) => o.start <= now && now < o.end));
  if (inside) return { inside: true };
  return {
    inside: false,
    reason: `environment "${environment}" takes changes only inside a maintenance window, and none is open now`,
  };
}
