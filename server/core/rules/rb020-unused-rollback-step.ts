import type { Rule } from './rule';
import { runbookOf } from './rule';

export const unusedRollbackStep: Rule = {
  code: 'RB020',
  severity: 'hint',
  description: 'a rollback step that no step references',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const used = new Set(runbook.steps.map((s) => s.rollback?.text).filter(Boolean));
    for (const step of runbook.rollback.steps) {
      if (!step.id || used.has(step.id.text)) continue;
      ctx.report({
        range: step.id.valueRange,
        message: `Rollback step "${step.id.text}" is not referenced by any step's "rollback"`,
      });
    }
  },
};
