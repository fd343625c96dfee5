// `runbook gate`'s decision, from the workspace, the query and the change request's status:
// one check per line, allowed only when every check that was asked passed (docs/runbook-dsl.md,
// section 8). Pure: the caller reads files and asks GitHub.
import type { SeverityOverrides } from '../diagnostics';
import type { RunbookModel } from '../model';
import type { WorkspaceIndex } from '../workspace-index';
import { accessCheck, AccessInput, OFFLINE_ACCESS } from './access-check';
import { approvalCheck, ApprovalInput, OFFLINE_APPROVAL } from './approval-check';
import { dependenciesCheck } from './dependencies-check';
import { freezeCheck } from './freeze-check';
import { GateCheck, GateQuery, skipped } from './gate-check';
import { goCheck } from './go-check';
import { lintCheck } from './lint-check';
import { findRunbook } from './window-check';

export type GateVerdict = 'allowed' | 'blocked' | 'undecided';

export interface GateDecision extends GateQuery {
  verdict: GateVerdict;
  runbook: RunbookModel | undefined;
  checks: GateCheck[];
}

export interface GateOptions {
  severityOverrides?: SeverityOverrides;
  /** The change request's status (or why it is not known); asked for with `approvalTicket`. */
  approval?: ApprovalInput;
  /** The access requests' issues (or `offline`); asked for with `accessTickets`. */
  access?: AccessInput;
}

export function decideGate(index: WorkspaceIndex, query: GateQuery, options: GateOptions = {}): GateDecision {
  const found = findRunbook(index, query);
  const runbook = found.runbook;
  let checks: GateCheck[];
  if (!runbook) {
    const none = 'No runbook to check: no window contains the instant';
    checks = [
      found.check,
      skipped('lint', none),
      freezeCheck(index, query.environment, query.at),
      skipped('approval', options.approval?.kind === 'offline' ? OFFLINE_APPROVAL : none),
      skipped('go', none),
      skipped('dependencies', none),
      skipped('access', options.access?.kind === 'offline' ? OFFLINE_ACCESS : none),
    ];
  } else {
    const ctx = { ...query, index, runbook };
    checks = [
      found.check,
      lintCheck(ctx, options.severityOverrides),
      freezeCheck(index, query.environment, query.at, runbook),
      approvalCheck(runbook, options.approval),
      goCheck(ctx),
      dependenciesCheck(ctx),
      accessCheck(ctx, options.access),
    ];
  }
  return { ...query, runbook, checks, verdict: verdictOf(checks, !!runbook) };
}

/**
 * Blocked when a check that was answered failed (or no runbook was found); else undecided when a
 * check could not be answered; else allowed. A skipped check never opens the gate on its own,
 * and `--offline`'s skipped approval and access are the only skips a found runbook may carry.
 */
function verdictOf(checks: GateCheck[], found: boolean): GateVerdict {
  if (!found || checks.some((c) => !c.ok && !c.skipped && !c.undecided)) return 'blocked';
  if (checks.some((c) => c.undecided)) return 'undecided';
  return 'allowed';
}
