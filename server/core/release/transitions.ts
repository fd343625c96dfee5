// Every change to a release, as a pure function from the runbook's text to its next text: the
// transition is checked against where the release stands (a step must be started before it is
// done, only rollback steps run once a rollback is decided, ...) and then written into the
// record with careful YAML edits. A refused transition says why and writes nothing.
import { formatInstantLike } from '../editor/instant-notation';
import { buildRunbook, RunbookModel } from '../model';
import { parseSourceFile } from '../source-file';
import { formatDuration, parseDuration, parseInstant } from '../time';
import type { OutcomeResult, GateId, GateResult, VerificationResult } from './release-record';
import { readReleaseRecord } from './release-record';
import { isSettled, Phase, releaseState, ReleaseState, TrackedStep } from './release-state';
import { recordInstant } from './release-time';
import { appendIn, applyAll, EditResult, PathSegment, setIn, YamlObject } from '../yaml-edit/set-in';

/** Who records the transition, and when. */
export interface Actor {
  /** A GitHub handle with its @. */
  by: string;
  now: number;
  /** The runbook's zone (WorkspaceIndex.zoneFor): instants are written with its offset. */
  zone: string;
  /** Why now is outside the approved window (approvedWindowCheck), when it is. */
  outsideWindow?: string;
}

/** `steps` for the runbook's steps, `rollback` for the rollback steps once a rollback is decided. */
export type StepList = 'steps' | 'rollback';

export type Transition =
  | { kind: 'confirm-precondition'; id: string }
  | { kind: 'acknowledge-notified' }
  | {
      kind: 'decide';
      decision: 'go' | 'no-go';
      reason: string;
      gates: Record<GateId, GateResult>;
      proposedWindow?: { start: string; end: string };
    }
  | {
      kind: 'start-step';
      list: StepList;
      id: string;
      withoutGo?: boolean;
      /** Why the step starts outside the approved window. */ windowOverride?: string;
    }
  | { kind: 'finish-step'; list: StepList; id: string; status: 'done' | 'failed'; note?: string }
  | { kind: 'skip-step'; list: StepList; id: string; note?: string }
  | { kind: 'decide-rollback'; reason: string; triggerMet: boolean }
  | { kind: 'verify'; key: string; result: VerificationResult; note?: string }
  | { kind: 'finish'; result: OutcomeResult; notes?: string }
  | { kind: 'set-status-comment'; commentId: number | string }
  /** After a NO-GO: its proposed window becomes the runbook's `window` (in the notation the file uses). */
  | { kind: 'apply-proposed-window' };

/** A refusal that an explicit override with a reason would lift says so (`needsWindowOverride`). */
export type TransitionRefusal = { ok: false; error: string; needsWindowOverride?: boolean };

export type TransitionResult = { ok: true; text: string; changed: boolean; state: ReleaseState } | TransitionRefusal;

/** Reads a runbook from its text, as the workspace index would. */
export function runbookFromText(uri: string, text: string): RunbookModel {
  return buildRunbook(parseSourceFile(uri, 'runbook', text));
}

export function applyTransition(uri: string, text: string, transition: Transition, actor: Actor): TransitionResult {
  const runbook = runbookFromText(uri, text);
  if (!runbook.root) return { ok: false, error: 'the file is not a runbook (a map of keys), so nothing was recorded' };
  const state = releaseState(runbook, actor.zone, readReleaseRecord(runbook));
  const planned = plan(runbook, state, transition, actor);
  if (!planned.ok) return planned;
  const written = applyAll(text, planned.changes);
  if (!written.ok) return { ok: false, error: written.error };
  const after = releaseState(runbookFromText(uri, written.text), actor.zone);
  return { ok: true, text: written.text, changed: written.text !== text, state: after };
}

// ---------------------------------------------------------------------------------------------

type Change = (text: string) => EditResult;
type Planned = { ok: true; changes: Change[] } | TransitionRefusal;

const refuse = (error: string): Planned => ({ ok: false, error });
const changes = (...list: Change[]): Planned => ({ ok: true, changes: list });
const set =
  (path: PathSegment[], value: Parameters<typeof setIn>[2]): Change =>
  (t) =>
    setIn(t, path, value);
const append =
  (path: PathSegment[], item: Parameters<typeof appendIn>[2]): Change =>
  (t) =>
    appendIn(t, path, item);

function plan(runbook: RunbookModel, state: ReleaseState, transition: Transition, actor: Actor): Planned {
  const now = recordInstant(actor.now, actor.zone);
  if (state.phase === 'finished' && transition.kind !== 'set-status-comment') {
    return refuse(
      `the release is finished (outcome: ${state.outcome?.result}); nothing more can be recorded. Remove the outcome to reopen it.`,
    );
  }
  switch (transition.kind) {
    case 'confirm-precondition': {
      const known = runbook.preconditions.some((p) => p.id?.text === transition.id);
      if (!known) return refuse(`"${transition.id}" is not a precondition of this runbook`);
      if (state.record.preconditions.some((c) => c.id === transition.id)) return changes();
      return changes(append(['release', 'preconditions'], { id: transition.id, by: actor.by, at: now }));
    }
    case 'acknowledge-notified': {
      const channels = runbook.notify.map((n) => n.trim()).filter(Boolean);
      if (!channels.length) return refuse("the runbook's notify list is empty: there is nobody to acknowledge");
      return changes(set(['release', 'notified'], { by: actor.by, at: now, channels }));
    }
    case 'decide': {
      if (state.phase !== 'review' && state.phase !== 'ready')
        return refuse(`a go/no-go decision is taken before the first step; the release is ${phaseWords(state.phase)}`);
      const reason = transition.reason.trim();
      if (!reason) return refuse(`a ${transition.decision === 'go' ? 'GO' : 'NO-GO'} needs a reason`);
      if (transition.decision === 'go') {
        const failing = Object.entries(transition.gates)
          .filter(([, g]) => g.state === 'fail')
          .map(([id]) => id);
        if (failing.length) return refuse(`GO needs every gate to pass or be waived; failing: ${failing.join(', ')}`);
      }
      const entry: YamlObject = {
        decision: transition.decision,
        by: actor.by,
        at: now,
        reason,
        gates: gatesObject(transition.gates),
      };
      if (transition.decision === 'no-go' && transition.proposedWindow)
        entry['proposed-window'] = { ...transition.proposedWindow };
      return changes(append(['release', 'decisions'], entry));
    }
    case 'start-step': {
      const list = stepsOf(state, transition.list);
      if (!list.ok) return list;
      const step = list.steps.find((s) => s.id === transition.id);
      if (!step) return refuse(unknownStep(transition));
      if (transition.list === 'steps' && state.rollback)
        return refuse('a rollback was decided: only rollback steps can be started now');
      if (transition.list === 'steps' && state.phase === 'review' && !transition.withoutGo) {
        return refuse(
          state.lastDecision
            ? 'the last decision was NO-GO: record a GO before starting'
            : 'no GO is recorded: take the go/no-go decision before starting',
        );
      }
      if (step.status === 'started')
        return refuse(
          `${label(step, transition.list)} is already running (started ${step.latest?.started ?? ''})`.trim(),
        );
      if (isSettled(step)) return refuse(`${label(step, transition.list)} is already ${step.status}`);
      // Rollback steps restore service: they are never held to the window.
      const override = transition.windowOverride?.trim();
      if (transition.list === 'steps' && actor.outsideWindow && !override) {
        return {
          ok: false,
          error: `${label(step, transition.list)} was not started: ${actor.outsideWindow}. Starting outside the approved window needs an override with a reason.`,
          needsWindowOverride: true,
        };
      }
      const entry: YamlObject = { id: step.id, status: 'started', by: actor.by, started: now };
      if (transition.list === 'steps' && actor.outsideWindow && override)
        Object.assign(entry, { 'outside-window': actor.outsideWindow, 'window-override': override });
      return changes(append(entryListPath(transition.list), entry));
    }
    case 'finish-step': {
      const list = stepsOf(state, transition.list);
      if (!list.ok) return list;
      const step = list.steps.find((s) => s.id === transition.id);
      if (!step) return refuse(unknownStep(transition));
      if (step.status !== 'started')
        return refuse(
          `${label(step, transition.list)} is ${step.status === 'pending' ? 'not started' : step.status}: start it before marking it ${transition.status}`,
        );
      const at: PathSegment[] = [...entryListPath(transition.list), { key: 'id', equals: step.id }];
      const list2: Change[] = [set([...at, 'status'], transition.status), set([...at, 'finished'], now)];
      if (step.latest?.by !== actor.by) list2.push(set([...at, 'finished-by'], actor.by));
      const note = transition.note?.trim();
      if (note) list2.push(set([...at, 'note'], note));
      return changes(...list2);
    }
    case 'skip-step': {
      const list = stepsOf(state, transition.list);
      if (!list.ok) return list;
      const step = list.steps.find((s) => s.id === transition.id);
      if (!step) return refuse(unknownStep(transition));
      if (transition.list === 'steps' && state.rollback)
        return refuse('a rollback was decided: the steps can no longer be skipped');
      if (step.status === 'started')
        return refuse(`${label(step, transition.list)} is running: mark it done or failed instead`);
      if (isSettled(step)) return refuse(`${label(step, transition.list)} is already ${step.status}`);
      const entry: YamlObject = {
        id: step.id,
        status: 'skipped',
        by: actor.by,
        finished: now,
        note: transition.note?.trim() || undefined,
      };
      return changes(append(entryListPath(transition.list), entry));
    }
    case 'decide-rollback': {
      if (state.rollback)
        return refuse(
          `a rollback was already decided by ${state.rollback.decidedBy ?? 'someone'} at ${state.rollback.at ?? 'an unknown time'}`,
        );
      if (!state.record.steps.length)
        return refuse('no step has started, so there is nothing to roll back; finish the release as cancelled instead');
      const reason = transition.reason.trim();
      if (!reason) return refuse('a rollback decision needs a reason');
      return changes(
        set(['release', 'rollback'], { 'decided-by': actor.by, at: now, reason, 'trigger-met': transition.triggerMet }),
      );
    }
    case 'verify': {
      if (state.rollback)
        return refuse(
          'the release is being rolled back: verification checks the release as deployed. Finish it as rolled-back instead.',
        );
      const open = state.steps.filter((s) => !isSettled(s));
      if (open.length)
        return refuse(`verification comes after the steps; still open: ${open.map((s) => s.id).join(', ')}`);
      const check = state.verification.find((c) => c.key === transition.key);
      if (!check) return refuse(`"${transition.key}" is not a verification check of this runbook`);
      const entry: YamlObject = check.id ? { id: check.id } : { check: check.check };
      Object.assign(entry, {
        result: transition.result,
        by: actor.by,
        at: now,
        note: transition.note?.trim() || undefined,
      });
      return changes(append(['release', 'verification'], entry));
    }
    case 'finish': {
      const problem = finishProblem(state, transition.result);
      if (problem) return refuse(problem);
      const started = firstStart(state) ?? now;
      const list2: Change[] = [
        set(['outcome', 'result'], transition.result),
        set(['outcome', 'started'], started),
        set(['outcome', 'finished'], now),
      ];
      const notes = transition.notes?.trim();
      if (notes) list2.push(set(['outcome', 'notes'], notes));
      return changes(...list2);
    }
    case 'apply-proposed-window':
      return applyProposedWindow(runbook, state, actor.zone);
    case 'set-status-comment': {
      const id = String(transition.commentId).trim();
      if (!/^\d+$/.test(id)) return refuse(`"${id}" is not a comment id`);
      if (state.record.statusComment === id) return changes();
      const value = Number.isSafeInteger(Number(id)) ? Number(id) : id;
      return changes(set(['release', 'status-comment'], value));
    }
  }
}

/** The last NO-GO's proposed window, when it is still to be applied (start and end as epoch ms). */
export function applicableWindow(
  runbook: RunbookModel,
  state: ReleaseState,
  zone: string,
): { ok: true; start: number; end: number } | { ok: false; error: string } {
  const last = state.lastDecision;
  if (!last || last.decision !== 'no-go' || !last.proposedWindow)
    return {
      ok: false,
      error: 'there is no proposed window to apply: the last decision is not a NO-GO with a proposed window',
    };
  if (state.phase !== 'review' || state.record.steps.length)
    return {
      ok: false,
      error: `the window is moved before the release begins; the release is ${phaseWords(state.phase, last)}`,
    };
  const proposed = last.proposedWindow;
  const start = parseInstant(proposed.start, zone);
  if (!start.ok) return { ok: false, error: `the proposed start "${proposed.start}" cannot be read: ${start.error}` };
  const startMs = start.value.toMillis();
  let endMs: number | undefined;
  if (proposed.end) {
    const end = parseInstant(proposed.end, zone);
    if (!end.ok) return { ok: false, error: `the proposed end "${proposed.end}" cannot be read: ${end.error}` };
    endMs = end.value.toMillis();
  } else if (proposed.duration) {
    const length = parseDuration(proposed.duration);
    if (length.ok) endMs = startMs + length.value;
  }
  if (endMs === undefined || endMs <= startMs)
    return { ok: false, error: 'the proposed window needs an end after its start' };
  const written = runbook.window.start && parseInstant(runbook.window.start.text, zone);
  const writtenLength = runbook.window.end ? parseInstant(runbook.window.end.text, zone) : undefined;
  const sameStart = written && written.ok && written.value.toMillis() === startMs;
  const sameEnd = writtenLength?.ok
    ? writtenLength.value.toMillis() === endMs
    : runbook.window.duration
      ? lengthOf(runbook) === endMs - startMs
      : false;
  if (sameStart && sameEnd) return { ok: false, error: "the runbook's window is already the proposed one" };
  return { ok: true, start: startMs, end: endMs };
}

function lengthOf(runbook: RunbookModel): number | undefined {
  const length = runbook.window.duration && parseDuration(runbook.window.duration.text);
  return length && length.ok ? length.value : undefined;
}

function applyProposedWindow(runbook: RunbookModel, state: ReleaseState, zone: string): Planned {
  const target = applicableWindow(runbook, state, zone);
  if (!target.ok) return refuse(target.error);
  const like = (field: 'start' | 'end') => runbook.window[field]?.text ?? runbook.window.start?.text ?? '';
  const list: Change[] = [set(['window', 'start'], formatInstantLike(like('start'), target.start, zone))];
  // A window written with `duration` keeps it (the proposal has the same length) unless the length changed.
  if (runbook.window.duration && !runbook.window.end) {
    if (lengthOf(runbook) !== target.end - target.start)
      list.push(set(['window', 'duration'], formatDuration(target.end - target.start)));
  } else {
    list.push(set(['window', 'end'], formatInstantLike(like('end'), target.end, zone)));
  }
  return changes(...list);
}

/** Why the release cannot finish with `result`, or undefined when it can. */
export function finishProblem(state: ReleaseState, result: OutcomeResult): string | undefined {
  if (result === 'success') {
    if (state.rollback)
      return 'a rollback was decided, so the release cannot finish as success; finish it as rolled-back or failed';
    const open = state.steps.filter((s) => !isSettled(s));
    if (open.length)
      return `success needs every step done or skipped; still open: ${open.map((s) => `${s.id} (${s.status})`).join(', ')}`;
    const failed = state.verification.filter((c) => c.result === 'fail');
    if (failed.length)
      return `verification failed for ${failed.map((c) => c.key).join(', ')}: roll back, or finish as failed`;
    const unchecked = state.verification.filter((c) => !c.result);
    if (unchecked.length)
      return `record the verification first (pass, fail or skipped): ${unchecked.map((c) => c.key).join(', ')}`;
  }
  if (result === 'rolled-back') {
    if (!state.rollback) return 'no rollback was decided: use "Roll Back" first, or finish as failed or cancelled';
    const open = state.rollback.steps.filter((s) => !isSettled(s));
    if (open.length)
      return `the rollback is not complete; still open: ${open.map((s) => `${s.id} (${s.status})`).join(', ')}`;
  }
  return undefined;
}

/** When the work really started: the earliest recorded start. */
function firstStart(state: ReleaseState): string | undefined {
  const all = [...state.record.steps, ...(state.record.rollback?.steps ?? [])]
    .map((e) => e.started)
    .filter((s): s is string => !!s);
  return all[0];
}

function stepsOf(
  state: ReleaseState,
  list: StepList,
): { ok: true; steps: TrackedStep[] } | { ok: false; error: string } {
  if (list === 'steps') return { ok: true, steps: state.steps };
  if (!state.rollback) return { ok: false, error: 'no rollback was decided: use "Roll Back" first' };
  return { ok: true, steps: state.rollback.steps };
}

function entryListPath(list: StepList): string[] {
  return list === 'steps' ? ['release', 'steps'] : ['release', 'rollback', 'steps'];
}

function unknownStep(t: { list: StepList; id: string }): string {
  return t.list === 'steps'
    ? `"${t.id}" is not a step of this runbook`
    : `"${t.id}" is not a rollback step of this rollback (the rollback steps of the steps that ran)`;
}

function label(step: TrackedStep, list: StepList): string {
  return `${list === 'steps' ? 'Step' : 'Rollback step'} "${step.id}"`;
}

function gatesObject(gates: Record<GateId, GateResult>): YamlObject {
  const out: YamlObject = {};
  for (const [id, gate] of Object.entries(gates)) out[id] = { state: gate.state, evidence: gate.evidence };
  return out;
}

/** Where the release stands, in words; after a NO-GO the review waits for a new decision, and says so. */
export function phaseWords(phase: Phase, lastDecision?: { decision: string }): string {
  switch (phase) {
    case 'review':
      return lastDecision?.decision === 'no-go'
        ? 'NO-GO given: waiting for a new go/no-go decision'
        : 'waiting for the go/no-go decision';
    case 'ready':
      return 'ready to start (GO given)';
    case 'in-progress':
      return 'in progress';
    case 'rolling-back':
      return 'rolling back';
    case 'verifying':
      return 'in verification';
    case 'finishing':
      return 'waiting for its outcome';
    case 'finished':
      return 'finished';
  }
}
