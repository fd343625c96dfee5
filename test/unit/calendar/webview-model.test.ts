import { strict as assert } from 'node:assert';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import type { CalendarResult } from '../../../server/core/calendar/calendar-types';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import {
  agendaEventHeight,
  agendaModel,
  daySegments,
  emptyFilters,
  envColor,
  filterOptions,
  monthModel,
  packColumns,
  periodLanes,
  rowsInView,
  shownEvents,
  shownPeriods,
  weekModel,
} from '../../../webview/calendar/view-model';
import {
  dayKeyOf,
  daysBetween,
  instantLabel,
  shiftDay,
  spanLabel,
  viewSpan,
} from '../../../webview/calendar/display-time';
import { loadWorkspace } from '../../helpers/index-folder';
import { FIXTURE_WORKSPACE } from '../../fixtures/calendar/workspaces';

const BERLIN = 'Europe/Berlin';

function fixture(from = '2026-11-20T00:00', to = '2027-01-10T00:00'): CalendarResult {
  const index = loadWorkspace(FIXTURE_WORKSPACE);
  return calendarQuery(index, { from, to }, () => []);
}

describe('calendar view model', () => {
  describe('spans', () => {
    it('starts weeks on Monday and months on the Monday before the 1st', () => {
      const week = viewSpan('week', '2026-12-02', BERLIN);
      assert.equal(week.firstDay, '2026-11-30');
      assert.equal(week.endDay, '2026-12-07');
      const month = viewSpan('month', '2026-12-15', BERLIN);
      assert.equal(month.firstDay, '2026-11-30');
      assert.equal(month.endDay, '2027-01-04');
      assert.equal(spanLabel('month', month, '2026-12-15'), 'December 2026');
      assert.equal(spanLabel('week', week, '2026-12-02'), '30 Nov – 6 Dec 2026');
      assert.equal(
        spanLabel('agenda', viewSpan('agenda', '2026-12-20', BERLIN), '2026-12-20'),
        '20 Dec 2026 – 16 Jan 2027',
      );
    });

    it('has a 25-hour week across the October change and a 23-hour one in March', () => {
      const oct = viewSpan('week', '2026-10-25', BERLIN);
      assert.equal(oct.end - oct.start, (7 * 24 + 1) * 3_600_000);
      const mar = viewSpan('week', '2027-03-28', BERLIN);
      assert.equal(mar.end - mar.start, (7 * 24 - 1) * 3_600_000);
    });

    it('moves by a view: 4 weeks, a week, a month (month ends stay in range)', () => {
      assert.equal(shiftDay('agenda', '2026-12-02', 1), '2026-12-30');
      assert.equal(shiftDay('week', '2026-12-02', -1), '2026-11-25');
      assert.equal(shiftDay('month', '2027-01-31', 1), '2027-02-28');
    });

    it('labels instants relative to a day', () => {
      const ms = Date.parse('2026-12-03T00:30:00+01:00');
      assert.equal(instantLabel(ms, BERLIN, '2026-12-03'), '00:30');
      assert.equal(instantLabel(ms, BERLIN, '2026-12-02'), 'Thu 00:30');
      assert.equal(instantLabel(ms, BERLIN, '2026-11-20'), 'Thu 3 Dec 00:30');
    });
  });

  describe('clipping to days', () => {
    it('splits a window over midnight into two segments', () => {
      const start = Date.parse('2026-12-02T23:30:00+01:00');
      const end = Date.parse('2026-12-03T00:30:00+01:00');
      const segs = daySegments('x', start, end, daysBetween('2026-11-30', '2026-12-07'), BERLIN);
      assert.deepEqual(
        segs.map((s) => [s.day, s.startMinute, s.endMinute, s.continuesBefore, s.continuesAfter]),
        [
          ['2026-12-02', 23 * 60 + 30, 1440, false, true],
          ['2026-12-03', 0, 30, true, false],
        ],
      );
    });

    it('keeps the wall clock on daylight-saving days: a 02:00 maintenance window sits at 02:00 in both weeks', () => {
      const index = new WorkspaceIndex();
      index.set(
        'file:///ws/c.calendar.yaml',
        'calendar: c\ntimezone: Europe/Berlin\nmaintenance:\n  - id: sun\n    title: Sunday\n    rrule: FREQ=WEEKLY;BYDAY=SU\n    start-time: "02:00"\n    duration: 4h\n',
      );
      for (const day of ['2026-10-18', '2026-11-01', '2027-03-21', '2027-04-04']) {
        const span = viewSpan('week', day, BERLIN);
        const result = calendarQuery(
          index,
          { from: new Date(span.start).toISOString(), to: new Date(span.end).toISOString() },
          () => [],
        );
        const week = weekModel([], shownPeriods(result, emptyFilters()), span, BERLIN);
        const sunday = week.columns[6].periods;
        assert.equal(sunday.length, 1, day);
        assert.deepEqual([sunday[0].startMinute, sunday[0].endMinute], [120, 360], day);
      }
    });

    it('shows the display zone’s days: a New York view moves a Berlin 00:30 window to the day before', () => {
      const ms = Date.parse('2026-12-03T00:30:00+01:00');
      assert.equal(dayKeyOf(ms, BERLIN), '2026-12-03');
      assert.equal(dayKeyOf(ms, 'America/New_York'), '2026-12-02');
    });

    it('puts overlapping windows side by side and lets the others have the full width', () => {
      const seg = (id: string, a: number, b: number) => ({
        item: id,
        day: 'd',
        startMinute: a,
        endMinute: b,
        continuesBefore: false,
        continuesAfter: false,
      });
      const placed = packColumns([
        seg('a', 1320, 1440),
        seg('b', 1380, 1410),
        seg('c', 1410, 1440),
        seg('d', 600, 660),
      ]);
      const by = Object.fromEntries(placed.map((p) => [p.item, [p.column, p.columns]]));
      assert.deepEqual(by, { d: [0, 1], a: [0, 2], b: [1, 2], c: [1, 2] });
    });

    it('lays freezes out as bars over the days they touch, in lanes', () => {
      const result = fixture();
      const days = daysBetween('2026-12-28', '2027-01-04');
      const lanes = periodLanes(shownPeriods(result, emptyFilters()), days, BERLIN);
      const yearEnd = lanes.find((l) => l.item.period.id === 'year-end')!;
      assert.deepEqual(
        [yearEnd.firstColumn, yearEnd.lastColumn, yearEnd.continuesBefore, yearEnd.continuesAfter],
        [0, 6, true, false],
      );
      const monthEnd = lanes.find((l) => l.item.period.id === 'month-end-close')!;
      // 31 Dec 18:00 to 2 Jan 00:00: Thursday and Friday, not Saturday.
      assert.deepEqual([monthEnd.firstColumn, monthEnd.lastColumn], [3, 4]);
      assert.notEqual(monthEnd.lane, yearEnd.lane);
    });
  });

  describe('filters', () => {
    it('filters events by environment, team and service; periods by environment only', () => {
      const result = fixture();
      const all = shownEvents(result, emptyFilters());
      const staging = shownEvents(result, { environments: ['staging'], teams: [], services: [] });
      assert.ok(staging.length > 0 && staging.length < all.length);
      assert.ok(staging.every((e) => e.event.environment === 'staging'));
      const payments = shownEvents(result, { environments: [], teams: ['payments'], services: [] });
      assert.deepEqual(
        payments.map((e) => e.event.runbook),
        ['payments-api-2-14', 'payments-api-hotfix'],
      );
      const noService = shownEvents(result, { environments: [], teams: [], services: [''] });
      assert.deepEqual(
        noService.map((e) => e.event.runbook),
        ['minimal-change'],
      );
      const ids = (f: Parameters<typeof shownPeriods>[1]) =>
        [...new Set(shownPeriods(result, f).map((p) => p.period.id))].sort();
      assert.deepEqual(ids({ environments: ['staging'], teams: [], services: [] }), ['month-end-close']);
      assert.deepEqual(ids({ environments: ['production'], teams: ['payments'], services: [] }), [
        'month-end-close',
        'sunday-infra',
        'year-end',
      ]);
    });

    it('offers every name in the workspace, and keeps a selected one that disappeared', () => {
      const result = fixture('2026-12-20T00:00', '2026-12-27T00:00');
      const options = filterOptions(result, { environments: ['gone'], teams: [], services: [] });
      assert.deepEqual(options.environments, ['dmz', 'gone', 'production', 'staging']);
      assert.ok(options.teams.includes('payments'), 'a team with no window this week');
    });
  });

  describe('agenda', () => {
    const result = fixture();
    const span = viewSpan('agenda', '2026-12-02', BERLIN);
    const model = agendaModel(shownEvents(result, emptyFilters()), shownPeriods(result, emptyFilters()), span, BERLIN);

    it('groups windows under their day, with the bands active that day first', () => {
      const first = model.rows
        .slice(0, 3)
        .map((r) => (r.kind === 'event' ? r.item.event.runbook : r.kind === 'period' ? r.item.period.id : r.day));
      assert.deepEqual(first, ['2026-12-02', 'dmz-patch', 'orders-db-migration']);
      const days = model.rows.filter((r) => r.kind === 'day').map((r) => r.day);
      assert.ok(days.includes('2026-12-06'), 'a Sunday with only its maintenance window is listed');
      assert.equal(days.length, new Set(days).size);
    });

    it('knows every row’s offset so only the rows in view are drawn', () => {
      let top = 0;
      for (const row of model.rows) {
        assert.equal(row.top, top);
        top += row.height;
      }
      assert.equal(model.height, top);
      const visible = rowsInView(model.rows, 300, 600);
      assert.ok(visible.length > 0 && visible.length < model.rows.length);
      assert.ok(visible[0].top <= 300 && visible[0].top + visible[0].height > 300);
      assert.ok(visible.every((r) => r.top < 600));
    });

    it('sets the side bar’s compact agenda tighter, the same rows in the same order', () => {
      const compact = agendaModel(
        shownEvents(result, emptyFilters()),
        shownPeriods(result, emptyFilters()),
        span,
        BERLIN,
        true,
      );
      assert.deepEqual(
        compact.rows.map((r) => r.kind),
        model.rows.map((r) => r.kind),
      );
      const heights = (m: typeof model) => m.rows.slice(0, 4).map((r) => r.height);
      // Day, maintenance band, two windows (media/calendar.css, .agenda.compact); a conflict line is 16 px, not 18.
      assert.deepEqual(heights(model), [30, 26, 72, 72]);
      assert.deepEqual(heights(compact), [26, 22, 60, 60]);
      assert.ok(compact.height < model.height);
      const clash = { ...result.events[0], conflicts: [{ code: 'RB014', message: 'clash' }] };
      assert.deepEqual([agendaEventHeight(clash), agendaEventHeight(clash, true)], [90, 76]);
    });

    it('lists a window already running when the span starts on the first day', () => {
      const later = agendaModel(
        shownEvents(result, emptyFilters()),
        [],
        viewSpan('agenda', '2026-12-03', BERLIN),
        BERLIN,
      );
      const first = later.rows[1];
      // Ledger export runs 23:30–00:30; payments ends at 00:00 exactly, so it does not reach 3 December.
      assert.equal(first.kind === 'event' && first.item.event.runbook, 'ledger-export');
      assert.ok(!later.events.some((e) => e.event.runbook === 'payments-api-2-14'));
    });
  });

  describe('month', () => {
    it('shades frozen days and lists the windows of each day', () => {
      const result = fixture();
      const span = viewSpan('month', '2026-12-15', BERLIN);
      const weeks = monthModel(
        shownEvents(result, emptyFilters()),
        shownPeriods(result, emptyFilters()),
        span,
        12,
        BERLIN,
      );
      const cell = (day: string) => weeks.flatMap((w) => w.cells).find((c) => c.day === day)!;
      assert.equal(cell('2026-12-22').freeze, 'full');
      assert.equal(cell('2026-11-30').freeze, 'partial');
      assert.equal(cell('2026-11-30').inMonth, false);
      assert.equal(cell('2026-12-06').maintenance, true);
      assert.deepEqual(
        cell('2026-12-03').events.map((e) => e.event.runbook),
        ['ledger-export', 'checkout-web-5-1', 'xss-probe'],
      );
    });
  });

  it('colours environments steadily: production red, staging orange', () => {
    assert.equal(envColor('production'), 0);
    assert.equal(envColor('prod'), 0);
    assert.equal(envColor('staging'), 1);
    assert.equal(envColor('dmz'), envColor('dmz'));
  });
});
