// The calendar webview in headless Chromium, fed real `runbook/calendar` answers computed from the
// examples workspace and the calendar fixtures. Assertions are on what a user sees and on what the
// webview posts to the extension host.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { calendarQuery } from '../../server/core/calendar/calendar-query';
import { calendarCsp } from '../../client/calendar/webview-html';
import { WorkspaceIndex } from '../../server/core/workspace-index';
import type { HostMessage, WebviewMessage } from '../../webview/calendar/protocol';
import { loadWorkspace } from '../helpers/index-folder';
import { FIXTURE_WORKSPACE, uriOf } from '../fixtures/calendar/workspaces';
import {
  CalendarPage,
  calendarViewState,
  indexResponder,
  OpenOptions,
  ROOT,
  useCalendarPages,
  waitUntil,
} from './harness';
import type { ThemeName } from '../webview-shared/themes';

const EXAMPLES = join(ROOT, 'examples');
const NOW = '2026-12-02T09:00:00+01:00';

const viewState = calendarViewState;

describe('calendar webview (headless Chromium)', function () {
  this.timeout(120_000);
  const pages = useCalendarPages();
  const fixtures = loadWorkspace(FIXTURE_WORKSPACE);
  const examples = loadWorkspace(EXAMPLES);

  async function open(options: Partial<OpenOptions> & { index?: WorkspaceIndex }): Promise<CalendarPage> {
    const index = options.index ?? fixtures;
    return pages.open({ now: NOW, respond: indexResponder(() => index), ...options });
  }

  const lastRequest = async (cal: CalendarPage) =>
    (await cal.posted())
      .filter((m): m is Extract<WebviewMessage, { type: 'requestRange' }> => m.type === 'requestRange')
      .pop()!;

  describe('with the examples workspace', () => {
    it('lists the upcoming windows by day, with freezes, maintenance windows and conflicts', async () => {
      const cal = await open({ index: examples, state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      await page.locator('.agenda-event').first().waitFor();
      const first = page.locator('.agenda-day').first();
      assert.match((await first.textContent()) ?? '', /Wed 2 Dec 2026.*Today/);
      const titles = await page.locator('.agenda-event .title').allTextContents();
      assert.ok(titles.includes('Orders database migration 0042 (split order_items)'), titles.join(' | '));
      assert.ok(titles.includes('Payments API 2.14.0 to production'));
      // Every event says its environment and service.
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      assert.match((await payments.textContent()) ?? '', /production.*payments-api 2\.14\.0.*payments/);
      // The Sunday maintenance window is a band on Sunday 6 December.
      const sunday = page.locator('.agenda-period.maintenance', { hasText: 'Sunday infrastructure window' }).first();
      assert.match((await sunday.textContent()) ?? '', /02:00–06:00/);
      // The hotfix inside the year-end freeze: the freeze band on its day and its RB009 mark.
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
      const hotfix = page.locator('.agenda-event', { hasText: 'Payments API 2.14.1 hotfix' });
      await hotfix.waitFor();
      assert.match((await hotfix.locator('.conflict-line').textContent()) ?? '', /RB009.*overlaps freeze "year-end"/);
      assert.ok(await page.locator('.agenda-period.freeze', { hasText: 'Year-end code freeze' }).count());
      // The runbook whose window cannot be read is named, not silently dropped.
      assert.match((await page.locator('.notice.warning summary').textContent()) ?? '', /1 file could not be placed/);
    });

    for (const theme of ['light', 'dark', 'high-contrast'] as ThemeName[]) {
      it(`renders agenda, week and month in the ${theme} theme (screenshots)`, async () => {
        const payments = pathToFileURL(join(EXAMPLES, 'payments-api-2-14.runbook.yaml')).href;
        const side = await open({
          index: examples,
          theme,
          host: 'view',
          width: 420,
          height: 900,
          state: viewState('agenda', '2026-12-02', { selected: payments }),
        });
        await side.page.locator('.details').waitFor();
        await side.screenshot(`calendar-${theme}-agenda`);
        const week = await open({
          index: examples,
          theme,
          host: 'panel',
          width: 1280,
          height: 860,
          state: viewState('week', '2026-12-02'),
        });
        await week.page.locator('.week-event').first().waitFor();
        await week.screenshot(`calendar-${theme}-week`);
        const month = await open({
          index: examples,
          theme,
          host: 'panel',
          width: 1280,
          height: 900,
          state: viewState('month', '2026-12-02'),
        });
        await month.page.locator('.month-event').first().waitFor();
        await month.screenshot(`calendar-${theme}-month`);
      });
    }
  });

  describe('layout after selecting an event', () => {
    const visible = (cal: CalendarPage, selector: string) =>
      cal.page.locator(selector).evaluateAll((els) => {
        const scroller = document.querySelector('.view-scroller')!.getBoundingClientRect();
        return els
          .map((e) => ({ text: e.textContent ?? '', box: e.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && box.bottom > scroller.top && box.top < scroller.bottom)
          .map(({ text, box }) => ({ text, width: Math.round(box.width), bottom: Math.round(box.bottom) }));
      });
    const areaOf = (cal: CalendarPage, selector: string) =>
      cal.page.locator(selector).evaluate((e) => {
        const box = e.getBoundingClientRect();
        return {
          width: Math.round(box.width),
          height: Math.round(box.height),
          page: { width: innerWidth, height: innerHeight },
        };
      });

    it('keeps the week view readable at 1400×900 with the selected event previewed', async () => {
      const cal = await open({
        index: examples,
        host: 'panel',
        width: 1400,
        height: 900,
        state: viewState('week', '2026-12-02'),
      });
      const { page } = cal;
      await page.locator('.week-event', { hasText: 'Payments API 2.14.0' }).first().click();
      await page.locator('.details').waitFor();
      const area = await areaOf(cal, '.view-scroller');
      assert.ok(
        area.width * area.height >= (area.page.width * area.page.height) / 2,
        `the calendar keeps half the area: ${JSON.stringify(area)}`,
      );
      const titles = await visible(cal, '.week-event .title');
      assert.ok(titles.length > 0, 'events in view');
      for (const t of titles) assert.ok(t.width >= 80, `"${t.text}" is ${t.width}px wide`);
      assert.deepEqual(
        (await cal.posted()).filter((m) => m.type === 'open'),
        [],
        'the runbook is not opened beside the calendar',
      );
      await cal.screenshot('calendar-dark-week-1400-selected');
    });
  });

  describe('with the calendar fixtures', () => {
    it('serves the page with the client’s strict Content-Security-Policy', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-02') });
      const csp = await cal.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(
        csp!,
        /^default-src 'none'; script-src 'nonce-[A-Za-z0-9_-]+'; style-src http:\/\/127\.0\.0\.1:\d+; font-src /,
      );
      const nonce = /'nonce-([^']+)'/.exec(csp!)![1];
      assert.equal(csp, calendarCsp(pages.harness().origin, nonce));
      await cal.page.locator('.agenda-event').first().waitFor();
    });

    it('marks the conflicts the server found, with their messages, in every view', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.waitFor();
      assert.equal(
        await payments.locator('.conflict-line').textContent(),
        'clash · RB014 The window overlaps "payments-api-hotfix", another change to payments-api in production',
      );
      assert.match(
        (await page.locator('.agenda-event', { hasText: 'Ledger export' }).locator('.conflict-line').textContent())!,
        /^dependency late · RB012 "payments-api-2-14" ends at/,
      );
      assert.match(
        (await page.locator('.agenda-event', { hasText: 'DMZ firewall' }).locator('.conflict-line').textContent())!,
        /^outside maintenance · RB019 /,
      );
      assert.equal(
        await page.locator('.agenda-event', { hasText: 'Checkout web 5.1' }).locator('.conflict-line').count(),
        0,
      );
      assert.match((await payments.getAttribute('aria-label'))!, /1 conflict \(clash\): RB014 The window overlaps/);

      await page.locator('.view-switch [data-view=month]').click();
      const cell = page.locator('.month-event', { hasText: 'Inventory sync A' });
      assert.equal(await cell.locator('.conflict-mark').textContent(), 'dependency late, dependency cycle');
      assert.match(
        (await cell.locator('.conflict-mark').getAttribute('title'))!,
        /RB013: Dependency cycle: cycle-a → cycle-b → cycle-a/,
      );
      await page.locator('.view-switch [data-view=week]').click();
      assert.equal(
        await page.locator('.week-event', { hasText: 'DMZ firewall' }).locator('.conflict-mark').textContent(),
        'outside maintenance',
      );
      // Wednesday night: the hotfix and then the ledger export overlap the payments window, so they share
      // the right half, one after the other.
      const left = (title: string) =>
        page
          .locator('.week-event', { hasText: title })
          .first()
          .evaluate((e) => [(e as HTMLElement).style.left, (e as HTMLElement).style.width]);
      assert.deepEqual(await left('Payments API 2.14.0'), ['calc(0% + 2px)', 'calc(50% - 4px)']);
      assert.deepEqual(await left('Payments API hotfix'), ['calc(50% + 2px)', 'calc(50% - 4px)']);
      assert.deepEqual(await left('Ledger export'), ['calc(50% + 2px)', 'calc(50% - 4px)']);
      assert.deepEqual(await left('Orders DB migration'), ['calc(0% + 2px)', 'calc(100% - 4px)']);
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await cal.screenshot('calendar-dark-week-narrow-conflicts');
    });

    it('previews a window on click, opens the runbook at its window from the preview or on double click', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.click();
      await page.locator('.details', { hasText: 'Payments API 2.14.0 to production' }).waitFor();
      assert.deepEqual(
        (await cal.posted()).filter((m) => m.type === 'open'),
        [],
        'a click only previews',
      );
      await page.locator('.details vscode-button', { hasText: 'Open runbook' }).click();
      const opened = await cal.waitForPosted((m) => m.type === 'open');
      assert.deepEqual(opened, {
        type: 'open',
        uri: uriOf('payments-api-2-14.runbook.yaml'),
        // window.start's value, line 10 of the file: "  start: 2026-12-02T22:00".
        range: { start: { line: 9, character: 9 }, end: { line: 9, character: 25 } },
      });
      assert.equal(await payments.getAttribute('aria-pressed'), 'true');
      const orders = page.locator('.agenda-event', { hasText: 'Orders DB migration' });
      const ledger = page.locator('.agenda-event', { hasText: 'Ledger export' });
      const checkout = page.locator('.agenda-event', { hasText: 'Checkout web 5.1' });
      assert.match((await orders.getAttribute('class'))!, /\brel-dependency\b/);
      assert.doesNotMatch((await orders.getAttribute('class'))!, /\brel-broken\b/);
      assert.equal(await orders.locator('.relation-tag').textContent(), 'dependency · in order');
      assert.match((await ledger.getAttribute('class'))!, /\brel-dependent\b.*\brel-broken\b/);
      assert.equal(await ledger.locator('.relation-tag').textContent(), 'depends on selection · out of order');
      assert.match((await checkout.getAttribute('class'))!, /\brel-unrelated\b/);
      const details = page.locator('.details');
      assert.equal(await details.locator('.details-title').textContent(), 'Payments API 2.14.0 to production');
      assert.equal(
        await details.locator('.dependency-summary').textContent(),
        'Order does not hold: 1 of 2 dependencies out of order',
      );
      assert.deepEqual(await details.locator('.dependency-link .dep-reason').allTextContents(), [
        'ends 2h before this window starts',
        'starts 30m before this window ends',
      ]);
      await cal.screenshot('calendar-dark-agenda-dependencies');

      // Selecting the dependency from the details moves the selection there.
      await details.locator('.dependency-link', { hasText: 'Orders DB migration' }).click();
      await waitUntil(async () => (await orders.getAttribute('aria-pressed')) === 'true', 'orders selected');
      assert.equal(
        await page.locator('.details .dependency-summary').textContent(),
        'Order holds: 1 dependency in order',
      );
      await page.locator('.agenda-event', { hasText: 'Orders DB migration' }).dblclick();
      await waitUntil(
        async () =>
          (await cal.posted()).some(
            (m) => m.type === 'open' && (m as { uri: string }).uri === uriOf('orders-db-migration.runbook.yaml'),
          ),
        'a double click opens',
      );
    });

    it('shows a dependent outside the requested range in "Needed by", with its title and time, and goes to it', async () => {
      const index = loadWorkspace(FIXTURE_WORKSPACE);
      const followUp = 'file:///ws/later/payments-follow-up.runbook.yaml';
      index.set(
        followUp,
        'runbook: payments-follow-up\ntitle: Payments follow-up cleanup\nenvironment: production\ndepends-on: [payments-api-2-14]\nwindow:\n  start: 2027-03-16T22:00\n  duration: 1h\n',
      );
      const cal = await open({ index, state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.click();
      // The follow-up lies months after anything the view asked for.
      const asked = await lastRequest(cal);
      assert.ok(Date.parse(asked.to) < Date.parse('2027-03-16T21:00:00Z'), asked.to);
      const neededBy = page.locator('.details .dependency-group', { hasText: 'Needed by' });
      assert.deepEqual(await neededBy.locator('.dep-title').allTextContents(), [
        'Ledger export job v3',
        'Payments follow-up cleanup',
      ]);
      assert.deepEqual(await neededBy.locator('.dep-when').allTextContents(), [
        'Wed 2 Dec 23:30–Thu 3 Dec 00:30',
        'Tue 16 Mar 22:00–Tue 16 Mar 23:00',
      ]);
      assert.deepEqual(await neededBy.locator('.dep-reason').allTextContents(), [
        'starts 30m before this window ends',
        'starts 103d 22h after this window ends',
      ]);
      const link = neededBy.locator('.dependency-link', { hasText: 'Payments follow-up cleanup' });
      assert.equal(await link.isDisabled(), false);
      assert.equal(
        await page.locator('.details .dependency-summary').textContent(),
        'Order does not hold: 1 of 3 dependencies out of order',
      );

      // Going to it loads its range and selects it there.
      await link.click();
      await waitUntil(
        async () =>
          (await page.locator('.agenda-event[aria-pressed="true"]').textContent())?.includes(
            'Payments follow-up cleanup',
          ),
        'follow-up selected',
      );
      assert.equal(await page.locator('.details .details-title').textContent(), 'Payments follow-up cleanup');
      assert.deepEqual(await page.locator('.details .dependency-link .dep-title').allTextContents(), [
        'Payments API 2.14.0 to production',
      ]);
      assert.equal(
        await page.locator('.details .dependency-summary').textContent(),
        'Order holds: 1 dependency in order',
      );
    });

    it('shows a ticket’s number and the status the host merged in', async () => {
      const withStatus = indexResponder(
        () => fixtures,
        (r) => ({
          ...r,
          events: r.events.map((e) =>
            e.ticket === 'acme/releases#123'
              ? { ...e, ticketStatus: { state: 'open', cabLabel: 'cab:approved', assignees: ['@alice'] } }
              : e,
          ),
        }),
      );
      const cal = await open({ respond: withStatus, state: viewState('agenda', '2026-12-02') });
      const payments = cal.page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.waitFor();
      assert.equal(await payments.locator('.badge.ticket').textContent(), 'acme/releases#123 · open · cab:approved');
      assert.match((await payments.getAttribute('aria-label'))!, /ticket acme\/releases#123 open/);
      await payments.click();
      assert.match((await cal.page.locator('.details-facts').textContent())!, /Assignees@alice/);
    });

    it("shows the board's verdict instead of the label when the calendar configures a board, as text", async () => {
      const approval = 'cab:approved set by @<b>mallory</b>, who is not an approver';
      const withVerdict = indexResponder(
        () => fixtures,
        (r) => ({
          ...r,
          events: r.events.map((e) =>
            e.ticket === 'acme/releases#123'
              ? { ...e, ticketStatus: { state: 'open', cabLabel: 'cab:approved', approval, assignees: [] } }
              : e,
          ),
        }),
      );
      const cal = await open({ respond: withVerdict, state: viewState('agenda', '2026-12-02') });
      const payments = cal.page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.waitFor();
      assert.equal(await payments.locator('.badge.ticket').textContent(), `acme/releases#123 · open · ${approval}`);
      await payments.click();
      assert.match(
        (await cal.page.locator('.details-facts').textContent())!,
        /Approvalcab:approved set by @<b>mallory/,
      );
      assert.equal(await cal.page.locator('.details b, .agenda-event b').count(), 0, 'text, never markup');
    });

    it('opens a freeze at its definition', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-20') });
      const freeze = cal.page.locator('.agenda-period.freeze', { hasText: 'Year-end code freeze' }).first();
      await freeze.click();
      const opened = await cal.waitForPosted((m) => m.type === 'open');
      assert.deepEqual(opened, {
        type: 'open',
        uri: uriOf('acme.calendar.yaml'),
        range: { start: { line: 8, character: 8 }, end: { line: 8, character: 16 } },
      });
    });

    it('draws freezes and maintenance windows as shaded bands in week and month', async () => {
      const cal = await open({ host: 'panel', width: 1200, height: 800, state: viewState('week', '2026-12-22') });
      const { page } = cal;
      await page.locator('.week-chip').first().waitFor();
      assert.deepEqual(await page.locator('.week-chip.freeze .chip-label').allTextContents(), [
        'Year-end code freeze · production',
      ]);
      // The freeze covers all seven days of the week: seven full-height bands.
      const bands = await page
        .locator('.band.freeze')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.height));
      assert.deepEqual(bands, Array(7).fill('1152px'));
      // Sunday maintenance 02:00–06:00 (48px an hour): 96px from the top, 192px tall.
      const sunday = page.locator('.week-col').nth(6).locator('.band.maintenance');
      assert.deepEqual(await sunday.evaluate((e) => [(e as HTMLElement).style.top, (e as HTMLElement).style.height]), [
        '96px',
        '192px',
      ]);
      // The window in the freeze sits at 21:00 on Tuesday.
      const reindex = page.locator('.week-event', { hasText: 'Search full reindex' });
      assert.equal(await reindex.evaluate((e) => (e as HTMLElement).style.top), '1008px');

      await page.locator('.view-switch [data-view=month]').click();
      const cell = (day: number) =>
        page.locator('.month-cell').filter({ has: page.locator('.month-date', { hasText: new RegExp(`^${day}$`) }) });
      assert.match((await cell(22).first().getAttribute('class'))!, /freeze-full/);
      assert.match(
        (await cell(31).first().getAttribute('class'))!,
        /freeze-full/,
        'the year-end freeze covers the 31st',
      );
      assert.doesNotMatch((await cell(18).first().getAttribute('class'))!, /freeze/);
      assert.match(
        (await cell(30).nth(0).getAttribute('class'))!,
        /\bout\b.*freeze-partial|freeze-partial.*\bout\b/,
        '30 Nov: the month-end close from 18:00',
      );
    });

    it('filters by environment and team; freezes follow the environment filter', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-20') });
      const { page } = cal;
      await page.locator('.agenda-period.freeze', { hasText: 'Year-end' }).first().waitFor();
      await page.locator('vscode-collapsible.filters').click();
      await page.locator('vscode-checkbox[data-filter="environments"][value="staging"]').click();
      await waitUntil(
        async () => (await page.locator('.agenda-period.freeze', { hasText: 'Year-end' }).count()) === 0,
        'the production freeze to go',
      );
      // The month-end close covers every environment, so it stays.
      assert.ok(await page.locator('.agenda-period.freeze', { hasText: 'Finance month-end close' }).count());
      assert.equal(await page.locator('.agenda-event').count(), 0, 'no staging windows from 20 Dec');
      assert.equal(
        await page
          .locator('vscode-collapsible.filters')
          .evaluate((e) => (e as HTMLElement & { description: string }).description),
        '1 active',
      );

      await page.locator('[aria-label="Previous 4 weeks"]').click();
      await page.locator('.agenda-event').first().waitFor();
      const envs = await page.locator('.agenda-event .env-chip').allTextContents();
      assert.ok(envs.length >= 3 && envs.every((e) => e === 'staging'), envs.join(','));

      await page.locator('vscode-checkbox[data-filter="environments"][value="staging"]').click();
      await page.locator('vscode-checkbox[data-filter="teams"][value="payments"]').click();
      await waitUntil(async () => {
        const t = await page.locator('.agenda-event .title').allTextContents();
        return t.length === 2 && t.every((x) => x.startsWith('Payments API')) && t;
      }, 'only the payments team');
    });

    it('shows runbook text as text: a title of <img src=x onerror=alert(1)> runs nothing', async () => {
      const cal = await open({ state: viewState('agenda', '2026-11-30') });
      const { page } = cal;
      const probe = page.locator('.agenda-event', { hasText: '<img src=x onerror=alert(1)>' });
      await probe.waitFor();
      assert.equal(await probe.locator('.title').textContent(), '<img src=x onerror=alert(1)>');
      assert.equal(await probe.locator('.service').textContent(), '<script>alert(2)</script>');
      assert.equal(await probe.locator('.team').textContent(), '<b>red</b>');
      assert.equal(await probe.locator('.badge.ticket').textContent(), 'acme/releases#<i>9</i>');
      await probe.click();
      assert.equal(await page.locator('.details-title').textContent(), '<img src=x onerror=alert(1)>');
      for (const view of ['week', 'month'] as const) {
        await page.locator(`.view-switch [data-view=${view}]`).click();
        await page.locator(`.${view}-event`, { hasText: '<img src=x' }).first().waitFor();
      }
      const created = await page.evaluate(() => ({
        img: document.querySelectorAll('img').length,
        scripts: document.querySelectorAll('script').length,
        b: document.querySelectorAll('b, i').length,
      }));
      assert.deepEqual(created, { img: 0, scripts: 1, b: 0 });
      assert.deepEqual(cal.dialogs, []);
      assert.ok(!pages.harness().requests.some((p) => p === '/x' || p.endsWith('/x')), 'no request for the image');
    });

    it('keeps view, date, filters, selection and scroll through getState/setState', async () => {
      const first = await open({ host: 'view', height: 600, state: null });
      let page = first.page;
      await page.locator('.agenda-event').first().waitFor();
      assert.equal(
        await page.locator('#range-label').textContent(),
        '2 – 29 Dec 2026',
        'today by default, in the agenda',
      );
      await page.locator('.view-switch [data-view=week]').click();
      await page.locator('[aria-label="Next week"]').click();
      await page.locator('vscode-collapsible.filters').click();
      await page.locator('vscode-checkbox[data-filter="environments"][value="production"]').click();
      const cdn = page.locator('.week-event', { hasText: 'CDN config push' });
      await cdn.click();
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = 333));
      const saved = (await waitUntil(async () => {
        const s = (await first.savedState()) as { scroll?: { week?: number }; selected?: string } | null;
        return s?.scroll?.week === 333 && s.selected ? s : undefined;
      }, 'the state to be saved')) as Record<string, unknown>;
      assert.equal(saved.view, 'week');
      assert.equal(saved.date, '2026-12-09');
      assert.deepEqual((saved.filters as Record<string, unknown>).environments, ['production']);

      // A new webview (the view hidden and shown again) starts from the saved state.
      const second = await open({ host: 'view', height: 600, state: saved });
      page = second.page;
      await page.locator('.week-event').first().waitFor();
      assert.equal(await page.locator('#range-label').textContent(), '7 – 13 Dec 2026');
      assert.equal(
        await page
          .locator('vscode-checkbox[data-filter="environments"][value="production"]')
          .evaluate((e) => (e as HTMLElement & { checked: boolean }).checked),
        true,
      );
      assert.deepEqual(await page.locator('.week-event .title').allTextContents(), ['CDN config push (US team)']);
      assert.equal(await page.locator('.details-title').textContent(), 'CDN config push (US team)');
      assert.equal(await page.locator('.view-scroller').evaluate((el) => el.scrollTop), 333);
    });

    it('updates within a second when a runbook changes, keeping scroll, filters and date', async () => {
      const index = loadWorkspace(FIXTURE_WORKSPACE);
      const cal = await open({
        index,
        height: 500,
        state: viewState('agenda', '2026-12-02', {
          filters: { environments: ['production'], teams: [], services: [] },
        }),
      });
      const { page } = cal;
      await page.locator('.agenda-event').first().waitFor();
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = 150));
      const uri = uriOf('payments-api-2-14.runbook.yaml');
      index.set(
        uri,
        readFileSync(join(FIXTURE_WORKSPACE, 'payments-api-2-14.runbook.yaml'), 'utf8').replace(
          'title: Payments API 2.14.0 to production',
          'title: Payments API 2.14.2 to production',
        ),
      );
      // As the host does on runbook/indexChanged: the last range again, as a refresh (requestId 0).
      const range = await lastRequest(cal);
      const refresh: HostMessage = {
        type: 'calendar',
        requestId: 0,
        result: calendarQuery(index, { from: range.from, to: range.to }, () => []),
      };
      await cal.send(refresh);
      await page.locator('.agenda-event .title', { hasText: 'Payments API 2.14.2 to production' }).waitFor();
      assert.equal(await page.locator('.view-scroller').evaluate((el) => el.scrollTop), 150);
      assert.equal(await page.locator('#range-label').textContent(), '2 – 29 Dec 2026');
      const envs = await page.locator('.agenda-event .env-chip').allTextContents();
      assert.ok(
        envs.every((e) => e === 'production'),
        envs.join(','),
      );
    });

    it('switches to the local time zone and always says which zone it shows', async () => {
      const cal = await open({ timezoneId: 'America/New_York', state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.waitFor();
      assert.equal(await page.locator('#zone-label').textContent(), 'Times in Europe/Berlin, the calendar’s time zone');
      assert.equal(await payments.locator('.time').textContent(), '22:00–Thu 00:00');
      await page.locator('#zone-select').click();
      await page.getByRole('option', { name: 'My time (America/New_York)' }).click();
      await waitUntil(
        async () => (await payments.locator('.time').textContent()) === '16:00–18:00',
        'times in New York',
      );
      assert.equal(
        await page.locator('#zone-label').textContent(),
        'Times in America/New_York, your local time zone; the calendar uses Europe/Berlin',
      );
      const saved = (await cal.savedState()) as { zoneMode: string };
      await waitUntil(
        async () => ((await cal.savedState()) as { zoneMode: string }).zoneMode === 'local',
        'zone saved',
      );
      void saved;
    });

    it('walks events with the keyboard and opens with Enter', async () => {
      const cal = await open({ state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      await page.locator('.agenda-event').first().waitFor();
      await page.locator('.agenda-event[tabindex="0"]').focus();
      const focusedTitle = () =>
        page.evaluate(() => document.activeElement?.querySelector('.title')?.textContent ?? null);
      assert.equal(await focusedTitle(), 'Orders DB migration 0042');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedTitle(), 'Payments API 2.14.0 to production');
      await page.keyboard.press('Enter');
      await page.locator('.details', { hasText: 'Payments API 2.14.0 to production' }).waitFor();
      await page.keyboard.press('Escape');
      await page.locator('.details').waitFor({ state: 'detached' });
      assert.equal(await focusedTitle(), 'Payments API 2.14.0 to production', 'focus stays on the event');
      await page.keyboard.press('End');
      await page.keyboard.press('PageDown');
      await waitUntil(
        async () => (await page.locator('#range-label').textContent()) === '30 Dec 2026 – 26 Jan 2027',
        'the next four weeks',
      );
      // Every event is a button with a label that reads it out.
      const labels = await page
        .locator('.agenda-event')
        .evaluateAll((els) => els.map((e) => e.tagName + ':' + (e.getAttribute('aria-label') ?? '')));
      assert.ok(
        labels.every((l) => /^BUTTON:.+, .+/.test(l)),
        labels.join('\n'),
      );
    });
  });

  describe('empty and broken workspaces', () => {
    it('offers a starter calendar and runbook when there is nothing', async () => {
      const cal = await open({ index: new WorkspaceIndex(), state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      await page.locator('.full-state').waitFor();
      assert.equal(await page.locator('.full-state h2').textContent(), 'No runbooks or calendar yet');
      await page.locator('[data-create=calendar]').click();
      assert.deepEqual(await cal.waitForPosted((m) => m.type === 'create'), { type: 'create', what: 'calendar' });
      await cal.screenshot('calendar-dark-empty');
    });

    it('explains a workspace of invalid runbooks and links each one', async () => {
      const cal = await open({
        index: loadWorkspace(join(EXAMPLES, 'broken')),
        state: viewState('agenda', '2026-12-02'),
      });
      const { page } = cal;
      await page.locator('.full-state').waitFor();
      assert.equal(await page.locator('.full-state h2').textContent(), 'The runbook cannot be placed on the calendar');
      const link = page.locator('.full-state .unreadable-list button.link');
      assert.equal(await link.textContent(), 'search-indexer.runbook.yaml');
      assert.match(
        (await page.locator('.full-state .unreadable-list li').textContent())!,
        /RB007: The window ends before it starts/,
      );
      await link.click();
      const opened = (await cal.waitForPosted((m) => m.type === 'open')) as { uri: string; range: unknown };
      assert.equal(opened.uri, pathToFileURL(join(EXAMPLES, 'broken', 'search-indexer.runbook.yaml')).href);
      assert.ok(await page.locator('[data-create=runbook]').count());
      assert.ok(await page.locator('[data-create=calendar]').count(), 'no calendar either: offer one');
      await cal.screenshot('calendar-dark-broken');
    });

    it('says when there is no calendar file, and shows the runbooks anyway', async () => {
      const index = loadWorkspace(FIXTURE_WORKSPACE);
      index.delete(uriOf('acme.calendar.yaml'));
      const cal = await open({ index, state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      await page.locator('.agenda-event').first().waitFor();
      assert.match((await page.locator('.notice.info').textContent())!, /No calendar file: times are in UTC/);
      assert.equal(await page.locator('#zone-label').textContent(), 'Times in UTC, the calendar’s time zone');
    });

    it('shows the host’s error with a way to retry', async () => {
      const cal = await open({
        respond: (m) =>
          m.type === 'requestRange'
            ? { type: 'error', requestId: m.requestId, message: 'Client is not running' }
            : undefined,
        state: viewState('agenda', '2026-12-02'),
      });
      const { page } = cal;
      await page.locator('.notice.error').waitFor();
      assert.match((await page.locator('.notice.error').textContent())!, /could not be loaded: Client is not running/);
      const before = (await cal.posted()).filter((m) => m.type === 'requestRange').length;
      await page.locator('.notice.error vscode-button').click();
      await waitUntil(
        async () => (await cal.posted()).filter((m) => m.type === 'requestRange').length > before,
        'a new request',
      );
    });
  });

  describe('a big workspace: 2,000 runbooks over a year', () => {
    const big = new WorkspaceIndex();
    big.set('file:///big/acme.calendar.yaml', readFileSync(join(FIXTURE_WORKSPACE, 'acme.calendar.yaml'), 'utf8'));
    const envs = ['production', 'staging', 'dmz'];
    for (let i = 0; i < 2000; i++) {
      const start = new Date(Date.UTC(2026, 0, 1) + Math.floor((i * 365 * 86_400_000) / 2000))
        .toISOString()
        .slice(0, 16);
      big.set(
        `file:///big/rb-${i}.runbook.yaml`,
        `runbook: rb-${i}\ntitle: Release ${i} of service ${i % 60}\nservice: svc-${i % 60}\nteam: team-${i % 12}\nenvironment: ${envs[i % 3]}\n` +
          `window:\n  start: ${start}Z\n  duration: ${1 + (i % 4)}h\nchange:\n  type: normal\n  risk: ${['low', 'medium', 'high'][i % 3]}\n` +
          (i > 0 && i % 7 === 0 ? `depends-on: [rb-${i - 1}]\n` : '') +
          'steps:\n  - id: s\n    title: S\n',
      );
    }
    const respond = (m: WebviewMessage): HostMessage | undefined =>
      m.type === 'requestRange'
        ? { type: 'calendar', requestId: m.requestId, result: calendarQuery(big, { from: m.from, to: m.to }, () => []) }
        : undefined;

    it('draws only the agenda rows in view, and every view', async () => {
      const cal = await open({
        respond,
        host: 'panel',
        width: 1200,
        height: 800,
        state: viewState('agenda', '2026-06-01'),
      });
      const { page } = cal;
      await page.locator('.agenda-event').first().waitFor();
      const total = await page.evaluate(() => document.querySelector('.agenda')!.getBoundingClientRect().height);
      const inDom = await page.locator('.agenda-event').count();
      assert.ok(total > 10_000, `the agenda is ${total}px tall`);
      assert.ok(inDom < 40, `${inDom} event rows in the DOM`);
      // Scrolling to the end brings the last rows in, and still only a screenful.
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await waitUntil(
        async () => (await page.locator('.agenda-day').last().textContent())?.includes('28 Jun 2026'),
        'the last day drawn',
      );
      assert.ok((await page.locator('.agenda-event').count()) < 40);

      // Every view draws over the whole year; how fast is `npm run bench`'s (bench/calendar-views.ts).
      for (const view of ['month', 'week', 'agenda']) {
        await page.locator(`.view-switch [data-view=${view}]`).click();
        await page.locator(`.${view}-event`).first().waitFor();
      }
    });
  });

  describe('calendar sources', () => {
    it('says which sources are missing and how old the cached copy is, in plain text', async () => {
      const threeHoursAgo = new Date(Date.parse(NOW) - 3 * 3600_000).toISOString();
      const cal = await open({
        index: examples,
        state: viewState('agenda', '2026-12-02'),
        respond: indexResponder(
          () => examples,
          (result) => ({
            ...result,
            sources: {
              problems: [],
              sources: [
                {
                  repository: 'acme/payments',
                  ref: null,
                  path: 'deploy',
                  state: 'cached',
                  files: 3,
                  fetchedAt: threeHoursAgo,
                  message: 'acme/payments: offline; using the copy read 3 hours ago',
                },
                {
                  repository: 'acme/gone',
                  ref: null,
                  path: '',
                  state: 'missing',
                  files: 0,
                  fetchedAt: null,
                  message: 'acme/gone: <img src=x onerror=alert(1)> GitHub has no acme/gone; its runbooks are missing',
                },
                {
                  repository: 'acme/platform',
                  ref: 'main',
                  path: '',
                  state: 'fresh',
                  files: 1,
                  fetchedAt: NOW,
                  message: null,
                },
              ],
            },
          }),
        ),
      });
      const { page } = cal;
      const notice = page.locator('.notice.sources-notice');
      await notice.waitFor();
      assert.equal(
        await notice.locator('summary').textContent(),
        'Calendar sources (other repositories): 1 of 3 missing, 1 shown as read 3 hours ago',
      );
      await notice.locator('summary').click();
      const items = await notice.locator('li').allTextContents();
      assert.deepEqual(items, [
        'acme/payments: offline; using the copy read 3 hours ago',
        'acme/gone: <img src=x onerror=alert(1)> GitHub has no acme/gone; its runbooks are missing',
      ]);
      assert.equal(await notice.locator('img').count(), 0, 'text from GitHub and files stays text');
      await cal.screenshot('calendar-sources-notice', false);
    });

    it('says nothing when every source was read', async () => {
      const cal = await open({
        index: examples,
        state: viewState('agenda', '2026-12-02'),
        respond: indexResponder(
          () => examples,
          (result) => ({
            ...result,
            sources: {
              problems: [],
              sources: [
                {
                  repository: 'acme/platform',
                  ref: 'main',
                  path: '',
                  state: 'fresh',
                  files: 1,
                  fetchedAt: NOW,
                  message: null,
                },
              ],
            },
          }),
        ),
      });
      await cal.page.locator('.agenda-event').first().waitFor();
      assert.equal(await cal.page.locator('.notice.sources-notice').count(), 0);
    });
  });
});
