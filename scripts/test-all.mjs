#!/usr/bin/env node
// `npm test`: every suite, in the order a failure is cheapest to find. Sets up what it needs on
// a fresh machine (npm packages, Debian's chromium, code-server) and ends with one summary line
// "N passed, N failed" counted from every suite.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureHeadlines } from './failure-headlines.mjs';
import { installDebianPackages, installNpmPackages } from './set-up.mjs';
import unitSuites from '../test/unit-suites.cjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

// The .vsix is packaged once (a production build) and reused by the package test and the UI
// suite; the development build after it is what the other suites run. Only a .vsix packaged by
// this run is handed on (or one the caller names in RUNBOOK_VSIX): a stage run alone packages
// its own, never testing an old package.
const vsix = path.join(repo, '.vscode-test', 'release-runbooks.vsix');
let packaged = false;
// Suites other than the fast unit suite run with their own file list (.mocharc.cjs is the fast unit suite's).
const suite = ['mocha', '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '120000'];
const stages = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', command: 'npx', args: ['eslint', '.'] },
  { name: 'format', command: 'npx', args: ['prettier', '--check', '.'] },
  { name: 'package', command: 'node', args: ['scripts/package.mjs', '--out', vsix] },
  { name: 'build', command: 'node', args: ['esbuild.mjs'] },
  { name: 'unit', command: 'npx', args: ['mocha'] },
  { name: 'unit-slow', command: 'npx', args: [...suite, ...unitSuites.SLOW_UNIT_TESTS] },
  { name: 'lsp', command: 'npx', args: [...suite, 'test/lsp/**/*.test.ts'], when: 'test/lsp' },
  { name: 'webview', command: 'npx', args: [...suite, 'test/webview/**/*.test.ts'], when: 'test/webview' },
  {
    name: 'webview-metrics',
    command: 'npx',
    args: [...suite, 'test/webview-metrics/**/*.test.ts'],
    when: 'test/webview-metrics',
  },
  {
    name: 'webview-release',
    command: 'npx',
    args: [...suite, 'test/webview-release/**/*.test.ts'],
    when: 'test/webview-release',
  },
  {
    name: 'other-editors',
    command: 'npx',
    args: [...suite, 'test/other-editors/**/*.test.ts'],
    when: 'test/other-editors',
  },
  { name: 'e2e-api', command: 'node', args: ['test/e2e/run-api-suite.mjs'], when: 'test/e2e/run-api-suite.mjs' },
  { name: 'e2e-ui', command: 'node', args: ['test/e2e/ui/run-ui-suite.mjs'], when: 'test/e2e/ui/run-ui-suite.mjs' },
];

function runStage(stage) {
  const env = { ...process.env, FORCE_COLOR: '0' };
  if (packaged) env.RUNBOOK_VSIX = vsix;
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n» ${stage.name}: ${stage.command} ${stage.args.join(' ')}`);
    const child = spawn(stage.command, stage.args, {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => {
      // Mocha's own summary ("N passing", "N failing", "N pending"); other stages count as one check.
      const count = (word) =>
        [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      let passed = count('passing');
      let failed = count('failing');
      if (passed + failed === 0) {
        if (code === 0) passed = 1;
        else failed = 1;
      } else if (code !== 0 && failed === 0) failed = 1;
      resolve({
        name: stage.name,
        code,
        passed,
        failed,
        failures: failureHeadlines(output),
        seconds: Math.round((Date.now() - started) / 1000),
      });
    });
  });
}

installNpmPackages();
installDebianPackages([
  ['chromium', '/usr/bin/chromium'],
  ['neovim', '/usr/bin/nvim'],
]);
const results = [];
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  if (stage.when && !existsSync(path.join(repo, stage.when))) continue;
  const result = await runStage(stage);
  if (stage.name === 'package') packaged = result.code === 0;
  results.push(result);
}
console.log('\nSummary');
for (const r of results)
  console.log(
    `  ${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed (${r.seconds}s)` +
      r.failures.map((headline) => `\n         ${headline}`).join(''),
  );
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
