// Release day answered from the server's workspace: where a release stands (with the tracking
// view's items), the go/no-go review with each gate's evidence, and every transition as the one
// edit to apply to the runbook's text. The client applies the edit and saves; the file is the state.
import {
  GateEvidence,
  GO_NO_GO_REQUEST,
  GoNoGoParams,
  GoNoGoResult,
  RELEASE_STATE_REQUEST,
  RELEASE_TRANSITION_REQUEST,
  ReleaseStateParams,
  ReleaseStateResult,
  ReleaseTransitionParams,
  ReleaseTransitionResult,
} from '../../protocol/requests';
import { OUTCOME_RESULTS } from '../core/dsl-schema';
import type { RunbookModel } from '../core/model';
import type { GateEvaluation } from '../core/release/gates';
import type { OutcomeResult } from '../core/release/release-record';
import { activeSteps, currentStep, nextStep, releaseState } from '../core/release/release-state';
import {
  closingSummaryBody,
  decisionCommentBody,
  decisionMarker,
  statusCommentBody,
  statusMarker,
  summaryMarker,
} from '../core/release/status-text';
import { timeBudget } from '../core/release/time-budget';
import { applyTransition, finishProblem, runbookFromText, Transition } from '../core/release/transitions';
import { approvedWindowCheck } from '../core/release/approved-window';
import { minimalRangeEdit } from '../core/yaml-edit/text-edit';
import { statusAnnouncementOf } from './announce-requests';
import { goNoGoView, judgeGates, reviewTransition } from './go-no-go';
import { releaseTree } from './release-tree';
import { CustomRequestContext, numberOr, onRequest, ParamsError, requestRunbook } from './request-context';

export function registerReleaseRequests(ctx: CustomRequestContext): void {
  onRequest<ReleaseStateParams, ReleaseStateResult>(ctx, RELEASE_STATE_REQUEST, (params) =>
    releaseStateAnswer(ctx, params),
  );
  onRequest<GoNoGoParams, GoNoGoResult>(ctx, GO_NO_GO_REQUEST, (params) => goNoGoAnswer(ctx, params));
  onRequest<ReleaseTransitionParams, ReleaseTransitionResult>(ctx, RELEASE_TRANSITION_REQUEST, async (params) => {
    // A transition writes instants in the calendar's zone: it waits for the calendars to be read.
    await ctx.whenReady();
    return transitionAnswer(ctx, params);
  });
}

function releaseStateAnswer(ctx: CustomRequestContext, params: ReleaseStateParams): ReleaseStateResult {
  const { runbook } = requestRunbook(ctx, params);
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
    tree: releaseTree(params.uri, state, budget, attentionOf(params)),
    comments: {
      status: {
        marker: statusMarker(state.runbookId),
        body: statusCommentBody(state, budget, statusAnnouncementOf(ctx, runbook)),
      },
      summary: { marker: summaryMarker(state.runbookId), body: closingSummaryBody(state, budget) },
      decision: state.lastDecision
        ? { marker: decisionMarker(state.runbookId, last), body: decisionCommentBody(state, state.lastDecision, last) }
        : undefined,
    },
  };
}

/** The host's notes: text only, a few, each bounded (they are drawn as tree items). */
function attentionOf(params: ReleaseStateParams): string[] {
  if (!Array.isArray(params.attention)) return [];
  return params.attention
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .slice(0, 5)
    .map((t) => (t.length > 500 ? `${t.slice(0, 499)}…` : t));
}

function gatesOf(
  ctx: CustomRequestContext,
  uri: string,
  runbook: RunbookModel,
  evidence: GateEvidence,
  now: number,
): GateEvaluation[] {
  return judgeGates(ctx.store.index, runbook, ctx.scheduler.diagnosticsFor(uri), evidence, now);
}

function goNoGoAnswer(ctx: CustomRequestContext, params: GoNoGoParams): GoNoGoResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  const partial = !ctx.isReady();
  const { view, ticket } = goNoGoView(
    ctx.store.index,
    runbook,
    ctx.scheduler.diagnosticsFor(uri),
    params,
    numberOr(params.now, Date.now()),
  );
  if (partial) view.notices.push('The workspace is still being read: the gates are judged on the files read so far.');
  return { partial, ticket, view };
}

function transitionAnswer(ctx: CustomRequestContext, params: ReleaseTransitionParams): ReleaseTransitionResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  if (typeof params.text !== 'string')
    throw new ParamsError('needs "text", the runbook\'s text the transition applies to');
  if (typeof params.by !== 'string' || !params.by.trim())
    throw new ParamsError('needs "by", the GitHub handle recorded');
  if (!params.transition || typeof params.transition !== 'object') throw new ParamsError('needs "transition"');
  const zone = ctx.store.index.zoneFor(runbook);
  const now = numberOr(params.now, Date.now());
  let transition: Transition;
  if (params.transition.kind === 'review-decision') {
    if (params.transition.decision !== 'go' && params.transition.decision !== 'no-go')
      throw new ParamsError('a review decision is "go" or "no-go"');
    const decided = reviewTransition(
      gatesOf(ctx, uri, runbook, params.transition.evidence ?? { changeUnknownReason: 'not read yet' }, now),
      params.transition,
      zone,
    );
    if (!decided.ok) return decided;
    transition = decided.transition;
  } else {
    transition = params.transition;
  }
  // Held to the window of the text being recorded: the editor's, which may differ from the saved file.
  const window = approvedWindowCheck(ctx.store.index, runbookFromText(uri, params.text), now);
  const outsideWindow = window.inside ? undefined : window.reason;
  const result = applyTransition(uri, params.text, transition, { by: params.by, now, zone, outsideWindow });
  if (!result.ok) return result;
  const edit = minimalRangeEdit(params.text, result.text);
  if (!edit) return { ok: true, changed: false, state: result.state };
  return { ok: true, changed: result.changed, state: result.state, edit };
}
