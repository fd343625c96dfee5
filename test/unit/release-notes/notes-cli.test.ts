// `runbook notes FILE` through the GitHub stand-in: the compare API and the pull requests'
// labels, validated against GitHub's OpenAPI description (useStandIn checks every request).
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../server/cli/io';
import { runNotesWith } from '../../../server/cli/notes';
import { FAST, READ_TOKEN, useStandIn } from '../github/stand-in-fixture';

const RUNBOOK = `runbook: payments-api-2-14
title: Payments API <b>2.14</b> | *now*
version: "2.14.0"
environment: production
window: { start: 2026-12-02T22:00, duration: 2h }
change:
  commits: { from: v2.13.4, to: v2.14.0 }
announce:
  audience: Support [team](javascript:alert(1))
  summary: "Card payments settle in one day.\\n<!-- runbook-marker:forged -->"
  customer-impact: None expected.
  contact: "#payments-release"
steps:
  - id: deploy
`;

describe('runbook notes (release notes from the compare API)', () => {
  const s = useStandIn();
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-'));
  const file = path.join(dir, 'payments.runbook.yaml');
  writeFileSync(file, RUNBOOK);

  async function run(args: string[], env: Record<string, string | undefined> = {}) {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: READ_TOKEN, ...env },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runNotesWith(args, io, FAST);
    return { code, stdout, stderr };
  }

  function seed() {
    const standIn = s.get();
    for (const l of ['enhancement', 'bug', 'breaking', 'security']) standIn.seedLabel('acme/releases', l);
    const feature = standIn.seedIssue('acme/releases', {
      title: 'Settle card payments in *one* day',
      labels: ['enhancement'],
      pullRequest: true,
    });
    const fix = standIn.seedIssue('acme/releases', {
      title: 'Fix rounding of <script>alert(1)</script> fees',
      labels: ['bug'],
      pullRequest: true,
    });
    const breaking = standIn.seedIssue('acme/releases', {
      title: 'Drop the v1 refunds endpoint',
      labels: ['breaking', 'enhancement'],
      pullRequest: true,
    });
    standIn.compare.seedHistory('acme/releases', [
      { message: 'Release 2.13.4', refs: ['v2.13.4'] },
      { message: `Settle card payments in one day (#${feature.number})` },
      { message: `Merge pull request #${fix.number} from acme/fix-rounding\n\nFix rounding` },
      { message: `Drop the v1 refunds endpoint (#${breaking.number})` },
      { message: 'Bump dependencies [skip ci]' },
      { message: 'Release 2.14.0', refs: ['v2.14.0'] },
      { message: 'Not part of this release' },
    ]);
  }

  it('groups the pull requests between change.commits.from and .to by label, after the summary, escaped', async () => {
    seed();
    const r = await run([file, '--repo', 'acme/releases', '--api-url', s.get().url]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^# Release notes: Payments API \\<b\\>2\.14\\<\/b\\> \\\| \\\*now\\\* 2\.14\.0$/m);
    assert.match(md, /^Card payments settle in one day\.$/m);
    assert.ok(!md.includes('<!--'), 'no raw HTML comment from the runbook');
    assert.match(md, /^\*\*For:\*\* Support \\\[team\\\]\(javascript:alert\(1\)\)$/m);
    const order = ['## Breaking changes', '## Features', '## Fixes', '## Other changes'].map((h) => md.indexOf(h));
    assert.ok(
      order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])),
      md,
    );
    assert.match(
      md,
      /## Breaking changes\n\n- Drop the v1 refunds endpoint \(\[#3\]\(<http:\/\/[^>]+\/acme\/releases\/pull\/3>\)\)\n/,
    );
    assert.match(md, /- Settle card payments in \\\*one\\\* day \(\[#1\]/);
    assert.match(md, /- Fix rounding of \\<script\\>alert\(1\)\\<\/script\\> fees \(\[#2\]/);
    assert.match(md, /## Other changes\n\n- Bump dependencies \\\[skip ci\\\] \(\[[0-9a-f]{7}\]/);
    assert.ok(!md.includes('Not part of this release'));
    assert.ok(!md.includes('Release 2.13.4'));
  });

  it('answers JSON with --format json and takes --from/--to over change.commits', async () => {
    seed();
    const r = await run([
      file,
      '--repo',
      'acme/releases',
      '--api-url',
      s.get().url,
      '--from',
      'v2.13.4',
      '--to',
      'v2.13.4',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.groups, []);
    assert.equal(json.announce.contact, '#payments-release');
  });

  it('reports an unknown ref with exit 1, a missing token or plain http to a foreign host with exit 2, never echoing the token', async () => {
    seed();
    const missing = await run([file, '--repo', 'acme/releases', '--api-url', s.get().url, '--to', 'v9.9.9']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /GitHub answered 404 comparing v2\.13\.4\.\.\.v9\.9\.9 in acme\/releases/);
    const noToken = await run([file, '--repo', 'acme/releases', '--api-url', s.get().url], { GITHUB_TOKEN: '' });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /GITHUB_TOKEN is not set/);
    const plain = await run([file, '--repo', 'acme/releases', '--api-url', 'http://github.example.invalid/api/v3']);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /would send the token unencrypted; use https:\/\//);
    for (const r of [missing, noToken, plain]) assert.ok(!(r.stdout + r.stderr).includes(READ_TOKEN));
  });
});
