// `npm run bench [-- --quick]`: builds the extension (dist/cli.js, dist/server.js), bundles the
// benchmark itself into bench/work/bin/, and runs it. Options are passed on to bench/run-bench.ts
// (--quick, --smallest, --out DIR, --edits N, --no-peer); --no-build reuses an existing dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const bin = path.join(root, 'bench', 'work', 'bin');

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const haveDist = existsSync(path.join(root, 'dist', 'cli.js')) && existsSync(path.join(root, 'dist', 'server.js'));
if (!args.includes('--no-build') || !haveDist) {
  const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) fail('the build failed (node esbuild.mjs); see above');
}

try {
  const options = {
    outdir: bin,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // Loaded from node_modules as they are: the calendar measure drives Chromium and bundles the page.
    external: ['playwright-core', 'esbuild'],
  };
  await esbuild.build({
    ...options,
    entryPoints: {
      'run-bench': path.join(root, 'bench', 'run-bench.ts'),
      'peak-memory': path.join(root, 'bench', 'peak-memory.ts'),
    },
  });
  // Built like dist/server.js (yaml's ES-module build, see esbuild.mjs), with incremental re-parsing wired in.
  await esbuild.build({
    ...options,
    entryPoints: { 'incremental-server': path.join(root, 'bench', 'incremental-server.ts') },
    alias: { yaml: path.join(root, 'node_modules', 'yaml', 'browser', 'index.js') },
  });
} catch (error) {
  fail(`bundling the benchmark failed: ${error.message}`);
}

const run = spawnSync(process.execPath, [path.join(bin, 'run-bench.js'), ...args.filter((a) => a !== '--no-build')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
