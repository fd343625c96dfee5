import * as assert from 'node:assert/strict';
import { startIdleCollector } from '../../../server/lsp/idle-collector';
import { waitFor } from '../../helpers/wait-for';

// The server gives memory back once it is idle after growing, never while it works.
describe('idle collector', () => {
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
      await waitFor(() => collections === 1, 'collected after growth', 5000, 10);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(collections, 1, 'once: the baseline is what was left after the collection');
      resident = 120;
      await waitFor(() => collections === 2, 'collected after growing again', 5000, 10);
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
      await waitFor(() => collections > 0, 'collected once idle', 5000, 10);
    } finally {
      stop();
    }
  });
});
