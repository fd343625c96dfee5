// Access requests in the calendar webview (headless Chromium), fed real `runbook/calendar`
// answers: a chip of their own colour in the week's and month's lanes with who, environment,
// access and the ticket's approval; an "Access" row in the agenda; access that has ended and still
// stands (RB041) in the error colour with a warning icon; the environment filter; no day shaded.
// Screenshots: test/artifacts/calendar-access-*.png (light and dark).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { loadWorkspace } from '../helpers/index-folder';
import { ACCESS_WORKSPACE, FIXTURE_WORKSPACE, uriOf } from '../fixtures/calendar/workspaces';
import { ARTIFACTS, calendarViewState, CalendarPage, indexResponder, useCalendarPages, waitUntil } from './harness';

const NOW = '2026-12-02T09:00:00+01:00';

const viewState = calendarViewState;

/** The extension host's part: the request's issue as the change-status store knows it. */
const withTicketStatus = (r: CalendarResult): CalendarResult => ({
  ...r,
  access: r.access?.map((a) =>
    a.ticket ? { ...a, ticketStatus: { state: 'closed', cabLabel: 'cab:approved', assignees: [] } } : a,
  ),
});

describe('access requests in the calendar webview', function () {
  this.timeout(120_000);
  const pages = useCalendarPages();
  // alice-prod's access ended on 3 December, before this test can run: RB041 flags it.
  const index = loadWorkspace(FIXTURE_WORKSPACE, ACCESS_WORKSPACE);

  async function open(
    state: ReturnType<typeof viewState>,
    theme: 'light' | 'dark' = 'dark',
    width = 1200,
  ): Promise<CalendarPage> {
    return pages.open({
      host: 'panel',
      theme,
      width,
      height: 800,
      now: NOW,
      state,
      respond: indexResponder(() => index, withTicketStatus),
    });
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`draws each access as a chip of its own in the week (${theme}); ended access stands out, no day is shaded`, async () => {
      const { page } = await open(viewState('week', '2026-12-02'), theme);
      const ended = page.locator('.week-chip.access.ended');
      await ended.waitFor();
      assert.equal(await ended.count(), 1, 'only the access that has ended');
      assert.equal(
        (await ended.locator('.chip-label').textContent())!,
        'production · @alice: cluster-admin (ended: revoke)',
      );
      assert.match(
        (await ended.getAttribute('aria-label'))!,
        /^Access: @alice on production, cluster-admin, for Node pool upgrade, ticket acme\/ops#41 closed, cab:approved, ended and not revoked: revoke it, .*\. Opens its request$/,
      );
      assert.equal(await ended.locator('.icon-warning').count(), 1, 'a warning icon, not the key');
      const running = page.locator('.week-chip.access:not(.ended)');
      assert.equal(await running.count(), 1);
      assert.equal(await running.locator('.chip-label').textContent(), 'staging · @bob: read-only (not filed)');
      assert.equal(await running.locator('.icon-key').count(), 1);
      assert.match((await running.getAttribute('aria-label'))!, /, not filed yet, /);
      assert.equal(await page.locator('.band.access').count(), 0, 'no band behind the windows');
      // The two stand apart: the ended one in the error colour, the other in the access colour.
      const [endedShadow, runningShadow] = await Promise.all(
        [ended, running].map((l) => l.evaluate((el) => getComputedStyle(el).boxShadow)),
      );
      assert.notEqual(endedShadow, runningShadow);
      await page.screenshot({ path: join(ARTIFACTS, `calendar-access-week-${theme}.png`) });
    });
  }

  it('shows access in the month without shading its days, and opens the request on click', async () => {
    const cal = await open(viewState('month', '2026-12-02'), 'light');
    const page = cal.page;
    const chip = page.locator('.period.access.ended').first();
    await chip.waitFor();
    const cell = page
      .locator('.month-cell')
      .filter({ has: page.locator('.month-date', { hasText: /^3$/ }) })
      .first();
    assert.doesNotMatch((await cell.getAttribute('class'))!, /freeze|maintenance|access/);
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-access-month-light.png') });
    await chip.click();
    const opened = await cal.waitForPosted((m) => m.type === 'open');
    assert.deepEqual(opened, {
      type: 'open',
      uri: uriOf('node-pool-upgrade.runbook.yaml', ACCESS_WORKSPACE),
      range: { start: { line: 8, character: 8 }, end: { line: 8, character: 18 } },
    });
  });

  it('lists access in the agenda and filters it by environment', async () => {
    const { page } = await open(viewState('agenda', '2026-12-01'), 'dark', 900);
    const row = page.locator('.agenda-period.access.ended').first();
    await row.waitFor();
    assert.equal(await row.locator('.period-kind').textContent(), 'Access');
    assert.match((await row.locator('.period-title').textContent())!, /@alice: cluster-admin \(ended: revoke\)/);
    await page.screenshot({ path: join(ARTIFACTS, 'calendar-access-agenda-dark.png') });

    await page.locator('vscode-collapsible.filters').click();
    await page.locator('vscode-checkbox[data-filter="environments"][value="staging"]').click();
    await waitUntil(
      async () => (await page.locator('.agenda-period.access', { hasText: '@alice' }).count()) === 0,
      'the production access to go',
    );
    assert.ok(await page.locator('.agenda-period.access', { hasText: '@bob' }).count(), 'the staging access stays');
  });
});
