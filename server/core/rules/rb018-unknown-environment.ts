import type { Rule } from './rule';
import { runbookOf } from './rule';
import { didYouMean, nearest } from './rule-helpers';

export const unknownEnvironment: Rule = {
  code: 'RB018',
  severity: 'error',
  description: 'environment is not defined by the calendar (only when a calendar defines environments)',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    const env = runbook?.fields.get('environment');
    if (!runbook || !env) return;
    const calendar = ctx.index.calendar();
    if (!calendar.definesEnvironments || calendar.environments.has(env.text)) return;
    const names = [...calendar.environments.keys()];
    const suggestion = nearest(env.text, names);
    ctx.report({
      range: env.valueRange,
      message: `Environment "${env.text}" is not defined by the calendar (${names.join(', ') || 'none'})${didYouMean(suggestion)}`,
      data: { reference: env.text, suggestion, kind: 'environment' },
    });
  },
};
