// @vscode/test-cli configuration for the API-level e2e suite (test/e2e/suite/*.test.ts,
// compiled by test/e2e/run-api-suite.mjs into .vscode-test/out/suite/).
// Offline machines run it in code-server through scripts/code-stand-in.mjs; with
// RUNBOOK_E2E_DESKTOP=1 test-electron downloads and runs desktop VS Code instead.
import { defineConfig } from '@vscode/test-cli';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const desktop = process.env.RUNBOOK_E2E_DESKTOP === '1';
const standIn = join(root, 'scripts', 'code-stand-in.mjs');
// test-electron spawns it directly, so it must be executable even if git lost the bit.
if (!desktop) chmodSync(standIn, 0o755);

export default defineConfig({
  label: 'api',
  files: '.vscode-test/out/suite/**/*.test.js',
  workspaceFolder: 'examples',
  extensionDevelopmentPath: root,
  skipExtensionDependencies: true,
  mocha: { ui: 'tdd', timeout: 60_000, slow: 5_000 },
  ...(desktop ? { version: process.env.RUNBOOK_E2E_VSCODE_VERSION || 'stable' } : { useInstallation: { fromPath: standIn } }),
});
