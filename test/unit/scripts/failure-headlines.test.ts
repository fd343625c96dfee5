// `npm test`'s summary names each failed test and its error, read from Mocha's real output.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe("npm test's failure headlines", function () {
  this.timeout(60_000);
  let folder: string;
  before(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'headlines-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the failed tests of a Mocha run by title with their first error line, and nothing for passes', async () => {
    const spec = path.join(folder, 'sample.test.js');
    writeFileSync(
      spec,
      [
        "const assert = require('node:assert');",
        "describe('the calendar', () => {",
        "  it('passes', () => {});",
        "  it('answers in time', () => assert.ok(false, 'answered in 2500 ms'));",
        "  describe('freezes', () => it('are shown:', () => { throw new Error('no freeze'); }));",
        '});',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--no-config', spec], {
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '1' },
    });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    const { failureHeadlines } = await import('../../../scripts/failure-headlines.mjs');
    assert.deepEqual(failureHeadlines(run.stdout), [
      '1) the calendar answers in time: AssertionError [ERR_ASSERTION]: answered in 2500 ms',
      '2) the calendar freezes are shown:: Error: no freeze',
    ]);
    assert.deepEqual(failureHeadlines('  3 passing (2s)\n'), []);
  });
});
