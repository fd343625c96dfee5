// Runs the UI suite: make sure code-server is installed, package the extension into
// .vscode-test/release-runbooks.vsix (unless RUNBOOK_VSIX names one), then mocha on
// test/e2e/ui/ui.test.mjs, which copies examples/ into a run folder, starts the GitHub stand-in,
// installs the .vsix into a fresh state folder, starts code-server on the copy and drives
// Chromium. Extra arguments go to mocha, e.g. `--grep Problems`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ensureCodeServer, packageVsix } from '../../../scripts/code-server.mjs';

const t0 = Date.now();
const step = (msg) => console.log(`[e2e:ui] ${msg} (+${((Date.now() - t0) / 1000).toFixed(1)} s)`);

step('checking code-server');
ensureCodeServer();
let vsix = process.env.RUNBOOK_VSIX;
if (!vsix) {
  step('packaging the extension');
  vsix = packageVsix(join(ROOT, '.vscode-test', 'release-runbooks.vsix'));
}
step('running the UI checks');
// --no-config: the repository's .mocharc.json is for the unit tests (TypeScript, test/unit).
const r = spawnSync(
  'npx',
  [
    '--no-install',
    'mocha',
    '--no-config',
    '--timeout',
    '120000',
    'test/e2e/ui/ui.test.mjs',
    'test/e2e/ui/restricted-mode.test.mjs',
    'test/e2e/ui/walkthrough.test.mjs',
    ...process.argv.slice(2),
  ],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, RUNBOOK_VSIX: vsix },
  },
);
step(`done, exit ${r.status ?? r.signal}; screenshots in test/artifacts/ui/`);
process.exit(r.status ?? 1);
