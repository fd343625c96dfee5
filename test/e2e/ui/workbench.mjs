// Playwright helpers for the UI suite: start code-server with the packaged extension and
// drive its workbench in headless Chromium. Every wait is on a condition, never a sleep.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CACHE,
  ROOT,
  codeServerCli,
  launchChromium,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from '../../../scripts/code-server.mjs';

export const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'ui');
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

/**
 * Installs `vsix` into a fresh state folder, starts code-server on `folder` (with `env`, which
 * the extension host inherits) and opens the workbench in Chromium.
 * Returns { page, server, browser, state, extensionsDir, consoleErrors, stop }.
 */
export async function startWorkbench({
  vsix,
  folder = join(ROOT, 'examples'),
  settings = {},
  env = process.env,
  viewport = { width: 1400, height: 900 },
  workspaceTrust = false,
}) {
  mkdirSync(CACHE, { recursive: true });
  const state = mkdtempSync(join(CACHE, 'ui-state-'));
  const userDataDir = join(state, 'user');
  const extensionsDir = join(state, 'ext');
  writeUserSettings(userDataDir, settings);

  if (vsix) {
    const r = codeServerCli(['--install-extension', vsix, '--force'], { extensionsDir, userDataDir, stdio: 'pipe' });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }

  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder,
    env,
    workspaceTrust,
    logFile: join(state, 'code-server.log'),
    echo: process.env.RUNBOOK_E2E_VERBOSE === '1',
  });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  if (process.env.RUNBOOK_E2E_VERBOSE === '1')
    page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));

  await page.goto(workbenchUrl(server.url, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });

  const stop = async () => {
    await browser.close().catch(() => {});
    await server.stop().catch(() => {});
    if (process.env.RUNBOOK_E2E_KEEP === '1') console.log(`[ui] state kept in ${state}`);
    else rmSync(state, { recursive: true, force: true });
  };
  return { page, server, browser, state, extensionsDir, userDataDir, consoleErrors, stop };
}

/** Saves test/artifacts/ui/<name>.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');
const quickInputRows = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/** Waits until the explorer lists the workspace's files (the folder is open and resolved). */
export async function waitForExplorer(page, fileName, timeout = 30_000) {
  await explorerRow(page, fileName).waitFor({ timeout });
}

const explorerRow = (page, fileName) =>
  page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: fileName }) })
    .first();

/** Opens the command palette (F1) and waits for its input. */
export async function openCommandPalette(page) {
  await page.keyboard.press('F1');
  await quickInputBox(page).waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') != null);
}

/** Runs a command by its palette label, e.g. 'Release Runbooks: Submit Change Request'. */
export async function runCommand(page, label, timeout = 15_000) {
  await openCommandPalette(page);
  await quickInputBox(page).fill(`>${label}`);
  await pickRow(page, page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }), timeout);
  await quickInput(page).waitFor({ state: 'hidden', timeout });
}

/**
 * Picks the quick input row that has `match`. The list re-sorts while results arrive: Enter on
 * the focused row once it is ours is steadier than a click on a row that may move, and leaves
 * the mouse where it was (a click would rest it over the tabs and raise their hovers).
 */
async function pickRow(page, match, timeout) {
  const row = quickInputRows(page).filter({ has: match }).first();
  await row.waitFor({ timeout });
  const focused = quickInputRows(page).and(page.locator('.focused')).filter({ has: match });
  if (
    await focused.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    )
  )
    await quickInputBox(page).press('Enter');
  else await row.click();
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(page, fileName, timeout = 15_000) {
  await page.keyboard.press(`${mod}+P`);
  await quickInputBox(page).waitFor({ state: 'visible' });
  await quickInputBox(page).fill(fileName);
  // The exact name, not a longer one that contains it (payments-api-2-14-staging.runbook.yaml).
  await pickRow(page, page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(fileName)}$`) }), timeout);
  await activeTab(page, fileName).waitFor({ timeout });
  return activeEditor(page);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens a file by clicking it in the explorer. */
export async function openFileFromExplorer(page, fileName, timeout = 15_000) {
  const row = explorerRow(page, fileName);
  await row.waitFor({ timeout });
  await row.click();
  await activeTab(page, fileName).waitFor({ timeout });
  return activeEditor(page);
}

export const activeTab = (page, fileName) =>
  page.locator('.tabs-container .tab.active').filter({ has: page.locator('.label-name', { hasText: fileName }) });

/** The text editor of the active editor group. */
export const activeEditor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

/** Waits until the active editor has rendered text and returns the distinct `mtkN` token classes. */
export async function editorTokenClasses(page, timeout = 15_000) {
  const editor = activeEditor(page);
  await editor.locator('.view-lines .view-line').first().waitFor({ timeout });
  return editor.evaluate((el) => {
    const classes = new Set();
    for (const span of el.querySelectorAll('.view-lines .view-line span span')) {
      for (const c of span.classList) if (/^mtk\d+$/.test(c)) classes.add(c);
    }
    return [...classes].sort();
  });
}

/** Polls until the active editor shows more than one token colour (the grammar has applied). */
export async function waitForSyntaxTokens(page, timeout = 20_000) {
  const editor = activeEditor(page);
  await editor.locator('.view-lines .view-line').first().waitFor({ timeout });
  await page.waitForFunction(
    (el) => {
      const classes = new Set();
      for (const span of el.querySelectorAll('.view-lines .view-line span span')) {
        for (const c of span.classList) if (/^mtk\d+$/.test(c)) classes.add(c);
      }
      return classes.size > 1;
    },
    await editor.elementHandle(),
    { timeout },
  );
  return editorTokenClasses(page);
}

/**
 * Shows the Problems panel and waits for a row containing `text` (a code like 'RB004' or a
 * message). Returns the texts of all rows.
 */
export async function waitForProblems(page, text, timeout = 30_000) {
  const panel = page.locator('.markers-panel');
  // Ctrl+Shift+M toggles the panel, so only press it when the panel is not shown.
  if (!(await panel.isVisible())) await page.keyboard.press(`${mod}+Shift+M`);
  await panel.waitFor({ state: 'visible', timeout });
  const rows = panel.locator('.monaco-list-row');
  if (text) await rows.filter({ hasText: text }).first().waitFor({ timeout });
  return rows.allInnerTexts();
}

/**
 * The content frame of a webview: webviews nest two iframes, the outer `iframe.webview`
 * and its inner `#active-frame`. `index` picks among several open webviews.
 */
export function webviewFrame(page, index = 0) {
  return page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame');
}

/**
 * The content frame of the webview that shows `selector` (say '#range-label' for the calendar),
 * whichever place it has among the open webviews. Waits for it.
 */
export async function webviewFrameWith(page, selector, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const count = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < count; i++) {
      const frame = webviewFrame(page, i);
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    if (Date.now() > deadline)
      throw new Error(`no webview shows ${selector} after ${timeout / 1000} s (${count} webviews open)`);
    await page.waitForTimeout(100); // polling the frames: there is no event for "a frame's content changed"
  }
}

/** Waits until a notification toast containing `text` is shown and has finished sliding in; returns its text. */
export async function waitForNotification(page, text, timeout = 20_000) {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ timeout });
  await toast.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
  return toast.innerText();
}

/** In an afterEach: what the screen showed when the test failed, as test/artifacts/ui/failed-<prefix><title>.png. */
export async function screenshotIfFailed(test, wb, prefix = '') {
  if (test?.state !== 'failed' || !wb) return;
  const name = `failed-${prefix}${test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`;
  console.log(`    screenshot: ${await screenshot(wb.page, name).catch((e) => `none (${e.message})`)}`);
}
