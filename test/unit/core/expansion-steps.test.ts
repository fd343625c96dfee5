// WorkspaceIndex.expansionSteps: the recurrence expansions a runbook's lint needs, one calendar
// period per step, which the language server runs between requests (diagnostics-scheduler.ts).
// The steps cover every period, and a lint after them finds exactly what a lint without them finds.
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
    const calendar = index.calendar();
    const periods = calendar.periods.length + calendar.bookings.length;
    assert.ok(periods >= 300, `${periods} periods`);
    const runbooks = index.uris().filter((u) => u.endsWith('.runbook.yaml'));
    const calendars = index.uris().filter((u) => u.endsWith('.calendar.yaml'));
    assert.ok(runbooks.length >= 10 && calendars.length >= 1);
    assert.equal([...index.expansionSteps(runbooks[0])].length, periods);
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
});
