import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { formatInstantLike } from '../../../server/core/editor/instant-notation';

const ms = DateTime.fromISO('2027-01-04T00:00:00+01:00').toMillis();

describe('writing an instant like the file did', () => {
  it('keeps local notation in the zone, with seconds only when the file had them', () => {
    assert.equal(formatInstantLike('2026-12-22T10:00', ms, 'Europe/Berlin'), '2027-01-04T00:00');
    assert.equal(formatInstantLike('2026-12-22T10:00:30', ms, 'Europe/Berlin'), '2027-01-04T00:00:00');
    assert.equal(formatInstantLike('2026-12-22 10:00', ms, 'America/New_York'), '2027-01-03 18:00');
  });

  it('keeps the offset notation', () => {
    assert.equal(formatInstantLike('2026-12-22T10:00Z', ms, 'Europe/Berlin'), '2027-01-03T23:00Z');
    assert.equal(formatInstantLike('2026-12-22T10:00:00+01:00', ms, 'UTC'), '2027-01-04T00:00:00+01:00');
    assert.equal(formatInstantLike('2026-06-22T10:00-0530', ms, 'UTC'), '2027-01-03T17:30-0530');
  });
});
