import type { Rule } from './rule';
import { calendarOf } from './rule';
import { didYouMean, nearest } from './rule-helpers';

/** A booking of an environment no calendar defines: most often a typo, and then nobody sees it. */
export const bookingUnknownEnvironment: Rule = {
  code: 'RB039',
  severity: 'error',
  description:
    'a booking names an environment the calendar does not define (only when a calendar defines environments)',
  appliesTo: 'calendar',
  check(ctx) {
    const model = calendarOf(ctx);
    if (!model) return;
    const calendar = ctx.index.calendar();
    if (!calendar.definesEnvironments) return;
    const names = [...calendar.environments.keys()];
    for (const booking of model.bookings) {
      const env = booking.environments?.[0];
      if (!env || calendar.environments.has(env.text)) continue;
      const suggestion = nearest(env.text, names);
      ctx.report({
        range: env.range,
        message: `Booking "${booking.id?.text ?? '?'}" is for environment "${env.text}", which the calendar does not define (${names.join(', ')})${didYouMean(suggestion)}`,
        data: { reference: env.text, suggestion, kind: 'environment' },
      });
    }
  },
};
