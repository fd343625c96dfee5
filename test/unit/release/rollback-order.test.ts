// "The referenced rollback steps of completed steps, latest first": which rollback steps a
// rollback runs, in which order, and what cannot be undone.
import { strict as assert } from 'node:assert';
import { StepEntry } from '../../../server/core/release/release-record';
import { rollbackPlan } from '../../../server/core/release/rollback-order';
import { runbookFromText } from '../../../server/core/release/transitions';

const RUNBOOK = `runbook: web
title: Web
environment: production
timezone: Europe/Berlin
window:
  start: 2026-12-02T22:00
  duration: 2h
steps:
  - id: schema
    run: migrate up
    rollback: schema-down
  - id: config
    run: apply config
    rollback: config-revert
  - id: deploy
    run: deploy 5.1
    rollback: redeploy-old
  - id: flags
    run: flip flags
    rollback: config-revert
  - id: purge
    run: purge cache
    irreversible: true
  - id: announce
    title: Announce
  - id: typo
    run: something
    rollback: missing-step
rollback:
  trigger: errors
  steps:
    - id: schema-down
    - id: config-revert
    - id: redeploy-old
    - id: never-used
`;

const model = runbookFromText('file:///web.runbook.yaml', RUNBOOK);
const entry = (id: string, status: StepEntry['status'], started?: string): StepEntry => ({ id, status, started });
const ids = (entries: StepEntry[]) => rollbackPlan(model, entries, 'Europe/Berlin').steps.map((s) => s.id);

describe('Rollback order', () => {
  it('undoes the steps that ran, latest first', () => {
    assert.deepEqual(
      ids([
        entry('schema', 'done', '2026-12-02T22:00'),
        entry('config', 'done', '2026-12-02T22:10'),
        entry('deploy', 'done', '2026-12-02T22:20'),
      ]),
      ['redeploy-old', 'config-revert', 'schema-down'],
    );
  });

  it('orders by when the steps ran, not by their place in the runbook', () => {
    assert.deepEqual(ids([entry('deploy', 'done', '2026-12-02T22:00'), entry('schema', 'done', '2026-12-02T22:30')]), [
      'schema-down',
      'redeploy-old',
    ]);
  });

  it('includes a step that failed or was still running: it may have changed something', () => {
    assert.deepEqual(
      ids([entry('schema', 'done', '2026-12-02T22:00'), entry('config', 'failed', '2026-12-02T22:10')]),
      ['config-revert', 'schema-down'],
    );
    assert.deepEqual(
      ids([entry('schema', 'done', '2026-12-02T22:00'), entry('deploy', 'started', '2026-12-02T22:10')]),
      ['redeploy-old', 'schema-down'],
    );
  });

  it('leaves out skipped steps and steps never started', () => {
    assert.deepEqual(ids([entry('schema', 'done', '2026-12-02T22:00'), entry('config', 'skipped')]), ['schema-down']);
  });

  it('runs a rollback step shared by two steps once, at the place of the later one', () => {
    const plan = rollbackPlan(
      model,
      [
        entry('config', 'done', '2026-12-02T22:10'),
        entry('deploy', 'done', '2026-12-02T22:20'),
        entry('flags', 'done', '2026-12-02T22:30'),
      ],
      'Europe/Berlin',
    );
    assert.deepEqual(
      plan.steps.map((s) => [s.id, s.undoes]),
      [
        ['config-revert', ['flags', 'config']],
        ['redeploy-old', ['deploy']],
      ],
    );
  });

  it('follows a retried step by its latest attempt', () => {
    assert.deepEqual(
      ids([
        entry('deploy', 'failed', '2026-12-02T22:00'),
        entry('config', 'done', '2026-12-02T22:10'),
        entry('deploy', 'done', '2026-12-02T22:20'),
      ]),
      ['redeploy-old', 'config-revert'],
    );
  });

  it('names what cannot be undone: irreversible steps, and steps without a usable rollback step', () => {
    const plan = rollbackPlan(
      model,
      [
        entry('purge', 'done', '2026-12-02T22:00'),
        entry('announce', 'done', '2026-12-02T22:01'),
        entry('typo', 'done', '2026-12-02T22:02'),
      ],
      'Europe/Berlin',
    );
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.irreversible, ['purge']);
    assert.deepEqual(plan.uncovered, [
      { step: 'typo', reason: 'its rollback step "missing-step" is not under rollback.steps' },
      { step: 'announce', reason: 'it names no rollback step' },
    ]);
  });

  it('falls back to the runbook order when start times are missing', () => {
    assert.deepEqual(ids([entry('schema', 'done'), entry('deploy', 'done')]), ['redeploy-old', 'schema-down']);
  });
});
