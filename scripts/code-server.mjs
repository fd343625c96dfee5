// Shared helpers for running the extension in code-server (VS Code for the browser) and
// headless Debian Chromium, used by the e2e stand-in, the UI suite and `npm start`.
// code-server instead of desktop VS Code: it installs from the npm registry and runs headless.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.vscode-test');
export const CS_DIR = join(CACHE, 'code-server');
export const CS_BIN = join(CS_DIR, 'node_modules', '.bin', 'code-server');
export const CS_CONFIG = join(CS_DIR, 'config.yaml');
export const CHROMIUM = process.env.RUNBOOK_CHROMIUM || '/usr/bin/chromium';

// Flags from the note: without HttpsUpgrades disabled, webviews fail to start under Playwright.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-features=HttpsUpgrades',
];

/** Settings that keep the workbench quiet and deterministic in tests. */
export const TEST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // VS Code for the browser saves after a delay by default; tests edit documents without saving
  // and revert them, as on the desktop (where auto save is off by default).
  'files.autoSave': 'off',
};

/** Installs code-server if missing or if the pinned version changed (fast no-op otherwise). */
export function ensureCodeServer({ quiet = false } = {}) {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-code-server.sh')], {
    // Progress goes to stderr so a caller's stdout (a test log) stays clean.
    stdio: ['ignore', quiet ? 'ignore' : process.stderr, process.stderr],
  });
  if (r.status !== 0) throw new Error(`scripts/install-code-server.sh failed (exit ${r.status ?? r.signal})`);
}

/**
 * Writes User/settings.json: TEST_SETTINGS, then RUNBOOK_E2E_USER_SETTINGS (a JSON object a
 * suite's runner passes, e.g. the GitHub stand-in's URL), then `extra`. code-server applies
 * machine-scoped settings (releaseRunbooks.github.apiUrl) from this file too.
 */
export function writeUserSettings(userDataDir, extra = {}) {
  let fromEnv = {};
  if (process.env.RUNBOOK_E2E_USER_SETTINGS) {
    try {
      fromEnv = JSON.parse(process.env.RUNBOOK_E2E_USER_SETTINGS);
    } catch (e) {
      throw new Error(`RUNBOOK_E2E_USER_SETTINGS is not a JSON object: ${e.message}`);
    }
  }
  const settings = JSON.stringify({ ...TEST_SETTINGS, ...fromEnv, ...extra }, null, 2);
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), settings);
}

/**
 * code-server reads PORT/PASSWORD from the environment and they would override our flags.
 * Without `gallery`, the extension gallery (open-vsx.org) is switched off: tests must not
 * reach the network.
 */
export function cleanEnv(env = process.env, { gallery = false } = {}) {
  const out = { ...env };
  for (const k of ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'ELECTRON_RUN_AS_NODE', 'VSCODE_IPC_HOOK_CLI']) delete out[k];
  if (!gallery) out.EXTENSIONS_GALLERY = '{}';
  return out;
}

/** Runs a one-shot code-server CLI command (--install-extension, --list-extensions ...). */
export function codeServerCli(args, { extensionsDir, userDataDir, stdio = 'inherit' } = {}) {
  const full = ['--config', CS_CONFIG];
  if (extensionsDir) full.push('--extensions-dir', extensionsDir);
  if (userDataDir) full.push('--user-data-dir', userDataDir);
  return spawnSync(CS_BIN, [...full, ...args], { stdio, env: cleanEnv(), encoding: 'utf8' });
}

/**
 * Starts code-server on a free 127.0.0.1 port (bind to port 0, read the port from its log).
 * Resolves once it listens. `stop()` ends it and everything it started by its process group.
 */
export async function startCodeServer({
  userDataDir,
  extensionsDir,
  folder,
  port = 0,
  env = process.env,
  logFile,
  echo = false,
  timeoutMs = 60_000,
  gallery = false,
  // true: workspace trust stays on (the user settings must enable it too), so a folder nobody
  // trusted opens in Restricted Mode.
  workspaceTrust = false,
}) {
  if (!existsSync(CS_BIN))
    throw new Error(`code-server is not installed at ${CS_BIN}; run scripts/install-code-server.sh`);
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    '--config',
    CS_CONFIG,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (folder) args.push(folder);
  // detached: its own process group, so stop() reaches the extension host and the
  // language server it spawns, through this child's pid only.
  const child = spawn(CS_BIN, args, {
    env: cleanEnv(env, { gallery }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logFile ? createWriteStream(logFile) : null;
  let output = '';
  let exited = false;
  const exitPromise = new Promise((res) =>
    child.once('exit', (code, signal) => {
      exited = true;
      res({ code, signal });
    }),
  );
  const onData = (d) => {
    const s = d.toString();
    output = (output + s).slice(-20_000);
    log?.write(s);
    if (echo) process.stderr.write(s);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  // Last resort if the caller dies without stop(): synchronous, so it runs in 'exit'.
  const onExit = () => {
    if (!exited) killGroup('SIGKILL');
  };
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (!exited) {
      killGroup('SIGTERM');
      const t = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(t);
    }
    // Stray grandchildren (extension host, language server) share the group.
    killGroup('SIGKILL');
    await new Promise((r) => (log ? log.end(r) : r()));
  };

  const url = await new Promise((res, rej) => {
    const timer = setTimeout(() => {
      clean();
      rej(new Error(`code-server did not start listening within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const check = () => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output);
      if (m) {
        clean();
        res(m[1]);
      }
    };
    const onEarlyExit = ({ code, signal }) => {
      clean();
      rej(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`));
    };
    const clean = () => {
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    exitPromise.then(onEarlyExit);
    check();
  }).catch(async (e) => {
    await stop();
    throw e;
  });

  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid,
    child,
    exited: exitPromise,
    output: () => output,
    stop,
  };
}

/** The URL that opens `folder` (or a .code-workspace file) in the browser workbench. */
export function workbenchUrl(base, folder, payload) {
  const query = [];
  // Slashes stay unescaped so the printed URL is readable.
  if (folder)
    query.push(
      `${folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(folder).replaceAll('%2F', '/')}`,
    );
  if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${base.replace(/\/$/, '')}/${query.length ? `?${query.join('&')}` : ''}`;
}

/** Headless Debian Chromium through playwright-core; launch() uses a fresh temporary profile. */
export async function launchChromium({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS });
}

/** Runs `node esbuild.mjs [...args]` in the repo; throws on failure. */
export function build(args = []) {
  const r = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node esbuild.mjs ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Packages the extension (production build + vsce) and returns the .vsix path. */
export function packageVsix(out = join(ROOT, 'release-runbooks.vsix')) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), '--out', out], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`scripts/package.mjs failed (exit ${r.status ?? r.signal})`);
  return out;
}
