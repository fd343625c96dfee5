// The Getting Started walkthrough in the packaged extension in code-server: its five steps are
// listed, and the buttons of the first three create a calendar, a runbook and open the calendar.
// Run with the UI suite (test/e2e/ui/run-ui-suite.mjs); screenshots: test/artifacts/ui/walkthrough-*.png.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packageVsix } from '../../../scripts/code-server.mjs';
import { prepareRun } from '../e2e-environment.mjs';
import {
  activeTab,
  openCommandPalette,
  screenshot,
  screenshotIfFailed,
  startWorkbench,
  waitForExplorer,
  webviewFrameWith,
} from './workbench.mjs';

const STEPS = [
  'Create a release calendar',
  'Write a runbook',
  'Open the calendar',
  'Submit a change request',
  'Run the go/no-go review',
];

describe('Getting Started walkthrough (code-server)', function () {
  this.timeout(60_000);
  /** @type {Awaited<ReturnType<typeof startWorkbench>>} */
  let wb;
  let run;

  before(async function () {
    this.timeout(240_000);
    const vsix = process.env.RUNBOOK_VSIX || packageVsix(join(ROOT, '.vscode-test', 'release-runbooks.vsix'));
    assert.ok(existsSync(vsix), `no .vsix at ${vsix}`);
    run = prepareRun('walkthrough');
    wb = await startWorkbench({ vsix, folder: run.workspace });
    await waitForExplorer(wb.page, 'payments-api-2-14.runbook.yaml');
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb, 'walkthrough-');
  });

  after(async () => {
    await wb?.stop();
    run?.remove();
  });

  const page = () => wb.page;
  const walkthrough = () => page().locator('.gettingStartedContainer');
  const step = (title) => walkthrough().locator('.getting-started-step', { hasText: title }).first();

  async function showWalkthroughTab() {
    await page().locator('.tabs-container .tab', { hasText: 'Walkthrough: Release Runbooks' }).first().click();
    await walkthrough().waitFor();
  }

  it('opens from "Welcome: Open Walkthrough..." with its five steps', async () => {
    await openCommandPalette(page());
    const input = page().locator('.quick-input-widget .quick-input-box input');
    await input.fill('>Welcome: Open Walkthrough...');
    // Enter on the focused row: a click can land on the row's hover instead.
    await page().locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Open Walkthrough' }).waitFor();
    await input.press('Enter');
    await page().locator('.quick-input-widget .monaco-list-row').first().waitFor();
    await input.fill('Release Runbooks');
    await page()
      .locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Get Started with Release Runbooks' })
      .waitFor();
    await input.press('Enter');
    for (const title of STEPS) await step(title).waitFor({ timeout: 20_000 });
    await screenshot(page(), 'walkthrough-01-steps');
  });

  it('step 1 creates a release calendar in the workspace and is checked off', async () => {
    await step(STEPS[0]).click();
    await walkthrough().getByRole('button', { name: 'New Release Calendar', exact: true }).click();
    await activeTab(page(), 'release.calendar.yaml').waitFor({ timeout: 20_000 });
    await showWalkthroughTab();
    await step(STEPS[0])
      .locator('.codicon-pass-filled, .complete')
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
  });

  it('step 2 creates a runbook from the snippet', async () => {
    await step(STEPS[1]).click();
    await walkthrough().getByRole('button', { name: 'New Runbook', exact: true }).click();
    await activeTab(page(), 'new-change.runbook.yaml').waitFor({ timeout: 20_000 });
    // The snippet goes in once the empty file is shown.
    await page()
      .locator('.editor-group-container.active .view-line', { hasText: /^runbook:\s/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(page(), 'walkthrough-02-runbook');
    await showWalkthroughTab();
  });

  it('step 3 opens the calendar panel', async () => {
    await step(STEPS[2]).click();
    await walkthrough().getByRole('button', { name: 'Open Calendar', exact: true }).click();
    await webviewFrameWith(page(), '#range-label');
    await screenshot(page(), 'walkthrough-03-calendar');
    await showWalkthroughTab();
  });

  it('steps 4 and 5 offer Submit Change Request and Go/No-Go Review', async () => {
    await step(STEPS[3]).click();
    await walkthrough().getByRole('button', { name: 'Submit Change Request', exact: true }).waitFor();
    await step(STEPS[4]).click();
    await walkthrough().getByRole('button', { name: 'Go/No-Go Review', exact: true }).waitFor();
    await screenshot(page(), 'walkthrough-04-go-no-go');
  });
});
