// The release-day record as the runbook file holds it under `release:` (docs/runbook-dsl.md,
// "The release record"), read leniently: an entry that cannot be understood is left out and
// named in `problems`, never thrown. Reading the file is all it takes to resume a release.
import { AnnouncementRecord, readAnnouncementRecords } from '../announce/announce-plan';
import { isMap, isSeq } from 'yaml';
import type { Node } from 'yaml';
import {
  GATE_STATES,
  GATES,
  OUTCOME_RESULTS,
  RELEASE_DECISIONS,
  STEP_STATUSES,
  VERIFICATION_RESULTS,
} from '../dsl-schema';
import type { RunbookModel } from '../model';

export type GateId = keyof typeof GATES;
export const GATE_IDS = Object.keys(GATES) as GateId[];
export type GateState = (typeof GATE_STATES)[number];
export type Decision = (typeof RELEASE_DECISIONS)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export interface GateResult {
  state: GateState;
  evidence?: string;
}

export interface DecisionEntry {
  decision: Decision;
  by?: string;
  at?: string;
  reason?: string;
  gates: Partial<Record<GateId, GateResult>>;
  proposedWindow?: { start: string; end?: string; duration?: string };
}

export interface Confirmation {
  id: string;
  by?: string;
  at?: string;
}

export interface NotifiedAck {
  by?: string;
  at?: string;
  channels: string[];
}

/** One attempt at a step (or rollback step); the latest entry of an id is its state. */
export interface StepEntry {
  id: string;
  status: StepStatus;
  by?: string;
  started?: string;
  finished?: string;
  finishedBy?: string;
  note?: string;
  /** Why the start was outside the approved window, when it was. */
  outsideWindow?: string;
  /** The reason given for starting outside the approved window anyway. */
  windowOverride?: string;
}

export interface RollbackEntry {
  decidedBy?: string;
  at?: string;
  reason?: string;
  triggerMet?: boolean;
  steps: StepEntry[];
}

export interface VerificationEntry {
  /** The check's id, or undefined for a check without one (then `check` names it). */
  id?: string;
  check?: string;
  result: VerificationResult;
  by?: string;
  at?: string;
  note?: string;
}

export interface OutcomeEntry {
  result?: OutcomeResult;
  started?: string;
  finished?: string;
  notes?: string;
}

export interface ReleaseRecord {
  /** Whether the file has a `release:` key at all. */
  present: boolean;
  statusComment?: string;
  notified?: NotifiedAck;
  /** `release.announcements`, written by `runbook announce` (exactly once per moment and channel). */
  announcements: AnnouncementRecord[];
  preconditions: Confirmation[];
  decisions: DecisionEntry[];
  steps: StepEntry[];
  rollback?: RollbackEntry;
  verification: VerificationEntry[];
  outcome?: OutcomeEntry;
  /** Entries left out because they could not be read, said so that a person can fix them. */
  problems: string[];
}

export function readReleaseRecord(runbook: RunbookModel): ReleaseRecord {
  const problems: string[] = [];
  const section = runbook.sections.get('release');
  const scalarRelease = runbook.fields.get('release');
  const raw = toPlain(section?.node ?? null);
  const record: ReleaseRecord = {
    present: !!section || !!scalarRelease,
    announcements: [],
    preconditions: [],
    decisions: [],
    steps: [],
    verification: [],
    problems,
  };
  if (scalarRelease) problems.push('"release" must be a map written by the release commands; its value was ignored');
  if (raw !== undefined && raw !== null && !isObject(raw))
    problems.push('"release" must be a map; its value was ignored');
  const release = isObject(raw) ? raw : {};

  record.announcements = readAnnouncementRecords({ release });
  const comment = text(release['status-comment']);
  if (comment) record.statusComment = comment;

  if (isObject(release.notified)) {
    const n = release.notified;
    record.notified = {
      by: text(n.by),
      at: text(n.at),
      channels: list(n.channels)
        .map(text)
        .filter((c): c is string => !!c),
    };
  }

  for (const [i, entry] of list(release.preconditions).entries()) {
    const id = isObject(entry) ? text(entry.id) : undefined;
    if (!id || !isObject(entry)) {
      problems.push(`release.preconditions entry ${i + 1} has no id`);
      continue;
    }
    record.preconditions.push({ id, by: text(entry.by), at: text(entry.at) });
  }

  for (const [i, entry] of list(release.decisions).entries()) {
    const decision = isObject(entry) ? oneOf(entry.decision, RELEASE_DECISIONS) : undefined;
    if (!decision || !isObject(entry)) {
      problems.push(`release.decisions entry ${i + 1} has no decision (go or no-go)`);
      continue;
    }
    const gates: Partial<Record<GateId, GateResult>> = {};
    if (isObject(entry.gates)) {
      for (const id of GATE_IDS) {
        const gate = entry.gates[id];
        const state = isObject(gate) ? oneOf(gate.state, GATE_STATES) : oneOf(gate, GATE_STATES);
        if (state) gates[id] = { state, evidence: isObject(gate) ? text(gate.evidence) : undefined };
      }
    }
    const proposed = isObject(entry['proposed-window']) ? entry['proposed-window'] : undefined;
    const proposedStart = proposed && text(proposed.start);
    record.decisions.push({
      decision,
      by: text(entry.by),
      at: text(entry.at),
      reason: text(entry.reason),
      gates,
      proposedWindow: proposedStart
        ? { start: proposedStart, end: text(proposed!.end), duration: text(proposed!.duration) }
        : undefined,
    });
  }

  record.steps = readSteps(release.steps, 'release.steps', problems);

  if (release.rollback !== undefined && release.rollback !== null) {
    if (!isObject(release.rollback)) {
      problems.push('release.rollback must be a map; it was ignored');
    } else {
      const r = release.rollback;
      record.rollback = {
        decidedBy: text(r['decided-by']),
        at: text(r.at),
        reason: text(r.reason),
        triggerMet: typeof r['trigger-met'] === 'boolean' ? r['trigger-met'] : undefined,
        steps: readSteps(r.steps, 'release.rollback.steps', problems),
      };
    }
  }

  for (const [i, entry] of list(release.verification).entries()) {
    const result = isObject(entry) ? oneOf(entry.result, VERIFICATION_RESULTS) : undefined;
    const id = isObject(entry) ? text(entry.id) : undefined;
    const check = isObject(entry) ? text(entry.check) : undefined;
    if (!result || !isObject(entry) || (!id && !check)) {
      problems.push(`release.verification entry ${i + 1} needs an id (or check) and a result (pass, fail or skipped)`);
      continue;
    }
    record.verification.push({
      id,
      check: id ? undefined : check,
      result,
      by: text(entry.by),
      at: text(entry.at),
      note: text(entry.note),
    });
  }

  const outcome = runbook.outcome.fields;
  if (runbook.outcome.section && (outcome.size || runbook.outcome.section.node)) {
    record.outcome = {
      result: oneOf(outcome.get('result')?.text, OUTCOME_RESULTS),
      started: outcome.get('started')?.text,
      finished: outcome.get('finished')?.text,
      notes: outcome.get('notes')?.text,
    };
  }
  return record;
}

function readSteps(value: unknown, where: string, problems: string[]): StepEntry[] {
  const out: StepEntry[] = [];
  for (const [i, entry] of list(value).entries()) {
    const id = isObject(entry) ? text(entry.id) : undefined;
    const status = isObject(entry) ? oneOf(entry.status, STEP_STATUSES) : undefined;
    if (!id || !status || !isObject(entry)) {
      problems.push(`${where} entry ${i + 1} needs an id and a status (started, done, failed or skipped)`);
      continue;
    }
    out.push({
      id,
      status,
      by: text(entry.by),
      started: text(entry.started),
      finished: text(entry.finished),
      finishedBy: text(entry['finished-by']),
      note: text(entry.note),
      outsideWindow: text(entry['outside-window']),
      windowOverride: text(entry['window-override']),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

type Plain = null | string | number | boolean | Plain[] | { [key: string]: Plain };

/** The section as plain values; an alias bomb or a broken node reads as nothing. */
function toPlain(node: Node | null): Plain | undefined {
  if (!node) return undefined;
  if (!isMap(node) && !isSeq(node)) return undefined;
  try {
    return node.toJSON() as Plain;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, Plain> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  const t = String(value).trim();
  return t ? t : undefined;
}

function oneOf<T extends string>(value: unknown, values: readonly T[]): T | undefined {
  const t = text(value);
  return t && (values as readonly string[]).includes(t) ? (t as T) : undefined;
}
