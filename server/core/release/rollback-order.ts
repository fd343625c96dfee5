// Which rollback steps undo a release, and in what order: the rollback steps referenced by the
// steps that began (done, failed, or still running when the rollback was decided), latest first,
// each once. A failed step counts because it may have changed something before it failed. Steps
// marked irreversible that began are named apart: nothing undoes them.
import type { RunbookModel, StepModel } from '../model';
import { parseInstant } from '../time';
import type { StepEntry } from './release-record';

export interface RollbackPlanStep {
  /** The rollback step's id. */
  id: string;
  rollbackStep: StepModel;
  /** The steps it undoes, latest first. */
  undoes: string[];
}

export interface RollbackPlan {
  steps: RollbackPlanStep[];
  /** Steps that began, are marked irreversible, and so stay as they are. */
  irreversible: string[];
  /** Steps that began with no rollback step to undo them (none named, or the name is unknown). */
  uncovered: { step: string; reason: string }[];
}

/** The latest entry of each id, in the order the ids were first recorded. */
export function latestEntries(entries: StepEntry[]): Map<string, StepEntry> {
  const latest = new Map<string, StepEntry>();
  for (const entry of entries) latest.set(entry.id, entry);
  return latest;
}

export function rollbackPlan(runbook: RunbookModel, stepEntries: StepEntry[], zone: string): RollbackPlan {
  const latest = latestEntries(stepEntries);
  const began = runbook.steps
    .filter((step) => step.id && latest.has(step.id.text) && latest.get(step.id.text)!.status !== 'skipped')
    .map((step) => ({ step, started: startedAt(latest.get(step.id!.text)!, zone) }));
  // Latest first: by when each step (its last attempt) started; the later step in the runbook wins a tie.
  began.sort((a, b) => (b.started ?? -Infinity) - (a.started ?? -Infinity) || b.step.index - a.step.index);

  const rollbackById = new Map(runbook.rollback.steps.filter((s) => s.id).map((s) => [s.id!.text, s]));
  const plan: RollbackPlan = { steps: [], irreversible: [], uncovered: [] };
  const placed = new Map<string, RollbackPlanStep>();
  for (const { step } of began) {
    const id = step.id!.text;
    const target = step.rollback?.text.trim();
    if (target) {
      const rollbackStep = rollbackById.get(target);
      if (!rollbackStep) {
        plan.uncovered.push({ step: id, reason: `its rollback step "${target}" is not under rollback.steps` });
        continue;
      }
      const existing = placed.get(target);
      if (existing) {
        existing.undoes.push(id);
        continue;
      }
      const entry = { id: target, rollbackStep, undoes: [id] };
      placed.set(target, entry);
      plan.steps.push(entry);
    } else if (step.irreversible && (step.irreversible.raw === true || step.irreversible.text === 'true')) {
      plan.irreversible.push(id);
    } else {
      plan.uncovered.push({ step: id, reason: 'it names no rollback step' });
    }
  }
  return plan;
}

function startedAt(entry: StepEntry, zone: string): number | undefined {
  const text = entry.started ?? entry.finished;
  if (!text) return undefined;
  const parsed = parseInstant(text, zone);
  return parsed.ok ? parsed.value.toMillis() : undefined;
}
