// `window`: the runbook for the service and environment whose window contains the instant.
import type { RunbookModel } from '../model';
import { formatInstant } from '../time';
import type { ResolvedWindow, WorkspaceIndex } from '../workspace-index';
import { failed, GateCheck, GateQuery, passed } from './gate-check';

export interface WindowAnswer {
  check: GateCheck;
  /** The runbook whose window contains the instant. */
  runbook?: RunbookModel;
}

export function findRunbook(index: WorkspaceIndex, query: GateQuery): WindowAnswer {
  const { service, environment, at } = query;
  const candidates = (index.runbooksByServiceEnvironment().get(`${service}\u0000${environment}`) ?? [])
    .map((runbook) => ({ runbook, window: index.windowOf(runbook) }))
    .filter((c): c is { runbook: RunbookModel; window: ResolvedWindow } => !!c.window && c.window.end > c.window.start);
  const what = `service "${service}" in environment "${environment}"`;
  if (!candidates.length) return { check: failed('window', `No runbook for ${what} has a readable window`) };
  // Half-open windows: the start belongs to the window, the end does not. A runbook of the
  // repository itself comes before one read from another repository (calendar sources, whose
  // files are web addresses): the deploy job runs in the repository it deploys.
  const fromSource = (r: RunbookModel) => (/^https?:/i.test(r.uri) ? 1 : 0);
  const containing = candidates
    .filter((c) => c.window.start <= at && at < c.window.end)
    .sort((a, b) => fromSource(a.runbook) - fromSource(b.runbook) || a.window.start - b.window.start);
  if (containing.length) {
    const [chosen, ...others] = containing;
    const also = others.length ? `; also open: ${others.map((o) => idOf(o.runbook)).join(', ')}` : '';
    return {
      runbook: chosen.runbook,
      check: passed('window', `${idOf(chosen.runbook)}: window ${span(chosen.window)} contains the instant${also}`),
    };
  }
  const distance = (w: ResolvedWindow) => (at < w.start ? w.start - at : at - w.end + 1);
  const nearest = candidates.reduce((best, c) => (distance(c.window) < distance(best.window) ? c : best));
  const relation = at < nearest.window.start ? 'starts later' : 'has ended';
  return {
    check: failed(
      'window',
      `No window of a runbook for ${what} contains the instant; nearest: ${idOf(nearest.runbook)}, window ${span(nearest.window)} (${relation})`,
    ),
  };
}

export function idOf(runbook: RunbookModel): string {
  return runbook.id?.text ?? 'a runbook without an id';
}

function span(window: ResolvedWindow): string {
  return `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}`;
}
