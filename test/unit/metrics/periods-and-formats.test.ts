// Periods in a zone (ISO weeks across the year's end and daylight-saving changes, months) and the
// way numbers are written for people and spreadsheets.
import assert from 'node:assert/strict';
import { decimal, humanDuration, percent } from '../../../server/core/metrics/format-values';
import { periodKey, periodsBetween } from '../../../server/core/metrics/periods';

describe('Release metrics: periods and number formats', () => {
  it('numbers weeks as ISO 8601 does: 31 Dec 2026 is in 2026-W53, 4 Jan 2027 starts 2027-W01', () => {
    const zone = 'Europe/Berlin';
    assert.equal(periodKey(Date.parse('2026-12-31T12:00:00Z'), 'week', zone), '2026-W53');
    assert.equal(periodKey(Date.parse('2027-01-03T12:00:00Z'), 'week', zone), '2026-W53');
    assert.equal(periodKey(Date.parse('2027-01-04T12:00:00Z'), 'week', zone), '2027-W01');
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    assert.equal(periodKey(Date.parse('2027-01-03T15:30:00Z'), 'week', 'Asia/Tokyo'), '2027-W01');
    assert.equal(periodKey(Date.parse('2027-01-03T15:30:00Z'), 'week', 'UTC'), '2026-W53');
  });

  it('a week across the end of daylight saving time is 169 hours long, and the next starts at local midnight', () => {
    const zone = 'Europe/Berlin';
    const start = Date.parse('2026-10-19T00:00:00+02:00');
    const end = Date.parse('2026-11-02T00:00:00+01:00');
    const weeks = periodsBetween(start, end, 'week', zone);
    assert.deepEqual(
      weeks.map((w) => [w.key, (w.end - w.start) / 3_600_000, w.partial]),
      [
        ['2026-W43', 169, false],
        ['2026-W44', 168, false],
      ],
    );
    // The clocks go back on Sunday 25 October 2026.
    assert.equal(weeks[0].label, 'Week 43, 2026 (19 – 25 Oct)');
    assert.equal(weeks[1].label, 'Week 44, 2026 (26 Oct – 1 Nov)');
  });

  it('months in the zone, labelled for people, clipped to the range', () => {
    const zone = 'America/New_York';
    const months = periodsBetween(
      Date.parse('2026-11-15T05:00:00Z'),
      Date.parse('2027-01-01T05:00:00Z'),
      'month',
      zone,
    );
    assert.deepEqual(
      months.map((m) => [m.key, m.label, m.short, m.partial]),
      [
        ['2026-11', 'November 2026', 'Nov 2026', true],
        ['2026-12', 'December 2026', 'Dec 2026', false],
      ],
    );
  });

  it('writes durations in their two largest units, and a dash for nothing', () => {
    assert.deepEqual(
      [
        0,
        20_000,
        45 * 60_000,
        3 * 3_600_000,
        (3 * 60 + 10) * 60_000,
        26 * 3_600_000,
        48 * 3_600_000,
        12 * 86_400_000 + 5 * 3_600_000,
        null,
      ].map(humanDuration),
      ['<1m', '<1m', '45m', '3h', '3h 10m', '1d 2h', '2d', '12d', '—'],
    );
  });

  it('writes rates as whole percentages and averages with one decimal', () => {
    assert.deepEqual([percent(2 / 9), percent(0), percent(1), percent(null)], ['22%', '0%', '100%', '—']);
    assert.deepEqual([decimal(2.0322), decimal(1.75), decimal(3), decimal(null)], ['2', '1.8', '3', '—']);
  });
});
