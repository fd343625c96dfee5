// `access`: the access the runbook asks for is granted for the window. The decision is the
// editor's go/no-go gate "Release access granted for the window" (release/gates.ts), asked with
// the requests' issues as GitHub answered them; the caller fetches them.
import type { ChangeStatusInput } from '../release/gates';
import { accessGranted } from '../release/gates';
import { fieldText } from '../change-request/access-request';
import type { RunbookModel } from '../model';
import { failed, GateCheck, GateContext, passed, skipped, undecided } from './gate-check';

export type AccessInput =
  | { kind: 'offline' }
  /** The requests' issues that could be read; `unknownReason` says why the others could not. */
  | { kind: 'statuses'; statuses: ChangeStatusInput[]; unknownReason?: string };

/** The tickets of the runbook's access requests, as written (their statuses are what the check needs). */
export function accessTickets(runbook: RunbookModel): string[] {
  return runbook.access.map((item) => fieldText(item, 'ticket')).filter((t): t is string => !!t);
}

export const OFFLINE_ACCESS =
  'Skipped (--offline): the access requests were not checked, so their approval is not known';

export function accessCheck(ctx: GateContext, input: AccessInput | undefined): GateCheck {
  const { runbook, index } = ctx;
  if (runbook.access.length && input?.kind === 'offline') return skipped('access', OFFLINE_ACCESS);
  const statuses = input?.kind === 'statuses' ? input : undefined;
  const { verdict, unknownOnly } = accessGranted({
    index,
    runbook,
    access: statuses?.statuses,
    changeUnknownReason: statuses ? statuses.unknownReason : 'not asked',
  });
  if (verdict.state === 'pass') return passed('access', verdict.evidence);
  return unknownOnly ? undecided('access', verdict.evidence) : failed('access', verdict.evidence);
}
