// Every runbook of the workspace as the metrics see it: what changed, where, when its window was,
// how it ended and, for a failure, when it was recognised and when the rollback completed.
// Read leniently: a runbook whose times cannot be read is named in `problems`, never thrown.
import { OUTCOME_RESULTS, CHANGE_TYPES } from '../dsl-schema';
import { subSection, RunbookModel } from '../model';
import { readReleaseRecord } from '../release/release-record';
import { isSettled, releaseState } from '../release/release-state';
import { unauthorizedWork, UnauthorizedWork } from '../release/unauthorized-work';
import { parseInstant } from '../time';
import { WorkspaceIndex } from '../workspace-index';

export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** A git range named by `change.commits`. */
export interface CommitRange {
  from: string;
  to: string;
  /** The repository folder as written (relative to the runbook's folder), if given. */
  path?: string;
}

export interface ChangeRecord {
  id: string;
  title: string;
  uri: string;
  service?: string;
  team?: string;
  environment?: string;
  production: boolean;
  type?: ChangeType;
  risk?: string;
  ticket?: string;
  owner?: string;
  version?: string;
  /** The zone its instants without offset are read in. */
  zone: string;
  window?: { start: number; end: number };
  /** How it ended; undefined while no outcome is recorded. */
  result?: OutcomeResult;
  /** When it finished: `outcome.finished`, else the window's end. Undefined without an outcome. */
  finishedAt?: number;
  /** Whether `finishedAt` is the window's end because `outcome.finished` is missing. */
  finishedFromWindow: boolean;
  notes?: string;
  /** `change.submitted`. */
  submittedAt?: number;
  commits?: CommitRange;
  /** For a failed or rolled-back change: when the failure was recognised (the rollback decision, else `finishedAt`). */
  failedAt?: number;
  /** When the release record shows every rollback step settled (at least one done): the last one's finish. */
  rollbackDoneAt?: number;
  /** Why it was rolled back (the record's reason), for reports. */
  rollbackReason?: string;
  /** Steps started outside the approved window, or without a GO (see unauthorizedWork). */
  unauthorized?: UnauthorizedWork;
}

export interface ChangeRecords {
  changes: ChangeRecord[];
  /** One line per runbook left out or read only in part, naming the runbook and the reason. */
  problems: string[];
}

/**
 * Each runbook's record, kept while its model (one version of the file) and what the workspace says
 * of it (its zone, whether its environment is production) stay the same. Reading a record reads the
 * file's YAML tree, which a language server holding a large workspace must parse again; with this,
 * only the runbooks changed since are read.
 */
const recordsByModel = new WeakMap<
  RunbookModel,
  { zone: string; production: boolean; record: ChangeRecord; problems: string[] }
>();

/** `afterRead` is told of each runbook whose record was read now (not kept): a server lets its YAML tree go again. */
export function changeRecords(
  index: WorkspaceIndex,
  options: { afterRead?: (runbook: RunbookModel) => void } = {},
): ChangeRecords {
  const changes: ChangeRecord[] = [];
  const problems: string[] = [];
  for (const runbook of index.runbooks()) {
    const id = runbook.id?.text.trim();
    if (!id) continue;
    const zone = index.zoneFor(runbook);
    const production = index.isProduction(runbook.fields.get('environment')?.text.trim() || undefined);
    let known = recordsByModel.get(runbook);
    if (!known || known.zone !== zone || known.production !== production) {
      const own: string[] = [];
      known = { zone, production, record: changeRecord(index, runbook, id, own), problems: own };
      recordsByModel.set(runbook, known);
      options.afterRead?.(runbook);
    }
    changes.push(known.record);
    problems.push(...known.problems);
  }
  changes.sort((a, b) => (a.window?.start ?? 0) - (b.window?.start ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { changes, problems };
}

function changeRecord(index: WorkspaceIndex, runbook: RunbookModel, id: string, problems: string[]): ChangeRecord {
  const zone = index.zoneFor(runbook);
  const text = (key: string) => runbook.fields.get(key)?.text.trim() || undefined;
  const instant = (value: string | undefined, what: string): number | undefined => {
    if (!value) return undefined;
    const parsed = parseInstant(value, zone);
    if (parsed.ok) return parsed.value.toMillis();
    problems.push(`${id}: ${what} "${value}" is not an instant, so it was not used`);
    return undefined;
  };
  const window = index.windowOf(runbook);
  const environment = text('environment');
  const typeText = runbook.change.type?.text.trim();
  const change = subSection(runbook.file, runbook.change.section);
  const record: ChangeRecord = {
    id,
    title: text('title') ?? id,
    uri: runbook.uri,
    service: text('service'),
    team: text('team'),
    environment,
    production: index.isProduction(environment),
    type: (CHANGE_TYPES as readonly string[]).includes(typeText ?? '') ? (typeText as ChangeType) : undefined,
    risk: runbook.change.risk?.text.trim() || undefined,
    ticket: runbook.change.ticket?.text.trim() || undefined,
    owner: text('owner'),
    version: text('version'),
    zone,
    window: window ? { start: window.start, end: window.end } : undefined,
    finishedFromWindow: false,
    submittedAt: instant(change.fields.get('submitted')?.text.trim(), 'change.submitted'),
    commits: commitRange(runbook),
    unauthorized: unauthorizedWork(runbook, zone, window),
  };

  const outcome = runbook.outcome.fields;
  const resultText = outcome.get('result')?.text.trim();
  if (!resultText) return record;
  if (!(OUTCOME_RESULTS as readonly string[]).includes(resultText)) {
    problems.push(
      `${id}: outcome.result "${resultText}" is not success, rolled-back, failed or cancelled, so the outcome was not counted`,
    );
    return record;
  }
  record.result = resultText as OutcomeResult;
  record.notes = outcome.get('notes')?.text.trim() || undefined;
  record.finishedAt = instant(outcome.get('finished')?.text.trim(), 'outcome.finished');
  if (record.finishedAt === undefined && window) {
    record.finishedAt = window.end;
    record.finishedFromWindow = true;
  }
  if (record.finishedAt === undefined && record.result !== 'cancelled') {
    problems.push(`${id}: neither outcome.finished nor the window can be read, so the deployment was not counted`);
  }
  if (record.result === 'failed' || record.result === 'rolled-back') readFailure(runbook, record, zone, problems);
  return record;
}

/** When the failure was recognised and, from the release record, when the rollback completed. */
function readFailure(runbook: RunbookModel, record: ChangeRecord, zone: string, problems: string[]): void {
  record.failedAt = record.finishedAt;
  const releaseRecord = readReleaseRecord(runbook);
  const rollback = releaseRecord.rollback;
  if (!rollback) return;
  record.rollbackReason = rollback.reason;
  const decided = rollback.at ? parseInstant(rollback.at, zone) : undefined;
  if (decided?.ok) record.failedAt = decided.value.toMillis();
  else if (rollback.at)
    problems.push(
      `${record.id}: release.rollback.at "${rollback.at}" is not an instant, so the failure counts from when the release finished`,
    );
  const tracked = releaseState(runbook, zone, releaseRecord).rollback?.steps ?? [];
  if (!tracked.length || !tracked.every(isSettled) || !tracked.some((s) => s.status === 'done')) return;
  let last: number | undefined;
  for (const step of tracked) {
    if (step.status !== 'done' || !step.latest?.finished) continue;
    const finished = parseInstant(step.latest.finished, zone);
    if (finished.ok) last = Math.max(last ?? -Infinity, finished.value.toMillis());
  }
  record.rollbackDoneAt = last;
}

function commitRange(runbook: RunbookModel): CommitRange | undefined {
  const change = subSection(runbook.file, runbook.change.section);
  const commits = subSection(runbook.file, change.sections.get('commits')).fields;
  const from = commits.get('from')?.text.trim();
  const to = commits.get('to')?.text.trim();
  if (!from || !to) return undefined;
  return { from, to, path: commits.get('path')?.text.trim() || undefined };
}

/** Changes that count as deployments: an outcome other than cancelled, and a readable finish. */
export function deploymentsOf(
  changes: ChangeRecord[],
): (ChangeRecord & { finishedAt: number; result: OutcomeResult })[] {
  return changes.filter(
    (c): c is ChangeRecord & { finishedAt: number; result: OutcomeResult } =>
      !!c.result && c.result !== 'cancelled' && c.finishedAt !== undefined,
  );
}
