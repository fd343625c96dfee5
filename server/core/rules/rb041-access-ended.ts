import { accessPeriod, fieldText } from '../change-request/access-request';
import { formatInstant } from '../time';
import type { Rule } from './rule';
import { runbookOf } from './rule';

/**
 * Production access (any access) outlives its reason unless someone revokes it: once its `until`
 * has passed, say so on the runbook that asked for it. Reads the clock, so it is never file-only.
 */
export const accessEnded: Rule = {
  code: 'RB041',
  severity: 'information',
  description: 'an access request whose `until` has passed: make sure the access is revoked',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const now = Date.now();
    for (const item of runbook.access) {
      const period = accessPeriod(ctx.index, runbook, item);
      if (!period || period.end > now) continue;
      const who = fieldText(item, 'who') ?? 'someone';
      const environment = fieldText(item, 'environment') ?? 'an environment';
      ctx.report({
        range: item.fields.get('until')!.valueRange,
        message: `Access for ${who} to ${environment} ended ${formatInstant(period.end, period.zone)}: make sure it is revoked`,
        data: { request: item.id?.text },
      });
    }
  },
};
