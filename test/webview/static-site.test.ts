// The published calendar site (`runbook calendar --format html`) as a stakeholder meets it: served
// by a plain static server on 127.0.0.1 and opened in headless Chromium, with no VS Code behind
// it. The calendar UI shows the fixture workspace's windows, freezes and clashes in week, month
// and agenda views; hostile runbook text stays text on both pages; nothing is fetched from
// elsewhere. Screenshots: test/artifacts/static-site-*.png.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { runCalendar } from '../../server/cli/calendar';
import { ACCESS_WORKSPACE, FIXTURE_WORKSPACE } from '../fixtures/calendar/workspaces';
import { ensureBundle, waitUntil } from '../webview-shared/page-harness';
import { ARTIFACTS } from './harness';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ics': 'text/calendar',
  '.json': 'application/json',
};
const NOW = Date.UTC(2026, 11, 1, 12); // Tuesday 1 December 2026

describe('the published calendar site in Chromium', function () {
  this.timeout(120_000);
  let site: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const foreign: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    await ensureBundle({
      name: 'webview',
      entry: 'webview/calendar/main.ts',
      sources: ['webview', 'server/core/calendar/calendar-types.ts'],
    });
    await ensureBundle({
      name: 'static-calendar',
      entry: 'webview/calendar/static-host.ts',
      sources: ['webview/calendar/static-host.ts', 'webview/calendar/protocol.ts'],
    });
    site = mkdtempSync(join(tmpdir(), 'runbook-site-'));
    let stderr = '';
    const code = await runCalendar(
      ['.', ACCESS_WORKSPACE, '--format', 'html', '--out', site, '--from', '2026-11-01', '--to', '2027-03-01'],
      { cwd: FIXTURE_WORKSPACE, env: {}, stdout: () => undefined, stderr: (t) => void (stderr += t) },
      () => NOW,
    );
    assert.equal(code, 0, stderr);
    server = createServer((req, res) => {
      const name = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/^\/$/, '/index.html').slice(1);
      try {
        if (name.includes('/') || name.includes('..')) throw new Error('outside the site');
        const body = readFileSync(join(site, name));
        res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.clock.setFixedTime(new Date(NOW));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => !r.url().startsWith(origin) && foreign.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    rmSync(site, { recursive: true, force: true });
  });

  const text = () => page.locator('body').innerText();

  it('shows this week with its windows, maintenance and the hostile runbook as text', async () => {
    await page.goto(`${origin}/`);
    await waitUntil(
      async () => (await text()).includes('Checkout web 5.1 to staging'),
      'the week view with the fixture windows',
    );
    const body = await text();
    assert.match(body, /30 Nov – 6 Dec 2026/);
    assert.match(body, /Finance month-end close/);
    assert.match(body, /Sunday infrastructure window/);
    assert.match(body, /<img src=x onerror=alert\(1\)>/, 'the title shows as text');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element made from runbook text');
    // Access requests are published too; the one that ended and still stands in the error colour.
    assert.equal(
      await page.locator('.week-chip.access.ended .chip-label').textContent(),
      'production · @alice: cluster-admin (ended: revoke)',
    );
    await page.screenshot({ path: join(ARTIFACTS, 'static-site-week.png') });
  });

  it('shows a clash with a freeze in the week of the year-end freeze', async () => {
    await page.getByRole('button', { name: /next/i }).first().click();
    await page.getByRole('button', { name: /next/i }).first().click();
    await page.getByRole('button', { name: /next/i }).first().click();
    await waitUntil(async () => (await text()).includes('Search full reindex'), 'the week of 21 December');
    const body = await text();
    assert.match(body, /Year-end code freeze/);
    assert.match(body, /in a freeze/, 'the clash is marked on the event, in words');
    await page.screenshot({ path: join(ARTIFACTS, 'static-site-clash.png') });
  });

  it('shows the month and the agenda', async () => {
    await page.getByRole('button', { name: 'Month view' }).click();
    await waitUntil(async () => /December 2026/.test(await text()), 'the month view');
    await page.screenshot({ path: join(ARTIFACTS, 'static-site-month.png') });
    await page.getByRole('button', { name: 'Agenda view' }).click();
    await waitUntil(async () => (await text()).includes('Search full reindex'), 'the agenda');
    await page.screenshot({ path: join(ARTIFACTS, 'static-site-agenda.png') });
  });

  it('has a page of upcoming changes in plain words, with hostile text escaped', async () => {
    await page.goto(`${origin}/upcoming.html`);
    const body = await text();
    assert.match(body, /Upcoming changes/);
    assert.match(body, /Changes planned from Tuesday 1 December 2026 for the next 30 days/);
    assert.match(
      body,
      /Year-end code freeze: No changes to production, Monday 21 December 2026, 00:00 to Monday 4 January 2027 00:00/,
    );
    assert.match(
      body,
      /CDN config push \(US team\)[\s\S]*When\s+Tuesday 8 December 2026, 09:00 to 10:30 \(America\/New_York\)/,
    );
    assert.match(body, /Needs attention: The window overlaps freeze "year-end"/);
    assert.match(body, /Whom to ask\s+@hank \(owner\), @ivy \(on call\)/);
    assert.match(
      body,
      /<img src=x onerror=alert\(1\)> \(<script>alert\(2\)<\/script>\)/,
      'hostile title and service as text',
    );
    assert.equal(await page.locator('main img, main script, main b').count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'static-site-upcoming.png'), fullPage: true });
  });

  it('serves the feed and the JSON beside the pages', async () => {
    const ics = await (await page.request.get(`${origin}/calendar.ics`)).text();
    assert.equal(ics.match(/\r\nUID:maintenance-sunday-infra@release-runbooks\r\n/g)?.length, 1);
    const json = (await (await page.request.get(`${origin}/calendar.json`)).json()) as {
      timezone: string;
      events: unknown[];
    };
    assert.equal(json.timezone, 'Europe/Berlin');
    assert.ok(json.events.length > 5);
  });

  it('ran no script from runbook text, logged no error and fetched nothing from elsewhere', () => {
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
  });
});
