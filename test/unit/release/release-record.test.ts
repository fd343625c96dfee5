// Reading the record back is how a release resumes, so a damaged entry must never stop it: it is
// left out and named. Preconditions ticked on the change request count as confirmed.
import { strict as assert } from 'node:assert';
import { preconditionTasks } from '../../../server/core/release/issue-tasks';
import { proposeWindow } from '../../../server/core/release/proposed-window';
import { readReleaseRecord } from '../../../server/core/release/release-record';
import { runbookFromText } from '../../../server/core/release/transitions';
import { berlin, fixtureText, PAYMENTS, runbookIn, stateOf, workspace } from './release-fixture';

const read = (release: string) =>
  readReleaseRecord(runbookFromText('file:///x.runbook.yaml', `runbook: x\nsteps:\n  - id: a\n${release}`));

describe('Reading the release record', () => {
  it('reads a file without a record as an empty one', () => {
    const record = read('');
    assert.equal(record.present, false);
    assert.deepEqual([record.steps, record.decisions, record.problems], [[], [], []]);
  });

  it('leaves out entries it cannot understand, and says which', () => {
    const record = read(`release:
  steps:
    - id: a
      status: started
    - id: a
      status: finished
    - status: done
    - just text
  decisions:
    - decision: maybe
  verification:
    - result: pass
  rollback: soon
`);
    assert.deepEqual(
      record.steps.map((s) => `${s.id}:${s.status}`),
      ['a:started'],
    );
    assert.deepEqual(record.problems, [
      'release.decisions entry 1 has no decision (go or no-go)',
      'release.steps entry 2 needs an id and a status (started, done, failed or skipped)',
      'release.steps entry 3 needs an id and a status (started, done, failed or skipped)',
      'release.steps entry 4 needs an id and a status (started, done, failed or skipped)',
      'release.rollback must be a map; it was ignored',
      'release.verification entry 1 needs an id (or check) and a result (pass, fail or skipped)',
    ]);
  });

  it('names record entries about steps the runbook does not have', () => {
    const text = `${fixtureText(PAYMENTS)}release:\n  steps:\n    - id: deploy-old\n      status: done\n`;
    assert.deepEqual(stateOf(text).problems, ['release.steps names "deploy-old", which is not a step of the runbook']);
  });

  it('reads a gate written as a bare state', () => {
    const record = read(
      'release:\n  decisions:\n    - decision: go\n      gates:\n        no-errors: pass\n        notified: {state: waived, evidence: told by phone}\n',
    );
    assert.deepEqual(record.decisions[0].gates, {
      'no-errors': { state: 'pass', evidence: undefined },
      notified: { state: 'waived', evidence: 'told by phone' },
    });
  });
});

describe('Preconditions ticked on the change request', () => {
  it('reads the task list of the Preconditions section only', () => {
    const body = [
      '### Preconditions',
      '',
      '- [x] **ci-green**: Acceptance tests pass',
      '  - Command: `gh run list`',
      '- [ ] **staging-soak**: 48 hours in staging',
      '- [X] **db\\_backup**: Backup verified',
      '',
      '### Verification',
      '',
      '- [x] **smoke**: Synthetic checkout succeeds',
    ].join('\r\n');
    assert.deepEqual(
      [...preconditionTasks(body)],
      [
        ['ci-green', true],
        ['staging-soak', false],
        ['db_backup', true],
      ],
    );
    assert.deepEqual([...preconditionTasks(null)], []);
  });
});

describe('The window a NO-GO proposes', () => {
  it('is the next free slot of the same length after the current window', () => {
    const index = workspace();
    const proposal = proposeWindow(index, runbookIn(index), berlin('2026-12-02T21:45'));
    assert.deepEqual(proposal.ok && [proposal.start, proposal.end], [
      '2026-12-03T00:00:00+01:00',
      '2026-12-03T02:00:00+01:00',
    ]);
  });

  it('skips a freeze and never lies in the past', () => {
    const index = workspace();
    const proposal = proposeWindow(index, runbookIn(index), berlin('2026-12-21T10:07'));
    // The year-end freeze runs to 2027-01-04 00:00 (and month-end close does not cover that day).
    assert.deepEqual(proposal.ok && [proposal.start, proposal.end], [
      '2027-01-04T00:00:00+01:00',
      '2027-01-04T02:00:00+01:00',
    ]);
  });
});
