// `approval`: the change request is approved and not withdrawn. With a board configured in the
// calendar (`approvals:`), "approved" is the board's verdict: enough approvals from named approvers
// since the last material change (approval-verdict.ts). Without one, the approval label counts
// and the message says so. A rejection label wins; a standard change is pre-approved. The
// answer from GitHub is the caller's to fetch.
import type { ChangeStatusInput } from '../../../protocol/change-status';
import type { RunbookModel } from '../model';
import { failed, GateCheck, passed, skipped, undecided } from './gate-check';

export type ApprovalInput =
  | { kind: 'offline' }
  | { kind: 'status'; status: ChangeStatusInput }
  /** GitHub could not be asked (unreachable, refused, no token): the gate cannot decide. */
  | { kind: 'unknown'; reason: string };

/** The ticket whose status the approval check needs, or undefined when it needs none. */
export function approvalTicket(runbook: RunbookModel): string | undefined {
  if (runbook.change.type?.text.trim() === 'standard') return undefined;
  return runbook.change.ticket?.text.trim() || undefined;
}

export const OFFLINE_APPROVAL = 'Skipped (--offline): the change request was not checked, so its approval is not known';

export function approvalCheck(runbook: RunbookModel, input: ApprovalInput | undefined): GateCheck {
  if (input?.kind === 'offline') return skipped('approval', OFFLINE_APPROVAL);
  if (runbook.change.type?.text.trim() === 'standard') return passed('approval', 'Standard change: pre-approved');
  const ticket = runbook.change.ticket?.text.trim();
  if (!ticket) return failed('approval', 'No change request filed (change.ticket is empty)');
  if (!input) return undecided('approval', `The status of ${ticket} was not asked`);
  if (input.kind === 'unknown') return undecided('approval', `Could not read ${ticket}: ${input.reason}`);
  const status = input.status;
  if (status.state === 'closed' && status.stateReason === 'not_planned')
    return failed('approval', `${status.ticket} was withdrawn (closed as not planned)`);
  if (status.cab === 'rejected') return failed('approval', `The board rejected ${status.ticket}`);
  const closed = status.state === 'closed' ? ' (the issue is closed as completed)' : '';
  if (status.verdict) {
    if (!status.verdict.approved)
      return failed('approval', `${status.ticket} is not approved: ${status.verdict.summary}`);
    return passed('approval', `${status.ticket} is ${status.verdict.summary}${closed}`);
  }
  if (status.cab !== 'approved') return failed('approval', `${status.ticket} is not approved yet (no approval label)`);
  return passed(
    'approval',
    `${status.ticket} is approved (the approval label; no approval board is configured, so who added it is not checked)${closed}`,
  );
}
