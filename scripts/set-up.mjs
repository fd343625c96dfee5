// What `npm start` and `npm test` install on a fresh machine before they run anything: the npm
// packages (`npm ci`, when node_modules was never installed) and Debian's chromium.
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

/** Debian's chromium, which the webview and editor suites drive. */
export function installChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('» installing Debian packages: chromium (for the webview and editor suites)');
  const apt = (...args) => (process.getuid?.() === 0 ? sh('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) : sh('sudo', ['apt-get', ...args]));
  apt('update', '-qq');
  if (apt('install', '-y', '-qq', 'chromium') !== 0) throw new Error('could not install chromium');
}
