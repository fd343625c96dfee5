// Elapsed time against each step's timeout and against the window end, and the warning when the
// remaining steps cannot finish inside the window.
import { strict as assert } from 'node:assert';
import { statusLine, budgetWarning } from '../../../server/core/release/status-text';
import { timeBudget } from '../../../server/core/release/time-budget';
import { berlin, fixtureText, GO, PAYMENTS, record, runbookIn, stateOf, workspace } from './release-fixture';

const WINDOW = { start: berlin('2026-12-02T22:00'), end: berlin('2026-12-03T00:00') };
const go = record(fixtureText(PAYMENTS), [GO, '@alice', '2026-12-02T21:45']);

describe('Time budget', () => {
  it('counts the timeouts of the steps still to run (55m for canary, rollout and purge)', () => {
    const budget = timeBudget(stateOf(go), WINDOW, berlin('2026-12-02T21:50'));
    assert.equal(budget.workLeftMs, 55 * 60_000);
    assert.equal(budget.projectedEnd, berlin('2026-12-02T22:55'));
    assert.equal(budget.schedule, 'on-schedule');
  });

  it('measures a running step against its timeout, and what is left of it', () => {
    const text = record(go, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00']);
    const budget = timeBudget(stateOf(text), WINDOW, berlin('2026-12-02T22:12'));
    assert.deepEqual(budget.steps.get('canary'), { id: 'canary', timeoutMs: 20 * 60_000, elapsedMs: 12 * 60_000 });
    assert.equal(budget.workLeftMs, (8 + 30 + 5) * 60_000);
    assert.equal(budget.windowLeftMs, 108 * 60_000);
  });

  it('tells how far a step went over its timeout', () => {
    const text = record(
      go,
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:27'],
    );
    const budget = timeBudget(stateOf(text), WINDOW, berlin('2026-12-02T22:30'));
    assert.deepEqual(budget.steps.get('canary'), {
      id: 'canary',
      timeoutMs: 20 * 60_000,
      elapsedMs: 27 * 60_000,
      overrunMs: 7 * 60_000,
    });
  });

  it('warns when the remaining steps cannot finish inside the window', () => {
    const text = record(go, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T23:20']);
    const state = stateOf(text);
    const budget = timeBudget(state, WINDOW, berlin('2026-12-02T23:25'));
    assert.equal(budget.schedule, 'behind');
    assert.equal(
      budget.schedule === 'behind' && budgetWarning(state, budget),
      'The remaining steps cannot finish inside the window: their timeouts add up to 50m, and 35m remain until 2026-12-03 00:00.',
    );
    assert.match(statusLine(state, budget), /behind schedule: about 50m of work left, 35m of window/);
  });

  it('says when the window has ended with work left', () => {
    const text = record(go, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T23:50']);
    const state = stateOf(text);
    const budget = timeBudget(state, WINDOW, berlin('2026-12-03T00:10'));
    assert.equal(budget.schedule, 'past-window');
    assert.equal(budgetWarning(state, budget), 'The window ended 10m ago and 3 step(s) remain.');
  });

  it('mentions steps without a timeout instead of counting them as zero silently', () => {
    const text = go.replace('    timeout: 5m\n', '');
    const state = stateOf(
      record(text, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T23:20']),
    );
    const budget = timeBudget(state, WINDOW, berlin('2026-12-02T23:20'));
    assert.equal(budget.untimedLeft, 1);
    assert.match(budgetWarning(state, budget)!, /\(1 remaining step has no timeout and is not counted\)/);
  });

  it('counts the rollback steps once a rollback is decided', () => {
    const text = record(
      go,
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:00'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'failed' }, '@alice', '2026-12-02T22:10'],
      [{ kind: 'decide-rollback', reason: 'Canary errors', triggerMet: true }, '@alice', '2026-12-02T22:11'],
    );
    const budget = timeBudget(stateOf(text), WINDOW, berlin('2026-12-02T22:12'));
    assert.equal(budget.workLeftMs, 10 * 60_000, 'rollback-canary only');
  });

  it('cannot judge without a window', () => {
    const index = workspace();
    assert.ok(runbookIn(index));
    assert.equal(timeBudget(stateOf(go), undefined, berlin('2026-12-02T22:00')).schedule, 'no-window');
  });
});
