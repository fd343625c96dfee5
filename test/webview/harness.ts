// Headless Chromium around the built calendar webview (test/webview-shared/page-harness.ts): the
// page is the client's own HTML (same CSP) served from 127.0.0.1, `acquireVsCodeApi` is a stand-in
// that records what the webview posts and answers `requestRange` the way the extension host does,
// from a real `runbook/calendar` query.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { calendarHtml } from '../../client/calendar/webview-html';
import { calendarQuery, CalendarParamsError } from '../../server/core/calendar/calendar-query';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { lintFile } from '../../server/core/run-rules';
import type { WorkspaceIndex } from '../../server/core/workspace-index';
import type { HostMessage, WebviewMessage } from '../../webview/calendar/protocol';
import type { ThemeName } from '../webview-shared/themes';
import * as shared from '../webview-shared/page-harness';

export { ROOT, waitUntil } from '../webview-shared/page-harness';
export type Harness = shared.Harness;
export const ARTIFACTS = join(shared.ROOT, 'test', 'artifacts');

export const CALENDAR_BUNDLE: shared.BundleSpec = {
  name: 'webview',
  entry: 'webview/calendar/main.ts',
  sources: ['webview', 'server/core/calendar'],
};

/** The page as the view or the panel sets it; `?host=panel` for the panel. */
export function startHarness(): Promise<Harness> {
  return shared.startHarness({
    bundles: [CALENDAR_BUNDLE],
    artifacts: ARTIFACTS,
    pages: {
      '/calendar.html': (origin, url) =>
        calendarHtml({
          cspSource: origin,
          scriptUri: `${origin}/dist/webview.js`,
          styleUri: `${origin}/media/calendar.css`,
          host: url.searchParams.get('host') === 'panel' ? 'panel' : 'view',
        }),
    },
  });
}

export type Responder = (message: WebviewMessage) => HostMessage | undefined;

/** Answers range requests from a workspace index, with the linter's diagnostics, as the server does. */
export function indexResponder(
  index: () => WorkspaceIndex,
  decorate?: (r: CalendarResult) => CalendarResult,
): Responder {
  return (message) => {
    if (message.type !== 'requestRange') return undefined;
    try {
      const idx = index();
      const result = calendarQuery(idx, { from: message.from, to: message.to }, (uri) => lintFile(idx, uri));
      return { type: 'calendar', requestId: message.requestId, result: decorate ? decorate(result) : result };
    } catch (error) {
      if (error instanceof CalendarParamsError)
        return { type: 'error', requestId: message.requestId, message: error.message };
      throw error;
    }
  };
}

export interface OpenOptions {
  theme?: ThemeName;
  host?: 'view' | 'panel';
  width?: number;
  height?: number;
  /** What getState() returns at start, as after a reload. */
  state?: unknown;
  /** Browser clock, so "today" is fixed. */
  now?: string;
  timezoneId?: string;
  respond: Responder;
}

export type CalendarPage = shared.WebviewPage<WebviewMessage, HostMessage>;

/** The view is painted on the side bar's background, the panel on the editor's; screenshots are of the viewport. */
export function openCalendar(h: Harness, options: OpenOptions): Promise<CalendarPage> {
  const host = options.host ?? 'view';
  return shared.openPage<WebviewMessage, HostMessage>(h, {
    path: `/calendar.html?host=${host}`,
    theme: options.theme,
    width: options.width ?? 420,
    height: options.height ?? 900,
    state: options.state,
    now: options.now,
    timezoneId: options.timezoneId,
    background: host === 'view' ? 'sideBar-background' : 'editor-background',
    respond: options.respond,
    fullPage: false,
  });
}

/**
 * One harness for the suite, and every page a test opened closed after it with the checks each
 * calendar test makes: no Content-Security-Policy violation, no console or page error, no dialog.
 */
export function useCalendarPages(): { open(options: OpenOptions): Promise<CalendarPage>; harness(): Harness } {
  let h: Harness | undefined;
  const pages: CalendarPage[] = [];
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });
  afterEach(async () => {
    for (const cal of pages.splice(0)) {
      const violations = await cal.cspViolations();
      const errors = cal.errors.slice();
      await cal.close();
      assert.deepEqual(violations, [], 'Content-Security-Policy violations');
      assert.deepEqual(errors, [], 'console errors and page errors');
      assert.deepEqual(cal.dialogs, [], 'dialogs');
    }
  });
  return {
    async open(options) {
      const cal = await openCalendar(h!, options);
      pages.push(cal);
      return cal;
    },
    harness: () => h!,
  };
}

/** What the calendar webview saves (getState), for a test that opens it on a view and a date. */
export function calendarViewState(
  view: 'agenda' | 'week' | 'month',
  date: string,
  extra: Record<string, unknown> = {},
) {
  return {
    version: 1,
    view,
    date,
    zoneMode: 'calendar',
    filters: { environments: [], teams: [], services: [] },
    filtersOpen: false,
    selected: null,
    scroll: { agenda: 0, week: -1, month: 0 },
    ...extra,
  };
}
