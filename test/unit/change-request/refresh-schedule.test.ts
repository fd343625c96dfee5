// When the CAB status is read again by itself, against a fake clock.
import { strict as assert } from 'node:assert';
import {
  FOCUS_MIN_GAP_MS,
  MAX_BACKOFF_MS,
  pauseAfter,
  planRefresh,
  readOnFocus,
  REFRESH_EVERY_MS,
  REFRESH_UNFOCUSED_MS,
  SECONDARY_BACKOFF_MS,
} from '../../../client/change-request/refresh-schedule';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 4, 22, 0);
const window = (startInHours: number, lengthHours = 2) => ({
  start: NOW + startInHours * HOUR,
  end: NOW + (startInHours + lengthHours) * HOUR,
});

describe('refresh schedule of the CAB status', () => {
  it('reads every few minutes while a window opens within a day, less often in the background', () => {
    const windows = [window(6)];
    assert.deepEqual(planRefresh({ now: NOW, windows, focused: true }), { kind: 'read', delayMs: 0 });
    assert.deepEqual(planRefresh({ now: NOW, windows, focused: true, lastReadAt: NOW - 60_000 }), {
      kind: 'read',
      delayMs: REFRESH_EVERY_MS - 60_000,
    });
    assert.deepEqual(planRefresh({ now: NOW, windows, focused: false, lastReadAt: NOW }), {
      kind: 'read',
      delayMs: REFRESH_UNFOCUSED_MS,
    });
  });

  it('keeps reading while the window is open, and stops when it closed', () => {
    assert.equal(planRefresh({ now: NOW, windows: [window(-1)], focused: true, lastReadAt: NOW }).kind, 'read');
    assert.deepEqual(planRefresh({ now: NOW, windows: [window(-3)], focused: true, lastReadAt: NOW }), {
      kind: 'idle',
    });
  });

  it('sleeps until the next window comes within a day', () => {
    assert.deepEqual(planRefresh({ now: NOW, windows: [window(30), window(50)], focused: true }), {
      kind: 'wake',
      delayMs: 6 * HOUR,
    });
    assert.deepEqual(planRefresh({ now: NOW, windows: [], focused: true }), { kind: 'idle' });
  });

  it('reads on focus only when a window is near, the last read is not fresh and GitHub does not ask to wait', () => {
    const windows = [window(2)];
    assert.equal(readOnFocus({ now: NOW, windows, focused: true }), true);
    assert.equal(readOnFocus({ now: NOW, windows, focused: true, lastReadAt: NOW - FOCUS_MIN_GAP_MS + 1 }), false);
    assert.equal(readOnFocus({ now: NOW, windows, focused: true, lastReadAt: NOW - FOCUS_MIN_GAP_MS }), true);
    assert.equal(readOnFocus({ now: NOW, windows: [window(30)], focused: true }), false);
    assert.equal(readOnFocus({ now: NOW, windows, focused: true, pause: { until: NOW + 1000, streak: 0 } }), false);
  });

  it('waits for the primary rate limit to reset, however long', () => {
    const pause = pauseAfter([{ kind: 'rate-limit', resetAt: new Date(NOW + 40 * 60_000) }], NOW);
    assert.deepEqual(pause, { until: NOW + 40 * 60_000, streak: 0 });
    assert.deepEqual(planRefresh({ now: NOW, windows: [window(1)], focused: true, lastReadAt: NOW, pause }), {
      kind: 'read',
      delayMs: 40 * 60_000,
    });
  });

  it('waits as long as a secondary limit asks, else doubles from a minute up to half an hour', () => {
    assert.deepEqual(pauseAfter([{ kind: 'secondary-rate-limit', retryAfterSeconds: 120 }], NOW), {
      until: NOW + 120_000,
      streak: 0,
    });
    let pause = pauseAfter([{ kind: 'secondary-rate-limit' }], NOW);
    assert.equal(pause!.until - NOW, SECONDARY_BACKOFF_MS);
    pause = pauseAfter([{ kind: 'secondary-rate-limit' }], NOW, pause);
    assert.equal(pause!.until - NOW, 2 * SECONDARY_BACKOFF_MS);
    for (let i = 0; i < 10; i++) pause = pauseAfter([{ kind: 'secondary-rate-limit' }], NOW, pause);
    assert.equal(pause!.until - NOW, MAX_BACKOFF_MS);
  });

  it('stops waiting after a read without a rate limit', () => {
    assert.equal(pauseAfter([{ kind: 'network' }], NOW, { until: NOW + 1, streak: 3 }), undefined);
    assert.equal(pauseAfter([], NOW), undefined);
  });
});
