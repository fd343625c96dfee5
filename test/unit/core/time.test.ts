import * as assert from 'node:assert/strict';
import {
  formatDuration,
  hasOffset,
  isValidTimeZone,
  overlaps,
  parseDate,
  parseDuration,
  parseInstant,
  parseTimeOfDay,
  within,
} from '../../../server/core/time';

describe('time', () => {
  describe('instants', () => {
    it('reads an instant without offset in the given zone', () => {
      const r = parseInstant('2026-12-02T22:00', 'Europe/Berlin');
      assert.ok(r.ok);
      assert.equal(r.value.toUTC().toISO(), '2026-12-02T21:00:00.000Z');
    });
    it('keeps an instant with an offset absolute, whatever the zone', () => {
      const a = parseInstant('2026-12-02T22:00:00+01:00', 'America/New_York');
      const b = parseInstant('2026-12-02T21:00Z', 'Asia/Tokyo');
      assert.ok(a.ok && b.ok);
      assert.equal(a.value.toMillis(), b.value.toMillis());
      assert.ok(hasOffset('2026-12-02T21:00Z'));
      assert.ok(!hasOffset('2026-12-02T21:00'));
    });
    it('rejects what is not an ISO 8601 date-time, saying what it expects', () => {
      for (const text of ['2026-12-02', 'tomorrow', '2026-13-02T10:00', '2026-12-02T25:00', '02.12.2026 22:00']) {
        const r = parseInstant(text, 'UTC');
        assert.ok(!r.ok, text);
        assert.match(r.error, /date-time/);
      }
    });
    it('knows IANA zones', () => {
      assert.ok(isValidTimeZone('Europe/Berlin'));
      assert.ok(isValidTimeZone('UTC'));
      assert.ok(!isValidTimeZone('Europe/Berln'));
      assert.ok(!isValidTimeZone(''));
    });
  });

  describe('durations', () => {
    const cases: [string, number][] = [
      ['45s', 45_000],
      ['15m', 900_000],
      ['2h', 7_200_000],
      ['1h30m', 5_400_000],
      ['1d', 86_400_000],
      ['1d12h', 129_600_000],
      ['PT1H30M', 5_400_000],
      ['P1D', 86_400_000],
    ];
    for (const [text, ms] of cases) {
      it(`reads ${text}`, () => assert.deepEqual(parseDuration(text), { ok: true, value: ms }));
    }
    it('rejects units out of order, bare numbers and months', () => {
      for (const text of ['30m1h', '90', 'two hours', 'P1M', '', '1w']) assert.ok(!parseDuration(text).ok, text);
    });
    it('writes durations back compactly', () => {
      assert.equal(formatDuration(5_400_000), '1h30m');
      assert.equal(formatDuration(129_600_000), '1d12h');
    });
  });

  it('reads times of day and dates', () => {
    assert.deepEqual(parseTimeOfDay('02:00'), { ok: true, value: { hour: 2, minute: 0 } });
    assert.ok(!parseTimeOfDay('24:00').ok);
    assert.ok(!parseTimeOfDay('2pm').ok);
    assert.ok(parseDate('2026-02-28').ok);
    assert.ok(!parseDate('2026-02-30').ok);
  });

  it('treats intervals as half-open', () => {
    assert.ok(!overlaps({ start: 0, end: 10 }, { start: 10, end: 20 }));
    assert.ok(overlaps({ start: 0, end: 11 }, { start: 10, end: 20 }));
    assert.ok(within({ start: 10, end: 20 }, { start: 10, end: 20 }));
    assert.ok(!within({ start: 9, end: 20 }, { start: 10, end: 20 }));
  });
});
