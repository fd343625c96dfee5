import type { Rule } from './rule';
import { runbookOf } from './rule';
import { runbookAnchor, runbookName } from './rule-helpers';

export const missingOwner: Rule = {
  code: 'RB017',
  severity: 'warning',
  description: 'a production runbook has no owner or no on-call',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook || !ctx.index.isProduction(runbook.fields.get('environment')?.text)) return;
    const missing = ['owner', 'on-call'].filter((key) => !runbook.fields.get(key)?.text.trim());
    if (!missing.length) return;
    ctx.report({
      range: runbookAnchor(runbook),
      message: `Production runbook "${runbookName(runbook)}" names no ${missing.map((m) => `"${m}"`).join(' and no ')}`,
      data: { missing },
    });
  },
};
