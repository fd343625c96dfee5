// The extension host's bundle is thin: it asks the language server, so it holds none of the
// language core's rules, linter or workspace index, no server or CLI code, and not package.json
// (whose devDependencies would show it came whole). Bundled here as esbuild.mjs bundles it.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, Metafile } from 'esbuild';

const root = resolve(__dirname, '..', '..');

describe('the extension bundle (dist/extension.js)', function () {
  this.timeout(60_000);
  let text: string;
  let inputs: string[];

  before(async () => {
    const result = await build({
      entryPoints: [join(root, 'client', 'extension.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      alias: { yaml: join(root, 'node_modules', 'yaml', 'browser', 'index.js') },
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: root,
    });
    text = result.outputFiles[0].text;
    const meta: Metafile = result.metafile;
    inputs = Object.keys(Object.values(meta.outputs)[0].inputs);
  });

  it('takes nothing from the linter, the rules, the workspace index, the server or the CLI', () => {
    const core = inputs.filter((i) => /^server\/(core\/(rules\/|lint\.ts|workspace-index\.ts|release\/(gates|transitions|release-state|time-budget)\.ts|metrics\/(compute-metrics|status-report|change-records)\.ts|calendar\/)|lsp\/|cli\/)/.test(i));
    assert.deepEqual(core, []);
  });

  it('holds no rule message text', () => {
    const rules = join(root, 'server', 'core', 'rules');
    const messages = readdirSync(rules)
      .filter((f) => /^rb\d{3}-/.test(f))
      .flatMap((f) => [...readFileSync(join(rules, f), 'utf8').matchAll(/message: [`']([A-Z][^`'$]{15,})/g)].map((m) => m[1]));
    assert.ok(messages.length > 5, 'the rules have messages to look for');
    assert.deepEqual(messages.filter((m) => text.includes(m)), []);
  });

  it('does not hold package.json', () => {
    assert.ok(!inputs.includes('package.json'), 'package.json is an input');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.ok(!text.includes('devDependencies'));
    assert.ok(!text.includes(`"${Object.keys(manifest.devDependencies)[0]}":"${Object.values(manifest.devDependencies)[0]}"`));
  });
});
