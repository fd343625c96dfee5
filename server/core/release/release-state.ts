// Where a release stands, computed from the runbook and its record alone: which phase, which
// step is next, whether it is rolling back, which checks are verified. Nothing else is kept,
// so closing the editor mid-window loses nothing: reading the file again resumes.
import type { IdItem, RunbookModel, StepModel } from '../model';
import { isTrue } from '../model';
import { parseDuration } from '../time';
import {
  DecisionEntry,
  OutcomeEntry,
  readReleaseRecord,
  ReleaseRecord,
  StepEntry,
  StepStatus,
  VerificationEntry,
  VerificationResult,
} from './release-record';
import { latestEntries, rollbackPlan, RollbackPlan } from './rollback-order';

export type Phase =
  /** No GO yet (or the last decision was NO-GO). */
  | 'review'
  /** GO given, no step started. */
  | 'ready'
  | 'in-progress'
  | 'rolling-back'
  /** Every step done or skipped; verification checks open. */
  | 'verifying'
  /** Everything recorded; the outcome is still to be written. */
  | 'finishing'
  | 'finished';

export type TrackedStatus = 'pending' | StepStatus;

export interface TrackedStep {
  id: string;
  title: string;
  /** 1-based place in the list being tracked. */
  position: number;
  timeoutMs?: number;
  owner?: string;
  status: TrackedStatus;
  latest?: StepEntry;
  attempts: StepEntry[];
  /** For a step: its rollback step's id. */
  rollbackId?: string;
  irreversible: boolean;
  /** For a rollback step: the steps it undoes. */
  undoes?: string[];
}

export interface TrackedCheck {
  /** The check's id, else its text: how the record names it. */
  key: string;
  id?: string;
  check: string;
  result?: VerificationResult;
  latest?: VerificationEntry;
}

export interface RollbackState {
  decidedBy?: string;
  at?: string;
  reason?: string;
  triggerMet?: boolean;
  steps: TrackedStep[];
  plan: RollbackPlan;
}

export interface ReleaseState {
  runbookId: string;
  title: string;
  ticket?: string;
  zone: string;
  phase: Phase;
  lastDecision?: DecisionEntry;
  steps: TrackedStep[];
  rollback?: RollbackState;
  verification: TrackedCheck[];
  outcome?: OutcomeEntry;
  record: ReleaseRecord;
  /** Record entries that name no step, check or rollback step of the runbook, and unreadable entries. */
  problems: string[];
}

export function releaseState(
  runbook: RunbookModel,
  zone: string,
  record: ReleaseRecord = readReleaseRecord(runbook),
): ReleaseState {
  const problems = [...record.problems];
  const steps = track(runbook.steps, record.steps, 'release.steps', problems);
  let rollback: RollbackState | undefined;
  if (record.rollback) {
    const plan = rollbackPlan(runbook, record.steps, zone);
    const tracked = track(
      plan.steps.map((p) => p.rollbackStep),
      record.rollback.steps,
      'release.rollback.steps',
      problems,
    );
    tracked.forEach((t, i) => (t.undoes = plan.steps[i].undoes));
    rollback = {
      decidedBy: record.rollback.decidedBy,
      at: record.rollback.at,
      reason: record.rollback.reason,
      triggerMet: record.rollback.triggerMet,
      steps: tracked,
      plan,
    };
  }
  const verification = trackChecks(runbook.verification, record.verification, problems);
  const lastDecision = record.decisions[record.decisions.length - 1];
  return {
    runbookId: runbook.id?.text ?? '',
    title: runbook.fields.get('title')?.text ?? runbook.id?.text ?? 'untitled runbook',
    ticket: runbook.change.ticket?.text.trim() || undefined,
    zone,
    phase: phaseOf(record, steps, rollback, verification, lastDecision),
    lastDecision,
    steps,
    rollback,
    verification,
    outcome: record.outcome,
    record,
    problems,
  };
}

/** The list being worked through: the rollback steps once a rollback is decided, else the steps. */
export function activeSteps(state: ReleaseState): TrackedStep[] {
  return state.rollback ? state.rollback.steps : state.steps;
}

/** The step running now (the first started one), if any. */
export function currentStep(steps: TrackedStep[]): TrackedStep | undefined {
  return steps.find((s) => s.status === 'started');
}

/** What comes next: the first step not yet done or skipped (a failed step waits for a retry, a skip or a rollback). */
export function nextStep(steps: TrackedStep[]): TrackedStep | undefined {
  return steps.find((s) => s.status === 'pending' || s.status === 'failed');
}

export function isSettled(step: TrackedStep): boolean {
  return step.status === 'done' || step.status === 'skipped';
}

function phaseOf(
  record: ReleaseRecord,
  steps: TrackedStep[],
  rollback: RollbackState | undefined,
  checks: TrackedCheck[],
  last: DecisionEntry | undefined,
): Phase {
  if (record.outcome?.result) return 'finished';
  if (rollback) return rollback.steps.every(isSettled) ? 'finishing' : 'rolling-back';
  if (record.steps.length) {
    if (!steps.every(isSettled)) return 'in-progress';
    return checks.some((c) => !c.result) ? 'verifying' : 'finishing';
  }
  return last?.decision === 'go' ? 'ready' : 'review';
}

function track(models: StepModel[], entries: StepEntry[], where: string, problems: string[]): TrackedStep[] {
  const known = new Set(models.map((m) => m.id?.text).filter(Boolean));
  for (const id of new Set(entries.map((e) => e.id))) {
    if (!known.has(id))
      problems.push(
        `${where} names "${id}", which is not ${where.includes('rollback') ? 'a rollback step this release has to run' : 'a step of the runbook'}`,
      );
  }
  const latest = latestEntries(entries);
  const out: TrackedStep[] = [];
  for (const model of models) {
    const id = model.id?.text;
    if (!id) continue;
    const timeout = model.timeout ? parseDuration(model.timeout.text) : undefined;
    const entry = latest.get(id);
    out.push({
      id,
      title: model.title?.text ?? id,
      position: out.length + 1,
      timeoutMs: timeout && timeout.ok ? timeout.value : undefined,
      owner: model.owner?.text,
      status: entry?.status ?? 'pending',
      latest: entry,
      attempts: entries.filter((e) => e.id === id),
      rollbackId: model.rollback?.text.trim() || undefined,
      irreversible: isTrue(model.irreversible),
    });
  }
  return out;
}

function trackChecks(items: IdItem[], entries: VerificationEntry[], problems: string[]): TrackedCheck[] {
  const checks: TrackedCheck[] = items.map((item) => {
    const check = item.fields.get('check')?.text ?? item.id?.text ?? 'unnamed check';
    const id = item.id?.text;
    return { key: id ?? check, id, check };
  });
  for (const entry of entries) {
    const found = entry.id
      ? checks.find((c) => c.id === entry.id)
      : checks.find((c) => !c.id && c.check === entry.check);
    if (!found) {
      problems.push(
        `release.verification names "${entry.id ?? entry.check}", which is not a verification check of the runbook`,
      );
      continue;
    }
    found.result = entry.result;
    found.latest = entry;
  }
  return checks;
}
