import type { Interval } from '../time';
import { formatInstant } from '../time';
import type { Period } from '../workspace-index';
import type { Rule, RuleContext } from './rule';
import { calendarOf, runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

/**
 * A change or a booking in an environment another team has booked for that time: two teams on one
 * staging ruin each other's test campaign. A warning; an error when the booking is exclusive.
 * Runbooks are checked against every booking; a booking against the bookings of other teams (a
 * recurring booking against one-off ones, both ways: two recurring bookings are not compared).
 */
export const environmentBooked: Rule = {
  code: 'RB038',
  severity: 'warning',
  description:
    'a window or a booking in an environment another team has booked for that time (error when the booking is exclusive)',
  appliesTo: 'both',
  check(ctx) {
    const bookings = ctx.index.calendar().bookings;
    if (bookings.length === 0) return;
    const runbook = runbookOf(ctx);
    if (runbook) {
      const window = ctx.index.windowOf(runbook);
      const environment = runbook.fields.get('environment')?.text;
      if (!window || window.end <= window.start || !environment) return;
      const team = runbook.fields.get('team')?.text.trim() || undefined;
      for (const booking of bookings) {
        if (booking.environments?.[0] !== environment || sameTeam(booking, team)) continue;
        const hit = booking.occurrences(window)[0];
        if (hit) report(ctx, windowAnchor(runbook), 'The window', booking, hit);
      }
      return;
    }
    const calendar = calendarOf(ctx);
    if (!calendar) return;
    for (const mine of bookings.filter((b) => b.calendar === calendar)) {
      const env = mine.environments?.[0];
      const team = teamOf(mine);
      for (const other of bookings) {
        if (other === mine || other.environments?.[0] !== env || sameTeam(other, team)) continue;
        const hit = firstOverlap(mine, other);
        if (hit)
          report(
            ctx,
            mine.entry.id?.valueRange ?? mine.entry.range,
            `Booking "${mine.id}" of team "${team ?? '?'}"`,
            other,
            hit,
          );
      }
    }
  },
};

function teamOf(booking: Period): string | undefined {
  return booking.entry.fields.get('team')?.text.trim() || undefined;
}

function sameTeam(booking: Period, team: string | undefined): boolean {
  const owner = teamOf(booking);
  return owner !== undefined && team !== undefined && owner.toLowerCase() === team.toLowerCase();
}

/** An occurrence of `other` meeting `mine`, when at least one of the two is one-off. */
function firstOverlap(mine: Period, other: Period): Interval | undefined {
  if (!mine.recurrence) {
    const own = mine.occurrences({ start: -8.64e15, end: 8.64e15 })[0];
    return own ? other.occurrences(own)[0] : undefined;
  }
  if (!other.recurrence) {
    const theirs = other.occurrences({ start: -8.64e15, end: 8.64e15 })[0];
    return theirs && mine.occurrences(theirs)[0] ? theirs : undefined;
  }
  return undefined;
}

function report(
  ctx: RuleContext,
  range: Parameters<RuleContext['report']>[0]['range'],
  what: string,
  booking: Period,
  hit: Interval,
): void {
  const field = (name: string) => booking.entry.fields.get(name)?.text.trim() || undefined;
  const exclusive = field('exclusive') === 'true';
  const purpose = field('purpose');
  const contact = field('contact');
  const span = `${formatInstant(hit.start, booking.zone)} to ${formatInstant(hit.end, booking.zone)}`;
  ctx.report({
    range,
    message: `${what} overlaps booking "${booking.id}" of team "${teamOf(booking) ?? '?'}" on ${booking.environments?.[0] ?? '?'}${exclusive ? ', booked exclusively' : ''} (${purpose ? `${purpose}, ` : ''}${span})${contact ? `; ask ${contact}` : ''}`,
    severity: exclusive ? 'error' : undefined,
    data: { booking: booking.id },
  });
}
