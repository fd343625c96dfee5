// UI checks against the packaged extension in code-server + headless Chromium.
// Run through test/e2e/ui/run-ui-suite.mjs (packages the .vsix first), or directly with
// `RUNBOOK_VSIX=path npx mocha --no-config --timeout 120000 test/e2e/ui/ui.test.mjs`.
// Screenshots of each step go to test/artifacts/ui/.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packageVsix } from '../../../scripts/code-server.mjs';
import {
  activeTab, editorTokenClasses, openFile, openFileFromExplorer, screenshot, startWorkbench, waitForExplorer, waitForSyntaxTokens,
} from './workbench.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const hasGrammar = (manifest.contributes?.grammars ?? []).length > 0;
const RUNBOOK = 'payments-api-2-14.runbook.yaml';
const OTHER_RUNBOOK = 'orders-db-migration.runbook.yaml';

describe('workbench UI (code-server)', function () {
  this.timeout(60_000);
  /** @type {Awaited<ReturnType<typeof startWorkbench>>} */
  let wb;

  before(async function () {
    this.timeout(240_000);
    const vsix = process.env.RUNBOOK_VSIX || packageVsix(join(ROOT, '.vscode-test', 'release-runbooks.vsix'));
    assert.ok(existsSync(vsix), `no .vsix at ${vsix}`);
    wb = await startWorkbench({ vsix });
  });

  after(async () => {
    await wb?.stop();
  });

  it('loads the workbench on examples/', async () => {
    await waitForExplorer(wb.page, RUNBOOK);
    await screenshot(wb.page, '01-workbench');
  });

  it('opens a runbook from the explorer', async () => {
    await openFileFromExplorer(wb.page, RUNBOOK);
    const text = await wb.page.locator('.editor-group-container.active .view-lines').innerText();
    assert.match(text, /runbook:\s*payments-api-2-14/);
    await screenshot(wb.page, '02-explorer-open');
  });

  it('opens a runbook with Quick Open and colours it with the runbook grammar', async function () {
    await openFile(wb.page, OTHER_RUNBOOK);
    assert.equal(await activeTab(wb.page, OTHER_RUNBOOK).count(), 1);
    if (!hasGrammar) {
      await screenshot(wb.page, '03-quick-open');
      this.skip(); // package.json contributes no grammar yet (syntaxes/runbook.tmLanguage.json)
    }
    const classes = await waitForSyntaxTokens(wb.page);
    await screenshot(wb.page, '03-quick-open-tokens');
    assert.ok(classes.length > 1, `only ${classes.join(', ')} token classes`);
  });

  it('shows the runbook language in the status bar', async function () {
    const lang = (manifest.contributes?.languages ?? []).find((l) => l.extensions?.includes('.runbook.yaml'));
    if (!lang) this.skip();
    const label = lang.aliases?.[0] ?? lang.id;
    await wb.page.locator('.statusbar-item[id="status.editor.mode"]').filter({ hasText: label }).waitFor();
    assert.ok((await editorTokenClasses(wb.page)).length >= 1);
  });
});
