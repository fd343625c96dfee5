// The benchmark is not a test (timings on shared machines are noisy), but its harness must work:
// `npm run bench -- --quick --smallest` generates the smallest workspaces, measures the floor,
// `runbook lint`, our server and the peer, and writes both result files. Only the shape and the
// sanity of the figures are checked here, never their size.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run bench -- --quick --smallest', function () {
  this.timeout(300_000);
  let out: string;
  let run: ReturnType<typeof spawnSync>;

  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'runbook-bench-smoke-'));
    // --no-build reuses dist/ when it is there (the script builds when it is not).
    run = spawnSync(process.execPath, ['scripts/bench.mjs', '--quick', '--smallest', '--no-build', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 280_000,
    });
  });

  after(() => rmSync(out, { recursive: true, force: true }));

  it('exits 0 and writes results.md and results.json', () => {
    assert.equal(run.status, 0, `bench failed:\n${run.stderr}`);
    assert.ok(existsSync(path.join(out, 'results.md')));
    assert.ok(existsSync(path.join(out, 'results.json')));
  });

  it('measures the floor, runbook lint, the server and the peer on the same smallest workspaces', () => {
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    assert.equal(results.mode, 'smallest');
    assert.equal(results.machine.cores > 0, true);
    assert.match(results.machine.node, /^v\d+/);
    const names = results.lint.map((l: { workspace: string }) => l.workspace);
    assert.deepEqual(names, ['runbooks-10', 'steps-100']);
    for (const l of results.lint) {
      assert.ok(l.floorMs > 0 && l.lintMs > 0, `${l.workspace} has timings`);
      assert.equal(l.ratio.toFixed(6), (l.lintMs / l.floorMs).toFixed(6));
      assert.ok(l.lintPeakRssBytes > 0, `${l.workspace} has lint's peak memory`);
    }
    // The generated 10-runbook workspace carries a few deliberate slips, and lint finds them.
    assert.ok(results.lint[0].diagnostics > 0);
    const open = results.server.open[0];
    assert.equal(open.workspace, 'runbooks-10');
    assert.ok(open.firstDiagnosticsMs > 0 && open.allDiagnosticsMs >= open.firstDiagnosticsMs);
    assert.ok(results.server.completion.count > 0 && results.server.calendar.events > 0);
    assert.equal(results.server.edits.ours.edits.count, 6);
    assert.equal(results.server.edits.oursNoDebounce.edits.count, 6);
    assert.ok(results.server.edits.peer, 'yaml-language-server was measured');
    assert.equal(results.server.edits.peer.edits.count, 6);
    assert.ok(results.server.edits.peer.openToDiagnosticsMs > 0);
    // `runbook gate` timed against `runbook lint` on the same files; it decided (0 or 1), never 2.
    assert.deepEqual(
      results.gate.map((g: { workspace: string }) => g.workspace),
      ['runbooks-10'],
    );
    const [gate] = results.gate;
    assert.ok(gate.gateMs > 0 && gate.lintMs > 0 && [0, 1].includes(gate.exitCode), JSON.stringify(gate));
    assert.equal(gate.ratio.toFixed(6), (gate.gateMs / gate.lintMs).toFixed(6));
    // The calendar webview in Chromium: each view clicked once a round, over 100 runbooks.
    assert.equal(results.calendarViews.runbooks, 100);
    for (const view of ['month', 'week', 'agenda'])
      assert.ok(results.calendarViews.views[view].max > 0, `${view} was timed`);
  });

  it('writes a table with absolute figures and ratios to the floor and the peer, the core count and Node version', () => {
    const md = readFileSync(path.join(out, 'results.md'), 'utf8');
    assert.match(md, /\| workspace \| files \| size \| floor \| lint \| ours\/floor \|/);
    assert.match(md, /\| runbooks-10 \| 11 \| .* \| \d+ ms \| \d+ ms \| \d+\.\d\d× \|/);
    assert.match(md, /ours\/peer/);
    assert.match(md, /\d+ cores .*Node v\d+/);
    assert.match(md, /## Targets/);
    assert.match(
      md,
      /\| runbooks-10 \| 11 \| .+ to .+ at .+ \| (allowed|blocked) \| \d+ ms \| \d+ ms \| \d+\.\d\d× \|/,
    );
  });
});
