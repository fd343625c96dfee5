import { fieldText, requestsOf } from '../change-request/access-request';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { didYouMean, nearest } from './rule-helpers';

/** An access or provisioning request for an environment no calendar defines: nobody can grant it. */
export const requestUnknownEnvironment: Rule = {
  code: 'RB042',
  severity: 'error',
  description:
    'an access or provisioning request names an environment the calendar does not define (only when a calendar defines environments)',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const calendar = ctx.index.calendar();
    if (!calendar.definesEnvironments) return;
    const names = [...calendar.environments.keys()];
    for (const { section, item } of requestsOf(runbook)) {
      const env = fieldText(item, 'environment');
      if (!env || calendar.environments.has(env)) continue;
      const suggestion = nearest(env, names);
      ctx.report({
        range: item.fields.get('environment')!.valueRange,
        message: `The ${section} request "${item.id?.text ?? '?'}" is for environment "${env}", which the calendar does not define (${names.join(', ')})${didYouMean(suggestion)}`,
        data: { reference: env, suggestion, kind: 'environment' },
      });
    }
  },
};
