import { idItemsOf } from '../model';
import type { Field } from '../model';
import { compareRanges } from '../text-range';
import { fileName } from './rule-helpers';
import type { Rule, RuleContext } from './rule';

// Within a file the first definition stands and later ones are reported; across the workspace
// no file is more right than another, so each definition of a shared runbook or calendar id is.
export const duplicateId: Rule = {
  code: 'RB005',
  severity: 'error',
  description: 'duplicate id (within the file; runbook and calendar ids across the workspace)',
  appliesTo: 'both',
  check(ctx) {
    const model = ctx.file.model;
    if (model.kind === 'runbook') {
      reportLater(
        ctx,
        idItemsOf(model).map(({ item }) => item.id),
        'id',
      );
      // Each request's issue is found again by its section and id (its marker), so ids repeat
      // only across the two sections, never within one.
      reportLater(
        ctx,
        model.access.map((item) => item.id),
        'access request id',
      );
      reportLater(
        ctx,
        model.provisioning.map((item) => item.id),
        'provisioning request id',
      );
      if (model.id) {
        const others = (ctx.index.runbookIds().get(model.id.text) ?? []).filter((rb) => rb.uri !== model.uri);
        if (others.length) {
          ctx.report({
            range: model.id.valueRange,
            message: `Runbook id "${model.id.text}" is also used by ${others.map((o) => fileName(o.uri)).join(', ')}`,
          });
        }
      }
    } else {
      reportLater(
        ctx,
        model.environments.map((e) => e.name),
        'environment',
      );
      reportLater(
        ctx,
        [...model.freezes, ...model.maintenance, ...model.bookings].map((p) => p.id),
        'id',
      );
      if (model.id) {
        const others = ctx.index.calendars().filter((c) => c.uri !== model.uri && c.id?.text === model.id!.text);
        if (others.length) {
          ctx.report({
            range: model.id.valueRange,
            message: `Calendar id "${model.id.text}" is also used by ${others.map((o) => fileName(o.uri)).join(', ')}`,
          });
        }
      }
    }
  },
};

function reportLater(ctx: RuleContext, fields: (Field | undefined)[], what: string): void {
  // Most files have no duplicate: then there is nothing to order (ordering reads every range).
  const texts = new Set<string>();
  let count = 0;
  for (const field of fields) {
    if (!field) continue;
    texts.add(field.text);
    count++;
  }
  if (texts.size === count) return;
  const seen = new Map<string, Field>();
  // "Later" is by place in the file, whatever section each id sits in.
  const ordered = fields.filter((f): f is Field => !!f).sort((a, b) => compareRanges(a.valueRange, b.valueRange));
  for (const field of ordered) {
    const first = seen.get(field.text);
    if (first) {
      ctx.report({
        range: field.valueRange,
        message: `Duplicate ${what} "${field.text}": already defined on line ${first.valueRange.start.line + 1}`,
      });
    } else seen.set(field.text, field);
  }
}
