// Runs the API-level e2e suite: build the extension, compile test/e2e/suite/*.test.ts into
// .vscode-test/out/suite/, make sure code-server is installed (unless desktop VS Code is
// used), then hand over to @vscode/test-cli (`npx vscode-test`, config in .vscode-test.mjs).
// Extra arguments go to vscode-test, e.g. `--grep activation`.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, build, ensureCodeServer } from '../../scripts/code-server.mjs';

const t0 = Date.now();
const step = (msg) => console.log(`[e2e:api] ${msg} (+${((Date.now() - t0) / 1000).toFixed(1)} s)`);

step('building the extension');
build();

step('compiling the suite');
const suiteDir = join(ROOT, 'test', 'e2e', 'suite');
const outDir = join(ROOT, '.vscode-test', 'out', 'suite');
rmSync(outDir, { recursive: true, force: true });
const entryPoints = readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).map((f) => join(suiteDir, f));
// One bundle per test file, so shared helpers and server/core code can be imported freely.
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

if (process.env.RUNBOOK_E2E_DESKTOP !== '1') {
  step('checking code-server');
  ensureCodeServer();
}

step('running vscode-test');
const r = spawnSync('npx', ['--no-install', 'vscode-test', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
step(`done, exit ${r.status ?? r.signal}`);
process.exit(r.status ?? 1);
