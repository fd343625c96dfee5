// Localizable strings: every user-facing text of the client goes through vscode.l10n.t, and
// l10n/bundle.l10n.json (package.json "l10n") holds exactly the messages of those calls.
// The checks live in scripts/l10n-bundle.mjs, which also rewrites the bundle.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'l10n-bundle.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('localizable strings (vscode.l10n)', function () {
  // Loading the TypeScript compiler takes seconds on a busy machine.
  this.timeout(60_000);

  it('package.json names the l10n folder, whose English bundle maps each message to itself', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<
      string,
      string
    >;
    assert.ok(Object.keys(bundle).length > 100);
    assert.deepEqual(
      Object.entries(bundle).filter(([key, value]) => key !== value),
      [],
    );
    assert.equal(
      bundle['Release Runbooks: submitting the change request'],
      'Release Runbooks: submitting the change request',
    );
  });

  it('the bundle is up to date with client/ and no user-facing text in client/ skips l10n.t', () => {
    const r = run('--check');
    assert.equal(r.stderr, '', 'run node scripts/l10n-bundle.mjs to update l10n/bundle.l10n.json');
    assert.equal(r.status, 0);
  });

  it('reports text that skips l10n.t, placeholders without arguments and messages that are not literals', () => {
    const r = run('--lint', path.join('test', 'fixtures', 'l10n', 'bare-strings.ts.txt'));
    assert.equal(r.status, 1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .map((l) => l.replace(/^l10n: /, '').replace(/^.*bare-strings\.ts\.txt:/, ''));
    assert.deepEqual(
      lines.sort(),
      [
        "11:41: 'Release Panel'",
        '12:8: "{0} of {1}" has placeholders {0} {1} for 1 argument(s)',
        '14:8: the message of l10n.t must be a string literal',
        '7:41: `Release Runbooks: ${name} failed`',
        "8:84: 'Retry'",
        "9:110: 'Pick one'",
        "9:47: 'First choice'",
        "10:85: 'Just one'",
      ].sort(),
    );
  });
});
