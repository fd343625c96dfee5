// The go/no-go review, pure: each gate judged with its evidence, the review panel's content, and a
// GO or NO-GO turned into the transition that records it with the gates as they stood. The server
// answers `runbook/goNoGo` and review decisions with these; the panel's browser test uses them too.
import type { GateEvidence, GoNoGoResult, ReviewDecision } from '../../protocol/requests';
import type { RunbookDiagnostic } from '../core/diagnostics';
import type { RunbookModel } from '../core/model';
import { evaluateGates, GateEvaluation, gatesForRecord } from '../core/release/gates';
import { preconditionTasks } from '../core/release/issue-tasks';
import { proposeWindow } from '../core/release/proposed-window';
import { GATE_IDS, GateId } from '../core/release/release-record';
import { releaseState } from '../core/release/release-state';
import { localTime } from '../core/release/release-time';
import { applicableWindow, phaseWords, Transition } from '../core/release/transitions';
import { formatInstant, parseInstant } from '../core/time';
import type { WorkspaceIndex } from '../core/workspace-index';

/** Preconditions ticked on the change request's task list, when its body was read. */
function tasksOf(evidence: GateEvidence): Map<string, boolean> | undefined {
  return typeof evidence.issueBody === 'string' ? preconditionTasks(evidence.issueBody) : undefined;
}

export function judgeGates(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  diagnostics: RunbookDiagnostic[],
  evidence: GateEvidence,
  now: number,
): GateEvaluation[] {
  const state = releaseState(runbook, index.zoneFor(runbook));
  return evaluateGates({
    index,
    runbook,
    diagnostics,
    record: state.record,
    change: evidence.change,
    changeUnknownReason:
      typeof evidence.changeUnknownReason === 'string' ? evidence.changeUnknownReason : 'not read yet',
    issueTasks: tasksOf(evidence),
    access: Array.isArray(evidence.access) ? evidence.access : undefined,
    now,
  });
}

/** The review panel's content (without who records: the extension knows that). */
export function goNoGoView(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  diagnostics: RunbookDiagnostic[],
  evidence: GateEvidence,
  now: number,
): Omit<GoNoGoResult, 'partial'> {
  const zone = index.zoneFor(runbook);
  const state = releaseState(runbook, zone);
  const gates = judgeGates(index, runbook, diagnostics, evidence, now);
  const tasks = tasksOf(evidence);
  const window = index.windowOf(runbook);
  const confirmations = new Map(state.record.preconditions.map((c) => [c.id, c]));
  const proposal = proposeWindow(index, runbook, now);
  const ticket = runbook.change.ticket?.text.trim() || undefined;
  const toApply = applicableWindow(runbook, state, zone);
  return {
    ticket,
    view: {
      runbookId: state.runbookId,
      title: state.title,
      window: window
        ? `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}`
        : 'window cannot be read',
      phase: phaseWords(state.phase, state.lastDecision),
      gates: gates.map((g) => ({ id: g.id, title: g.title, state: g.state, evidence: g.evidence, details: g.details })),
      preconditions: runbook.preconditions
        .filter((p) => p.id)
        .map((p) => {
          const id = p.id!.text;
          const mine = confirmations.get(id);
          const confirmed = mine
            ? `confirmed by ${mine.by ?? 'someone'} at ${localTime(mine.at, zone)}`
            : tasks?.get(id)
              ? `ticked on ${ticket}`
              : undefined;
          return { id, check: p.fields.get('check')?.text ?? '', confirmed };
        }),
      notify: {
        channels: runbook.notify.filter((n) => n.trim()),
        acknowledged: state.record.notified
          ? `confirmed by ${state.record.notified.by ?? 'someone'} at ${localTime(state.record.notified.at, zone)}`
          : undefined,
      },
      decisions: state.record.decisions.map((d) => ({
        decision: d.decision,
        by: d.by ?? 'someone',
        at: localTime(d.at, zone),
        reason: d.reason ?? '',
      })),
      canDecide: state.phase === 'review' || state.phase === 'ready',
      proposed: proposal.ok ? { start: proposal.start, end: proposal.end } : undefined,
      proposedProblem: proposal.ok ? undefined : proposal.reason,
      applicable: toApply.ok
        ? {
            window: `${formatInstant(toApply.start, zone)} to ${formatInstant(toApply.end, zone)}`,
            updatesChangeRequest: !!ticket,
          }
        : undefined,
      notices: state.problems.map((p) => `Record: ${p}`),
    },
  };
}

/** GO or NO-GO with the gates judged now, waivers applied and the proposed window checked. */
export function reviewTransition(
  gates: GateEvaluation[],
  decision: Omit<ReviewDecision, 'evidence'>,
  zone: string,
): { ok: true; transition: Transition } | { ok: false; error: string } {
  const waived = (Array.isArray(decision.waived) ? decision.waived : []).filter((w): w is GateId =>
    (GATE_IDS as string[]).includes(w),
  );
  let proposedWindow: { start: string; end: string } | undefined;
  if (decision.decision === 'no-go' && decision.proposedWindow) {
    const start = parseInstant(String(decision.proposedWindow.start), zone);
    const end = parseInstant(String(decision.proposedWindow.end), zone);
    if (!start.ok || !end.ok || end.value.toMillis() <= start.value.toMillis()) {
      return {
        ok: false,
        error: 'the proposed window needs a start and a later end, such as 2026-12-03T22:00:00+01:00.',
      };
    }
    proposedWindow = {
      start: String(decision.proposedWindow.start).trim(),
      end: String(decision.proposedWindow.end).trim(),
    };
  }
  return {
    ok: true,
    transition: {
      kind: 'decide',
      decision: decision.decision,
      reason: String(decision.reason ?? ''),
      gates: gatesForRecord(gates, waived),
      proposedWindow,
    },
  };
}
