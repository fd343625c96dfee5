// The .vsix holds the bundles and static contributions only (see .vscodeignore).
// Packages with scripts/package.mjs, or reads RUNBOOK_VSIX when set (a prebuilt package).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** Entry names from a zip's central directory (a .vsix is a zip). */
function zipEntries(buf: Buffer): string[] {
  // The end-of-central-directory record sits in the last 22 + up to 65535 (comment) bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
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

  before(() => {
    if (process.env.RUNBOOK_VSIX) {
      vsix = resolve(process.env.RUNBOOK_VSIX);
    } else {
      tmp = mkdtempSync(join(tmpdir(), 'runbook-vsix-'));
      vsix = join(tmp, 'release-runbooks.vsix');
      const r = spawnSync(process.execPath, [join(root, 'scripts', 'package.mjs'), '--out', vsix], { cwd: root, encoding: 'utf8' });
      assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
    }
    entries = zipEntries(readFileSync(vsix));
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds the bundles and the manifest', () => {
    for (const f of ['extension/dist/extension.js', 'extension/dist/server.js', 'extension/package.json']) {
      assert.ok(entries.includes(f), `${f} missing; the package holds:\n${entries.join('\n')}`);
    }
  });

  it('holds no TypeScript sources, source maps or node_modules', () => {
    const bad = entries.filter((e) => /\.ts$/.test(e) || /\.map$/.test(e) || /(^|\/)node_modules\//.test(e));
    assert.deepEqual(bad, []);
  });

  it('holds nothing outside the shipped folders', () => {
    const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(dist|syntaxes|schemas|snippets|media)\/.+|extension\/language-configuration[^/]*\.json|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt))$/i;
    assert.deepEqual(entries.filter((e) => !allowed.test(e)), []);
  });

  it('is smaller than 2 MB', () => {
    const size = statSync(vsix).size;
    assert.ok(size < 2 * 1024 * 1024, `${vsix} is ${size} bytes`);
  });
});
