// What every check of `runbook gate` answers (docs/runbook-dsl.md, section 8, "runbook gate").
import type { RunbookModel } from '../model';
import type { WorkspaceIndex } from '../workspace-index';

export const GATE_CHECK_IDS = ['window', 'lint', 'freeze', 'approval', 'go', 'dependencies', 'access'] as const;
export type GateCheckId = (typeof GATE_CHECK_IDS)[number];

export interface GateCheck {
  id: GateCheckId;
  /** Passed. A skipped check is never ok: it was not asked. */
  ok: boolean;
  skipped: boolean;
  /** The check could not be answered (GitHub unreachable): the gate cannot decide. */
  undecided?: boolean;
  message: string;
}

export interface GateQuery {
  environment: string;
  service: string;
  /** Epoch ms. */
  at: number;
}

/** What the checks after `window` read: the workspace, the query and the runbook found. */
export interface GateContext extends GateQuery {
  index: WorkspaceIndex;
  runbook: RunbookModel;
}

export const passed = (id: GateCheckId, message: string): GateCheck => ({ id, ok: true, skipped: false, message });
export const failed = (id: GateCheckId, message: string): GateCheck => ({ id, ok: false, skipped: false, message });
export const skipped = (id: GateCheckId, message: string): GateCheck => ({ id, ok: false, skipped: true, message });
export const undecided = (id: GateCheckId, message: string): GateCheck => ({
  id,
  ok: false,
  skipped: false,
  undecided: true,
  message,
});
