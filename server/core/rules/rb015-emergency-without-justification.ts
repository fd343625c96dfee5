import type { Rule } from './rule';
import { runbookOf } from './rule';

export const emergencyWithoutJustification: Rule = {
  code: 'RB015',
  severity: 'error',
  description: 'type: emergency without justification',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    const type = runbook?.change.type;
    if (!runbook || type?.text !== 'emergency' || runbook.change.justification?.text.trim()) return;
    ctx.report({
      range: type.valueRange,
      message: 'An emergency change needs a "justification" under "change": why it cannot wait',
    });
  },
};
