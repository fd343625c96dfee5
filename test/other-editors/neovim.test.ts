// The language server from Neovim's built-in LSP client (Debian's nvim, headless), configured as
// docs/other-editors.md says: diagnostics, a quick fix, definition, completion without snippets,
// rename across files, and a file created on disk while the client watches nothing.
// Needs `nvim` on PATH (`apt-get install -y neovim`; .ci/run installs it) and a built dist/server.js.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertServerBuilt, copyWorkspace, SERVER_PATH, uriOf } from '../helpers/lsp-client';

interface NeovimResults {
  version: string;
  error?: string;
  brokenCodes: string[];
  capabilities: { snippetSupport: boolean; dynamicWatchers: boolean };
  actionTitles: string[];
  afterFix: string;
  definition: { uri?: string; targetUri?: string } | null;
  completion: { label: string; insertTextFormat: number | null; newText: string }[];
  afterRename: string;
  renamedFiles: string[];
  createdCodes: string[];
}

describe('Neovim (built-in LSP client, headless)', function () {
  this.timeout(120_000);
  let workspace: string;
  let results: NeovimResults;

  before(async function () {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    if (version.error)
      throw new Error('nvim is not installed: apt-get install -y neovim (test/other-editors needs it)');
    assertServerBuilt();
    workspace = await copyWorkspace('workspace');
    const out = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'runbook-nvim-')), 'results.json');
    const run = spawnSync(
      'nvim',
      ['--headless', '--clean', '-n', '-c', `luafile ${path.join(__dirname, 'neovim-client.lua')}`],
      {
        env: {
          ...process.env,
          RUNBOOK_WORKSPACE: workspace,
          RUNBOOK_SERVER: SERVER_PATH,
          RUNBOOK_NODE: process.execPath,
          RUNBOOK_OUT: out,
          HOME: path.dirname(out),
        },
        encoding: 'utf8',
        timeout: 100_000,
      },
    );
    let text: string;
    try {
      text = await fs.readFile(out, 'utf8');
    } catch {
      throw new Error(
        `Neovim wrote no results (exit ${run.status}, ${run.error ?? ''}):\n${run.stdout}\n${run.stderr}`,
      );
    }
    results = JSON.parse(text) as NeovimResults;
    if (results.error) throw new Error(`Neovim ${results.version}: ${results.error}\n${text}`);
  });

  after(async () => {
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  it('runs against a client that declares no snippets and no file watchers', () => {
    assert.equal(results.capabilities.snippetSupport, false);
    assert.notEqual(results.capabilities.dynamicWatchers, true);
  });

  it('publishes the diagnostics of a runbook read from disk and opened', () => {
    for (const code of ['RB002', 'RB004', 'RB006', 'RB007'])
      assert.ok(results.brokenCodes.includes(code), `${code} in ${results.brokenCodes.join(', ')}`);
  });

  it('offers a quick fix for the misspelt dependency, and applying it fixes the line', () => {
    assert.ok(
      results.actionTitles.some((t) => t.includes('orders-db-migration')),
      results.actionTitles.join(' | '),
    );
    assert.equal(results.afterFix.trim(), '- orders-db-migration');
  });

  it('finds the definition of a dependency in another file', () => {
    const target = results.definition?.uri ?? results.definition?.targetUri;
    assert.equal(target, uriOf(path.join(workspace, 'orders-db-migration.runbook.yaml')));
  });

  it('completes entries as plain text: no snippet syntax, no NUL, one line per key', () => {
    assert.ok(results.completion.length > 0);
    for (const item of results.completion) {
      assert.notEqual(item.insertTextFormat, 2, item.label);
      assert.doesNotMatch(item.newText, /\$\{?\d|\u0000/, item.label);
    }
    const step = results.completion.find((i) => i.label === 'step with rollback');
    assert.ok(step, results.completion.map((i) => i.label).join(', '));
    assert.deepEqual(
      step.newText.split('\n').map((l) => l.replace(/:.*/, ':')),
      ['id:', '    title:', '    run:', '    timeout:', '    rollback:'],
    );
  });

  it('renames the runbook id in the buffer and in the files that depend on it', () => {
    assert.equal(results.afterRename, 'runbook: payments-api-2-15');
    assert.ok(results.renamedFiles.length >= 1);
  });

  it('sees a runbook created on disk, with its findings', () => {
    assert.deepEqual(results.createdCodes, ['RB007']);
  });
});
