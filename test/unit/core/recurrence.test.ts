import * as assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { compileRecurrence, expandRecurrence, parseRRule, RecurrenceSpec } from '../../../server/core/recurrence';

const zone = 'Europe/Berlin';
const ms = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (t: number) => DateTime.fromMillis(t, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

function spec(
  rule: string,
  hour: number,
  minute: number,
  durationHours: number,
  extra: Partial<RecurrenceSpec> = {},
): RecurrenceSpec {
  const parsed = parseRRule(rule);
  assert.ok(parsed.ok, rule);
  return { rule: parsed.value, hour, minute, durationMs: durationHours * 3_600_000, zone, ...extra };
}

describe('recurrence', () => {
  it('keeps a weekly Sunday 02:00 window at 02:00 local across both daylight-saving changes', () => {
    const sundays = expandRecurrence(spec('FREQ=WEEKLY;BYDAY=SU', 2, 0, 4), {
      start: ms('2026-03-20T00:00'),
      end: ms('2026-04-06T00:00'),
    });
    assert.deepEqual(
      sundays.map((o) => local(o.start)),
      ['2026-03-22T02:00', '2026-03-29T03:00', '2026-04-05T02:00'],
    );
    const autumn = expandRecurrence(spec('FREQ=WEEKLY;BYDAY=SU', 2, 0, 4), {
      start: ms('2026-10-20T00:00'),
      end: ms('2026-11-02T00:00'),
    });
    assert.deepEqual(
      autumn.map((o) => local(o.start)),
      ['2026-10-25T02:00', '2026-11-01T02:00'],
    );
    // Four real hours on the night the clocks go back end at 05:00 local.
    assert.equal(local(autumn[0].end), '2026-10-25T05:00');
  });

  it('expands the month-end close on the last day of each month, including one that reaches into the range', () => {
    const list = expandRecurrence(spec('FREQ=MONTHLY;BYMONTHDAY=-1', 18, 0, 30), {
      start: ms('2027-01-01T12:00'),
      end: ms('2027-03-15T00:00'),
    });
    assert.deepEqual(
      list.map((o) => local(o.start)),
      ['2026-12-31T18:00', '2027-01-31T18:00', '2027-02-28T18:00'],
    );
  });

  it('gives the same occurrences for any date asked about: without "from" there is no first one', () => {
    const early = expandRecurrence(spec('FREQ=MONTHLY', 9, 0, 1), {
      start: ms('1999-05-01T00:00'),
      end: ms('1999-06-30T00:00'),
    });
    const late = expandRecurrence(spec('FREQ=MONTHLY', 9, 0, 1), {
      start: ms('2031-05-01T00:00'),
      end: ms('2031-06-30T00:00'),
    });
    assert.deepEqual(
      early.map((o) => local(o.start)),
      ['1999-05-01T09:00', '1999-06-01T09:00'],
    );
    assert.deepEqual(
      late.map((o) => local(o.start)),
      ['2031-05-01T09:00', '2031-06-01T09:00'],
    );
  });

  it('respects from and until dates', () => {
    const list = expandRecurrence(
      spec('FREQ=DAILY', 8, 0, 1, {
        from: { year: 2026, month: 12, day: 3 },
        until: { year: 2026, month: 12, day: 5 },
      }),
      {
        start: ms('2026-12-01T00:00'),
        end: ms('2026-12-10T00:00'),
      },
    );
    assert.deepEqual(
      list.map((o) => local(o.start)),
      ['2026-12-03T08:00', '2026-12-04T08:00', '2026-12-05T08:00'],
    );
  });

  it('counts every-other-week rules from 1970 when no "from" is given, so the answer never depends on the question', () => {
    const a = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), {
      start: ms('2026-12-01T00:00'),
      end: ms('2026-12-31T00:00'),
    });
    const b = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), {
      start: ms('2026-12-10T00:00'),
      end: ms('2026-12-31T00:00'),
    });
    assert.equal(a.length, 2);
    assert.deepEqual(
      b.map((o) => o.start),
      a.filter((o) => o.start >= ms('2026-12-10T00:00')).map((o) => o.start),
    );
  });

  it('rejects rules it cannot expand, saying why', () => {
    for (const [rule, why] of [
      ['FREQ=SOMETIMES', /FREQ=SOMETIMES/],
      ['BYDAY=SU', /no FREQ/],
      ['FREQ=WEEKLY;BYDAY=XX', /BYDAY/],
      ['garbage', /not an RRULE part/],
      ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL/],
    ] as const) {
      const parsed = parseRRule(rule);
      assert.ok(!parsed.ok, rule);
      assert.match(parsed.error, why);
    }
    assert.ok(parseRRule('RRULE:FREQ=DAILY').ok);
  });

  describe('bounds, as RFC 5545 reads them', () => {
    const inZone = (z: string) => ({
      ms: (iso: string) => DateTime.fromISO(iso, { zone: z }).toMillis(),
      local: (t: number) => DateTime.fromMillis(t, { zone: z }).toFormat("yyyy-MM-dd'T'HH:mm"),
      spec: (rule: string, hour: number, minute: number, extra: Partial<RecurrenceSpec> = {}) => ({
        ...spec(rule, hour, minute, 1, extra),
        zone: z,
      }),
    });

    it('UNTIL=...Z bounds the start instant: RFC 5545 "Daily until December 24, 1997" in New York ends on December 23', () => {
      const ny = inZone('America/New_York');
      const list = expandRecurrence(
        ny.spec('FREQ=DAILY;UNTIL=19971224T000000Z', 9, 0, { from: { year: 1997, month: 9, day: 2 } }),
        {
          start: ny.ms('1997-12-20T00:00'),
          end: ny.ms('1997-12-28T00:00'),
        },
      );
      assert.deepEqual(
        list.map((o) => ny.local(o.start)),
        ['1997-12-20T09:00', '1997-12-21T09:00', '1997-12-22T09:00', '1997-12-23T09:00'],
      );
    });

    it('UNTIL=...Z east of UTC keeps the last occurrence whose start is before it (Sydney, 09:00 on December 25 is 22:00Z on the 24th)', () => {
      const syd = inZone('Australia/Sydney');
      const list = expandRecurrence(syd.spec('FREQ=DAILY;UNTIL=20261224T235959Z', 9, 0), {
        start: syd.ms('2026-12-23T00:00'),
        end: syd.ms('2026-12-28T00:00'),
      });
      assert.deepEqual(
        list.map((o) => syd.local(o.start)),
        ['2026-12-23T09:00', '2026-12-24T09:00', '2026-12-25T09:00'],
      );
    });

    it('UNTIL=...Z west of UTC: Los Angeles 23:30 on December 4 is 07:30Z on the 5th, after UNTIL=20261205T000000Z', () => {
      const la = inZone('America/Los_Angeles');
      const list = expandRecurrence(la.spec('FREQ=DAILY;UNTIL=20261205T000000Z', 23, 30), {
        start: la.ms('2026-12-02T12:00'),
        end: la.ms('2026-12-08T00:00'),
      });
      assert.deepEqual(
        list.map((o) => la.local(o.start)),
        ['2026-12-02T23:30', '2026-12-03T23:30'],
      );
    });

    it('an UNTIL at a daylight-saving change: the 02:30 that Berlin skips starts at 03:30 CEST (01:30Z), and an UNTIL of exactly that instant keeps it', () => {
      const ber = inZone('Europe/Berlin');
      const range = { start: ber.ms('2026-03-27T00:00'), end: ber.ms('2026-04-01T00:00') };
      const kept = expandRecurrence(ber.spec('FREQ=DAILY;UNTIL=20260329T013000Z', 2, 30), range);
      assert.deepEqual(
        kept.map((o) => ber.local(o.start)),
        ['2026-03-27T02:30', '2026-03-28T02:30', '2026-03-29T03:30'],
      );
      const cut = expandRecurrence(ber.spec('FREQ=DAILY;UNTIL=20260329T012959Z', 2, 30), range);
      assert.deepEqual(
        cut.map((o) => ber.local(o.start)),
        ['2026-03-27T02:30', '2026-03-28T02:30'],
      );
      // New York's repeated 01:30 in November is its first occurrence (EDT), as RFC 5545 section 3.3.5 says.
      const ny = inZone('America/New_York');
      const autumn = expandRecurrence(ny.spec('FREQ=DAILY;UNTIL=20261101T053000Z', 1, 30), {
        start: ny.ms('2026-10-31T00:00'),
        end: ny.ms('2026-11-03T00:00'),
      });
      assert.deepEqual(
        autumn.map((o) => new Date(o.start).toISOString()),
        ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z'],
      );
    });

    it('a date-only UNTIL beside start-time means through the end of that local day, in every zone', () => {
      for (const z of ['America/Los_Angeles', 'Pacific/Auckland', 'UTC']) {
        const at = inZone(z);
        const list = expandRecurrence(at.spec('FREQ=DAILY;UNTIL=20261205', 23, 30), {
          start: at.ms('2026-12-03T12:00'),
          end: at.ms('2026-12-09T00:00'),
        });
        assert.deepEqual(
          list.map((o) => at.local(o.start)),
          ['2026-12-03T23:30', '2026-12-04T23:30', '2026-12-05T23:30'],
          z,
        );
      }
    });

    it('a rule without "from" applies before 1970 too, and INTERVAL keeps the 1970 phase there', () => {
      const daily = expandRecurrence(spec('FREQ=DAILY', 9, 0, 1), {
        start: ms('1965-06-01T00:00'),
        end: ms('1965-06-04T00:00'),
      });
      assert.deepEqual(
        daily.map((o) => local(o.start)),
        ['1965-06-01T09:00', '1965-06-02T09:00', '1965-06-03T09:00'],
      );
      // Every other Monday: the same fortnights on both sides of 1970-01-01.
      const across = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), {
        start: ms('1969-12-01T00:00'),
        end: ms('1970-02-01T00:00'),
      });
      const starts = across.map((o) => o.start);
      assert.ok(starts.length >= 4, across.map((o) => local(o.start)).join(' '));
      for (let i = 1; i < starts.length; i++) assert.equal(Math.round((starts[i] - starts[i - 1]) / 86_400_000), 14);
      const after = expandRecurrence(spec('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 9, 0, 1), {
        start: ms('1970-01-01T00:00'),
        end: ms('1970-02-01T00:00'),
      });
      assert.deepEqual(
        after.map((o) => o.start),
        starts.filter((t) => t >= ms('1970-01-01T00:00')),
      );
    });
  });

  describe('bounded work', () => {
    it('a rule that can never occur has no occurrences and says so (RB032), without stepping to the year 9999', () => {
      const never = compileRecurrence(spec('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', 2, 0, 1));
      assert.deepEqual(never.occurrences({ start: ms('2026-01-01T00:00'), end: ms('2028-12-31T00:00') }), []);
      assert.equal(never.problem()?.kind, 'never');
      assert.match(never.problem()!.message, /never occurs/);
      assert.equal(
        compileRecurrence(
          spec('FREQ=DAILY;INTERVAL=7;BYDAY=MO', 2, 0, 1, { from: { year: 2026, month: 12, day: 3 } }),
        ).problem()?.kind,
        'never',
      );
      assert.equal(compileRecurrence(spec('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 2, 0, 1)).problem(), undefined);
      assert.equal(
        compileRecurrence(
          spec('FREQ=DAILY;UNTIL=20261201', 2, 0, 1, { from: { year: 2026, month: 12, day: 3 } }),
        ).problem()?.kind,
        'never',
      );
    });

    it('a COUNT beyond the limit says so (RB033) and is expanded only that far', () => {
      const big = compileRecurrence(
        spec('FREQ=DAILY;COUNT=20000', 2, 0, 1, { from: { year: 2000, month: 1, day: 1 } }),
      );
      assert.equal(big.problem()?.kind, 'too-large');
      assert.equal(
        compileRecurrence(spec('FREQ=DAILY;COUNT=30', 2, 0, 1, { from: { year: 2000, month: 1, day: 1 } })).problem(),
        undefined,
      );
      const first = big.occurrences({ start: ms('2000-01-01T00:00'), end: ms('2000-01-04T00:00') });
      assert.equal(first.length, 3);
    });

    it('INTERVAL counted from a distant "from" gives the same dates as counting day by day', () => {
      const rule = spec('FREQ=DAILY;INTERVAL=3', 9, 0, 1, { from: { year: 1990, month: 1, day: 1 } });
      const list = expandRecurrence(rule, { start: ms('2026-12-01T00:00'), end: ms('2026-12-10T00:00') });
      const days = list.map((o) =>
        Math.round((Date.UTC(2026, 11, Number(local(o.start).slice(8, 10))) - Date.UTC(1990, 0, 1)) / 86_400_000),
      );
      assert.ok(days.length === 3 && days.every((d) => d % 3 === 0), days.join(','));
    });
  });
});
