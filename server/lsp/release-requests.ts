// Release day answered from the server's workspace: where a release stands (with the tracking
// view's items), the go/no-go review with each gate's evidence, and every transition as the one
// edit to apply to the runbook's text. The client applies the edit and saves; the file is the state.
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  GO_NO_GO_REQUEST,
  GoNoGoParams,
  GoNoGoResult,
  RELEASE_STATE_REQUEST,
  RELEASE_TRANSITION_REQUEST,
  ReleaseStateParams,
  ReleaseStateResult,
  ReleaseTransitionParams,
  ReleaseTransitionResult,
  ReviewDecision,
  GateEvidence,
} from '../../protocol/requests';
import type { RunbookModel } from '../core/model';
import { evaluateGates, GateEvaluation, gatesForRecord } from '../core/release/gates';
import { preconditionTasks } from '../core/release/issue-tasks';
import { proposeWindow } from '../core/release/proposed-window';
import { OUTCOME_RESULTS } from '../core/dsl-schema';
import { GATE_IDS, GateId, OutcomeResult } from '../core/release/release-record';
import { activeSteps, currentStep, nextStep, releaseState } from '../core/release/release-state';
import { localTime } from '../core/release/release-time';
import { closingSummaryBody, decisionCommentBody, decisionMarker, statusCommentBody, statusMarker, summaryMarker } from '../core/release/status-text';
import { timeBudget } from '../core/release/time-budget';
import { applyTransition, finishProblem, phaseWords, Transition } from '../core/release/transitions';
import { minimalEdit } from '../core/release/yaml-edits';
import { formatInstant, parseInstant } from '../core/time';
import { CustomRequestContext, numberOr, onRequest, ParamsError, requestRunbook } from './request-context';
import { releaseTree } from './release-tree';

export function registerReleaseRequests(ctx: CustomRequestContext): void {
  onRequest<ReleaseStateParams, ReleaseStateResult>(ctx, RELEASE_STATE_REQUEST, (params) => releaseStateAnswer(ctx, params));
  onRequest<GoNoGoParams, GoNoGoResult>(ctx, GO_NO_GO_REQUEST, (params) => goNoGoAnswer(ctx, params));
  onRequest<ReleaseTransitionParams, ReleaseTransitionResult>(ctx, RELEASE_TRANSITION_REQUEST, async (params) => {
    // A transition writes instants in the calendar's zone: it waits for the calendars to be read.
    await ctx.whenReady();
    return transitionAnswer(ctx, params);
  });
}

function releaseStateAnswer(ctx: CustomRequestContext, params: ReleaseStateParams): ReleaseStateResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  const index = ctx.store.index;
  const now = numberOr(params.now, Date.now());
  const state = releaseState(runbook, index.zoneFor(runbook));
  const budget = timeBudget(state, index.windowOf(runbook), now);
  const steps = activeSteps(state);
  const last = state.record.decisions.length - 1;
  const finishProblems: Partial<Record<OutcomeResult, string>> = {};
  for (const result of OUTCOME_RESULTS) {
    const problem = finishProblem(state, result);
    if (problem) finishProblems[result] = problem;
  }
  return {
    partial: !ctx.isReady(),
    state,
    rollbackTrigger: runbook.rollback.trigger?.text.trim() || undefined,
    activeList: state.rollback ? 'rollback' : 'steps',
    currentStepId: currentStep(steps)?.id,
    nextStepId: nextStep(steps)?.id,
    finishProblems,
    tree: releaseTree(params.uri, state, budget),
    comments: {
      status: { marker: statusMarker(state.runbookId), body: statusCommentBody(state, budget) },
      summary: { marker: summaryMarker(state.runbookId), body: closingSummaryBody(state, budget) },
      decision: state.lastDecision ? { marker: decisionMarker(state.runbookId, last), body: decisionCommentBody(state, state.lastDecision, last) } : undefined,
    },
  };
}

function gatesOf(ctx: CustomRequestContext, uri: string, runbook: RunbookModel, evidence: GateEvidence): GateEvaluation[] {
  const index = ctx.store.index;
  const state = releaseState(runbook, index.zoneFor(runbook));
  const tasks = typeof evidence.issueBody === 'string' ? preconditionTasks(evidence.issueBody) : undefined;
  return evaluateGates({
    index,
    runbook,
    diagnostics: ctx.scheduler.diagnosticsFor(uri),
    record: state.record,
    change: evidence.change,
    changeUnknownReason: typeof evidence.changeUnknownReason === 'string' ? evidence.changeUnknownReason : 'not read yet',
    issueTasks: tasks,
  });
}

function goNoGoAnswer(ctx: CustomRequestContext, params: GoNoGoParams): GoNoGoResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  const index = ctx.store.index;
  const zone = index.zoneFor(runbook);
  const state = releaseState(runbook, zone);
  const gates = gatesOf(ctx, uri, runbook, params);
  const tasks = typeof params.issueBody === 'string' ? preconditionTasks(params.issueBody) : undefined;
  const window = index.windowOf(runbook);
  const confirmations = new Map(state.record.preconditions.map((c) => [c.id, c]));
  const proposal = proposeWindow(index, runbook, numberOr(params.now, Date.now()));
  const ticket = runbook.change.ticket?.text.trim();
  const partial = !ctx.isReady();
  const notices = state.problems.map((p) => `Record: ${p}`);
  if (partial) notices.push('The workspace is still being read: the gates are judged on the files read so far.');
  return {
    partial,
    ticket: ticket || undefined,
    view: {
      runbookId: state.runbookId,
      title: state.title,
      window: window ? `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}` : 'window cannot be read',
      phase: phaseWords(state.phase, state.lastDecision),
      gates: gates.map((g) => ({ id: g.id, title: g.title, state: g.state, evidence: g.evidence, details: g.details })),
      preconditions: runbook.preconditions
        .filter((p) => p.id)
        .map((p) => {
          const id = p.id!.text;
          const mine = confirmations.get(id);
          const confirmed = mine ? `confirmed by ${mine.by ?? 'someone'} at ${localTime(mine.at, zone)}` : tasks?.get(id) ? `ticked on ${ticket}` : undefined;
          return { id, check: p.fields.get('check')?.text ?? '', confirmed };
        }),
      notify: {
        channels: runbook.notify.filter((n) => n.trim()),
        acknowledged: state.record.notified ? `confirmed by ${state.record.notified.by ?? 'someone'} at ${localTime(state.record.notified.at, zone)}` : undefined,
      },
      decisions: state.record.decisions.map((d) => ({ decision: d.decision, by: d.by ?? 'someone', at: localTime(d.at, zone), reason: d.reason ?? '' })),
      canDecide: state.phase === 'review' || state.phase === 'ready',
      proposed: proposal.ok ? { start: proposal.start, end: proposal.end } : undefined,
      proposedProblem: proposal.ok ? undefined : proposal.reason,
      notices,
    },
  };
}

function transitionAnswer(ctx: CustomRequestContext, params: ReleaseTransitionParams): ReleaseTransitionResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  if (typeof params.text !== 'string') throw new ParamsError('needs "text", the runbook\'s text the transition applies to');
  if (typeof params.by !== 'string' || !params.by.trim()) throw new ParamsError('needs "by", the GitHub handle recorded');
  if (!params.transition || typeof params.transition !== 'object') throw new ParamsError('needs "transition"');
  const zone = ctx.store.index.zoneFor(runbook);
  let transition: Transition;
  if (params.transition.kind === 'review-decision') {
    const decided = reviewTransition(ctx, uri, runbook, params.transition, zone);
    if (!decided.ok) return decided;
    transition = decided.transition;
  } else {
    transition = params.transition;
  }
  const result = applyTransition(uri, params.text, transition, { by: params.by, now: numberOr(params.now, Date.now()), zone });
  if (!result.ok) return result;
  const edit = minimalEdit(params.text, result.text);
  if (!edit) return { ok: true, changed: false, state: result.state };
  const document = TextDocument.create(uri, 'runbook', 0, params.text);
  return {
    ok: true,
    changed: result.changed,
    state: result.state,
    edit: { range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText },
  };
}

/** GO or NO-GO with the gates judged now, waivers applied and the proposed window checked. */
function reviewTransition(ctx: CustomRequestContext, uri: string, runbook: RunbookModel, decision: ReviewDecision, zone: string): { ok: true; transition: Transition } | { ok: false; error: string } {
  if (decision.decision !== 'go' && decision.decision !== 'no-go') throw new ParamsError('a review decision is "go" or "no-go"');
  const gates = gatesOf(ctx, uri, runbook, decision.evidence ?? { changeUnknownReason: 'not read yet' });
  const waived = (Array.isArray(decision.waived) ? decision.waived : []).filter((w): w is GateId => (GATE_IDS as string[]).includes(w));
  let proposedWindow: { start: string; end: string } | undefined;
  if (decision.decision === 'no-go' && decision.proposedWindow) {
    const start = parseInstant(String(decision.proposedWindow.start), zone);
    const end = parseInstant(String(decision.proposedWindow.end), zone);
    if (!start.ok || !end.ok || end.value.toMillis() <= start.value.toMillis()) {
      return { ok: false, error: 'the proposed window needs a start and a later end, such as 2026-12-03T22:00:00+01:00.' };
    }
    proposedWindow = { start: String(decision.proposedWindow.start).trim(), end: String(decision.proposedWindow.end).trim() };
  }
  return { ok: true, transition: { kind: 'decide', decision: decision.decision, reason: String(decision.reason ?? ''), gates: gatesForRecord(gates, waived), proposedWindow } };
}
