// Runs the API-level e2e suite: build the extension, compile test/e2e/suite/*.test.ts into
// .vscode-test/out/suite/, copy examples/ into a run folder, start the GitHub stand-in, make
// sure code-server is installed (unless desktop VS Code is used), then hand over to
// @vscode/test-cli (`npx vscode-test`, config in .vscode-test.mjs).
// Extra arguments go to vscode-test, e.g. `--grep calendar`.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, build, ensureCodeServer } from '../../scripts/code-server.mjs';
import { githubSettingsFor, prepareRun, startGitHubStandInProcess } from './e2e-environment.mjs';

const t0 = Date.now();
const step = (msg) => console.log(`[e2e:api] ${msg} (+${((Date.now() - t0) / 1000).toFixed(1)} s)`);

// code-server's first install blocks this process for minutes (it runs synchronously), so it
// comes before anything with a timer, such as the stand-in's start-up wait.
if (process.env.RUNBOOK_E2E_DESKTOP !== '1') {
  step('checking code-server');
  ensureCodeServer();
}

// The stand-in loads GitHub's OpenAPI description, which takes a few seconds: start it before the build.
const standInStarting = startGitHubStandInProcess();
standInStarting.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"

step('building the extension');
build();

step('compiling the suite');
const suiteDir = join(ROOT, 'test', 'e2e', 'suite');
const outDir = join(ROOT, '.vscode-test', 'out', 'suite');
rmSync(outDir, { recursive: true, force: true });
const entryPoints = readdirSync(suiteDir)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join(suiteDir, f));
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

const run = prepareRun('api');
let standIn;
let code = 1;
try {
  standIn = await standInStarting;
  step(`GitHub stand-in at ${standIn.url} (pid ${standIn.pid}); workspace ${run.workspace}`);
  step('running vscode-test');
  code = await new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', 'vscode-test', ...process.argv.slice(2)], {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        RUNBOOK_E2E_WORKSPACE: run.workspace,
        RUNBOOK_E2E_USER_SETTINGS: JSON.stringify(githubSettingsFor(standIn)),
        // The extension reads the token from here (offline there is no GitHub sign-in); the
        // tests read the stand-in's control API from the other two.
        RELEASE_RUNBOOKS_GITHUB_TOKEN: standIn.token,
        RELEASE_RUNBOOKS_GITHUB_API_URL: standIn.url,
        RUNBOOK_E2E_GITHUB_URL: standIn.url,
        RUNBOOK_E2E_GITHUB_REPOSITORY: standIn.repository,
      },
    });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
} catch (e) {
  console.error(`[e2e:api] ${e?.stack ?? e}`);
} finally {
  await standIn?.stop();
  run.remove();
}
step(`done, exit ${code}`);
process.exit(code);
