// Environment bookings in the calendar webview (headless Chromium), fed real `runbook/calendar`
// answers: a chip of their own colour in the week's lanes and the month's, a "Booked" row in the
// agenda, no shading of the day (a booking rules no day for everyone), the environment and team
// filters. Screenshots: test/artifacts/calendar-bookings-*.png.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { loadWorkspace } from '../helpers/index-folder';
import { FIXTURE_WORKSPACE } from '../fixtures/calendar/workspaces';
import { ARTIFACTS, calendarViewState, CalendarPage, indexResponder, useCalendarPages, waitUntil } from './harness';

const NOW = '2026-12-02T09:00:00+01:00';
const BOOKINGS = `calendar: bookings
timezone: Europe/Berlin
bookings:
  - id: perf-campaign
    environment: staging
    team: perf
    purpose: Performance test campaign
    contact: "@dana"
    exclusive: true
    start: 2026-12-01T08:00
    end: 2026-12-03T18:00
  - id: qa-thursdays
    environment: dmz
    team: qa
    purpose: Regression run
    rrule: FREQ=WEEKLY;BYDAY=TH
    start-time: "14:00"
    duration: 3h
`;

const viewState = calendarViewState;

describe('environment bookings in the calendar webview', function () {
  this.timeout(120_000);
  const pages = useCalendarPages();
  const index = loadWorkspace(FIXTURE_WORKSPACE);
  index.set('file:///bookings/bookings.calendar.yaml', BOOKINGS);

  async function open(state: ReturnType<typeof viewState>, width = 1200): Promise<CalendarPage> {
    return pages.open({ host: 'panel', width, height: 800, now: NOW, state, respond: indexResponder(() => index) });
  }

  it('draws a booking as a chip of its own in the week, and shades no day for it', async () => {
    const { page } = await open(viewState('week', '2026-12-02'));
    const chip = page.locator('.week-chip.booking', { hasText: 'staging · perf: Performance test campaign' });
    await chip.waitFor();
    assert.match(
      (await chip.getAttribute('aria-label'))!,
      /^Booking: staging booked by perf for Performance test campaign, exclusive, ask @dana, /,
    );
    assert.equal(await page.locator('.band.booking').count(), 0, 'no band behind the windows');
    assert.equal(
      await page.locator('.week-chip.booking', { hasText: 'dmz · qa: Regression run' }).count(),
      1,
      'the recurring booking on Thursday',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-bookings-week.png') });

    await page.locator('.view-switch [data-view=month]').click();
    await page.locator('.month-chip.booking, .week-chip.booking, .period.booking').first().waitFor();
    // 3 December: booked by perf, no freeze or maintenance that day.
    const cell = page
      .locator('.month-cell')
      .filter({ has: page.locator('.month-date', { hasText: /^3$/ }) })
      .first();
    assert.doesNotMatch(
      (await cell.getAttribute('class'))!,
      /freeze|maintenance|booking/,
      'the booked day is not shaded',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-bookings-month.png') });
  });

  it('lists bookings in the agenda and filters them by environment and team', async () => {
    const { page } = await open(viewState('agenda', '2026-12-01'), 900);
    const row = page.locator('.agenda-period.booking', { hasText: 'Performance test campaign' }).first();
    await row.waitFor();
    assert.equal(await row.locator('.period-kind').textContent(), 'Booked');
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-bookings-agenda.png') });

    await page.locator('vscode-collapsible.filters').click();
    await page.locator('vscode-checkbox[data-filter="teams"][value="qa"]').click();
    await waitUntil(
      async () =>
        (await page.locator('.agenda-period.booking', { hasText: 'Performance test campaign' }).count()) === 0,
      'the perf booking to go',
    );
    assert.ok(
      await page.locator('.agenda-period.booking', { hasText: 'Regression run' }).count(),
      'the qa booking stays',
    );
    await page.locator('vscode-checkbox[data-filter="teams"][value="qa"]').click();
    await page.locator('vscode-checkbox[data-filter="environments"][value="dmz"]').click();
    await waitUntil(
      async () =>
        (await page.locator('.agenda-period.booking', { hasText: 'Performance test campaign' }).count()) === 0,
      'the staging booking to go',
    );
  });
});
