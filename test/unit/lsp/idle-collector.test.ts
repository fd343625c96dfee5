import * as assert from 'node:assert/strict';
import { startIdleCollector } from '../../../server/lsp/idle-collector';

// The server gives memory back once it is idle after growing, never while it works.
describe('idle collector', () => {
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`not ${what} within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('collects once when resident memory grew and the event loop is idle, then waits for new growth', async () => {
    let resident = 100;
    let collections = 0;
    const stop = startIdleCollector({
      everyMs: 20,
      growthBytes: 10,
      residentBytes: () => resident,
      collect: () => {
        collections++;
        resident = 105;
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(collections, 0, 'no growth, no collection');
      resident = 130;
      await until(() => collections === 1, 'collected after growth');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(collections, 1, 'once: the baseline is what was left after the collection');
      resident = 120;
      await until(() => collections === 2, 'collected after growing again');
    } finally {
      stop();
    }
  });

  it('does not collect while the event loop is busy', async () => {
    let collections = 0;
    const stop = startIdleCollector({
      everyMs: 20,
      growthBytes: 0,
      residentBytes: () => 1000,
      collect: () => collections++,
    });
    try {
      // Busy for 300 ms: every sample sees a loop working nearly all the time.
      const end = Date.now() + 300;
      while (Date.now() < end) Math.sqrt(Math.random());
      assert.equal(collections, 0);
      await until(() => collections > 0, 'collected once idle');
    } finally {
      stop();
    }
  });
});
