import type { Period } from '../workspace-index';
import type { Rule, RuleContext } from './rule';
import { calendarOf } from './rule';

export const recurrenceNeverOccurs: Rule = {
  code: 'RB032',
  severity: 'error',
  description: 'a recurring freeze or maintenance window that can never occur',
  appliesTo: 'calendar',
  check(ctx) {
    reportRecurrenceProblems(ctx, 'never');
  },
};

/** RB032 and RB033: the problem recurrence.ts found for each recurring period of this calendar file. */
export function reportRecurrenceProblems(ctx: RuleContext, kind: 'never' | 'too-large'): void {
  const calendar = calendarOf(ctx);
  if (!calendar) return;
  const merged = ctx.index.calendar();
  const periods: Period[] = [...merged.periods, ...merged.bookings].filter(
    (p) => p.calendar === calendar && p.recurrence,
  );
  for (const period of periods) {
    const problem = period.recurrence!.problem();
    if (!problem || problem.kind !== kind) continue;
    const field = period.entry.fields.get('rrule');
    const what = period.kind === 'freeze' ? 'Freeze' : period.kind === 'booking' ? 'Booking' : 'Maintenance window';
    ctx.report({
      range: field?.valueRange ?? period.entry.range,
      message: `${what} "${period.id}": ${problem.message}`,
    });
  }
}
