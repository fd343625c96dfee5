// What stakeholders read: one business-language line about where the release stands ("Step 3 of
// 7 done: Roll out 2.14.0; next: Purge the CDN cache; on schedule."), the status comment that is
// edited in place on the change request, the comment for a go/no-go decision and the closing
// summary. Text from the runbook is escaped for Markdown; nothing here reads the clock.
import { GATES } from '../dsl-schema';
export { hasCommentMarker } from '../change-request/marker';
import { collapse, inlineText, markdownBlock } from '../change-request/markdown-text';
import { GATE_IDS, DecisionEntry } from './release-record';
import { activeSteps, currentStep, isSettled, nextStep, ReleaseState, TrackedStep } from './release-state';
import { localTime, localTimeOf, shortDuration } from './release-time';
import { instant, keyOf, TimeBudget } from './time-budget';

export function statusMarker(runbookId: string): string {
  return `<!-- runbook-status:${runbookId} -->`;
}

export function decisionMarker(runbookId: string, index: number): string {
  return `<!-- runbook-decision:${runbookId}:${index + 1} -->`;
}

export function summaryMarker(runbookId: string): string {
  return `<!-- runbook-summary:${runbookId} -->`;
}

/** One line, in the words a stakeholder uses. */
export function statusLine(state: ReleaseState, budget: TimeBudget): string {
  const schedule = scheduleWords(budget);
  switch (state.phase) {
    case 'review':
      return state.lastDecision
        ? `NO-GO by ${state.lastDecision.by ?? 'the release owner'}: ${collapse(state.lastDecision.reason ?? 'no reason given')}.`
        : 'Waiting for the go/no-go decision.';
    case 'ready': {
      const when = budget.window
        ? ` The window opens at ${localTimeOf(budget.window.start, state.zone)} ${state.zone}.`
        : '';
      return `GO given by ${state.lastDecision?.by ?? 'the release owner'}; ${state.steps.length} step${state.steps.length === 1 ? '' : 's'} to run.${when}`;
    }
    case 'in-progress':
      return progressLine(state.steps, 'Step', 'verification next', state, budget, schedule);
    case 'rolling-back': {
      const who = state.rollback?.decidedBy ? ` (decided by ${state.rollback.decidedBy})` : '';
      return `Rolling back${who}. ${progressLine(state.rollback!.steps, 'Rollback step', 'rollback complete next', state, budget, schedule)}`;
    }
    case 'verifying': {
      const checks = state.verification;
      const done = checks.filter((c) => c.result).length;
      // Right after the last step, in the issue's words: "Step 3 of 3 done: ...; verification next".
      if (done === 0) return progressLine(state.steps, 'Step', 'verification next', state, budget, schedule);
      const failed = checks.filter((c) => c.result === 'fail').map((c) => c.key);
      const next = checks.find((c) => !c.result);
      return `All ${state.steps.length} steps done; verification ${done} of ${checks.length} checked${failed.length ? `, failed: ${failed.join(', ')}` : ''}; next: ${collapse(next?.check ?? '')}.`;
    }
    case 'finishing':
      return state.rollback
        ? 'Rollback complete; the outcome is being recorded.'
        : `All steps done and verified; the outcome is being recorded.`;
    case 'finished': {
      const o = state.outcome;
      const when = o?.finished ? ` at ${localTime(o.finished, state.zone)} ${state.zone}` : '';
      return `Finished: ${resultWords(o?.result)}${when}.`;
    }
  }
}

function progressLine(
  steps: TrackedStep[],
  noun: string,
  afterAll: string,
  state: ReleaseState,
  budget: TimeBudget,
  schedule: string,
): string {
  const total = steps.length;
  const running = currentStep(steps);
  const failed = steps.find((s) => s.status === 'failed');
  if (failed) {
    const note = failed.latest?.note ? `: ${collapse(failed.latest.note)}` : '';
    const then = noun === 'Step' ? 'deciding whether to retry, skip or roll back' : 'deciding how to go on';
    return `${noun} ${failed.position} of ${total} failed: ${collapse(failed.title)}${note}; ${then}; ${schedule}.`;
  }
  if (running) {
    const t = budget.steps.get(keyOf(state, running));
    const of =
      t?.elapsedMs !== undefined
        ? ` (${shortDuration(t.elapsedMs)}${running.timeoutMs !== undefined ? ` of ${shortDuration(running.timeoutMs)}` : ''})`
        : '';
    return `${noun} ${running.position} of ${total} in progress: ${collapse(running.title)}${of}; ${schedule}.`;
  }
  const settled = steps.filter(isSettled);
  const last = lastSettled(steps);
  const next = nextStep(steps);
  const nextText = next ? `next: ${collapse(next.title)}` : afterAll;
  if (!last) return `${total} ${noun.toLowerCase()}${total === 1 ? '' : 's'} to run; ${nextText}; ${schedule}.`;
  const verb = last.status === 'skipped' ? 'skipped' : 'done';
  const count =
    settled.length === last.position
      ? `${noun} ${last.position} of ${total} ${verb}`
      : `${settled.length} of ${total} ${noun.toLowerCase()}s settled, ${noun.toLowerCase()} ${last.position} ${verb}`;
  return `${count}: ${collapse(last.title)}; ${nextText}; ${schedule}.`;
}

/** The step settled most recently (by its record entry's place). */
function lastSettled(steps: TrackedStep[]): TrackedStep | undefined {
  let best: TrackedStep | undefined;
  let bestAt = '';
  for (const step of steps) {
    if (!isSettled(step) || !step.latest) continue;
    const at = step.latest.finished ?? step.latest.started ?? '';
    if (!best || at >= bestAt) {
      best = step;
      bestAt = at;
    }
  }
  return best;
}

export function scheduleWords(budget: TimeBudget): string {
  switch (budget.schedule) {
    case 'no-window':
      return 'the window cannot be read';
    case 'past-window':
      return `past the window end by ${shortDuration(budget.now - budget.window!.end)}`;
    case 'behind':
      return `behind schedule: about ${shortDuration(budget.workLeftMs)} of work left, ${shortDuration(Math.max(0, budget.windowLeftMs ?? 0))} of window`;
    case 'on-schedule':
      return 'on schedule';
  }
}

/** A warning to show beside the tracking view, or undefined when the remaining steps fit. */
export function budgetWarning(state: ReleaseState, budget: TimeBudget): string | undefined {
  if (state.phase === 'finished') return undefined;
  const untimed = budget.untimedLeft
    ? ` (${budget.untimedLeft} remaining step${budget.untimedLeft === 1 ? ' has' : 's have'} no timeout and ${budget.untimedLeft === 1 ? 'is' : 'are'} not counted)`
    : '';
  if (budget.schedule === 'past-window')
    return `The window ended ${shortDuration(budget.now - budget.window!.end)} ago and ${activeSteps(state).filter((s) => !isSettled(s)).length} step(s) remain.`;
  if (budget.schedule === 'behind') {
    return `The remaining steps cannot finish inside the window: their timeouts add up to ${shortDuration(budget.workLeftMs)}, and ${shortDuration(Math.max(0, budget.windowLeftMs ?? 0))} remain until ${localTimeOf(budget.window!.end, state.zone)}${untimed}.`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Comments on the change request

/**
 * The one status comment, rewritten after every transition. `announcement`: the Markdown of the latest announcement sent to a status-comment channel (already escaped).
 */
export function statusCommentBody(state: ReleaseState, budget: TimeBudget, announcement?: string): string {
  const out = [
    `### Release status: ${inlineText(state.title)}`,
    '',
    `**${inlineText(statusLine(state, budget))}**`,
    '',
  ];
  if (budget.window)
    out.push(
      `Window: ${localTimeOf(budget.window.start, state.zone)} – ${localTimeOf(budget.window.end, state.zone, budget.window.start)} ${state.zone}`,
      '',
    );
  out.push('| # | Step | State | Time |', '| --- | --- | --- | --- |');
  for (const step of state.steps) out.push(stepRow(state, budget, step));
  if (state.rollback) {
    const r = state.rollback;
    out.push(
      '',
      `**Rollback** decided by ${inlineText(r.decidedBy ?? 'someone')} at ${localTime(r.at, state.zone)}: ${inlineText(r.reason ?? 'no reason given')}${r.triggerMet === false ? ' _(the rollback trigger was not met)_' : ''}`,
      '',
    );
    if (r.steps.length) {
      out.push('| # | Rollback step | State | Time |', '| --- | --- | --- | --- |');
      for (const step of r.steps) out.push(stepRow(state, budget, step));
    } else out.push('_No rollback step applies to the steps that ran._');
    if (r.plan.irreversible.length)
      out.push('', `Not undone (irreversible): ${r.plan.irreversible.map(inlineText).join(', ')}`);
  }
  if (state.verification.length && !state.rollback) {
    out.push('', '**Verification**', '');
    for (const check of state.verification)
      out.push(
        `- ${checkBox(check.result)} ${inlineText(check.check)}${check.result ? ` — ${check.result}${check.latest?.by ? ` (${inlineText(check.latest.by)})` : ''}` : ''}`,
      );
  }
  if (announcement) out.push('', '---', '', '**Announcement**', '', announcement.trimEnd());
  out.push(
    '',
    `_Updated ${localTimeOf(budget.now, state.zone)} ${state.zone} by Release Runbooks; the runbook's release record is the source._`,
    '',
    statusMarker(state.runbookId),
  );
  return out.join('\n');
}

function stepRow(state: ReleaseState, budget: TimeBudget, step: TrackedStep): string {
  const t = budget.steps.get(keyOf(state, step));
  const entry = step.latest;
  const who = entry?.finishedBy ?? entry?.by;
  const stateText =
    step.status === 'pending' ? 'pending' : `${STATUS_WORDS[step.status]}${who ? ` by ${inlineText(who)}` : ''}`;
  let time = '';
  if (entry?.started)
    time = `${localTime(entry.started, state.zone, budget.window?.start)}${entry.finished ? `–${localTime(entry.finished, state.zone, budget.window?.start)}` : ''}`;
  else if (entry?.finished) time = localTime(entry.finished, state.zone, budget.window?.start);
  if (t?.elapsedMs !== undefined)
    time += ` (${shortDuration(t.elapsedMs)}${step.timeoutMs !== undefined ? ` of ${shortDuration(step.timeoutMs)}` : ''}${t.overrunMs ? ', over its timeout' : ''})`;
  const note = entry?.note ? ` — ${inlineText(entry.note)}` : '';
  return `| ${step.position} | ${inlineText(step.title)} | ${stateText}${note} | ${time || '—'} |`;
}

const STATUS_WORDS: Record<string, string> = {
  started: '▶ running',
  done: '✅ done',
  failed: '❌ failed',
  skipped: '⏭ skipped',
};

function checkBox(result: string | undefined): string {
  return result === 'pass' ? '[x]' : '[ ]';
}

/** The comment posted for a go/no-go decision. `index` is the decision's place in the record. */
export function decisionCommentBody(state: ReleaseState, decision: DecisionEntry, index: number): string {
  const word = decision.decision === 'go' ? 'GO' : 'NO-GO';
  const out = [
    `### ${word}: ${inlineText(state.title)}`,
    '',
    `**${word}** decided by ${inlineText(decision.by ?? 'someone')} at ${localTime(decision.at, state.zone)} ${state.zone}.`,
    '',
    ...markdownBlock(`**Reason:** ${decision.reason ?? 'none given'}`),
    '',
    '| Gate | State | Evidence |',
    '| --- | --- | --- |',
  ];
  for (const id of GATE_IDS) {
    const gate = decision.gates[id];
    if (!gate) continue;
    out.push(
      `| ${GATES[id]} | ${gate.state === 'pass' ? '✅ pass' : gate.state === 'waived' ? '⚠️ waived' : '❌ fail'} | ${inlineText(gate.evidence ?? '')} |`,
    );
  }
  if (decision.decision === 'no-go' && decision.proposedWindow) {
    const w = decision.proposedWindow;
    out.push(
      '',
      `Proposed new window: ${localTime(w.start, state.zone)} – ${w.end ? localTime(w.end, state.zone) : inlineText(w.duration ?? '')} ${state.zone}`,
    );
  }
  out.push('', decisionMarker(state.runbookId, index));
  return out.join('\n');
}

/** The closing summary posted when the release finishes. */
export function closingSummaryBody(state: ReleaseState, budget: TimeBudget): string {
  const o = state.outcome;
  const took = o?.started && o.finished ? durationBetween(o.started, o.finished, state.zone) : undefined;
  const out = [`### Release finished: ${inlineText(state.title)}`, '', `**Outcome: ${resultWords(o?.result)}**`, ''];
  if (o?.started || o?.finished)
    out.push(
      `From ${localTime(o?.started, state.zone)} to ${localTime(o?.finished, state.zone)} ${state.zone}${took ? ` (${took})` : ''}.`,
      '',
    );
  const counts = (steps: TrackedStep[]) => {
    const by = (s: string) => steps.filter((x) => x.status === s).length;
    return [
      `${by('done')} done`,
      by('skipped') && `${by('skipped')} skipped`,
      by('failed') && `${by('failed')} failed`,
      by('pending') && `${by('pending')} not run`,
    ]
      .filter(Boolean)
      .join(', ');
  };
  out.push(`- Steps: ${counts(state.steps)} of ${state.steps.length}`);
  if (state.rollback) {
    out.push(
      `- Rolled back by decision of ${inlineText(state.rollback.decidedBy ?? 'someone')}: ${inlineText(state.rollback.reason ?? '')}`,
    );
    out.push(`- Rollback steps: ${counts(state.rollback.steps)} of ${state.rollback.steps.length}`);
  }
  if (state.verification.length && !state.rollback) {
    const passed = state.verification.filter((c) => c.result === 'pass').length;
    out.push(
      `- Verification: ${passed} of ${state.verification.length} passed${
        state.verification.some((c) => c.result === 'fail')
          ? `; failed: ${state.verification
              .filter((c) => c.result === 'fail')
              .map((c) => inlineText(c.key))
              .join(', ')}`
          : ''
      }`,
    );
  }
  const overruns = [...state.steps, ...(state.rollback?.steps ?? [])].filter(
    (s) => budget.steps.get(keyOf(state, s))?.overrunMs,
  );
  if (overruns.length) out.push(`- Over their timeout: ${overruns.map((s) => inlineText(s.id)).join(', ')}`);
  if (o?.notes) out.push('', ...markdownBlock(o.notes));
  out.push('', summaryMarker(state.runbookId));
  return out.join('\n');
}

export function resultWords(result: string | undefined): string {
  switch (result) {
    case 'success':
      return 'success';
    case 'rolled-back':
      return 'rolled back';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'not recorded';
  }
}

function durationBetween(from: string, to: string, zone: string): string | undefined {
  const a = instant(from, zone);
  const b = instant(to, zone);
  return a !== undefined && b !== undefined && b >= a ? shortDuration(b - a) : undefined;
}
