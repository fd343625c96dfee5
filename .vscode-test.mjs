// @vscode/test-cli configuration for the API-level e2e suite (test/e2e/suite/*.test.ts,
// compiled by test/e2e/run-api-suite.mjs into .vscode-test/out/suite/).
// Offline machines run it in code-server through scripts/code-stand-in.mjs; with
// RUNBOOK_E2E_DESKTOP=1 test-electron downloads and runs desktop VS Code instead.
// The runner sets RUNBOOK_E2E_WORKSPACE (a copy of examples/) and RUNBOOK_E2E_USER_SETTINGS;
// run directly (`npx vscode-test`), this file makes its own copy so examples/ is never edited.
import { defineConfig } from '@vscode/test-cli';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const desktop = process.env.RUNBOOK_E2E_DESKTOP === '1';
const standIn = join(root, 'scripts', 'code-stand-in.mjs');
// test-electron spawns it directly, so it must be executable even if git lost the bit.
if (!desktop) chmodSync(standIn, 0o755);

function workspaceCopy() {
  const runs = join(root, '.vscode-test', 'runs');
  mkdirSync(runs, { recursive: true });
  const folder = join(mkdtempSync(join(runs, 'api-direct-')), 'examples');
  cpSync(join(root, 'examples'), folder, { recursive: true });
  return folder;
}
const workspaceFolder = process.env.RUNBOOK_E2E_WORKSPACE || workspaceCopy();

// Desktop VS Code reads settings from its --user-data-dir; code-stand-in writes its own.
const launchArgs = [];
if (desktop) {
  const userDataDir = join(dirname(workspaceFolder), 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), process.env.RUNBOOK_E2E_USER_SETTINGS || '{}');
  launchArgs.push(`--user-data-dir=${userDataDir}`);
}

export default defineConfig({
  label: 'api',
  files: '.vscode-test/out/suite/**/*.test.js',
  workspaceFolder,
  extensionDevelopmentPath: root,
  skipExtensionDependencies: true,
  launchArgs,
  mocha: { ui: 'tdd', timeout: 60_000, slow: 5_000 },
  ...(desktop
    ? { version: process.env.RUNBOOK_E2E_VSCODE_VERSION || 'stable' }
    : { useInstallation: { fromPath: standIn } }),
});
