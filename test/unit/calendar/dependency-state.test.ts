import { strict as assert } from 'node:assert';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import type { CalendarEvent, CalendarResult } from '../../../server/core/calendar/calendar-types';
import { DependencyLink, dependencyState } from '../../../server/core/calendar/dependency-state';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { loadWorkspace } from '../../helpers/index-folder';
import { FIXTURE_WORKSPACE, uriOf } from '../../fixtures/calendar/workspaces';

function fixtureResult(): CalendarResult {
  const index = loadWorkspace(FIXTURE_WORKSPACE);
  return calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) => lintFile(index, uri));
}

const byId = (result: CalendarResult, id: string) => result.events.find((e) => e.runbook === id)!;

describe('dependency state', () => {
  const result = fixtureResult();

  it('says the order holds when the dependency ends before the window starts', () => {
    const state = dependencyState(byId(result, 'payments-api-2-14'), result.events, result.related);
    assert.deepEqual(
      state.dependsOn.map((d) => [d.runbook, d.state]),
      [['orders-db-migration', 'holds']],
    );
    assert.equal(state.dependsOn[0].reason, 'ends 2h before this window starts');
    // ledger-export starts 23:30, half an hour before payments ends at 00:00.
    assert.deepEqual(
      state.dependents.map((d) => [d.runbook, d.state, d.reason]),
      [['ledger-export', 'broken', 'starts 30m before this window ends']],
    );
    assert.equal(state.holds, false);
    assert.match(state.summary, /^Order does not hold: 1 of 2/);
  });

  it('reports a broken dependency from the dependent side', () => {
    const state = dependencyState(byId(result, 'ledger-export'), result.events, result.related);
    assert.deepEqual(
      state.dependsOn.map((d) => [d.runbook, d.state, d.reason]),
      [['payments-api-2-14', 'broken', 'ends 30m after this window starts']],
    );
    assert.equal(state.holds, false);
  });

  it('marks a cycle', () => {
    const state = dependencyState(byId(result, 'cycle-a'), result.events, result.related);
    assert.equal(state.cycle, true);
    assert.equal(state.holds, false);
    assert.match(state.summary, /cycle/i);
  });

  it('has nothing to say for an event without dependencies', () => {
    const state = dependencyState(byId(result, 'checkout-web-5-1'), result.events, result.related);
    assert.equal(state.holds, null);
    assert.equal(state.summary, 'No dependencies');
  });

  it('treats a window that ends exactly at the start as in order (half-open)', () => {
    const base = byId(result, 'orders-db-migration');
    const dep: CalendarEvent = {
      ...base,
      runbook: 'dep',
      uri: 'file:///ws/dep.runbook.yaml',
      start: '2026-12-02T18:00:00+01:00',
      end: '2026-12-02T20:00:00+01:00',
      dependents: ['sel'],
    };
    const sel: CalendarEvent = {
      ...base,
      runbook: 'sel',
      uri: 'file:///ws/sel.runbook.yaml',
      start: '2026-12-02T20:00:00+01:00',
      end: '2026-12-02T21:00:00+01:00',
      dependsOn: ['dep', 'ghost'],
      dependents: [],
      codes: [],
    };
    const related = { ghost: { runbook: 'ghost', title: null, start: null, end: null, uri: null, range: null } };
    const state = dependencyState(sel, [dep, sel], related);
    assert.deepEqual(
      state.dependsOn.map((d) => [d.state, d.reason]),
      [
        ['holds', 'ends exactly when this window starts'],
        ['missing', 'no runbook with id "ghost" in the workspace'],
      ],
    );
    assert.equal(state.holds, false);
  });

  it('works from the spec fields alone, with the loaded events', () => {
    const strip = (e: CalendarEvent): CalendarEvent => {
      const copy = { ...e } as Partial<CalendarEvent>;
      delete copy.dependents;
      return copy as CalendarEvent;
    };
    const events = result.events.map(strip);
    const state = dependencyState(
      events.find((e) => e.runbook === 'payments-api-2-14')!,
      events,
    );
    assert.deepEqual(
      state.dependsOn.map((d) => [d.runbook, d.state]),
      [['orders-db-migration', 'holds']],
    );
    assert.deepEqual(
      state.dependents.map((d) => [d.runbook, d.state]),
      [['ledger-export', 'broken']],
    );
    // Without `related` a runbook outside the loaded events is not known to be missing.
    const alone = dependencyState(
      events.find((e) => e.runbook === 'payments-api-2-14')!,
      [],
    );
    assert.deepEqual(
      alone.dependsOn.map((d) => [d.runbook, d.title, d.state]),
      [['orders-db-migration', 'orders-db-migration', 'unknown']],
    );
  });

  it('reads links outside the range from `related`, with their titles and windows', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    // Only the payments window: its dependency ends before and its dependent starts inside, both outside [22:00, 23:00).
    const narrow = calendarQuery(index, { from: '2026-12-02T22:00', to: '2026-12-02T23:00' }, (uri) =>
      lintFile(index, uri),
    );
    assert.deepEqual(
      narrow.events.map((e) => e.runbook),
      ['payments-api-2-14'],
    );
    const state = dependencyState(narrow.events[0], narrow.events, narrow.related);
    const full = dependencyState(byId(result, 'payments-api-2-14'), result.events, result.related);
    assert.deepEqual(state, full, 'the same links as when the linked runbooks are events of the answer');
    assert.deepEqual(
      state.dependents.map((d) => [d.title, d.start, d.end, d.uri]),
      [
        [
          'Ledger export job v3',
          '2026-12-02T23:30:00+01:00',
          '2026-12-03T00:30:00+01:00',
          uriOf('ledger-export.runbook.yaml'),
        ],
      ],
    );
    assert.equal(state.dependsOn[0].title, 'Orders DB migration 0042');
  });

  describe('with duplicate ids, runbooks without id or title, and ids that are Object.prototype names', () => {
    const index = new WorkspaceIndex();
    index.set(
      'file:///ws/acme.calendar.yaml',
      'calendar: acme\ntimezone: Europe/Berlin\nenvironments:\n  - name: production\n',
    );
    const add = (file: string, head: string, dependsOn: string, start: string | null) =>
      index.set(
        `file:///ws/${file}.runbook.yaml`,
        `${head}environment: production\ndepends-on: [${dependsOn}]\n${start ? `window:\n  start: ${start}\n  duration: 1h\n` : ''}`,
      );
    add('a', 'runbook: base\ntitle: Base\n', '', '2026-12-02T10:00');
    add('b1', 'runbook: dup\ntitle: Dup one\n', 'base', '2026-12-02T12:00');
    add('b2', 'runbook: dup\ntitle: Dup two\n', 'base, ghost', '2026-12-02T13:00');
    add('c', 'title: No id\n', 'base, dup', '2026-12-02T16:00');
    add('d', 'runbook: constructor\ntitle: Constructor\n', '__proto__, toString, untitled', '2026-12-02T15:00');
    add('e', 'runbook: __proto__\ntitle: Proto\n', 'dup', '2026-11-20T09:00');
    add('f', 'runbook: untitled\n', 'base', '2026-12-02T18:00');
    add('g', 'runbook: unplaced\ntitle: No window\n', 'base', null);
    const query = (from: string, to: string) => calendarQuery(index, { from, to }, () => []);
    const links = (r: CalendarResult, uri: string) => {
      const state = dependencyState(
        r.events.find((e) => e.uri === uri)!,
        r.events,
        r.related,
      );
      const show = (d: DependencyLink) => [d.title ?? d.runbook, d.start, d.uri, d.state];
      return { dependsOn: state.dependsOn.map(show), dependents: state.dependents.map(show) };
    };

    it('names each dependent runbook, by uri when its id does not name it', () => {
      const week = query('2026-12-01T00:00', '2026-12-08T00:00');
      const base = week.events.find((e) => e.runbook === 'base')!;
      assert.deepEqual(base.dependents, [
        'dup',
        'file:///ws/b2.runbook.yaml',
        'file:///ws/c.runbook.yaml',
        'untitled',
        'unplaced',
      ]);
      assert.deepEqual(links(week, 'file:///ws/a.runbook.yaml').dependents, [
        ['Dup one', '2026-12-02T12:00:00+01:00', 'file:///ws/b1.runbook.yaml', 'holds'],
        ['Dup two', '2026-12-02T13:00:00+01:00', 'file:///ws/b2.runbook.yaml', 'holds'],
        ['No id', '2026-12-02T16:00:00+01:00', 'file:///ws/c.runbook.yaml', 'holds'],
        ['untitled', '2026-12-02T18:00:00+01:00', 'file:///ws/f.runbook.yaml', 'holds'],
        ['No window', null, 'file:///ws/g.runbook.yaml', 'unknown'],
      ]);
      assert.deepEqual(links(week, 'file:///ws/d.runbook.yaml').dependsOn, [
        ['Proto', '2026-11-20T09:00:00+01:00', 'file:///ws/e.runbook.yaml', 'holds'],
        ['toString', null, null, 'missing'],
        ['untitled', '2026-12-02T18:00:00+01:00', 'file:///ws/f.runbook.yaml', 'broken'],
      ]);
      // The runbook named `__proto__` lies outside the range; a plain key of `related`, not a prototype.
      assert.equal(Object.getPrototypeOf(week.related), Object.prototype);
      assert.ok(Object.hasOwn(week.related, '__proto__'));
      assert.equal(Object.hasOwn(week.related, 'constructor'), false, 'an event of the answer');
    });

    it('gives the same links whatever the range holds', () => {
      const year = query('2026-01-01T00:00', '2027-01-01T00:00');
      for (const [from, to] of [
        ['2026-12-02T10:00', '2026-12-02T11:00'],
        ['2026-12-02T12:00', '2026-12-02T16:00'],
        ['2026-12-02T15:00', '2026-12-02T19:00'],
      ]) {
        const part = query(from, to);
        for (const e of part.events)
          assert.deepEqual(links(part, e.uri), links(year, e.uri), `${e.uri} in ${from}–${to}`);
      }
    });
  });
});
