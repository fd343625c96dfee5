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
        if (files.length)
          ctx.report({
            range: field.valueRange,
            message: `${what} "${field.text}" is also defined in ${files.join(', ')}`,
          });
      }
    };
    check(
      calendar.environments.map((e) => e.name),
      'Environment',
      (name) => others.filter((o) => o.environments.some((e) => e.name.text === name)).map((o) => fileName(o.uri)),
    );
    // Freezes and maintenance windows share one namespace of ids, as they do within a file (RB005).
    const periods = (c: typeof calendar) => [...c.freezes, ...c.maintenance];
    for (const kind of ['freezes', 'maintenance'] as const) {
      const ids = periods(calendar)
        .filter((p) => p.section === kind)
        .map((p) => p.id)
        .filter((f): f is Field => !!f);
      check(ids, kind === 'freezes' ? 'Freeze' : 'Maintenance window', (id) =>
        others.filter((o) => periods(o).some((p) => p.id?.text === id)).map((o) => fileName(o.uri)),
      );
    }
  },
};
