// `npm run package`: a production build, then `vsce package` into release-runbooks.vsix, and
// beside it the command-line package release-runbooks-cli-<version>.tgz (`npm pack` of
// packages/cli with the bundled dist/cli.js and dist/server.js: no run-time dependencies).
// What goes into the .vsix is decided by .vscodeignore. Usage:
//   node scripts/package.mjs [--out path/to/file.vsix]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : join(root, 'release-runbooks.vsix'));

function run(cmd, args, cwd = root) {
  console.log(`[package] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[package] failed: ${cmd} ${args.join(' ')} (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

// Development source maps left in dist/ are kept out by .vscodeignore.
run(process.execPath, ['esbuild.mjs', '--production']);

mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
// --no-dependencies: everything the extension needs is bundled into dist/.
// --allow-missing-repository: otherwise vsce stops to ask a question when package.json has no repository.
// --readme-path: the package's README is the user-facing one (README.md is for contributors);
// --no-rewrite-relative-links: its images ship in the package (docs/images, see .vscodeignore)
// and are shown from there, not from a remote host.
run('npx', [
  '--no-install',
  'vsce',
  'package',
  '--no-dependencies',
  '--allow-missing-repository',
  '--readme-path',
  'README.marketplace.md',
  '--no-rewrite-relative-links',
  '-o',
  out,
]);
console.log(`[package] ${relative(process.cwd(), out) || out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);

// The CLI package: its manifest takes the extension's version, so both always ship together.
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const cli = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'runbook-cli-package-'));
try {
  writeFileSync(
    join(stage, 'package.json'),
    `${JSON.stringify({ name: cli.name, version: manifest.version, ...cli }, null, 2)}\n`,
  );
  copyFileSync(join(root, 'packages', 'cli', 'README.md'), join(stage, 'README.md'));
  copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  copyFileSync(join(root, 'dist', 'cli.js'), join(stage, 'cli.js'));
  copyFileSync(join(root, 'dist', 'server.js'), join(stage, 'server.js'));
  // What `runbook calendar --format html` copies into a published site (server/cli/calendar-site.ts).
  mkdirSync(join(stage, 'site'));
  for (const file of [
    'dist/webview.js',
    'dist/static-calendar.js',
    'media/calendar.css',
    'media/static-theme.css',
    'media/upcoming.css',
  ]) {
    copyFileSync(join(root, file), join(stage, 'site', basename(file)));
  }
  const tgz = join(dirname(out), `release-runbooks-cli-${manifest.version}.tgz`);
  rmSync(tgz, { force: true });
  run('npm', ['pack', '--silent', '--pack-destination', dirname(out)], stage);
  console.log(`[package] ${relative(process.cwd(), tgz) || tgz} (${(statSync(tgz).size / 1024).toFixed(0)} KiB)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
