// Bundles the entry points into dist/: extension, server, CLI and the webviews. Flags: --watch, --production (minified, no source maps).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

// `yaml`'s ES-module build (the one browsers get) rather than its CommonJS one: bundled as a
// module, its functions are called directly, not through CommonJS interop getters on every
// isMap/isPair call, which made checking a large workspace about a tenth slower.
const yamlModule = fileURLToPath(new URL('./node_modules/yaml/browser/index.js', import.meta.url));
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', alias: { yaml: yamlModule } };

const builds = [
  // The extension host side; `vscode` is provided by the editor.
  { ...node, entryPoints: { extension: 'client/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  // The language server, started by the client over IPC or by any editor with --stdio.
  // The shebang makes it the CLI package's `runbook-language-server` bin.
  { ...node, entryPoints: { server: 'server/lsp/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The command-line tool: `runbook lint`, `runbook submit`, `runbook metrics`; shipped in the
  // CLI package (packages/cli), not in the .vsix.
  { ...node, entryPoints: { cli: 'server/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // The calendar webview, a browser bundle.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { webview: 'webview/main.ts' }, outdir: 'dist' },
  // The release metrics panel, a browser bundle.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { metrics: 'webview/metrics/main.ts' }, outdir: 'dist' },
  // The go/no-go review panel, a browser bundle.
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { 'release-go-no-go': 'webview/release/go-no-go-main.ts' }, outdir: 'dist' },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
