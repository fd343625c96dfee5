// Restricted Mode (workspace trust on, the folder not trusted), in the packaged extension in
// code-server: the language features, the calendar and the change-request preview work; the
// GitHub features say why they are off and send nothing. Run with the UI suite
// (test/e2e/ui/run-ui-suite.mjs); screenshots go to test/artifacts/ui/restricted-*.png.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packageVsix } from '../../../scripts/code-server.mjs';
import { githubSettingsFor, prepareRun, startGitHubStandInProcess } from '../e2e-environment.mjs';
import {
  openFile,
  runCommand,
  screenshot,
  screenshotIfFailed,
  startWorkbench,
  waitForExplorer,
  waitForNotification,
  waitForProblems,
  webviewFrameWith,
} from './workbench.mjs';

describe('Restricted Mode (code-server, untrusted folder)', function () {
  this.timeout(60_000);
  /** @type {Awaited<ReturnType<typeof startWorkbench>>} */
  let wb;
  /** @type {Awaited<ReturnType<typeof startGitHubStandInProcess>>} */
  let standIn;
  let run;

  before(async function () {
    this.timeout(240_000);
    const vsix = process.env.RUNBOOK_VSIX || packageVsix(join(ROOT, '.vscode-test', 'release-runbooks.vsix'));
    assert.ok(existsSync(vsix), `no .vsix at ${vsix}`);
    run = prepareRun('restricted');
    standIn = await startGitHubStandInProcess();
    wb = await startWorkbench({
      vsix,
      folder: run.workspace,
      workspaceTrust: true,
      // Trust on, and no prompt: a folder nobody trusted opens straight in Restricted Mode.
      settings: {
        ...githubSettingsFor(standIn),
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
      },
      // A token is at hand, so nothing but Restricted Mode keeps the request from GitHub.
      env: {
        ...process.env,
        RELEASE_RUNBOOKS_GITHUB_TOKEN: standIn.token,
        RELEASE_RUNBOOKS_GITHUB_API_URL: standIn.url,
      },
    });
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb, 'restricted-');
  });

  after(async () => {
    await wb?.stop();
    await standIn?.stop();
    run?.remove();
  });

  it('opens the folder in Restricted Mode', async () => {
    await waitForExplorer(wb.page, 'payments-api-2-14.runbook.yaml');
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });
  });

  it("checks runbooks: the Problems panel lists the broken example's findings", async () => {
    const rows = await waitForProblems(wb.page, 'RB007', 60_000);
    assert.ok(
      rows.some((r) => r.includes('RB015')),
      rows.join('\n'),
    );
    await screenshot(wb.page, 'restricted-01-problems');
  });

  it('shows the calendar in the Releases view', async () => {
    await wb.page.locator('.activitybar .action-item .action-label[aria-label^="Releases"]').click();
    const view = await webviewFrameWith(wb.page, '#range-label');
    // The date field takes a typed date on Enter, as a person types it.
    await view.locator('#jump-date input').fill('2026-11-30');
    await view.locator('#jump-date input').press('Enter');
    await view
      .locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' })
      .first()
      .waitFor({ timeout: 20_000 });
    await screenshot(wb.page, 'restricted-02-calendar');
  });

  it('previews the change request', async () => {
    await openFile(wb.page, 'payments-api-2-14.runbook.yaml');
    await runCommand(wb.page, 'Release Runbooks: Preview Change Request');
    const preview = await webviewFrameWith(wb.page, '.issue-title');
    assert.match(await preview.locator('.issue-title').innerText(), /Payments API 2\.14\.0 to production/);
    await screenshot(wb.page, 'restricted-03-preview');
    await runCommand(wb.page, 'View: Close All Editors');
  });

  it('does not submit: says why, and GitHub receives nothing', async () => {
    await openFile(wb.page, 'payments-api-2-14.runbook.yaml');
    await runCommand(wb.page, 'Release Runbooks: Submit Change Request');
    const text = await waitForNotification(wb.page, 'off in Restricted Mode');
    assert.match(text, /Trust the workspace to use them/);
    assert.match(text, /Manage Workspace Trust/);
    await screenshot(wb.page, 'restricted-04-submit-refused');
    const state = await standIn.state();
    assert.deepEqual(state.repositories[standIn.repository].issues, []);
  });
});
