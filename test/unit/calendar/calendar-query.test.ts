import { strict as assert } from 'node:assert';
import {
  calendarQuery,
  CalendarParamsError,
  DiagnosticsFor,
  isoFormatter,
} from '../../../server/core/calendar/calendar-query';
import { isoWithOffset } from '../../../server/core/time';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { loadWorkspace } from '../../helpers/index-folder';
import { FIXTURE_WORKSPACE, uriOf } from '../../fixtures/calendar/workspaces';

const noDiagnostics: DiagnosticsFor = () => [];
const CAL = 'file:///ws/acme.calendar.yaml';

function calendarIndex(extra = ''): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.set(CAL, `calendar: acme\ntimezone: Europe/Berlin\n${extra}`);
  return index;
}

function runbook(id: string, window: string, more = ''): string {
  return `runbook: ${id}\ntitle: ${id} title\nenvironment: production\n${more}window:\n${window}\nsteps:\n  - id: s\n    title: S\n`;
}

describe('calendar query', () => {
  it('answers the spec shape with instants in the calendar zone and absent values as null', () => {
    const index = calendarIndex();
    index.set('file:///ws/a.runbook.yaml', runbook('a', '  start: 2026-12-02T22:00\n  end: 2026-12-03T00:00'));
    const result = calendarQuery(
      index,
      { from: '2026-12-01T00:00:00+01:00', to: '2026-12-08T00:00:00+01:00' },
      noDiagnostics,
    );
    assert.equal(result.timezone, 'Europe/Berlin');
    assert.equal(result.events.length, 1);
    const e = result.events[0];
    assert.equal(e.runbook, 'a');
    assert.equal(e.title, 'a title');
    assert.equal(e.start, '2026-12-02T22:00:00+01:00');
    assert.equal(e.end, '2026-12-03T00:00:00+01:00');
    for (const key of ['service', 'type', 'risk', 'ticket', 'team', 'version', 'owner', 'outcome'] as const) {
      assert.equal(e[key], null, key);
    }
    assert.deepEqual(e.dependsOn, []);
    assert.deepEqual(e.codes, []);
    assert.equal(e.uri, 'file:///ws/a.runbook.yaml');
    // The range is the runbook id's value: `a` on line 0 after "runbook: ".
    assert.deepEqual(e.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } });
    assert.equal(e.windowRange.start.line, 4, 'the window start value');
    assert.equal(result.from, '2026-12-01T00:00:00+01:00');
  });

  it("answers each runbook's access requests that meet the range, ended ones (RB041) flagged for revocation", () => {
    const index = calendarIndex();
    const access = [
      'access:',
      '  - id: ended',
      '    who: "@alice"',
      '    environment: production',
      '    level: kubectl exec',
      '    from: 2026-12-02T21:30',
      '    until: 2026-12-03T01:00',
      '    why: Watch the rollout',
      '    ticket: acme/ops#41',
      '  - id: running',
      '    who: "@bob"',
      '    environment: staging',
      '    level: read-only',
      '    from: 2026-12-02T20:00',
      '    until: 2099-01-01T00:00',
      '  - id: later',
      '    who: "@carol"',
      '    environment: production',
      '    level: read-only',
      '    from: 2027-02-01T00:00',
      '    until: 2027-02-02T00:00',
      '',
    ].join('\n');
    const uri = 'file:///ws/a.runbook.yaml';
    index.set(uri, runbook('a', '  start: 2026-12-02T22:00\n  end: 2026-12-03T00:00', access));
    const range = { from: '2026-12-01T00:00:00+01:00', to: '2026-12-08T00:00:00+01:00' };
    const result = calendarQuery(index, range, (u) => lintFile(index, u));
    assert.deepEqual(result.access, [
      {
        kind: 'access',
        id: 'running',
        runbook: 'a',
        runbookTitle: 'a title',
        title: 'Access for @bob: read-only',
        start: '2026-12-02T20:00:00+01:00',
        end: '2099-01-01T00:00:00+01:00',
        who: '@bob',
        environment: 'staging',
        level: 'read-only',
        why: null,
        ticket: null,
        ended: false,
        uri,
        range: { start: { line: 12, character: 8 }, end: { line: 12, character: 15 } },
      },
      {
        kind: 'access',
        id: 'ended',
        runbook: 'a',
        runbookTitle: 'a title',
        title: 'Access for @alice: kubectl exec',
        start: '2026-12-02T21:30:00+01:00',
        end: '2026-12-03T01:00:00+01:00',
        who: '@alice',
        environment: 'production',
        level: 'kubectl exec',
        why: 'Watch the rollout',
        ticket: 'acme/ops#41',
        ended: true,
        uri,
        range: { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } },
      },
    ]);
    // RB041 turned off: nothing asks for revocation, so nothing is flagged.
    const quiet = calendarQuery(index, range, (u) => lintFile(index, u, { severityOverrides: { RB041: 'off' } }));
    assert.deepEqual(
      quiet.access?.map((a) => [a.id, a.ended]),
      [
        ['running', false],
        ['ended', false],
      ],
    );
  });

  it('keeps events that meet the range, half-open at both ends', () => {
    const index = calendarIndex();
    index.set(
      'file:///ws/before.runbook.yaml',
      runbook('before', '  start: 2026-12-01T22:00\n  end: 2026-12-02T00:00'),
    );
    index.set('file:///ws/across.runbook.yaml', runbook('across', '  start: 2026-12-01T23:00\n  duration: 2h'));
    index.set('file:///ws/inside.runbook.yaml', runbook('inside', '  start: 2026-12-02T10:00\n  duration: 1h'));
    index.set('file:///ws/at-end.runbook.yaml', runbook('at-end', '  start: 2026-12-03T00:00\n  duration: 1h'));
    index.set('file:///ws/long.runbook.yaml', runbook('long', '  start: 2026-11-20T00:00\n  duration: 20d'));
    const result = calendarQuery(
      index,
      { from: '2026-12-02T00:00+01:00', to: '2026-12-03T00:00+01:00' },
      noDiagnostics,
    );
    assert.deepEqual(
      result.events.map((e) => e.runbook),
      ['long', 'across', 'inside'],
    );
    // An event is never clipped by the server: the view decides how to draw what crosses the edge.
    assert.equal(result.events[1].start, '2026-12-01T23:00:00+01:00');
  });

  it('reads instants without offset in the calendar zone', () => {
    const index = calendarIndex();
    index.set('file:///ws/a.runbook.yaml', runbook('a', '  start: 2026-07-01T10:00\n  duration: 1h'));
    const result = calendarQuery(index, { from: '2026-07-01T00:00', to: '2026-07-02T00:00' }, noDiagnostics);
    assert.equal(result.events[0].start, '2026-07-01T10:00:00+02:00');
  });

  it('writes a runbook in another zone in the calendar zone and says where it came from', () => {
    const index = calendarIndex();
    index.set(
      'file:///ws/ny.runbook.yaml',
      runbook('ny', '  start: 2026-12-08T09:00\n  duration: 1h', 'timezone: America/New_York\n'),
    );
    const e = calendarQuery(index, { from: '2026-12-08T00:00', to: '2026-12-09T00:00' }, noDiagnostics).events[0];
    assert.equal(e.start, '2026-12-08T15:00:00+01:00');
    assert.equal(e.zone, 'America/New_York');
  });

  it('lists codes once each and the conflicts with their messages', () => {
    const index = calendarIndex();
    const uri = 'file:///ws/a.runbook.yaml';
    index.set(uri, runbook('a', '  start: 2026-12-22T10:00\n  duration: 1h'));
    const diagnostics: DiagnosticsFor = (u) =>
      u === uri
        ? [
            { code: 'RB016', message: 'no verification', severity: 'warning' },
            { code: 'RB009', message: 'The window overlaps freeze "year-end"', severity: 'error' },
            { code: 'RB016', message: 'again', severity: 'warning' },
          ]
        : [];
    const e = calendarQuery(index, { from: '2026-12-22T00:00', to: '2026-12-23T00:00' }, diagnostics).events[0];
    assert.deepEqual(e.codes, ['RB016', 'RB009']);
    assert.deepEqual(e.conflicts, [{ code: 'RB009', message: 'The window overlaps freeze "year-end"' }]);
  });

  it('expands a month-end recurrence (BYMONTHDAY=-1) on the last day of each month', () => {
    const index = calendarIndex(
      'freezes:\n  - id: month-end-close\n    title: Month-end close\n    rrule: FREQ=MONTHLY;BYMONTHDAY=-1\n    start-time: "18:00"\n    duration: 30h\n',
    );
    const result = calendarQuery(index, { from: '2027-01-01T00:00', to: '2027-05-01T00:00' }, noDiagnostics);
    assert.deepEqual(
      result.freezes.map((f) => [f.start, f.end]),
      [
        // The December occurrence runs 30h, into the range.
        ['2026-12-31T18:00:00+01:00', '2027-01-02T00:00:00+01:00'],
        ['2027-01-31T18:00:00+01:00', '2027-02-02T00:00:00+01:00'],
        ['2027-02-28T18:00:00+01:00', '2027-03-02T00:00:00+01:00'],
        ['2027-03-31T18:00:00+02:00', '2027-04-02T00:00:00+02:00'],
        ['2027-04-30T18:00:00+02:00', '2027-05-02T00:00:00+02:00'],
      ],
    );
    const f = result.freezes[0];
    assert.equal(f.id, 'month-end-close');
    assert.equal(f.title, 'Month-end close');
    assert.equal(f.environments, null, 'no environments: all');
    assert.equal(f.rrule, 'FREQ=MONTHLY;BYMONTHDAY=-1');
    assert.equal(f.uri, CAL);
    assert.equal(f.range.start.line, 3, 'the freeze id value');
  });

  it('includes the occurrence that started before the range and reaches into it', () => {
    const index = calendarIndex(
      'freezes:\n  - id: month-end-close\n    title: Month-end close\n    rrule: FREQ=MONTHLY;BYMONTHDAY=-1\n    start-time: "18:00"\n    duration: 30h\n',
    );
    const result = calendarQuery(index, { from: '2027-02-01T12:00', to: '2027-02-02T00:00' }, noDiagnostics);
    assert.deepEqual(
      result.freezes.map((f) => f.start),
      ['2027-01-31T18:00:00+01:00'],
    );
    const none = calendarQuery(index, { from: '2027-02-02T00:00', to: '2027-02-03T00:00' }, noDiagnostics);
    assert.deepEqual(none.freezes, [], 'an occurrence ending at the range start does not meet it');
  });

  it('keeps a weekly 02:00 maintenance window at 02:00 local across the October and March changes', () => {
    const index = calendarIndex(
      'maintenance:\n  - id: sunday-infra\n    title: Sunday infrastructure\n    rrule: FREQ=WEEKLY;BYDAY=SU\n    start-time: "02:00"\n    duration: 4h\n    environments: [production]\n',
    );
    const autumn = calendarQuery(
      index,
      { from: '2026-10-12T00:00', to: '2026-11-09T00:00' },
      noDiagnostics,
    ).maintenance;
    assert.deepEqual(
      autumn.map((m) => m.start.slice(0, 19)),
      ['2026-10-18T02:00:00', '2026-10-25T02:00:00', '2026-11-01T02:00:00', '2026-11-08T02:00:00'],
    );
    assert.equal(autumn[0].start, '2026-10-18T02:00:00+02:00');
    assert.equal(autumn[2].start, '2026-11-01T02:00:00+01:00');
    assert.deepEqual(autumn[0].environments, ['production']);
    // The change night: 02:00 happens twice; whichever is taken, the window lasts 4 real hours.
    assert.equal(Date.parse(autumn[1].end) - Date.parse(autumn[1].start), 4 * 3_600_000);
    const spring = calendarQuery(
      index,
      { from: '2027-03-15T00:00', to: '2027-04-12T00:00' },
      noDiagnostics,
    ).maintenance;
    assert.equal(spring[0].start, '2027-03-21T02:00:00+01:00');
    // 02:00 does not exist on 28 March 2027; the window starts at the first instant after the gap.
    assert.equal(spring[1].start, '2027-03-28T03:00:00+02:00');
    assert.equal(spring[2].start, '2027-04-04T02:00:00+02:00');
    assert.equal(spring[3].start, '2027-04-11T02:00:00+02:00');
  });

  it('gives each event its dependents, and describes linked runbooks no event of the answer describes', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, noDiagnostics);
    const payments = result.events.find((e) => e.runbook === 'payments-api-2-14')!;
    assert.deepEqual(payments.dependsOn, ['orders-db-migration']);
    assert.deepEqual(payments.dependents, ['ledger-export']);
    assert.equal(Object.hasOwn(payments, 'dependencies'), false, 'dependsOn says it');
    // Both linked runbooks are events of this answer: `related` does not repeat them.
    assert.ok(result.events.some((e) => e.runbook === 'orders-db-migration'));
    assert.deepEqual(result.related, {});
    // A week that holds payments but not its dependency: the dependency comes in `related`.
    const week = calendarQuery(index, { from: '2026-12-02T21:00', to: '2026-12-03T00:00' }, noDiagnostics);
    assert.deepEqual(Object.keys(week.related), ['orders-db-migration']);
    assert.deepEqual(week.related['orders-db-migration'], {
      runbook: 'orders-db-migration',
      title: 'Orders DB migration 0042',
      start: '2026-12-02T18:00:00+01:00',
      end: '2026-12-02T20:00:00+01:00',
      uri: uriOf('orders-db-migration.runbook.yaml'),
      range: { start: { line: 0, character: 9 }, end: { line: 0, character: 28 } },
    });
    assert.equal(payments.team, 'payments');
    assert.equal(payments.version, '2.14.0');
    assert.equal(payments.ticket, 'acme/releases#123');
  });

  it('reports files it cannot place, for the view to explain', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    const diagnostics: DiagnosticsFor = (uri) => lintFile(index, uri);
    const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, diagnostics);
    assert.equal(result.workspace.calendars, 1);
    assert.equal(result.workspace.runbooks, 13);
    assert.equal(result.workspace.placedRunbooks, 12);
    assert.deepEqual(
      result.workspace.unreadable.map((u) => u.uri),
      [uriOf('broken.runbook.yaml')],
    );
    assert.equal(result.workspace.unreadable[0].kind, 'runbook');
    // The syntax error is why its window cannot be read, not the first problem in the file.
    assert.equal(result.workspace.unreadable[0].code, 'RB001');
    assert.deepEqual(result.workspace.environments, ['dmz', 'production', 'staging']);
    assert.ok(result.workspace.teams.includes('payments'));
  });

  it('carries the linter conflicts of the example workspace onto its events', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) =>
      lintFile(index, uri),
    );
    const codes = (id: string) => result.events.find((e) => e.runbook === id)!.conflicts.map((c) => c.code);
    assert.deepEqual(codes('search-reindex'), ['RB009']);
    assert.deepEqual(codes('ledger-export'), ['RB012']);
    assert.ok(codes('cycle-a').includes('RB013'));
    assert.deepEqual(codes('payments-api-2-14'), ['RB014']);
    assert.deepEqual(codes('dmz-firewall'), ['RB019']);
    assert.deepEqual(codes('checkout-web-5-1'), []);
  });

  it('writes instants exactly as time.ts does, in any zone', () => {
    const samples = [
      Date.UTC(2026, 9, 25, 0, 30),
      Date.UTC(2026, 9, 25, 1, 30),
      Date.UTC(2027, 2, 28, 1, 0),
      Date.UTC(2026, 5, 1, 12, 0, 0, 250),
    ];
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Europe/London']) {
      const fast = isoFormatter(zone);
      for (const ms of samples) assert.equal(fast(ms), isoWithOffset(ms, zone), `${zone} ${ms}`);
    }
  });

  it('rejects bad params with a message that says what to send', () => {
    const index = calendarIndex();
    const bad: unknown[] = [
      undefined,
      {},
      { from: '2026-12-01T00:00' },
      { from: 'yesterday', to: '2026-12-02T00:00' },
      { from: 20261201, to: '2026-12-02T00:00' },
      { from: '2026-12-02T00:00', to: '2026-12-01T00:00' },
      { from: '2026-12-01T00:00', to: '2026-12-01T00:00' },
      { from: '2020-01-01T00:00', to: '2030-01-01T00:00' },
    ];
    for (const params of bad) {
      assert.throws(
        () => calendarQuery(index, params, noDiagnostics),
        (e: unknown) => {
          assert.ok(e instanceof CalendarParamsError, String(e));
          assert.equal(e.code, -32602);
          assert.match(e.message, /runbook\/calendar/);
          return true;
        },
        JSON.stringify(params),
      );
    }
  });

  it('answers again after edits: the edited runbook changes, the others stay, a new calendar zone rewrites every instant', () => {
    // The query keeps what an event says about its runbook alone from one answer to the next; this is what must not go stale.
    const index = calendarIndex(
      'freezes:\n  - id: month-end\n    title: Month-end\n    rrule: FREQ=MONTHLY;BYMONTHDAY=-1\n    start-time: "18:00"\n    duration: 30h\n',
    );
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 200; i++) {
      const start = new Date(base + Math.floor((i * 365 * 86_400_000) / 200)).toISOString().slice(0, 16);
      index.set(
        `file:///ws/rb-${i}.runbook.yaml`,
        runbook(`rb-${i}`, `  start: ${start}Z\n  duration: 2h`, `service: svc-${i % 40}\n`),
      );
    }
    const params = { from: '2026-01-01T00:00', to: '2027-01-01T00:00' };
    const byId = (result: ReturnType<typeof calendarQuery>) => new Map(result.events.map((e) => [e.runbook, e]));
    const first = byId(calendarQuery(index, params, noDiagnostics));
    assert.equal(first.size, 200);

    index.set(
      'file:///ws/rb-1.runbook.yaml',
      runbook('rb-1', '  start: 2026-03-01T10:00Z\n  duration: 3h', 'service: svc-1\ntitle: moved\n').replace(
        'title: rb-1 title\n',
        '',
      ),
    );
    const diagnostics = new Map([
      ['file:///ws/rb-2.runbook.yaml', [{ code: 'RB014', message: 'overlaps', severity: 'warning' }]],
    ]);
    const second = byId(calendarQuery(index, params, (uri) => diagnostics.get(uri) ?? []));
    assert.equal(second.get('rb-1')!.title, 'moved');
    assert.equal(second.get('rb-1')!.start, '2026-03-01T11:00:00+01:00');
    assert.equal(second.get('rb-1')!.end, '2026-03-01T14:00:00+01:00');
    assert.deepEqual(second.get('rb-2')!.codes, ['RB014'], 'new diagnostics show without an edit of the file');
    assert.deepEqual(second.get('rb-3'), first.get('rb-3'));

    index.set(CAL, 'calendar: acme\ntimezone: America/New_York\n');
    const third = byId(calendarQuery(index, params, noDiagnostics));
    assert.equal(third.get('rb-1')!.start, '2026-03-01T05:00:00-05:00');
    assert.ok(
      [...third.values()].every((e) => /-0[45]:00$/.test(e.start) && /-0[45]:00$/.test(e.end)),
      'every instant in New York time',
    );
    assert.deepEqual(third.get('rb-2')!.codes, []);
  });

  it('one entry out of range (duration: 100000000d) is RB004 and an unplaced window; the rest of the calendar still answers', () => {
    const index = calendarIndex(
      'freezes:\n  - id: forever\n    title: Forever\n    start: 2026-12-01T00:00\n    duration: 100000000d\n' +
        '  - id: nightly\n    title: Nightly\n    rrule: FREQ=DAILY\n    start-time: "02:00"\n    duration: 100000000d\n' +
        '  - id: year-end\n    title: Year end\n    start: 2026-12-20T00:00\n    end: 2027-01-04T00:00\n',
    );
    index.set('file:///ws/huge.runbook.yaml', runbook('huge', '  start: 2026-12-10T10:00\n  duration: 100000000d'));
    index.set('file:///ws/ok.runbook.yaml', runbook('ok', '  start: 2026-12-22T10:00\n  duration: 1h'));
    const diagnostics = new Map(index.uris().map((uri) => [uri, lintFile(index, uri)]));
    const result = calendarQuery(
      index,
      { from: '2026-12-01T00:00', to: '2027-01-31T00:00' },
      (uri) => diagnostics.get(uri) ?? [],
    );
    assert.deepEqual(
      result.events.map((e) => e.runbook),
      ['ok'],
    );
    assert.deepEqual(
      result.freezes.map((f) => f.id),
      ['year-end'],
    );
    const unplaced = result.workspace.unreadable.find((u) => u.uri === 'file:///ws/huge.runbook.yaml');
    assert.equal(unplaced?.code, 'RB004');
    assert.match(unplaced!.message, /longer than 366 days/);
    const calendarCodes = diagnostics
      .get(CAL)!
      .filter((d) => d.code === 'RB004')
      .map((d) => d.message);
    assert.equal(calendarCodes.length, 2, calendarCodes.join('\n'));
  });
});
