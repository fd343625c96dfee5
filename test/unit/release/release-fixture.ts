// Shared by the release suites: the fixture workspace (a production runbook, its dependency and
// the calendar), Berlin wall-clock times, and a way to record transitions one after another.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import type { RunbookModel } from '../../../server/core/model';
import { releaseState, ReleaseState } from '../../../server/core/release/release-state';
import { applyTransition, Transition } from '../../../server/core/release/transitions';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { loadWorkspaceWith } from '../../helpers/index-folder';

export const FIXTURES = path.join(__dirname, '../../fixtures/release');
export const ZONE = 'Europe/Berlin';
export const PAYMENTS = 'payments-api-2-14.runbook.yaml';

export function uriOf(name: string): string {
  return pathToFileURL(path.join(FIXTURES, name)).href;
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The fixture workspace, with some files' texts replaced. */
export function workspace(texts: Record<string, string> = {}): WorkspaceIndex {
  return loadWorkspaceWith(FIXTURES, texts);
}

export function runbookIn(index: WorkspaceIndex, file = PAYMENTS): RunbookModel {
  const model = index.get(uriOf(file))?.model;
  assert.ok(model && model.kind === 'runbook', `${file} is a runbook of the workspace`);
  return model;
}

/** Epoch ms of a Berlin wall-clock time such as `2026-12-02T22:03`. */
export function berlin(local: string): number {
  return DateTime.fromISO(local, { zone: ZONE }).toMillis();
}

/** Records transitions in turn, each by `by` at its Berlin time; fails on the first refusal. */
export function record(text: string, ...steps: [Transition, string, string][]): string {
  let current = text;
  for (const [transition, by, local] of steps) {
    const result = applyTransition(uriOf(PAYMENTS), current, transition, { by, now: berlin(local), zone: ZONE });
    if (!result.ok) assert.fail(`${transition.kind} at ${local}: ${result.error}`);
    current = result.text;
  }
  return current;
}

/** The refusal of one transition (fails when it is accepted). */
export function refusal(text: string, transition: Transition, by = '@alice', local = '2026-12-02T22:00'): string {
  const result = applyTransition(uriOf(PAYMENTS), text, transition, { by, now: berlin(local), zone: ZONE });
  if (result.ok) assert.fail(`${transition.kind} was accepted`);
  return result.error;
}

/** Where the release in `text` stands, read from the text alone (as after a restart). */
export function stateOf(text: string): ReleaseState {
  const index = workspace({ [PAYMENTS]: text });
  return releaseState(runbookIn(index), ZONE);
}

export const ALL_PASS = {
  'no-errors': { state: 'pass', evidence: 'No errors in the runbook' },
  preconditions: { state: 'pass', evidence: 'All 2 confirmed' },
  'rollback-plan': { state: 'pass', evidence: 'Trigger set' },
  'cab-approval': { state: 'pass', evidence: 'acme/releases#1 carries cab:approved' },
  'no-freeze': { state: 'pass', evidence: 'No freeze' },
  dependencies: { state: 'pass', evidence: 'orders-db-migration: success' },
  'owner-on-call': { state: 'pass', evidence: 'Owner @alice, on-call @bob' },
  notified: { state: 'pass', evidence: 'Told' },
  window: { state: 'pass', evidence: 'The window opens in 1h' },
  'no-clash': { state: 'pass', evidence: 'No other change to the same service and environment overlaps the window' },
  access: { state: 'pass', evidence: 'The runbook asks for no access' },
} as const;

export const GO: Transition = { kind: 'decide', decision: 'go', reason: 'All gates pass', gates: ALL_PASS };
