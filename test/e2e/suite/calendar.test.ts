// The release calendar: the language server's `runbook/calendar` answer (docs/runbook-dsl.md, "The editor protocol"), and
// the calendar webviews (editor panel and side view) loading and asking for it themselves.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CalendarResult } from '../../../server/core/calendar/calendar-types';
import { ExtensionApi, extensionApi, waitFor } from './helpers';

const CALENDAR_REQUEST = 'runbook/calendar';

interface RecordedQuery {
  params: { from: string; to: string };
  result?: CalendarResult;
}

/**
 * Records the `runbook/calendar` requests the extension sends. The calendar webviews cannot be
 * reached from the extension host, but every range they ask for goes through this one client
 * (client/calendar/calendar-service.ts), so a recorded request proves a webview loaded, posted
 * its request and that the host answered it.
 */
function recordCalendarQueries(api: ExtensionApi): { queries: RecordedQuery[]; restore(): void } {
  const client = api.languageClient;
  const original = client.sendRequest;
  const queries: RecordedQuery[] = [];
  client.sendRequest = function (this: unknown, method: string, ...rest: unknown[]) {
    const answer = (original as (...a: unknown[]) => Promise<unknown>).call(this, method, ...rest);
    if (method === CALENDAR_REQUEST) {
      const query: RecordedQuery = { params: rest[0] as RecordedQuery['params'] };
      queries.push(query);
      answer.then(
        (r) => (query.result = r as CalendarResult),
        () => undefined,
      );
    }
    return answer;
  } as typeof client.sendRequest;
  return { queries, restore: () => (client.sendRequest = original) };
}

const covers = (q: RecordedQuery, instant: string) =>
  Date.parse(q.params.from) <= Date.parse(instant) && Date.parse(q.params.to) > Date.parse(instant);

suite('calendar', () => {
  let api: ExtensionApi;

  suiteSetup(async () => {
    api = await extensionApi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('runbook/calendar answers with the example windows, freezes and maintenance', async () => {
    const result = await api.languageClient.sendRequest<CalendarResult>(CALENDAR_REQUEST, {
      from: '2026-12-01T00:00:00Z',
      to: '2027-01-01T00:00:00Z',
    });
    assert.equal(result.timezone, 'Europe/Berlin');

    const payments = result.events.find((e) => e.runbook === 'payments-api-2-14');
    assert.ok(payments, `events: ${result.events.map((e) => e.runbook).join(', ')}`);
    assert.equal(Date.parse(payments.start), Date.parse('2026-12-02T22:00:00+01:00'));
    assert.equal(Date.parse(payments.end), Date.parse('2026-12-03T00:00:00+01:00'));
    assert.match(payments.start, /[+-]\d\d:\d\d$|Z$/, 'instants carry an offset');
    assert.equal(payments.environment, 'production');
    assert.deepEqual(payments.dependsOn, ['orders-db-migration']);
    assert.ok(payments.uri.endsWith('/payments-api-2-14.runbook.yaml'));

    const hotfix = result.events.find((e) => e.runbook === 'payments-hotfix-2-14-1');
    assert.ok(hotfix?.codes.includes('RB009'), 'the hotfix inside the freeze carries RB009');

    const yearEnd = result.freezes.find((f) => f.id === 'year-end');
    assert.ok(yearEnd, `freezes: ${result.freezes.map((f) => f.id).join(', ')}`);
    assert.equal(Date.parse(yearEnd.start), Date.parse('2026-12-21T00:00:00+01:00'));
    assert.deepEqual(yearEnd.environments, ['production', 'infrastructure']);
    // Recurrences expanded: the month-end close of Dec 31 (Nov 30's runs 30 h into Dec 1 too)
    // and a Sunday window every week.
    const closes = result.freezes.filter((f) => f.id === 'month-end-close').map((f) => Date.parse(f.start));
    assert.ok(
      closes.includes(Date.parse('2026-12-31T18:00:00+01:00')),
      `month-end-close starts: ${closes.map((t) => new Date(t).toISOString()).join(', ')}`,
    );
    assert.ok(result.maintenance.filter((m) => m.id === 'sunday-infra').length >= 4);
  });

  test('Open Calendar shows the panel; its webview asks for the day it was sent to and gets the freeze', async () => {
    const recorder = recordCalendarQueries(api);
    try {
      // The date argument travels host → webview ("reveal"); the webview then asks for that week.
      await vscode.commands.executeCommand('releaseRunbooks.openCalendar', '2026-12-22');
      const tab = await waitFor(
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find(
              (t) =>
                t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('releaseRunbooks.calendarPanel'),
            ),
        'the Release Calendar panel to open',
      );
      assert.equal(tab.label, 'Release Calendar');
      assert.ok(tab.isActive);

      const answered = await waitFor(
        () => recorder.queries.find((q) => covers(q, '2026-12-22T12:00:00+01:00') && q.result),
        'the calendar webview to ask for the week of 2026-12-22 and get an answer',
        30_000,
      );
      assert.ok(
        answered.result!.freezes.some((f) => f.id === 'year-end'),
        'the year-end freeze is in the answer',
      );
      assert.ok(
        answered.result!.events.some((e) => e.runbook === 'payments-hotfix-2-14-1'),
        'the hotfix of Dec 23, in the same week, is in the answer',
      );
    } finally {
      recorder.restore();
    }
  });

  test('the Calendar view in the Releases side bar resolves and asks for its range', async () => {
    const recorder = recordCalendarQueries(api);
    try {
      // No calendar panel is open (teardown), so any request now comes from the side view.
      await vscode.commands.executeCommand('releaseRunbooks.calendar.focus');
      const answered = await waitFor(
        () => recorder.queries.find((q) => q.result),
        'the side view to ask for its range and get an answer',
        30_000,
      );
      assert.equal(answered.result!.timezone, 'Europe/Berlin');
      assert.ok(Date.parse(answered.params.to) > Date.parse(answered.params.from));
    } finally {
      recorder.restore();
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
    }
  });
});
