import type { Rule } from './rule';
import { runbookOf } from './rule';
import { runbookAnchor, runbookName } from './rule-helpers';

export const missingRollbackPlan: Rule = {
  code: 'RB011',
  severity: 'error',
  description: 'a production runbook has no rollback plan (rollback.steps empty or rollback.trigger missing)',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook || !ctx.index.isProduction(runbook.fields.get('environment')?.text)) return;
    const { section, trigger, steps } = runbook.rollback;
    const name = runbookName(runbook);
    if (!section) {
      ctx.report({
        range: runbookAnchor(runbook),
        message: `Production runbook "${name}" has no rollback plan: add "rollback" with a trigger and steps`,
      });
      return;
    }
    const missing: string[] = [];
    if (!trigger?.text.trim()) missing.push('"trigger"');
    if (steps.length === 0) missing.push('rollback "steps"');
    if (missing.length) {
      ctx.report({
        range: section.keyRange,
        message: `The rollback plan of production runbook "${name}" has no ${missing.join(' and no ')}`,
      });
    }
  },
};
