import type { Rule } from './rule';
import { runbookOf } from './rule';
import { runbookAnchor, runbookName } from './rule-helpers';

export const missingVerification: Rule = {
  code: 'RB016',
  severity: 'warning',
  description: 'a production runbook has no verification',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook || !ctx.index.isProduction(runbook.fields.get('environment')?.text)) return;
    if (runbook.verification.length > 0) return;
    const section = runbook.sections.get('verification');
    ctx.report({
      range: section?.keyRange ?? runbookAnchor(runbook),
      message: `Production runbook "${runbookName(runbook)}" has no post-deployment "verification" checks`,
    });
  },
};
