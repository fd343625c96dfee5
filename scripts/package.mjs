// `npm run package`: a production build, then `vsce package` into release-runbooks.vsix.
// What goes into the .vsix is decided by .vscodeignore. Usage:
//   node scripts/package.mjs [--out path/to/file.vsix]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
const out = resolve(i > 0 ? process.argv[i + 1] : join(root, 'release-runbooks.vsix'));

function run(cmd, args) {
  console.log(`[package] ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
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
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', out]);
console.log(`[package] ${relative(process.cwd(), out) || out} (${(statSync(out).size / 1024).toFixed(0)} KiB)`);
