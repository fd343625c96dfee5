import { strict as assert } from 'node:assert';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import type { CalendarEvent, CalendarResult } from '../../../server/core/calendar/calendar-types';
import { dependencyState } from '../../../server/core/calendar/dependency-state';
import { lintFile } from '../../../server/core/lint';
import { FIXTURE_WORKSPACE, loadWorkspace } from '../../fixtures/calendar/load-workspace';

function fixtureResult(): CalendarResult {
  const index = loadWorkspace(FIXTURE_WORKSPACE);
  return calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) => lintFile(index, uri));
}

const byId = (result: CalendarResult, id: string) => result.events.find((e) => e.runbook === id)!;

describe('dependency state', () => {
  const result = fixtureResult();

  it('says the order holds when the dependency ends before the window starts', () => {
    const state = dependencyState(byId(result, 'payments-api-2-14'), result.events);
    assert.deepEqual(state.dependsOn.map((d) => [d.runbook, d.state]), [['orders-db-migration', 'holds']]);
    assert.equal(state.dependsOn[0].reason, 'ends 2h before this window starts');
    // ledger-export starts 23:30, half an hour before payments ends at 00:00.
    assert.deepEqual(state.dependents.map((d) => [d.runbook, d.state, d.reason]), [['ledger-export', 'broken', 'starts 30m before this window ends']]);
    assert.equal(state.holds, false);
    assert.match(state.summary, /^Order does not hold: 1 of 2/);
  });

  it('reports a broken dependency from the dependent side', () => {
    const state = dependencyState(byId(result, 'ledger-export'), result.events);
    assert.deepEqual(state.dependsOn.map((d) => [d.runbook, d.state, d.reason]), [['payments-api-2-14', 'broken', 'ends 30m after this window starts']]);
    assert.equal(state.holds, false);
  });

  it('marks a cycle', () => {
    const state = dependencyState(byId(result, 'cycle-a'), result.events);
    assert.equal(state.cycle, true);
    assert.equal(state.holds, false);
    assert.match(state.summary, /cycle/i);
  });

  it('has nothing to say for an event without dependencies', () => {
    const state = dependencyState(byId(result, 'checkout-web-5-1'), result.events);
    assert.equal(state.holds, null);
    assert.equal(state.summary, 'No dependencies');
  });

  it('treats a window that ends exactly at the start as in order (half-open)', () => {
    const base = byId(result, 'orders-db-migration');
    const dep: CalendarEvent = { ...base, runbook: 'dep', start: '2026-12-02T18:00:00+01:00', end: '2026-12-02T20:00:00+01:00', dependencies: [], dependents: [] };
    const sel: CalendarEvent = {
      ...base,
      runbook: 'sel',
      start: '2026-12-02T20:00:00+01:00',
      end: '2026-12-02T21:00:00+01:00',
      dependsOn: ['dep', 'ghost'],
      dependencies: [
        { runbook: 'dep', title: 'Dep', start: dep.start, end: dep.end, uri: dep.uri, range: dep.range },
        { runbook: 'ghost', title: null, start: null, end: null, uri: null, range: null },
      ],
      dependents: [],
      codes: [],
    };
    const state = dependencyState(sel, [dep, sel]);
    assert.deepEqual(state.dependsOn.map((d) => [d.state, d.reason]), [
      ['holds', 'ends exactly when this window starts'],
      ['missing', 'no runbook with id "ghost" in the workspace'],
    ]);
    assert.equal(state.holds, false);
  });

  it('works from the spec fields alone, with the loaded events', () => {
    const strip = (e: CalendarEvent): CalendarEvent => {
      const copy = { ...e } as Partial<CalendarEvent>;
      delete copy.dependencies;
      delete copy.dependents;
      return copy as CalendarEvent;
    };
    const events = result.events.map(strip);
    const state = dependencyState(events.find((e) => e.runbook === 'payments-api-2-14')!, events);
    assert.deepEqual(state.dependsOn.map((d) => [d.runbook, d.state]), [['orders-db-migration', 'holds']]);
    assert.deepEqual(state.dependents.map((d) => [d.runbook, d.state]), [['ledger-export', 'broken']]);
  });
});
