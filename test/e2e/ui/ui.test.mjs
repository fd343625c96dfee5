// What only a person sees, in the packaged extension running in code-server, driven in headless
// Chromium: highlighting, the Problems panel, completion, the Releases calendar and the submit
// notification. Run through test/e2e/ui/run-ui-suite.mjs (packages the .vsix first), or
// directly with `RUNBOOK_VSIX=path npx mocha --no-config --timeout 120000 test/e2e/ui/ui.test.mjs`.
// The workspace is a copy of examples/; the GitHub stand-in runs for the suite. Screenshots of
// each step go to test/artifacts/ui/.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, codeServerCli, packageVsix } from '../../../scripts/code-server.mjs';
import { githubSettingsFor, prepareRun, startGitHubStandInProcess } from '../e2e-environment.mjs';
import {
  activeEditor,
  activeTab,
  editorTokenClasses,
  openFile,
  openFileFromExplorer,
  runCommand,
  screenshot,
  startWorkbench,
  waitForExplorer,
  waitForNotification,
  waitForProblems,
  waitForSyntaxTokens,
  webviewFrameWith,
} from './workbench.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const RUNBOOK = 'payments-api-2-14.runbook.yaml';
const OTHER_RUNBOOK = 'orders-db-migration.runbook.yaml';
const BROKEN = 'search-indexer.runbook.yaml';
// The errors `runbook lint examples` reports for examples/broken/search-indexer.runbook.yaml.
const BROKEN_ERRORS = ['RB004', 'RB006', 'RB007', 'RB010', 'RB011', 'RB015'];
const BROKEN_WARNINGS = ['RB002', 'RB016', 'RB017'];
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

describe('workbench UI (code-server)', function () {
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
    run = prepareRun('ui');
    standIn = await startGitHubStandInProcess();
    wb = await startWorkbench({
      vsix,
      folder: run.workspace,
      settings: githubSettingsFor(standIn),
      // Offline there is no GitHub sign-in: the extension takes the token from here.
      env: {
        ...process.env,
        RELEASE_RUNBOOKS_GITHUB_TOKEN: standIn.token,
        RELEASE_RUNBOOKS_GITHUB_API_URL: standIn.url,
      },
    });
  });

  afterEach(async function () {
    // What the screen showed when a step failed, for the report.
    if (this.currentTest?.state === 'failed' && wb) {
      const name = `failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      console.log(`    screenshot: ${await screenshot(wb.page, name).catch((e) => `none (${e.message})`)}`);
    }
  });

  after(async () => {
    await wb?.stop();
    await standIn?.stop();
    run?.remove();
  });

  it('has the .vsix installed by code-server --install-extension', () => {
    const r = codeServerCli(['--list-extensions', '--show-versions'], {
      extensionsDir: wb.extensionsDir,
      stdio: 'pipe',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^${EXTENSION_ID.replace('.', '\\.')}@${manifest.version.replaceAll('.', '\\.')}$`, 'm'),
    );
  });

  it('loads the workbench on the examples', async () => {
    await waitForExplorer(wb.page, RUNBOOK);
    await screenshot(wb.page, '01-workbench');
  });

  it('opens a runbook from the explorer', async () => {
    const editor = await openFileFromExplorer(wb.page, RUNBOOK);
    // The tab turns active before the editor has drawn the file's lines: wait for the first one.
    const firstLine = /runbook:\s*payments-api-2-14/;
    await editor
      .locator('.view-line', { hasText: firstLine })
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => {}); // the assertion below reports what the editor showed instead
    assert.match(await editor.locator('.view-lines').innerText(), firstLine);
    await screenshot(wb.page, '02-explorer-open');
  });

  it('highlights a runbook with the runbook grammar', async () => {
    await openFile(wb.page, OTHER_RUNBOOK);
    assert.equal(await activeTab(wb.page, OTHER_RUNBOOK).count(), 1);
    const classes = await waitForSyntaxTokens(wb.page);
    assert.ok(classes.length > 2, `only ${classes.join(', ')} token classes`);
    // A key and its value are coloured differently ("runbook" vs "orders-db-migration").
    const firstLine = activeEditor(wb.page)
      .locator('.view-lines .view-line')
      .filter({ hasText: /^runbook:/ })
      .first();
    const tokens = await firstLine.evaluate((line) =>
      [...line.querySelectorAll('span span')].map((s) => ({ text: s.textContent, cls: s.className })),
    );
    const key = tokens.find((t) => t.text?.trim() === 'runbook');
    const value = tokens.find((t) => t.text?.includes('orders-db-migration'));
    assert.ok(key && value && key.cls !== value.cls, `tokens of the first line: ${JSON.stringify(tokens)}`);
    await wb.page
      .locator('.statusbar-item[id="status.editor.mode"]')
      .filter({ hasText: manifest.contributes.languages[0].aliases[0] })
      .waitFor();
    assert.ok((await editorTokenClasses(wb.page)).length > 2);
    await screenshot(wb.page, '03-highlighted');
  });

  it("lists the broken example's errors in the Problems panel", async () => {
    await openFile(wb.page, BROKEN);
    const rows = await waitForProblems(wb.page, 'RB007');
    // Tall enough to show every problem of the workspace at once.
    await runCommand(wb.page, 'View: Toggle Maximized Panel');
    const panel = wb.page.locator('.markers-panel');
    for (const code of [...BROKEN_ERRORS, ...BROKEN_WARNINGS]) {
      await panel.locator('.monaco-list-row').filter({ hasText: code }).first().waitFor({ timeout: 10_000 });
    }
    const texts = await panel.locator('.monaco-list-row').allInnerTexts();
    const fileRow = texts.find((t) => t.includes(BROKEN));
    assert.ok(fileRow, `rows: ${rows.join(' | ')}`);
    assert.ok(
      texts.some((t) => /Unknown key "timout".*"timeout"/s.test(t)),
      'the RB002 message suggests "timeout"',
    );
    await restMouse(wb.page);
    await screenshot(wb.page, '04-problems');
    await runCommand(wb.page, 'View: Toggle Maximized Panel');
    await wb.page.keyboard.press(`${mod}+J`); // hide the panel again
    await panel.waitFor({ state: 'hidden' });
  });

  it('offers the rollback step ids on Ctrl+Space after "rollback: "', async () => {
    const editor = await openFile(wb.page, RUNBOOK);
    const lines = readFileSync(join(run.workspace, RUNBOOK), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.trim() === 'rollback: rollback-canary') + 1;
    assert.ok(line > 0);
    await goToLine(wb.page, line);
    // Delete the value after "rollback: " (Home goes to the first non-blank) and ask for suggestions.
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Home');
    for (let i = 0; i < 'rollback: '.length; i++) await wb.page.keyboard.press('ArrowRight');
    // The cursor is right after "rollback: " (the status bar says so) before the value goes.
    const column = lines[line - 1].indexOf('rollback:') + 'rollback: '.length + 1;
    await wb.page
      .getByText(new RegExp(`^Ln ${line}, Col ${column}$`))
      .first()
      .waitFor();
    await wb.page.keyboard.press('Shift+End');
    await wb.page.keyboard.press('Delete');
    await editor
      .locator('.view-line')
      .filter({ hasText: /^\s*rollback:\s*$/ })
      .first()
      .waitFor();
    await wb.page.keyboard.press('Control+Space');
    const suggest = wb.page.locator('.editor-widget.suggest-widget.visible');
    const row = (label) =>
      suggest
        .locator('.monaco-list-row')
        .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
    await row('rollback-canary').waitFor({ timeout: 20_000 });
    await row('rollback-release').waitFor();
    const labels = await suggest.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.ok(!labels.includes('rollout') && !labels.includes('purge-cache'), `suggested: ${labels.join(', ')}`);
    await restMouse(wb.page);
    await screenshot(wb.page, '05-completion');

    // Accept the first suggestion: the line is whole again.
    await row('rollback-canary').click();
    await editor.locator('.view-line').filter({ hasText: 'rollback: rollback-canary' }).first().waitFor();
    await activeTab(wb.page, RUNBOOK).and(wb.page.locator('.tab.dirty')).waitFor();
    await runCommand(wb.page, 'File: Revert File');
    await activeTab(wb.page, RUNBOOK).and(wb.page.locator('.tab:not(.dirty)')).waitFor();
  });

  it('shows the calendar with events and a freeze band in the Releases view', async () => {
    await wb.page.locator('.activitybar .action-item .action-label[aria-label^="Releases"]').click();
    await widenSideBar(wb.page, 820);
    await collapseOtherViews(wb.page, 'Calendar');
    const view = await webviewFrameWith(wb.page, '#range-label');
    // The examples' dates, whatever today is: the week of the payments release, which begins
    // inside the finance month-end freeze.
    // The date field takes a typed date on Enter, as a person types it.
    await view.locator('#jump-date input').fill('2026-11-30');
    await view.locator('#jump-date input').press('Enter');
    await view
      .locator('.agenda-event', { hasText: 'Payments API 2.14.0 to production' })
      .first()
      .waitFor({ timeout: 20_000 });
    await view.locator('.agenda-period.freeze', { hasText: 'Finance month-end close' }).first().waitFor();
    await restMouse(wb.page);
    await screenshot(wb.page, '06-calendar-agenda');

    await view.locator('[data-view="week"]').click();
    for (const title of [
      'Payments API 2.14.0 to production',
      'Orders database migration 0042',
      'Payments API 2.14.0 to staging',
    ]) {
      await view.locator('.week-event', { hasText: title }).first().waitFor();
    }
    const band = view.locator('.band.freeze').first();
    await band.waitFor();
    assert.match(await band.getAttribute('title'), /Finance month-end close/);
    await view.locator('.period.freeze', { hasText: 'Finance month-end close' }).first().waitFor();
    await restMouse(wb.page);
    await screenshot(wb.page, '07-calendar-week');
  });

  it('submits the change request from the command palette and says so', async () => {
    await openFile(wb.page, RUNBOOK);
    await runCommand(wb.page, 'Release Runbooks: Submit Change Request');
    const text = await waitForNotification(wb.page, 'Filed acme/releases#1', 30_000);
    assert.match(text, /Open Issue/);
    await restMouse(wb.page);
    await screenshot(wb.page, '08-submitted');

    const state = await standIn.state();
    const issues = state.repositories[standIn.repository].issues;
    assert.equal(issues.length, 1);
    assert.match(issues[0].body, /<!-- runbook:payments-api-2-14 -->\s*$/);
    assert.deepEqual(state.problems, []);
    await activeEditor(wb.page).locator('.view-line').filter({ hasText: 'ticket: acme/releases#1' }).first().waitFor();
  });
});

/** Go to Line (Ctrl+G) in the active editor. */
async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // The keys pressed next must reach the editor, not the closing quick input.
  await page.waitForFunction(() => !!document.activeElement?.closest('.monaco-editor'));
  await page
    .getByText(new RegExp(`^Ln ${line}, Col \\d+$`))
    .first()
    .waitFor();
}

/** Moves the mouse to an empty spot of the title bar, so no hover or tooltip covers a screenshot. */
async function restMouse(page) {
  await page.mouse.move(260, 12);
}

/** Drags the side bar's edge until it is `width` pixels wide (the calendar's week needs room). */
async function widenSideBar(page, width) {
  const sideBar = page.locator('.part.sidebar');
  const box = await sideBar.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(
    (w) => (document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) >= w - 20,
    width,
  );
}

/** Collapses the side bar's other views, so `keep` has the whole height. */
async function collapseOtherViews(page, keep) {
  const headers = page.locator('.part.sidebar .pane-header[aria-expanded="true"]');
  for (const header of await headers.all()) {
    if (!(await header.innerText()).toLowerCase().includes(keep.toLowerCase())) await header.click();
  }
  await page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: new RegExp(keep, 'i') }).waitFor();
}
