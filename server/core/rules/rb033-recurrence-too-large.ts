import type { Rule } from './rule';
import { reportRecurrenceProblems } from './rb032-recurrence-never-occurs';

export const recurrenceTooLarge: Rule = {
  code: 'RB033',
  severity: 'error',
  description: 'a recurrence that would expand past the limit (COUNT beyond 10,000 occurrences or 50,000 periods)',
  appliesTo: 'calendar',
  check(ctx) {
    reportRecurrenceProblems(ctx, 'too-large');
  },
};
