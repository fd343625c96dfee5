// The extension host's bundle is thin: it asks the language server, so it holds none of the
// language core, no server or CLI code, and not package.json (whose devDependencies would show it
// came whole). Octokit and markdown-it are bundles of their own that the extension loads when a
// GitHub command or the preview first needs them, never when it is loaded. Built by esbuild.mjs
// itself (--production --metafile) into a folder of its own.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Metafile } from 'esbuild';

const root = resolve(__dirname, '..', '..');

/** Leaf modules of the core without imports that server/github shares: a label and the marker lines. */
// Leaf modules of the core (nothing imported at run time) that the GitHub code in the extension
// host shares with the CLI: labels and markers, the approval withdrawal, a commit's pull request.
const SHARED_LEAVES = [
  'server/core/change-request/change-request-labels.ts',
  'server/core/change-request/marker.ts',
  'server/core/change-request/approval-verdict.ts',
  'server/core/change-request/material-fingerprint.ts',
  'server/core/release-notes/pull-number.ts',
];

describe('the extension bundle (dist/extension.js)', function () {
  this.timeout(120_000);
  let out: string;
  let text: string;
  /** What went into a bundle, by esbuild's metafile. */
  const inputsOf = (bundle: string): string[] => {
    const meta = JSON.parse(readFileSync(join(out, `${bundle}.meta.json`), 'utf8')) as Metafile;
    return Object.values(meta.outputs).flatMap((output) => Object.keys(output.inputs));
  };

  before(() => {
    out = mkdtempSync(join(tmpdir(), 'runbook-bundles-'));
    const built = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--metafile', '--outdir', out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(built.status, 0, built.stderr);
    text = readFileSync(join(out, 'extension.js'), 'utf8');
  });

  after(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('takes nothing from the language core (but its shared leaf modules), the server or the CLI', () => {
    const server = inputsOf('extension').filter((i) => /^(server\/(core|lsp|cli)\/)/.test(i));
    assert.deepEqual(
      server.filter((i) => !SHARED_LEAVES.includes(i)),
      [],
    );
  });

  it('holds no rule message text', () => {
    const rules = join(root, 'server', 'core', 'rules');
    const messages = readdirSync(rules)
      .filter((f) => /^rb\d{3}-/.test(f))
      .flatMap((f) =>
        [...readFileSync(join(rules, f), 'utf8').matchAll(/message: [`']([A-Z][^`'$]{15,})/g)].map((m) => m[1]),
      );
    assert.ok(messages.length > 5, 'the rules have messages to look for');
    assert.deepEqual(
      messages.filter((m) => text.includes(m)),
      [],
    );
  });

  it('does not hold package.json', () => {
    assert.ok(!inputsOf('extension').includes('package.json'), 'package.json is an input');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    assert.ok(!text.includes('devDependencies'));
    assert.ok(
      !text.includes(`"${Object.keys(manifest.devDependencies)[0]}":"${Object.values(manifest.devDependencies)[0]}"`),
    );
  });

  it('leaves Octokit, markdown-it and nodemailer (and yaml, luxon) to the bundles loaded on first use', () => {
    const packages = (bundle: string) =>
      new Set(inputsOf(bundle).flatMap((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(i)?.[1] ?? []));
    const main = packages('extension');
    assert.deepEqual(
      [
        '@octokit/rest',
        '@octokit/core',
        '@octokit/plugin-rest-endpoint-methods',
        'markdown-it',
        'nodemailer',
        'yaml',
        'luxon',
      ].filter((p) => main.has(p)),
      [],
    );
    assert.ok(packages('github-client').has('@octokit/rest'));
    assert.ok(packages('change-request-preview').has('markdown-it'));
    assert.ok(packages('announcement-sender').has('nodemailer'));
  });

  it('does not load them when it is loaded', () => {
    const loaded: string[] = [];
    const moduleApi = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = moduleApi._load;
    // `l10n` is an own property: the bundle reads texts through it while it loads.
    const stub: object = new Proxy(
      Object.assign(function () {}, { l10n: { t: (message: string) => message } }),
      {
        get: (t, k) => (k === 'then' ? undefined : k === 'l10n' ? t.l10n : stub),
        apply: () => stub,
        construct: () => stub,
      },
    );
    moduleApi._load = function (request: string, ...rest: unknown[]) {
      loaded.push(request);
      return request === 'vscode' ? stub : load.call(this, request, ...rest);
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle is the test
      const extension = require(join(out, 'extension.js')) as { activate: unknown };
      assert.equal(typeof extension.activate, 'function');
    } finally {
      moduleApi._load = load;
    }
    assert.deepEqual(
      loaded.filter((r) => /github-client|change-request-preview|announcement-sender/.test(r)),
      [],
    );
    assert.match(
      text,
      /require\("\.\/github-client\.js"\)/,
      'the extension requires the GitHub bundle by the name esbuild.mjs gives it',
    );
    assert.match(text, /require\("\.\/change-request-preview\.js"\)/);
    assert.match(text, /require\("\.\/announcement-sender\.js"\)/);
  });
});
