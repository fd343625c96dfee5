// The .vsix holds the bundles and static contributions only (see .vscodeignore); the CLI package
// beside it installs offline into an empty folder and lints exactly as the repository's build.
// Packages with scripts/package.mjs, or reads RUNBOOK_VSIX when set (a prebuilt package).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** One entry's text (stored or deflated), found through the central directory. */
function zipText(buf: Buffer, wanted: string): string {
  // Walk from the first central directory record: the end record says where it starts.
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === wanted) {
      const method = buf.readUInt16LE(p + 10);
      const size = buf.readUInt32LE(p + 20);
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`${wanted} is not in the package`);
}

/** Entry names from a zip's central directory (a .vsix is a zip). */
function zipEntries(buf: Buffer): string[] {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

describe('packaged .vsix contents', function () {
  this.timeout(180_000);
  let vsix: string;
  let tmp: string | undefined;
  let entries: string[];
  let buffer: Buffer;

  before(() => {
    if (process.env.RUNBOOK_VSIX) {
      vsix = resolve(process.env.RUNBOOK_VSIX);
    } else {
      tmp = mkdtempSync(join(tmpdir(), 'runbook-vsix-'));
      vsix = join(tmp, 'release-runbooks.vsix');
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
    }
    buffer = readFileSync(vsix);
    entries = zipEntries(buffer);
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the bundles and the manifest', () => {
    // github-client.js, change-request-preview.js and announcement-sender.js: loaded on first use (client/lazy-bundles.ts).
    for (const f of [
      'extension/dist/extension.js',
      'extension/dist/github-client.js',
      'extension/dist/change-request-preview.js',
      'extension/dist/announcement-sender.js',
      'extension/dist/server.js',
      'extension/package.json',
    ]) {
      assert.ok(entries.includes(f), `${f} missing; the package holds:\n${entries.join('\n')}`);
    }
  });

  it('does not carry the command-line tool, which ships in its own package', () => {
    assert.ok(!entries.includes('extension/dist/cli.js'), 'extension/dist/cli.js is in the .vsix');
  });

  it('holds no TypeScript sources, source maps or node_modules', () => {
    const bad = entries.filter((e) => /\.ts$/.test(e) || /\.map$/.test(e) || /(^|\/)node_modules\//.test(e));
    assert.deepEqual(bad, []);
  });

  it('holds nothing outside the shipped folders', () => {
    const allowed =
      /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(dist|syntaxes|schemas|snippets|media)\/.+|extension\/docs\/images\/[^/]+\.png|extension\/language-configuration[^/]*\.json|extension\/(package\.json|package\.nls\.json|readme\.md|changelog\.md|LICENSE\.txt)|extension\/l10n\/bundle\.l10n[^/]*\.json)$/i;
    assert.deepEqual(
      entries.filter((e) => !allowed.test(e)),
      [],
    );
  });

  it('carries the user-facing README, whose images are inside the package', () => {
    const readme = zipText(buffer, 'extension/readme.md');
    assert.equal(readme, readFileSync(join(root, 'README.marketplace.md'), 'utf8'));
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3, `the README shows ${images.length} images`);
    for (const image of images) {
      assert.doesNotMatch(image, /^[a-z]+:/i, `${image} points outside the package`);
      assert.ok(entries.includes(`extension/${image}`), `${image} is not in the package`);
    }
  });

  it('carries the 128x128 PNG icon, the localized manifest strings and the walkthrough', () => {
    const manifest = JSON.parse(zipText(buffer, 'extension/package.json')) as {
      icon: string;
      contributes: { walkthroughs: { steps: { media: { markdown: string } }[] }[] };
    };
    const icon = readFileSync(join(root, manifest.icon));
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    for (const file of [
      manifest.icon,
      'package.nls.json',
      'l10n/bundle.l10n.json',
      ...manifest.contributes.walkthroughs[0].steps.map((s) => s.media.markdown),
    ]) {
      assert.ok(entries.includes(`extension/${file}`), `${file} is not in the package`);
    }
  });

  it('is smaller than 2 MB', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 2 * 1024 * 1024, `${vsix} is ${size} bytes`);
  });
});

describe('the CLI package (release-runbooks-cli-<version>.tgz beside the .vsix)', function () {
  this.timeout(180_000);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  let tmp: string;
  let tgz: string;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
    let vsix = process.env.RUNBOOK_VSIX ? resolve(process.env.RUNBOOK_VSIX) : join(tmp, 'out', 'release-runbooks.vsix');
    if (!process.env.RUNBOOK_VSIX || !existsSync(join(dirname(vsix), `release-runbooks-cli-${version}.tgz`))) {
      vsix = join(tmp, 'out', 'release-runbooks.vsix');
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], {
        cwd: root,
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
    }
    tgz = join(dirname(vsix), `release-runbooks-cli-${version}.tgz`);
    // An empty project folder, as a user's repository would be, with the examples to lint.
    const project = join(tmp, 'project');
    cpSync(join(root, 'examples'), join(project, 'examples'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "a-user-project", "private": true }\n');
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', tgz], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(install.status, 0, `npm install --offline ${tgz} failed:\n${install.stdout}\n${install.stderr}`);
  });

  after(() => rmSync(tmp, { recursive: true, force: true }));

  const project = () => join(tmp, 'project');
  const npx = (args: string[]) => spawnSync('npx', ['--no-install', ...args], { cwd: project(), encoding: 'utf8' });
  const built = (args: string[]) =>
    spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: project(), encoding: 'utf8' });

  it('installs with no dependencies of its own', () => {
    const manifest = JSON.parse(
      readFileSync(join(project(), 'node_modules', '@release-runbooks', 'cli', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    assert.equal(manifest.version, version);
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(Object.keys(manifest.bin as object).sort(), ['runbook', 'runbook-language-server']);
  });

  for (const args of [
    ['lint', 'examples'],
    ['lint', 'examples', '--format', 'json'],
    ['lint', 'examples/broken', '--format', 'github'],
    ['--version'],
  ]) {
    it(`npx runbook ${args.join(' ')} prints exactly what the repository's build prints`, () => {
      const mine = npx(['runbook', ...args]);
      const theirs = built(args);
      assert.equal(mine.stdout, theirs.stdout);
      assert.equal(mine.stderr, theirs.stderr);
      assert.equal(mine.status, theirs.status);
    });
  }

  it("npx runbook lint finds the broken example's errors", () => {
    const r = npx(['runbook', 'lint', 'examples/broken']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^examples\/broken\/.+\.runbook\.yaml:\d+:\d+ error RB\d{3} /m);
  });

  it('npx runbook calendar --format html writes the site from the package alone', () => {
    const r = npx(['runbook', 'calendar', 'examples', '--format', 'html', '--out', 'site']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(join(project(), 'site')).sort(), [
      'calendar.css',
      'calendar.ics',
      'calendar.json',
      'index.html',
      'static-calendar.js',
      'static-theme.css',
      'upcoming.css',
      'upcoming.html',
      'webview.js',
    ]);
    assert.match(readFileSync(join(project(), 'site', 'index.html'), 'utf8'), /<script src="webview.js"><\/script>/);
    assert.ok(statSync(join(project(), 'site', 'webview.js')).size > 10_000, 'the calendar bundle itself');
  });

  it('runbook-language-server --stdio answers initialize', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(join(project(), 'node_modules', '.bin', 'runbook-language-server'), ['--stdio'], {
      cwd: project(),
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    await new Promise<void>((done) =>
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"capabilities"')) done();
      }),
    );
    child.kill();
    assert.match(out, /"id":1,"result":\{"capabilities"/);
  });
});
