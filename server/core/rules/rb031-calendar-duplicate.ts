import type { Field } from '../model';
import type { Rule } from './rule';
import { calendarOf } from './rule';
import { fileName } from './rule-helpers';

// Several calendar files merge; a name defined in two of them is ambiguous, so every
// definition is reported (duplicates inside one file are RB005's).
export const calendarDuplicate: Rule = {
  code: 'RB031',
  severity: 'error',
  description: 'an environment or freeze defined twice across calendar files',
  appliesTo: 'calendar',
  check(ctx) {
    const calendar = calendarOf(ctx);
    if (!calendar) return;
    const others = ctx.index.calendars().filter((c) => c.uri !== calendar.uri);
    if (!others.length) return;
    const check = (fields: Field[], what: string, elsewhere: (name: string) => string[]) => {
      const seen = new Set<string>();
      for (const field of fields) {
        if (seen.has(field.text)) continue;
        seen.add(field.text);
        const files = elsewhere(field.text);
        if (files.length) ctx.report({ range: field.valueRange, message: `${what} "${field.text}" is also defined in ${files.join(', ')}` });
      }
    };
    check(calendar.environments.map((e) => e.name), 'Environment', (name) =>
      others.filter((o) => o.environments.some((e) => e.name.text === name)).map((o) => fileName(o.uri)));
    const periodIds = (list: typeof calendar.freezes) => list.map((p) => p.id).filter((f): f is Field => !!f);
    check(periodIds(calendar.freezes), 'Freeze', (id) =>
      others.filter((o) => o.freezes.some((p) => p.id?.text === id)).map((o) => fileName(o.uri)));
    check(periodIds(calendar.maintenance), 'Maintenance window', (id) =>
      others.filter((o) => o.maintenance.some((p) => p.id?.text === id)).map((o) => fileName(o.uri)));
  },
};
