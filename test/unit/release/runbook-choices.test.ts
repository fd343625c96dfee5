// The runbook picker of the release commands: by window, soonest first, with status and problems.
import { strict as assert } from 'node:assert';
import { orderRunbookChoices, RunbookChoice } from '../../../client/release/runbook-choices';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 4, 21, 0);
const at = (hours: number, length = 2) => ({
  start: NOW + hours * HOUR,
  end: NOW + (hours + length) * HOUR,
  startText: `T${hours}`,
});
const choice = (path: string, extra: Partial<RunbookChoice>): RunbookChoice => ({
  uri: `file:///w/${path}`,
  path,
  errors: 0,
  warnings: 0,
  ...extra,
});

describe('runbook picker order', () => {
  const items = orderRunbookChoices(
    [
      choice('a-broken.runbook.yaml', { title: 'Broken', errors: 3, warnings: 1 }),
      choice('b-next-week.runbook.yaml', { title: 'Next week', window: at(24 * 7) }),
      choice('c-tonight.runbook.yaml', { title: 'Tonight', window: at(3), cab: 'approved', warnings: 1 }),
      choice('d-open.runbook.yaml', { title: 'Open now', window: at(-1) }),
      choice('e-done.runbook.yaml', { title: 'Done', window: at(-30), outcome: 'success' }),
      choice('f-missed.runbook.yaml', { title: 'Missed', window: at(-5) }),
      choice('g-broken-tomorrow.runbook.yaml', { title: 'Broken but scheduled', window: at(20), errors: 2 }),
    ],
    NOW,
  );

  it('puts the open window first, then upcoming windows soonest first; broken files by their window, not first', () => {
    assert.deepEqual(
      items.map((i) => i.label),
      ['Open now', 'Tonight', 'Broken but scheduled', 'Next week', 'Broken', 'Missed', 'Done'],
    );
  });

  it('says when, where the release stands and how many problems', () => {
    const by = (label: string) => items.find((i) => i.label === label)!;
    assert.deepEqual(
      [by('Open now').description, by('Open now').detail],
      ['window open now, 1h left', 'd-open.runbook.yaml · no problems'],
    );
    assert.deepEqual(
      [by('Tonight').description, by('Tonight').detail],
      ['window T3, in 3h · CAB approved', 'c-tonight.runbook.yaml · 1 warning'],
    );
    assert.equal(by('Next week').description, 'window T168, in 7d');
    assert.deepEqual(
      [by('Broken').description, by('Broken').detail],
      ['window not known', 'a-broken.runbook.yaml · 3 errors, 1 warning'],
    );
    assert.equal(by('Missed').description, 'window T-5, ended 3h ago');
    assert.equal(by('Done').description, 'window T-30, ended 28h ago · finished: success');
  });
});
