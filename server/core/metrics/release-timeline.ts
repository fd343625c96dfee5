// The release as it happened, in order of time: every entry of the release record (the `notify`
// acknowledgement, confirmed preconditions, go/no-go decisions, each step's start and end, the
// rollback decision and its steps, verification) and the outcome. The retrospective starts from it.
import { GATES } from '../dsl-schema';
import type { RunbookModel } from '../model';
import { GATE_IDS, readReleaseRecord, ReleaseRecord, StepEntry } from '../release/release-record';
import { releaseState, TrackedStep } from '../release/release-state';
import { parseInstant } from '../time';

export type TimelineKind =
  'notified' | 'precondition' | 'decision' | 'step' | 'rollback' | 'rollback-step' | 'verification' | 'outcome';

export interface TimelineEntry {
  /** Epoch ms; undefined when the record has no readable time (then it keeps its place in the record). */
  at?: number;
  /** The time as written, when it could not be read. */
  atText?: string;
  who?: string;
  kind: TimelineKind;
  /** Plain text (runbook text unescaped; renderers escape it). */
  what: string;
  /** Something went wrong here: a failed step or check, a NO-GO, a rollback. */
  problem?: boolean;
}

export interface StepTiming {
  id: string;
  title: string;
  rollback: boolean;
  owner?: string;
  status: string;
  attempts: number;
  tookMs?: number;
  timeoutMs?: number;
  note?: string;
}

export interface ReleaseTimeline {
  entries: TimelineEntry[];
  steps: StepTiming[];
  record: ReleaseRecord;
  /** Everybody who appears in the record, in order of first appearance. */
  people: string[];
}

export function releaseTimeline(runbook: RunbookModel, zone: string): ReleaseTimeline {
  const record = readReleaseRecord(runbook);
  const state = releaseState(runbook, zone, record);
  const entries: TimelineEntry[] = [];
  const time = (text: string | undefined) => {
    if (!text) return {};
    const parsed = parseInstant(text, zone);
    return parsed.ok ? { at: parsed.value.toMillis() } : { atText: text };
  };
  const checkText = new Map(
    runbook.preconditions.map((p) => [p.id?.text ?? '', p.fields.get('check')?.text ?? p.id?.text ?? '']),
  );

  if (record.notified) {
    const channels = record.notified.channels.length ? record.notified.channels.join(', ') : 'the notify list';
    entries.push({
      ...time(record.notified.at),
      who: record.notified.by,
      kind: 'notified',
      what: `Confirmed that ${channels} were told about the change`,
    });
  }
  for (const c of record.preconditions) {
    entries.push({
      ...time(c.at),
      who: c.by,
      kind: 'precondition',
      what: `Precondition confirmed: ${checkText.get(c.id) || c.id}`,
    });
  }
  for (const d of record.decisions) {
    const waived = GATE_IDS.filter((g) => d.gates[g]?.state === 'waived').map((g) => GATES[g]);
    const failing = GATE_IDS.filter((g) => d.gates[g]?.state === 'fail').map((g) => GATES[g]);
    let what = `${d.decision === 'go' ? 'GO' : 'NO-GO'}${d.reason ? `: ${d.reason}` : ''}`;
    if (waived.length) what += ` (waived: ${waived.join('; ')})`;
    if (d.decision === 'no-go' && failing.length) what += ` (failing: ${failing.join('; ')})`;
    if (d.proposedWindow) what += ` (proposed window from ${d.proposedWindow.start})`;
    entries.push({ ...time(d.at), who: d.by, kind: 'decision', what, problem: d.decision === 'no-go' });
  }
  const titles = new Map<string, string>(
    [...state.steps, ...(state.rollback?.steps ?? [])].map((s) => [s.id, s.title]),
  );
  const stepEntries = (list: StepEntry[], kind: 'step' | 'rollback-step') => {
    const noun = kind === 'step' ? 'step' : 'rollback step';
    for (const e of list) {
      const title = titles.get(e.id) ?? e.id;
      const note = e.note ? `: ${e.note}` : '';
      if (e.status === 'skipped') {
        entries.push({
          ...time(e.finished ?? e.started),
          who: e.finishedBy ?? e.by,
          kind,
          what: `Skipped ${noun} "${title}"${note}`,
        });
        continue;
      }
      entries.push({ ...time(e.started), who: e.by, kind, what: `Started ${noun} "${title}"` });
      if (e.status === 'done')
        entries.push({
          ...time(e.finished),
          who: e.finishedBy ?? e.by,
          kind,
          what: `Done: ${noun} "${title}"${tookText(e, zone)}${note}`,
        });
      if (e.status === 'failed')
        entries.push({
          ...time(e.finished),
          who: e.finishedBy ?? e.by,
          kind,
          what: `Failed: ${noun} "${title}"${tookText(e, zone)}${note}`,
          problem: true,
        });
    }
  };
  stepEntries(record.steps, 'step');
  if (record.rollback) {
    const r = record.rollback;
    const trigger =
      r.triggerMet === true
        ? ' (the rollback trigger was met)'
        : r.triggerMet === false
          ? ' (for another reason than the rollback trigger)'
          : '';
    entries.push({
      ...time(r.at),
      who: r.decidedBy,
      kind: 'rollback',
      what: `Rollback decided${r.reason ? `: ${r.reason}` : ''}${trigger}`,
      problem: true,
    });
    stepEntries(r.steps, 'rollback-step');
  }
  for (const v of record.verification) {
    const check = v.id
      ? (runbook.verification.find((c) => c.id?.text === v.id)?.fields.get('check')?.text ?? v.id)
      : (v.check ?? '');
    const word = v.result === 'pass' ? 'passed' : v.result === 'fail' ? 'failed' : 'skipped';
    entries.push({
      ...time(v.at),
      who: v.by,
      kind: 'verification',
      what: `Verification ${word}: ${check}${v.note ? `: ${v.note}` : ''}`,
      problem: v.result === 'fail',
    });
  }
  const outcome = record.outcome;
  if (outcome?.result) {
    const words = {
      success: 'succeeded',
      'rolled-back': 'was rolled back',
      failed: 'failed',
      cancelled: 'was cancelled',
    }[outcome.result];
    if (!record.steps.length && outcome.started)
      entries.push({ ...time(outcome.started), kind: 'outcome', what: 'Work started' });
    entries.push({
      ...time(outcome.finished),
      kind: 'outcome',
      what: `Release finished: it ${words}`,
      problem: outcome.result !== 'success',
    });
  }

  return {
    entries: inTimeOrder(entries),
    steps: stepTimings(state.steps, false, zone).concat(stepTimings(state.rollback?.steps ?? [], true, zone)),
    record,
    people: peopleOf(entries),
  };
}

/** Sorted by time; an entry without a readable time keeps its place after the entry before it. */
function inTimeOrder(entries: TimelineEntry[]): TimelineEntry[] {
  let last = -Infinity;
  const keyed = entries.map((entry, index) => {
    if (entry.at !== undefined) last = entry.at;
    return { entry, key: entry.at ?? last, index };
  });
  keyed.sort((a, b) => a.key - b.key || a.index - b.index);
  return keyed.map((k) => k.entry);
}

function tookText(e: StepEntry, zone: string): string {
  const took = tookMs(e, zone);
  return took === undefined ? '' : ` (took ${minutes(took)})`;
}

function tookMs(e: StepEntry, zone: string): number | undefined {
  if (!e.started || !e.finished) return undefined;
  const s = parseInstant(e.started, zone);
  const f = parseInstant(e.finished, zone);
  return s.ok && f.ok && f.value.toMillis() >= s.value.toMillis() ? f.value.toMillis() - s.value.toMillis() : undefined;
}

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 60 ? `${m}m` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function stepTimings(steps: TrackedStep[], rollback: boolean, zone: string): StepTiming[] {
  return steps.map((s) => ({
    id: s.id,
    title: s.title,
    rollback,
    owner: s.owner,
    status: s.status,
    attempts: s.attempts.length,
    tookMs: s.latest ? tookMs(s.latest, zone) : undefined,
    timeoutMs: s.timeoutMs,
    note: s.latest?.note,
  }));
}

function peopleOf(entries: TimelineEntry[]): string[] {
  const people: string[] = [];
  for (const e of entries) if (e.who && !people.includes(e.who)) people.push(e.who);
  return people;
}
