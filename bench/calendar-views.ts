// The calendar webview over a year of runbooks, in headless Chromium (the page the extension
// serves, driven as test/webview/ drives it): how long a click on Month, Week or Agenda works
// before the page is free again, which is when the new view is drawn. Needs Debian's chromium.
import { existsSync } from 'node:fs';
import { calendarQuery } from '../server/core/calendar/calendar-query';
import { WorkspaceIndex } from '../server/core/workspace-index';
import type { HostMessage, WebviewMessage } from '../webview/calendar/protocol';
import { calendarViewState, openCalendar, startHarness } from '../test/webview/harness';
import { CHROMIUM } from '../test/webview-shared/page-harness';
import { generateWorkspace } from './generate-workspace';
import { median } from './process-measures';

const VIEWS = ['month', 'week', 'agenda'] as const;

export interface CalendarViewsFigures {
  runbooks: number;
  rounds: number;
  /** Median and slowest click per view, in milliseconds. */
  views: Record<(typeof VIEWS)[number], { median: number; max: number }>;
}

export async function measureCalendarViews(runbooks: number, rounds: number): Promise<CalendarViewsFigures> {
  const index = new WorkspaceIndex();
  for (const file of generateWorkspace(runbooks, 1)) index.set(`file:///bench/${file.path}`, file.text);
  const respond = (m: WebviewMessage): HostMessage | undefined =>
    m.type === 'requestRange'
      ? { type: 'calendar', requestId: m.requestId, result: calendarQuery(index, { from: m.from, to: m.to }, () => []) }
      : undefined;
  const harness = await startHarness();
  try {
    const cal = await openCalendar(harness, {
      respond,
      host: 'panel',
      width: 1200,
      height: 800,
      // The generated releases begin on 5 January 2026 (bench/generate-workspace.ts).
      state: calendarViewState('agenda', '2026-01-05'),
    });
    const { page } = cal;
    await page.locator('.agenda-event').first().waitFor();
    const times: Record<string, number[]> = { month: [], week: [], agenda: [] };
    for (let round = 0; round < rounds; round++) {
      for (const view of VIEWS) {
        times[view].push(
          await page.evaluate((v) => {
            const t0 = performance.now();
            (document.querySelector(`.view-switch [data-view=${v}]`) as HTMLElement).click();
            return performance.now() - t0;
          }, view),
        );
        await page.locator(`.${view}-event`).first().waitFor();
      }
    }
    await cal.close();
    const figures = (view: string) => ({ median: median(times[view]), max: Math.max(...times[view]) });
    return { runbooks, rounds, views: { month: figures('month'), week: figures('week'), agenda: figures('agenda') } };
  } finally {
    await harness.close();
  }
}

export const canMeasureCalendarViews = () => existsSync(CHROMIUM);
