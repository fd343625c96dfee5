// What both end-to-end suites set up around the editor: a private copy of examples/ (the suites
// edit and save runbooks; the committed folder must stay as it is) and the GitHub stand-in as a
// process on 127.0.0.1 with a random port and a fresh token.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT } from '../../scripts/code-server.mjs';

/** The repository change requests are filed in during the suites. */
export const E2E_REPOSITORY = 'acme/releases';

/** The folder all per-run state lives under (ignored by git with the rest of .vscode-test/). */
export const RUNS_DIR = join(CACHE, 'runs');

/**
 * A fresh run folder `.vscode-test/runs/<label>-XXXX/` holding `examples/`, a copy of the
 * committed examples. `remove()` deletes it unless RUNBOOK_E2E_KEEP=1.
 */
export function prepareRun(label) {
  mkdirSync(RUNS_DIR, { recursive: true });
  removeStaleRuns();
  const dir = mkdtempSync(join(RUNS_DIR, `${label}-`));
  const workspace = join(dir, 'examples');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  return {
    dir,
    workspace,
    remove() {
      if (process.env.RUNBOOK_E2E_KEEP === '1') console.log(`[e2e] run folder kept: ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run folders a killed run left behind (a day old: never one of a run still going). */
function removeStaleRuns() {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(RUNS_DIR)) {
    const dir = join(RUNS_DIR, name);
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by its own run.
    }
  }
}

/**
 * Starts test/github-stand-in/main.ts as a child process with one write token and the suites'
 * repository; resolves once it prints its URL. `stop()` ends it by its process id.
 */
export async function startGitHubStandInProcess({
  repository = E2E_REPOSITORY,
  login = 'release-bot',
  timeoutMs = 60_000,
} = {}) {
  const token = `e2e_${randomBytes(12).toString('hex')}`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test', 'github-stand-in', 'main.ts'),
      '--port',
      '0',
      '--repo',
      repository,
      '--token',
      `${token}:${login}:write`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`the GitHub stand-in did not start within ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) done(undefined, m[1]);
    };
    const done = (error, value) => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(value);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) =>
      done(new Error(`the GitHub stand-in exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
  // Keep its later output (a crash) visible without mixing it into a test log line by line.
  child.stdout.on('data', (d) => {
    output = (output + d).slice(-10_000);
  });
  child.stderr.on('data', (d) => {
    output = (output + d).slice(-10_000);
  });
  // If the runner dies without stop(), the stand-in must not outlive it.
  const onExit = () => child.kill('SIGKILL');
  process.on('exit', onExit);

  return {
    url,
    token,
    repository,
    pid: child.pid,
    output: () => output,
    /** GET /_stand-in/state: repositories (labels, issues), recorded requests, validation problems. */
    async state() {
      const r = await fetch(`${url}/_stand-in/state`);
      if (!r.ok) throw new Error(`GET ${url}/_stand-in/state answered ${r.status}`);
      return r.json();
    },
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid, 'SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * The user settings that point the extension at the stand-in. The API URL is machine-scoped
 * (a workspace must not redirect the token), so it can only come from user settings.
 */
export function githubSettingsFor(standIn) {
  return {
    'releaseRunbooks.github.apiUrl': standIn.url,
    'releaseRunbooks.github.repository': standIn.repository,
    // The stand-in answers at once; a hung request should fail the test, not wait 30 s.
    'releaseRunbooks.github.requestTimeoutSeconds': 10,
  };
}
