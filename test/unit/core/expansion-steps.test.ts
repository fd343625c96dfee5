// WorkspaceIndex.expansionSteps: the costly parts of a runbook's lint (the workspace's dependency
// cycles, the windows it depends on, the recurrence expansions one calendar period per step),
// which the language server runs between requests (diagnostics-scheduler.ts). The steps cover
// every period, and a lint after them finds exactly what a lint without them finds.
// That they bound the server's pauses is measured in npm run bench (completion while checking).
import * as assert from 'node:assert/strict';
import { hostileWorkspace } from '../../../bench/hostile-workspaces';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

function indexOf(files: { path: string; text: string }[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of files) index.set(`file:///ws/${file.path}`, file.text);
  return index;
}

describe('WorkspaceIndex.expansionSteps', function () {
  // 300 recurring freezes: seconds of expansion on a busy machine.
  this.timeout(120_000);
  const files = hostileWorkspace('interval-freezes', 10);

  it('has one step per freeze, maintenance window and booking for a runbook, none for a calendar', () => {
    const index = indexOf(files);
    index.cycles();
    const calendar = index.calendar();
    const periods = calendar.periods.length + calendar.bookings.length;
    assert.ok(periods >= 300, `${periods} periods`);
    const runbooks = index.uris().filter((u) => u.endsWith('.runbook.yaml'));
    const calendars = index.uris().filter((u) => u.endsWith('.calendar.yaml'));
    assert.ok(runbooks.length >= 10 && calendars.length >= 1);
    // One more for the index of dependents (and one per 25 dependencies: none here).
    assert.equal([...index.expansionSteps(runbooks[0])].length, periods + 1);
    assert.equal([...index.expansionSteps(calendars[0])].length, 0);
    assert.equal([...index.expansionSteps('file:///ws/missing.runbook.yaml')].length, 0);
  });

  it('a lint after the steps finds the same as a lint without them', () => {
    const stepped = indexOf(files);
    const plain = indexOf(files);
    for (const uri of plain.uris().sort().slice(0, 4)) {
      for (const _ of stepped.expansionSteps(uri)) void _;
      assert.deepEqual(lintFile(stepped, uri), lintFile(plain, uri), uri);
    }
  });

  it('searches the cycles of 300 mutually dependent runbooks in steps, finding what one search finds', () => {
    const workspace = hostileWorkspace('mutual-dependencies', 300);
    const plain = indexOf(workspace);
    const uri = plain.uris().find((u) => u.endsWith('.runbook.yaml'))!;
    const whole = indexOf(workspace);
    const steps = [...whole.expansionSteps(uri)].length;
    // 90,000 edges and 299 dependencies' windows: many small steps, not one.
    assert.ok(steps > 20, `${steps} steps`);
    assert.deepEqual(whole.cycles(), plain.cycles());
    assert.deepEqual(lintFile(whole, uri), lintFile(plain, uri));
    // A search begun in steps and finished by a lint's own call gives the same cycles.
    const begun = indexOf(workspace);
    const partial = begun.expansionSteps(uri);
    for (let i = 0; i < 3; i++) partial.next();
    assert.deepEqual(begun.cycles(), plain.cycles());
    assert.equal(plain.cycles().size, 300);
  });
});
