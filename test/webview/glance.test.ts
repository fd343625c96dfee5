// The calendar read at a glance (issue 19): in the side bar's width and at 1400×900, what a
// coordinator sees without opening anything: enough rows, clashes in words, outcomes, the next
// window when the range is empty, dates as the calendar writes them, environment apart from
// severity, and month cells that do not hide problems.
import { strict as assert } from 'node:assert';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { loadWorkspace } from '../helpers/index-folder';
import { FIXTURE_WORKSPACE } from '../fixtures/calendar/workspaces';
import type { ThemeName } from '../webview-shared/themes';
import { CalendarPage, calendarViewState, indexResponder, OpenOptions, useCalendarPages, waitUntil } from './harness';

const NOW = '2026-12-02T09:00:00+01:00';
const SIDEBAR = { host: 'view' as const, width: 300, height: 600 };
const WIDE = { host: 'panel' as const, width: 1400, height: 900 };

const viewState = calendarViewState;

/** Recorded outcomes, as after release day: the Checkout window done, DMZ rolled back, search failed. */
function withOutcomes(r: CalendarResult): CalendarResult {
  const outcome = (title: string | null) =>
    title?.startsWith('Checkout')
      ? 'done'
      : title?.startsWith('DMZ')
        ? 'rolled-back'
        : title?.startsWith('Search')
          ? 'failed'
          : null;
  return { ...r, events: r.events.map((e) => ({ ...e, outcome: outcome(e.title) ?? e.outcome })) };
}

describe('calendar at a glance (headless Chromium)', function () {
  this.timeout(120_000);
  const pages = useCalendarPages();
  const fixtures = loadWorkspace(FIXTURE_WORKSPACE);

  async function open(
    options: Partial<OpenOptions> & { decorate?: (r: CalendarResult) => CalendarResult },
  ): Promise<CalendarPage> {
    return pages.open({ now: NOW, respond: indexResponder(() => fixtures, options.decorate), ...options });
  }

  /** Elements matching `selector` that are at least half inside the scroll area, as the user sees them. */
  const inView = (cal: CalendarPage, selector: string) =>
    cal.page.locator(selector).evaluateAll((els) => {
      const area = document.querySelector('.view-scroller')!.getBoundingClientRect();
      return els
        .map((e) => ({ text: (e.textContent ?? '').trim(), box: e.getBoundingClientRect() }))
        .filter(
          ({ box }) =>
            box.width > 0 &&
            box.height > 0 &&
            Math.min(box.bottom, area.bottom) - Math.max(box.top, area.top) >= box.height / 2,
        )
        .map(({ text, box }) => ({ text, width: Math.round(box.width), height: Math.round(box.height) }));
    });

  const sizes: [string, Partial<OpenOptions>][] = [
    ['sidebar', SIDEBAR],
    ['1400', WIDE],
  ];

  // The side bar: a three-row toolbar, the zone sentence only when it warns, a compact agenda.
  it('shows at least five agenda rows in a 300×600 side bar: the toolbar stays compact', async () => {
    const cal = await open({ ...SIDEBAR, state: viewState('agenda', '2026-12-02') });
    await cal.page.locator('.agenda-event').first().waitFor();
    const toolbar = await cal.page.locator('.toolbar').evaluate((e) => Math.round(e.getBoundingClientRect().height));
    const scrollerTop = await cal.page
      .locator('.view-scroller')
      .evaluate((e) => Math.round(e.getBoundingClientRect().top));
    const rows = await inView(cal, '.agenda-event');
    await cal.screenshot('glance-sidebar-300x600-agenda');
    assert.ok(toolbar <= 100, `toolbar is ${toolbar}px high`);
    assert.ok(scrollerTop <= 180, `the events start ${scrollerTop}px down`);
    assert.ok(
      rows.length >= 5,
      `${rows.length} event rows visible: ${rows.map((r) => r.text.slice(0, 30)).join(' | ')}`,
    );
    // Every control is still there.
    for (const sel of ['#jump-date', '#zone-select', '.view-switch [data-view=month]'])
      assert.ok(await cal.page.locator(sel).isVisible(), sel);
  });

  for (const [size, dims] of sizes) {
    it(`says clashes in words with a marker in agenda, week and month (${size})`, async () => {
      const cal = await open({ ...dims, state: viewState('agenda', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' });
      await payments.waitFor();
      assert.match((await payments.locator('.conflict-line').textContent())!, /^clash · RB014/);
      await cal.screenshot(`glance-${size}-agenda-clash`);

      await page.locator('.view-switch [data-view=week]').click();
      const week = page.locator('.week-event', { hasText: 'Payments API 2.14.0' }).first();
      await week.scrollIntoViewIfNeeded();
      const mark = week.locator('.conflict-mark');
      const icon = await mark.locator('.icon').boundingBox();
      assert.ok(icon && icon.width >= 8, 'the warning icon shows on the week event');
      if (size === '1400')
        assert.equal(await mark.locator('.conflict-words').isVisible(), true, 'words on a wide week');
      assert.match((await week.getAttribute('aria-label'))!, /conflict \(clash\)/);
      await cal.screenshot(`glance-${size}-week-clash`);

      await page.locator('.view-switch [data-view=month]').click();
      const month = page.locator('.month-event', { hasText: 'Payments API 2.14.0' });
      const monthIcon = await month.locator('.conflict-mark .icon').boundingBox();
      assert.ok(monthIcon && monthIcon.width >= 8, 'the warning icon shows in the month cell');
      if (size === '1400') assert.equal(await month.locator('.conflict-words').textContent(), 'clash');
      await cal.screenshot(`glance-${size}-month-clash`);
    });

    it(`draws dependency arrows on the week for the selected window, a broken order dashed in red (${size})`, async () => {
      const cal = await open({ ...dims, state: viewState('week', '2026-12-02') });
      const { page } = cal;
      const payments = page.locator('.week-event', { hasText: 'Payments API 2.14.0' }).first();
      await payments.waitFor();
      assert.equal(await page.locator('.dependency-arrow').count(), 0, 'no arrows before a selection');
      await payments.click();
      const arrows = page.locator('.dependency-arrow');
      await arrows.first().waitFor({ state: 'attached' });
      const keyOf = (title: string) => page.locator('.week-event', { hasText: title }).first().getAttribute('data-key');
      const [orders, pay, ledger] = [
        await keyOf('Orders DB migration'),
        await keyOf('Payments API 2.14.0'),
        await keyOf('Ledger export'),
      ];
      const drawn = await arrows.evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute('data-from'),
          e.getAttribute('data-to'),
          e.classList.contains('broken') ? 'broken' : 'holds',
        ]),
      );
      // Payments depends on the orders migration (it ends at 20:00, before 22:00: holds); the ledger
      // export depends on payments but starts before payments ends (broken).
      assert.deepEqual(
        drawn.sort(),
        [
          [orders, pay, 'holds'],
          [pay, ledger, 'broken'],
        ].sort(),
      );
      // Each arrow leaves the bottom of the earlier window and ends at the top of the later one.
      const ends = await page.evaluate(() =>
        [...document.querySelectorAll('.dependency-arrow')].map((path) => {
          const p = path as SVGPathElement;
          const svg = p.ownerSVGElement!.getBoundingClientRect();
          const start = p.getPointAtLength(0);
          const end = p.getPointAtLength(p.getTotalLength());
          const fromBoxes = [
            ...document.querySelectorAll(`.week-event[data-key="${p.getAttribute('data-from')}"]`),
          ].map((b) => b.getBoundingClientRect());
          const from = fromBoxes[fromBoxes.length - 1];
          const to = document
            .querySelector(`.week-event[data-key="${p.getAttribute('data-to')}"]`)!
            .getBoundingClientRect();
          return {
            fromGap: Math.abs(svg.top + start.y - from.bottom),
            toGap: Math.abs(svg.top + end.y - to.top),
            fromInside: svg.left + start.x >= from.left && svg.left + start.x <= from.right,
            toInside: svg.left + end.x >= to.left && svg.left + end.x <= to.right,
          };
        }),
      );
      for (const e of ends) assert.ok(e.fromGap < 2 && e.toGap < 2 && e.fromInside && e.toInside, JSON.stringify(e));
      // The arrows take no clicks: the window under one is still chosen by a click.
      assert.equal(await page.locator('.dependency-arrows').evaluate((e) => getComputedStyle(e).pointerEvents), 'none');
      await page.locator('.week-event', { hasText: 'Orders DB migration' }).first().scrollIntoViewIfNeeded();
      await cal.screenshot(`glance-${size}-week-dependency-arrows`);
      await page.locator('.week-event', { hasText: 'Checkout web 5.1' }).first().click();
      await waitUntil(async () => (await arrows.count()) === 0, 'no arrows for a window without dependencies');
    });

    it(`draws outcomes on the grid: done, rolled back, failed (${size})`, async () => {
      const cal = await open({ ...dims, decorate: withOutcomes, state: viewState('week', '2026-12-02') });
      const { page } = cal;
      const checkout = page.locator('.week-event', { hasText: 'Checkout web 5.1' }).first();
      await checkout.waitFor();
      assert.equal(await checkout.locator('.outcome-symbol').textContent(), '✓');
      assert.match((await checkout.getAttribute('aria-label'))!, /outcome done/);
      const dmz = page.locator('.week-event', { hasText: 'DMZ firewall' }).first();
      assert.equal(await dmz.locator('.outcome-symbol').textContent(), '↺');
      if (size === '1400') assert.equal(await dmz.locator('.outcome-word').isVisible(), true);
      await dmz.scrollIntoViewIfNeeded();
      await cal.screenshot(`glance-${size}-week-outcomes`);
      await page.locator('.view-switch [data-view=agenda]').click();
      const done = page.locator('.agenda-event', { hasText: 'Checkout web 5.1' }).first();
      await done.scrollIntoViewIfNeeded();
      assert.equal((await done.locator('.line-1 .outcome-mark').textContent())!.trim(), '✓done');
      await page.locator('.view-switch [data-view=month]').click();
      assert.equal(
        await page.locator('.month-event', { hasText: 'Checkout web 5.1' }).locator('.outcome-symbol').textContent(),
        '✓',
      );
      await cal.screenshot(`glance-${size}-month-outcomes`);
    });

    it(`offers the next window when the week is empty, and names the agenda's last day (${size})`, async () => {
      const cal = await open({ ...dims, state: viewState('week', '2026-12-16') });
      const { page } = cal;
      const next = page.locator('vscode-button.next-window');
      await next.waitFor();
      assert.equal((await next.textContent())!.trim(), 'Next window: Tue 22 Dec');
      assert.match((await page.locator('.notice', { has: next }).textContent())!, /No windows in this week/);
      // An empty week opens on the working day, not in the small hours.
      const top = await page.locator('.view-scroller').evaluate((e) => e.scrollTop);
      assert.ok(top >= 6 * 48, `scrolled to ${top / 48}h`);
      await cal.screenshot(`glance-${size}-empty-week`);
      await next.click();
      await page.locator('.week-event', { hasText: 'Search' }).first().waitFor();
      assert.match((await page.locator('#range-label').textContent())!, /21 – 27 Dec 2026/);
      assert.equal(await next.count(), 0);

      await page.locator('.view-switch [data-view=agenda]').click();
      await page.locator('.view-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
      assert.equal(
        (await page.locator('.agenda-end').textContent())!,
        'End of the agenda: nothing more through Mon 18 Jan 2027.',
      );
      assert.ok((await inView(cal, '.agenda-end')).length === 1, 'the end line is reachable');
      await cal.screenshot(`glance-${size}-agenda-end`);
    });

    it(`takes a typed date in the calendar's own format, ISO or the locale's numeric order (${size})`, async () => {
      const cal = await open({ ...dims, state: viewState('month', '2026-12-02') });
      const { page } = cal;
      await page.locator('.month-event').first().waitFor();
      const field = page.locator('#jump-date');
      assert.equal(await field.evaluate((e) => (e as HTMLElement & { value: string }).value), '2 Dec 2026');
      const go = async (text: string) => {
        await field.locator('input').fill(text);
        await field.locator('input').press('Enter');
      };
      await go('4 Jan 2027');
      await page.locator('#range-label', { hasText: 'January 2027' }).waitFor();
      assert.equal(await field.evaluate((e) => (e as HTMLElement & { value: string }).value), '4 Jan 2027');
      await go('01/02/2027'); // en-GB: 1 February
      await page.locator('#range-label', { hasText: 'February 2027' }).waitFor();
      await go('2026-11-30');
      await page.locator('#range-label', { hasText: 'November 2026' }).waitFor();
      await go('31 Feb 2027');
      await page.locator('.status', { hasText: 'is not a date' }).waitFor();
      assert.match((await page.locator('#range-label').textContent())!, /November 2026/);
      await cal.screenshot(`glance-${size}-date-field`);
    });
  }

  for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
    it(`keeps production out of the error colour; problems carry the error colour (${theme})`, async () => {
      const cal = await open({ ...WIDE, theme, state: viewState('week', '2026-12-02') });
      const { page } = cal;
      const prod = page.locator('.week-event', { hasText: 'Orders DB migration' }).first();
      await prod.waitFor();
      const colours = await page.evaluate(() => {
        const event = [...document.querySelectorAll<HTMLElement>('.week-event')].find((e) =>
          e.textContent?.includes('Orders DB migration'),
        )!;
        const probe = document.createElement('span');
        probe.style.color = 'var(--vscode-errorForeground)';
        document.body.appendChild(probe);
        const error = getComputedStyle(probe).color;
        probe.remove();
        const mark = document.querySelector<HTMLElement>('.week-event .conflict-mark')!;
        return {
          stripe: getComputedStyle(event).borderLeftColor,
          background: getComputedStyle(event).backgroundColor,
          error,
          mark: getComputedStyle(mark).color,
        };
      });
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const reddish = (c: string) => {
        const [r, g, b] = rgb(c);
        return r > 150 && r > g * 1.6 && r > b * 1.6;
      };
      assert.ok(!reddish(colours.stripe), `production stripe ${colours.stripe} reads as an error`);
      assert.ok(!reddish(colours.background), `production background ${colours.background}`);
      assert.notEqual(colours.stripe, colours.error);
      assert.equal(colours.mark, colours.error, 'the clash marker is in the error colour');
      await cal.screenshot(`glance-${theme}-week-colours`);
    });
  }

  it('draws "Show everything" as a normal button, and flags month cells whose hidden windows clash', async () => {
    const cal = await open({
      ...WIDE,
      state: viewState('month', '2026-12-02', {
        filtersOpen: true,
        filters: { environments: ['production'], teams: [], services: [] },
      }),
    });
    const { page } = cal;
    const reset = page.locator('.filter-groups > vscode-button', { hasText: 'Show everything' });
    await reset.waitFor();
    const box = (await reset.boundingBox())!;
    assert.ok(
      box.height <= 32 && box.width <= 200,
      `Show everything is ${Math.round(box.width)}×${Math.round(box.height)}`,
    );
    await cal.screenshot('glance-1400-filters-show-everything');
    await reset.click();
    const more = page.locator('.month-more').first();
    await more.waitFor();
    assert.match((await more.getAttribute('class'))!, /has-problems/);
    assert.ok(await more.locator('.icon').isVisible(), 'a warning icon on "+N more"');
    assert.match((await more.getAttribute('aria-label'))!, /with problems \(.*(clash|dependency late)/);
    await cal.screenshot('glance-1400-month-more-marker');
    const side = await open({ ...SIDEBAR, state: viewState('month', '2026-12-02') });
    await side.page.locator('.month-more.has-problems .icon').first().waitFor();
    await side.screenshot('glance-sidebar-month-more-marker');
  });
});
