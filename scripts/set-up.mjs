// What `npm start` and `npm test` install on a fresh machine before they run anything: the npm
// packages (`npm ci`, when node_modules was never installed) and Debian's chromium (and neovim for the tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: repo, stdio: 'inherit', ...options });
  return r.status ?? 1;
}

/** `npm ci` unless node_modules holds a finished install (npm writes .package-lock.json last). */
export function installNpmPackages() {
  if (existsSync(join(repo, 'node_modules', '.package-lock.json'))) return;
  console.log('» installing npm packages (npm ci)');
  if (sh('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed');
}

/**
 * Debian packages the suites drive: chromium (the webview and editor suites) and, for `npm test`,
 * Neovim (the language server from another editor's built-in client).
 */
export function installDebianPackages(packages = [['chromium', '/usr/bin/chromium']]) {
  const missing = packages.filter(([, bin]) => !existsSync(bin)).map(([pkg]) => pkg);
  if (!missing.length) return;
  console.log(`» installing Debian packages: ${missing.join(', ')}`);
  const apt = (...args) =>
    process.getuid?.() === 0
      ? sh('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      : sh('sudo', ['apt-get', ...args]);
  apt('update', '-qq');
  if (apt('install', '-y', '-qq', ...missing) !== 0) throw new Error(`could not install ${missing.join(', ')}`);
}
