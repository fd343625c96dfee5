import { isTrue } from '../model';
import type { Rule } from './rule';
import { runbookOf } from './rule';

export const stepWithoutRollback: Rule = {
  code: 'RB010',
  severity: 'error',
  description: 'a step with run has neither rollback nor irreversible: true',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    for (const step of runbook.steps) {
      if (!step.run || step.rollback || isTrue(step.irreversible)) continue;
      const name = step.id?.text ?? `number ${step.index + 1}`;
      ctx.report({
        range: step.id?.valueRange ?? step.anchorRange,
        message: `Step "${name}" runs a command but has no "rollback" step and is not marked "irreversible: true"`,
        data: { step: step.id?.text },
      });
    }
  },
};
