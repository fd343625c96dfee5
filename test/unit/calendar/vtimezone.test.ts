// The VTIMEZONE the feed carries, read back by an independent parser (ical.js): over long spans
// that cross a zone's change of rules (New York 2007, Sydney 2008, São Paulo's yearly decrees),
// before its first change (Berlin before 1980) and in a zone without changes (Kolkata), the
// offset it gives every 53 hours is the one the time zone database (luxon) gives.
import * as assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { vtimezone } from '../../../server/core/calendar/vtimezone';

const SPANS: [string, number, number][] = [
  ['Australia/Sydney', 1960, 2030],
  ['America/New_York', 1960, 2030],
  ['Europe/Berlin', 1970, 2030],
  ['Pacific/Auckland', 1970, 2030],
  ['America/Sao_Paulo', 1970, 2030],
  ['Europe/London', 1965, 2030],
  ['Asia/Kolkata', 1960, 2030],
  ['America/Los_Angeles', 2025, 2028],
];
const DAY = 86_400_000;

describe('VTIMEZONE against ical.js over spans that cross rule changes', function () {
  // Thousands of instants through two implementations: seconds on a busy machine.
  this.timeout(30_000);
  for (const [zone, from, to] of SPANS) {
    it(`${zone} ${from}-${to}`, () => {
      const tz = new ICAL.Timezone(new ICAL.Component(ICAL.parse(vtimezone(zone, from, to))));
      const wrong: string[] = [];
      let compared = 0;
      // Every 53 hours: each hour of the day and each weekday comes round.
      for (let t = Date.UTC(from, 0, 1); t < Date.UTC(to + 1, 0, 1); t += 53 * 3_600_000) {
        const want = DateTime.fromMillis(t, { zone }).offset;
        // ical.js reads the time it is given as local time: a day either side of a change is left out.
        if (
          DateTime.fromMillis(t - DAY, { zone }).offset !== want ||
          DateTime.fromMillis(t + DAY, { zone }).offset !== want
        )
          continue;
        compared++;
        const got = tz.utcOffset(ICAL.Time.fromJSDate(new Date(t), true)) / 60;
        if (got !== want && wrong.length < 5) wrong.push(`${new Date(t).toISOString()}: ${got} instead of ${want}`);
      }
      assert.deepEqual(wrong, []);
      assert.ok(compared > (to - from) * 150, `compared ${compared} instants`);
    });
  }
});
