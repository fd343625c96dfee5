// The metrics panel's "From GitHub deployments" section in headless Chromium: GitHub's deployment
// records (mapped to runbook services by the setting's rules) counted by the server's own code beside
// the runbook-recorded figures per environment, hand-checked; and the note with a sign-in button
// when the host could not read them. Screenshots go to test/artifacts/metrics/.
import assert from 'node:assert/strict';
import type { GitHubDeploymentsInput } from '../../protocol/requests';
import { changeRecords } from '../../server/core/metrics/change-records';
import type { GitHubDeployment } from '../../server/core/metrics/github-deployments';
import { answerQuery, MetricsSource } from '../../server/lsp/metrics-query';
import type { HostMessage, WebviewMessage } from '../../webview/metrics/protocol';
import { deliveryIndex } from '../unit/metrics/metrics-fixture';
import { Harness, openMetrics, startHarness, waitUntil } from './harness';

const at = (iso: string) => Date.parse(iso);

/** payments-api to GitHub's prod-eu in the runbooks' windows (Europe/Berlin: UTC+1), a failure fixed 2h 20m later, one staging deployment no rule names, one still running. */
const DEPLOYMENTS: GitHubDeployment[] = [
  {
    id: 1,
    environment: 'prod-eu',
    ref: 'v2.12',
    sha: 'a1',
    createdAt: at('2026-11-03T21:10:00Z'),
    production: true,
    statuses: [{ state: 'success', at: at('2026-11-03T21:40:00Z') }],
  },
  {
    id: 2,
    environment: 'prod-eu',
    ref: 'v2.13',
    sha: 'a2',
    createdAt: at('2026-11-19T21:10:00Z'),
    production: true,
    statuses: [
      { state: 'in_progress', at: at('2026-11-19T21:11:00Z') },
      { state: 'failure', at: at('2026-11-19T21:50:00Z') },
    ],
  },
  {
    id: 3,
    environment: 'prod-eu',
    ref: 'v2.13.1',
    sha: 'a3',
    createdAt: at('2026-11-19T23:40:00Z'),
    production: true,
    statuses: [{ state: 'success', at: at('2026-11-20T00:10:00Z') }],
  },
  {
    id: 4,
    environment: 'staging',
    ref: 'v2.13',
    sha: 'a4',
    createdAt: at('2026-11-20T08:10:00Z'),
    production: false,
    statuses: [{ state: 'success', at: at('2026-11-20T08:30:00Z') }],
  },
  {
    id: 5,
    environment: 'prod-eu',
    ref: 'v2.15',
    sha: 'a5',
    createdAt: at('2026-12-09T21:00:00Z'),
    production: true,
    statuses: [{ state: 'in_progress', at: at('2026-12-09T21:01:00Z') }],
  },
];

const INPUT: GitHubDeploymentsInput = {
  repository: 'acme/payments',
  deployments: DEPLOYMENTS,
  service: 'payments',
  services: [{ environment: 'prod-*', service: 'payments-api', runbookEnvironment: 'production' }],
  problems: [],
};

describe('Release metrics webview: from GitHub deployments (headless Chromium)', function () {
  this.timeout(60_000);
  let harness: Harness;
  const index = deliveryIndex();
  const source: MetricsSource = { ...changeRecords(index), zone: index.calendar().zone };

  /** Answers as the extension host does when it could read the records. */
  const withRecords = (m: WebviewMessage): HostMessage | undefined => {
    if (m.type !== 'ready' && m.type !== 'query') return undefined;
    const answer = answerQuery(source, m.query, INPUT);
    if (answer.type !== 'report') return answer;
    const { githubComparison, ...report } = answer;
    return { ...report, github: { state: 'shown', repository: INPUT.repository, comparison: githubComparison! } };
  };

  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  const table = (view: Awaited<ReturnType<typeof openMetrics>>) =>
    view.page.$$eval('#github-deployments tbody tr', (rows) =>
      rows.map((r) => [...r.children].map((c) => c.textContent)),
    );

  it('shows GitHub’s figures per environment beside the runbooks’, over the same weeks (1400×900)', async () => {
    const view = await openMetrics(harness, { theme: 'dark', width: 1400, height: 900, respond: withRecords });
    try {
      const { page } = view;
      await page.waitForSelector('#github-deployments table');
      assert.equal(await page.textContent('#title-github'), 'From GitHub deployments');
      assert.match(
        (await page.textContent('#github-deployments .meaning'))!,
        /recorded for acme\/payments .* both from 2026-11-02 to 2026-12-06\.$/,
      );
      // Five weeks. Runbooks: 7 to production (2 failed: checkout rolled back, payments 2.13 failed;
      // both recovered, median 1h 30m), 2 to staging. GitHub: 3 finished to prod-eu = production
      // (one failure at 22:50, fixed by the success at 01:10: 2h 20m), 1 to staging; the one still
      // running is not counted.
      assert.deepEqual(await table(view), [
        ['production', '1.4 (7)', '0.6 (3)', '29% (2 of 7)', '33% (1 of 3)', '1h 30m', '2h 20m'],
        ['staging', '0.4 (2)', '0.2 (1)', '0% (0 of 2)', '0% (0 of 1)', '—', '—'],
        ['All environments', '1.8 (9)', '0.8 (4)', '22% (2 of 9)', '25% (1 of 4)', '1h 30m', '2h 20m'],
      ]);
      // The staging deployment is of "payments" (no rule names it), which no runbook is: said, not hidden.
      await page.click('#github-deployments summary');
      assert.match(
        (await page.textContent('#github-deployments .github-problems li'))!,
        /^deployment 4 to staging: no runbook of service payments has a window holding it$/,
      );
      // The section sits right under the five numbers, in the first screen.
      const box = await page.locator('#github-deployments table').boundingBox();
      assert.ok(box && box.y + box.height <= 900, `the table ends at ${box && box.y + box.height}px`);
      await view.screenshot('metrics-dark-github-1400');

      await page.selectOption('#environment', 'production');
      await waitUntil(async () => (await table(view)).length === 1, 'production alone');
      assert.deepEqual((await table(view))[0], [
        'production',
        '1.4 (7)',
        '0.6 (3)',
        '29% (2 of 7)',
        '33% (1 of 3)',
        '1h 30m',
        '2h 20m',
      ]);
      assert.deepEqual(await view.cspViolations(), []);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('says why there are no GitHub figures and offers the sign-in, which asks the host', async () => {
    const signedOut = (m: WebviewMessage): HostMessage | undefined => {
      const answer = withRecords(m.type === 'signInGitHub' ? { type: 'query', query: m.query } : m);
      if (!answer || answer.type !== 'report') return answer;
      return m.type === 'signInGitHub'
        ? answer
        : {
            ...answer,
            github: {
              state: 'note',
              note: 'Not signed in to GitHub: sign in to read the deployment records of acme/payments.',
              signIn: true,
            },
          };
    };
    const view = await openMetrics(harness, { theme: 'light', width: 700, respond: signedOut });
    try {
      const { page } = view;
      await page.waitForSelector('#github-deployments .github-note');
      assert.equal(
        await page.textContent('#github-deployments .github-note'),
        'Not signed in to GitHub: sign in to read the deployment records of acme/payments.',
      );
      // The runbooks' own figures are all there regardless.
      assert.equal(await page.textContent('#card-deploymentFrequency .card-value'), '1.8');
      await view.screenshot('metrics-light-github-signed-out');
      await page.click('#github-sign-in');
      const asked = await view.waitForPosted((m) => m.type === 'signInGitHub');
      assert.deepEqual(asked, {
        type: 'signInGitHub',
        query: { from: '', to: '', by: 'week', group: 'service', environment: '' },
      });
      await page.waitForSelector('#github-deployments table');
      assert.equal(await page.locator('#github-sign-in').count(), 0);
      assert.deepEqual(view.errors, []);
    } finally {
      await view.close();
    }
  });

  it('reads in a narrow panel: the table scrolls inside its box, the page does not overflow', async () => {
    const view = await openMetrics(harness, { theme: 'dark', width: 420, respond: withRecords });
    try {
      const { page } = view;
      await page.waitForSelector('#github-deployments table');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the panel`);
      await page.locator('#github-deployments').scrollIntoViewIfNeeded();
      await view.screenshot('metrics-dark-github-narrow');
    } finally {
      await view.close();
    }
  });
});
