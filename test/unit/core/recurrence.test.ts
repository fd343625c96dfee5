import * as assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { expandRecurrence, parseRRule, RecurrenceSpec } from '../../../server/core/recurrence';

const zone = 'Europe/Berlin';
const ms = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (t: number) => DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

function spec(rule: string, hour: number, minute: number, durationHours: number, extra: Partial<RecurrenceSpec> = {}): RecurrenceSpec {
  const parsed = parseRRule(rule);
  assert.ok(parsed.ok, rule);
  return { rule: parsed.value, hour, minute, durationMs: durationHours * 3_600_000, zone, ...extra };
}

describe('recurrence', () => {
  it('keeps a weekly Sunday 02:00 window at 02:00 local across both daylight-saving changes', () => {
    const sundays = expandRecurrence(spec('FREQ=WEEKLY;BYDAY=SU', 2, 0, 4), { start: ms('2026-03-20T00:00'), end: ms('2026-04-06T00:00') });
    assert.deepEqual(sundays.map((o) => local(o.start)), ['2026-03-22T02:00', '2026-03-29T03:00', '2026-04-05T02:00']);
    const autumn = expandRecurrence(spec('FREQ=WEEKLY;BYDAY=SU', 2, 0, 4), { start: ms('2026-10-20T00:00'), end: ms('2026-11-02T00:00') });
    assert.deepEqual(autumn.map((o) => local(o.start)), ['2026-10-25T02:00', '2026-11-01T02:00']);
    // Four real hours on the night the clocks go back end at 05:00 local.
    assert.equal(local(autumn[0].end), '2026-10-25T05:00');
  });

  it('expands the month-end close on the last day of each month, including one that reaches into the range', () => {
    const list = expandRecurrence(spec('FREQ=MONTHLY;BYMONTHDAY=-1', 18, 0, 30), { start: ms('2027-01-01T12:00'), end: ms('2027-03-15T00:00') });
    assert.deepEqual(list.map((o) => local(o.start)), ['2026-12-31T18:00', '2027-01-31T18:00', '2027-02-28T18:00']);
  });

  it('gives the same occurrences for any date asked about: without "from" there is no first one', () => {
    const early = expandRecurrence(spec('FREQ=MONTHLY', 9, 0, 1), { start: ms('1999-05-01T00:00'), end: ms('1999-06-30T00:00') });
    const late = expandRecurrence(spec('FREQ=MONTHLY', 9, 0, 1), { start: ms('2031-05-01T00:00'), end: ms('2031-06-30T00:00') });
    assert.deepEqual(early.map((o) => local(o.start)), ['1999-05-01T09:00', '1999-06-01T09:00']);
    assert.deepEqual(late.map((o) => local(o.start)), ['2031-05-01T09:00', '2031-06-01T09:00']);
  });

  it('respects from and until dates', () => {
    const list = expandRecurrence(spec('FREQ=DAILY', 8, 0, 1, { from: { year: 2026, month: 12, day: 3 }, until: { year: 2026, month: 12, day: 5 } }), {
      start: ms('2026-12-01T00:00'),
      end: ms('2026-12-10T00:00'),
    });
    assert.deepEqual(list.map((o) => local(o.start)), ['2026-12-03T08:00', '2026-12-04T08:00', '2026-12-05T08:00']);
  });

  it('counts every-other-week rules from 1970 when no "from" is given, so the answer never depends on the question', () => {
    const a = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), { start: ms('2026-12-01T00:00'), end: ms('2026-12-31T00:00') });
    const b = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), { start: ms('2026-12-10T00:00'), end: ms('2026-12-31T00:00') });
    assert.equal(a.length, 2);
    assert.deepEqual(b.map((o) => o.start), a.filter((o) => o.start >= ms('2026-12-10T00:00')).map((o) => o.start));
  });

  it('rejects rules it cannot expand, saying why', () => {
    for (const [rule, why] of [['FREQ=SOMETIMES', /FREQ=SOMETIMES/], ['BYDAY=SU', /no FREQ/], ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/], ['garbage', /not an RRULE part/], ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL/]] as const) {
      const parsed = parseRRule(rule);
      assert.ok(!parsed.ok, rule);
      assert.match(parsed.error, why);
    }
    assert.ok(parseRRule('RRULE:FREQ=DAILY').ok);
  });
});
