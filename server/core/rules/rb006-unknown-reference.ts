import type { Rule } from './rule';
import { didYouMean, nearest } from './rule-helpers';

export const unknownReference: Rule = {
  code: 'RB006',
  severity: 'error',
  description:
    "reference to an unknown id: a step's rollback, an entry of depends-on, an environment of a freeze or maintenance entry",
  appliesTo: 'both',
  check(ctx) {
    const model = ctx.file.model;
    if (model.kind === 'runbook') {
      const rollbackIds = model.rollback.steps.map((s) => s.id?.text).filter((id): id is string => !!id);
      // A set: a runbook of thousands of steps would otherwise search the list once per step.
      const known = new Set(rollbackIds);
      for (const step of model.steps) {
        const ref = step.rollback;
        if (!ref || known.has(ref.text)) continue;
        const suggestion = nearest(ref.text, rollbackIds);
        ctx.report({
          range: ref.valueRange,
          message: `Step "${step.id?.text ?? step.index + 1}" rolls back with "${ref.text}", which is not a rollback step under rollback.steps${didYouMean(suggestion)}`,
          data: { reference: ref.text, suggestion, kind: 'rollback-step' },
        });
      }
      const ids = ctx.index.runbookIds();
      for (const dep of model.dependsOn) {
        if (ids.has(dep.text)) continue;
        const suggestion = nearest(dep.text, ids.keys());
        ctx.report({
          range: dep.range,
          message: `depends-on names "${dep.text}", which is no runbook in the workspace${didYouMean(suggestion)}`,
          data: { reference: dep.text, suggestion, kind: 'runbook' },
        });
      }
    } else {
      const calendar = ctx.index.calendar();
      if (!calendar.definesEnvironments) return;
      const names = [...calendar.environments.keys()];
      for (const period of [...model.freezes, ...model.maintenance]) {
        for (const env of period.environments ?? []) {
          if (calendar.environments.has(env.text)) continue;
          const suggestion = nearest(env.text, names);
          ctx.report({
            range: env.range,
            message: `${period.section === 'freezes' ? 'Freeze' : 'Maintenance window'} "${period.id?.text ?? '?'}" names environment "${env.text}", which the calendar does not define${didYouMean(suggestion)}`,
            data: { reference: env.text, suggestion, kind: 'environment' },
          });
        }
      }
    }
  },
};
