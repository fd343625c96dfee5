// The release metrics webview in headless Chromium, over the hand-checked fixture: the five numbers,
// the charts beside their numbers, the filters asking the host again, the exports, the themes and a
// strict CSP. Screenshots go to test/artifacts/metrics/ to be looked at.
import assert from 'node:assert/strict';
import { answerQuery, MetricsSource } from '../../server/lsp/metrics-query';
import { changeRecords } from '../../server/core/metrics/change-records';
import type { WebviewMessage } from '../../webview/metrics/protocol';
import { deliveryIndex, ORDERS_DB_OLDEST_COMMIT } from '../unit/metrics/metrics-fixture';
import { Harness, openMetrics, startHarness, waitUntil } from './harness';

describe('Release metrics webview (headless Chromium)', function () {
  this.timeout(60_000);
  let harness: Harness;
  const index = deliveryIndex();
  const source: MetricsSource = {
    ...changeRecords(index),
    zone: index.calendar().zone,
    oldestCommits: new Map([['orders-db-1-4', ORDERS_DB_OLDEST_COMMIT]]),
  };
  const respond = (m: WebviewMessage) =>
    m.type === 'ready' || m.type === 'query' ? answerQuery(source, m.type === 'ready' ? m.query : m.query) : undefined;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('shows the five numbers, each chart with its numbers beside it, and the per-service bars', async () => {
    const view = await openMetrics(harness, { theme: 'dark', respond });
    try {
      const { page } = view;
      await page.waitForSelector('#card-changeFailRate .card-value');
      const cards = await page.$$eval('.card', (els) =>
        els.map((e) => [
          e.querySelector('.card-name')!.textContent,
          e.querySelector('.card-value')!.textContent,
          e.querySelector('.card-detail')!.textContent,
        ]),
      );
      assert.deepEqual(cards, [
        ['Deployment frequency', '1.8', 'a week; 9 deployments in 5 weeks'],
        ['Change lead time', '3d', 'median over 4 changes'],
        ['Change fail rate', '22%', '2 of 9 deployments'],
        ['Failed deployment recovery time', '1h 30m', 'median over 2 recovered'],
        ['Deployment rework rate', '11%', '1 of 9 were emergencies'],
      ]);
      assert.equal(
        await page.textContent('.scope'),
        '9 deployments from 2026-11-02 to 2026-12-06, all environments; times in Europe/Berlin.',
      );
      // Five weeks on the x axis, the empty ones too; bars only where something was deployed.
      const frequency = page.locator('#metric-deploymentFrequency');
      assert.deepEqual(await frequency.locator('svg text.tick[text-anchor="middle"]').allTextContents(), [
        'W45',
        'W46',
        'W47',
        'W48',
        'W49',
      ]);
      assert.deepEqual(await frequency.locator('svg .bar text.value').allTextContents(), ['2', '4', '3']);
      assert.equal(await frequency.locator('rect.failed').count(), 2);
      assert.deepEqual(await frequency.locator('dl.numbers dt').allTextContents(), [
        'Deployments',
        'Per week',
        'Successful',
        'Rolled back',
        'Failed',
        'Busiest week',
      ]);
      assert.deepEqual(await frequency.locator('dl.numbers dd').allTextContents(), [
        '9',
        '1.8',
        '7',
        '1',
        '1',
        'W47 (4)',
      ]);
      // The fail rate line breaks over the empty weeks: three points, values written on them.
      const fail = page.locator('#metric-changeFailRate');
      assert.deepEqual(await fail.locator('.point text.value').allTextContents(), ['50%', '25%', '0%']);
      // No neighbouring weeks with deployments: no solid segment, two dashed ones across the empty weeks.
      assert.equal((await fail.locator('path.line:not(.gap)').getAttribute('d'))!.includes('L'), false);
      assert.equal((await fail.locator('path.line.gap').getAttribute('d'))!.split('M').length - 1, 2);
      assert.match(
        (await fail.locator('svg').getAttribute('aria-label'))!,
        /Change fail rate per week: W45 50%, W46 none, W47 25%, W48 none, W49 0%/,
      );
      assert.deepEqual(await page.locator('#metric-recoveryTime dl.numbers dd').allTextContents(), [
        '1h 30m',
        '2',
        '0',
        '2h 30m',
      ]);
      assert.deepEqual(await page.locator('#by-group svg .name').allTextContents(), [
        'payments-api',
        'checkout-web',
        'cms',
        'orders-db',
      ]);
      assert.deepEqual(await page.locator('#by-group svg .value').allTextContents(), [
        '5 · 20% failed · 1 emergency',
        '2 · 50% failed',
        '1 · 0% failed',
        '1 · 0% failed',
      ]);
      await view.screenshot('metrics-dark');
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('asks the host again when a filter changes, keeps the filter for a reload, and shows months per team', async () => {
    const view = await openMetrics(harness, { theme: 'light', respond });
    try {
      const { page } = view;
      await page.waitForSelector('.card');
      await page.selectOption('#by', 'month');
      await page.selectOption('#group', 'team');
      const asked = (await view.waitForPosted((m) => m.type === 'query' && m.query.group === 'team')) as Extract<
        WebviewMessage,
        { type: 'query' }
      >;
      assert.deepEqual(asked.query, { by: 'month', group: 'team', environment: '', from: '', to: '' });
      await waitUntil(
        async () =>
          (
            await page.locator('#metric-deploymentFrequency svg text.tick[text-anchor="middle"]').allTextContents()
          ).join() === 'Nov 2026,Dec 2026',
        'the month axis',
      );
      assert.deepEqual(await page.locator('#by-group svg .name').allTextContents(), [
        'payments',
        'storefront',
        '(no team)',
        'orders',
      ]);
      assert.equal(await page.textContent('#title-groups'), 'Deployments by team');
      assert.deepEqual(await view.savedState(), {
        query: { by: 'month', group: 'team', environment: '', from: '', to: '' },
      });
      await view.screenshot('metrics-light-month-team');

      await page.selectOption('#environment', 'staging');
      await waitUntil(
        async () => (await page.textContent('.scope'))?.startsWith('2 deployments'),
        'the staging numbers',
      );
      assert.equal(await page.textContent('#card-changeFailRate .card-value'), '0%');
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('a date range with nothing in it: dashes, empty charts that say so, and an error for a reversed range', async () => {
    const view = await openMetrics(harness, {
      theme: 'high-contrast',
      respond,
      state: { query: { by: 'week', group: 'service', environment: '', from: '2026-11-09', to: '2026-11-15' } },
    });
    try {
      const { page } = view;
      const ready = (await view.waitForPosted((m) => m.type === 'ready')) as Extract<WebviewMessage, { type: 'ready' }>;
      assert.equal(ready.query?.from, '2026-11-09');
      await page.waitForSelector('.card');
      assert.deepEqual(await page.$$eval('.card-value', (els) => els.map((e) => e.textContent)), [
        '0',
        '—',
        '—',
        '—',
        '—',
      ]);
      assert.equal(
        await page.locator('#metric-changeFailRate svg text.empty').textContent(),
        'Nothing to measure in this range',
      );
      assert.equal(await page.locator('#by-group svg text.empty').textContent(), 'No deployments in this range');
      await view.screenshot('metrics-high-contrast-empty');
      await page.fill('#to', '2026-11-01');
      await page.dispatchEvent('#to', 'change');
      await waitUntil(
        async () => (await page.textContent('.status')) === 'The last day is before the first day.',
        'the range message',
      );
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('the export buttons ask the host to save Markdown and CSV for the filters shown, and show where it went', async () => {
    const saved: string[] = [];
    const view = await openMetrics(harness, {
      respond: (m) => {
        if (m.type === 'export') {
          saved.push(m.format);
          return { type: 'exported', format: m.format, file: `release-metrics.${m.format === 'csv' ? 'csv' : 'md'}` };
        }
        return respond(m);
      },
    });
    try {
      const { page } = view;
      await page.waitForSelector('.card');
      await page.click('#export-markdown');
      await waitUntil(
        async () => (await page.textContent('.status')) === 'Saved Markdown to release-metrics.md.',
        'the saved note',
      );
      await page.click('#export-csv');
      await waitUntil(() => saved.length === 2, 'two exports');
      assert.deepEqual(saved, ['markdown', 'csv']);
      const exported = (await view.posted()).filter((m) => m.type === 'export');
      assert.deepEqual(
        exported.map((m) => (m as Extract<WebviewMessage, { type: 'export' }>).query),
        [
          { from: '', to: '', by: 'week', group: 'service', environment: '' },
          { from: '', to: '', by: 'week', group: 'service', environment: '' },
        ],
      );
    } finally {
      await view.close();
    }
  });

  it('reads at a narrow width: the numbers go below the chart, nothing overflows', async () => {
    const view = await openMetrics(harness, { theme: 'dark', width: 520, respond });
    try {
      const { page } = view;
      await page.waitForSelector('.card');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the panel`);
      await view.screenshot('metrics-dark-narrow');
    } finally {
      await view.close();
    }
  });

  for (const width of [660, 700, 740]) {
    it(`at ${width} px each chart stays beside its numbers, not under them`, async () => {
      const view = await openMetrics(harness, { theme: 'light', width, respond });
      try {
        const { page } = view;
        await page.waitForSelector('.metric .chart');
        const clashes = await page.evaluate(() =>
          [...document.querySelectorAll('.metric-row')].flatMap((row) => {
            const chart = row.querySelector('.chart')?.getBoundingClientRect();
            const numbers = row.querySelector('.numbers-box')?.getBoundingClientRect();
            if (!chart || !numbers) return [];
            const overlapX = Math.min(chart.right, numbers.right) - Math.max(chart.left, numbers.left);
            const overlapY = Math.min(chart.bottom, numbers.bottom) - Math.max(chart.top, numbers.top);
            return overlapX > 0 && overlapY > 0 ? [`${row.closest('.metric')?.id}: ${Math.round(overlapX)}px`] : [];
          }),
        );
        assert.deepEqual(clashes, []);
        if (width === 700) await view.screenshot('metrics-light-700');
      } finally {
        await view.close();
      }
    });
  }
});
