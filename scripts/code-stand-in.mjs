#!/usr/bin/env node
// A stand-in "code" executable for @vscode/test-electron (`useInstallation: { fromPath }`):
// takes the desktop flags test-electron passes, runs the extension tests in code-server's
// extension host through headless Chromium (the workbench's `payload` query parameter, as
// microsoft/vscode's own browser integration tests do), forwards the test log to stdout and
// exits with the test run's exit code. Environment:
//   RUNBOOK_E2E_TIMEOUT_MS  hard limit for the whole run (default 600000)
//   RUNBOOK_E2E_VERBOSE=1   echo code-server's log and the browser console to stderr
//   RUNBOOK_E2E_KEEP=1      keep the per-run state folder (user data, logs) for debugging
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import {
  CACHE,
  codeServerCli,
  ensureCodeServer,
  launchChromium,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';

const started = Date.now();
const say = (msg) => process.stderr.write(`[code-stand-in] ${msg}\n`);
const verbose = process.env.RUNBOOK_E2E_VERBOSE === '1';
const timeoutMs = Number(process.env.RUNBOOK_E2E_TIMEOUT_MS || 600_000);
// The workbench's own start-up log shares the channel with the test log; keep it out of the way.
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin|Updating additional builtin|ChatSessionStore:|Creation of workbench contribution)/;

// ---- arguments ------------------------------------------------------------------------
const opts = {
  dev: [],
  tests: undefined,
  userDataDir: undefined,
  extensionsDir: undefined,
  folder: undefined,
  cli: [],
};
// Flags with a separate value (`--flag value`); the rest are booleans to ignore.
const valued = new Set([
  '--extensionDevelopmentPath',
  '--extensionTestsPath',
  '--user-data-dir',
  '--extensions-dir',
  '--install-extension',
  '--uninstall-extension',
  '--locale',
  '--profile',
  '--log',
  '--category',
]);
const cliOps = new Set([
  '--install-extension',
  '--uninstall-extension',
  '--list-extensions',
  '--show-versions',
  '--version',
  '-v',
  '--force',
]);
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  let [flag, value] =
    a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
  if (value === undefined && valued.has(flag)) value = argv[++i];
  switch (flag) {
    case '--extensionDevelopmentPath':
      opts.dev.push(resolve(value));
      break;
    case '--extensionTestsPath':
      opts.tests = resolve(value);
      break;
    case '--user-data-dir':
      opts.userDataDir = resolve(value);
      break;
    case '--extensions-dir':
      opts.extensionsDir = resolve(value);
      break;
    default:
      if (cliOps.has(flag)) opts.cli.push(flag, ...(value !== undefined ? [value] : []));
      else if (!flag.startsWith('-') && opts.folder === undefined) opts.folder = resolve(flag);
    // Anything else (--no-sandbox, --disable-gpu-sandbox, --skip-welcome ...) is Electron's.
  }
}

ensureCodeServer();

// `code --install-extension x.vsix` and friends: hand over to code-server's CLI.
if (opts.cli.length) {
  const r = codeServerCli(opts.cli, { extensionsDir: opts.extensionsDir });
  process.exit(r.status ?? 1);
}
if (!opts.tests || !opts.dev.length) {
  say('expected --extensionTestsPath= and --extensionDevelopmentPath= (this program only runs extension tests)');
  process.exit(2);
}

// ---- a fresh state per run --------------------------------------------------------------
const parent = opts.userDataDir ?? join(CACHE, 'user-data');
mkdirSync(parent, { recursive: true });
const state = mkdtempSync(join(parent, 'code-server-run-'));
const userDataDir = join(state, 'user');
const extensionsDir = opts.extensionsDir ?? join(state, 'ext');
writeUserSettings(userDataDir);

let server;
let browser;
let cleaning;
async function cleanup() {
  cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (process.env.RUNBOOK_E2E_KEEP === '1') say(`state kept in ${state}`);
    else rmSync(state, { recursive: true, force: true });
  })();
  return cleaning;
}
let finishing = false;
async function finish(code, why) {
  // The first reason wins; later ones are fallout of the cleanup (a closed page, a killed server).
  if (finishing) return;
  finishing = true;
  if (why) say(why);
  await cleanup();
  say(`exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => finish(sig === 'SIGINT' ? 130 : 143, `${sig}: stopping code-server and the browser`));
}
const hardTimer = setTimeout(() => {
  const tail = server ? `\n--- code-server log (tail) ---\n${server.output().slice(-4000)}` : '';
  finish(
    124,
    `TIMEOUT: the test run did not finish within ${timeoutMs / 1000} s (RUNBOOK_E2E_TIMEOUT_MS); killing code-server and Chromium${tail}`,
  );
}, timeoutMs);
hardTimer.unref();

try {
  // The extension host inherits code-server's environment, which carries test-cli's
  // VSCODE_TEST_OPTIONS (test files, mocha options) to its runner.
  server = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder: opts.folder,
    logFile: join(state, 'code-server.log'),
    echo: verbose,
  });
  say(`code-server ${server.url} (pid ${server.pid}) on ${opts.folder ?? 'no folder'}`);
  server.exited.then(({ code, signal }) => {
    if (!cleaning) finish(1, `code-server exited unexpectedly (${code ?? signal}):\n${server.output().slice(-4000)}`);
  });

  const authority = new URL(server.url).host;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ...opts.dev.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(opts.tests)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];

  browser = await launchChromium();
  const page = await (await browser.newContext()).newPage();
  let exitCode;
  let onExit;
  const exited = new Promise((res) => {
    onExit = res;
  });
  // Exposed before goto: the workbench calls these when it runs extension tests.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host's console (mocha's reporter) arrives as printf-style arguments.
    const text = Array.isArray(args) ? format(...args) : String(args);
    if (!verbose && WORKBENCH_CHATTER.test(text)) return;
    (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : text + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = Number(code);
    onExit();
  });
  if (verbose) page.on('console', (m) => process.stderr.write(`[browser ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[browser pageerror] ${e.message}\n`));
  page.on('crash', () => finish(1, 'the browser page crashed'));

  await page.goto(workbenchUrl(server.url, opts.folder, payload));
  await exited;
  await finish(exitCode, exitCode === 0 ? undefined : `test run failed (exit ${exitCode})`);
} catch (e) {
  await finish(1, `error: ${e?.stack ?? e}`);
}
