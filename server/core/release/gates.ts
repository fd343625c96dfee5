// The go/no-go gates, each judged with the evidence it was judged on. The review panel shows
// them; a decision writes them into the record as they stood. A failing gate may be waived by
// the decision maker (it is recorded as `waived`, with its evidence): GO needs every gate to pass
// or be waived, NO-GO is always possible.
import type { RunbookDiagnostic } from '../diagnostics';
import { GATES } from '../dsl-schema';
import type { RunbookModel } from '../model';
import { isTrue } from '../model';
import { accessPeriod, fieldText } from '../change-request/access-request';
import { approvalText, ChangeStatusInput, isApproved } from '../../../protocol/change-status';
import { formatInstant } from '../time';
import { coversEnvironment, WorkspaceIndex } from '../workspace-index';
import { GATE_IDS, GateId, GateResult, readReleaseRecord, ReleaseRecord } from './release-record';
import { localTime, shortDuration } from './release-time';

/** What is known of a change request on GitHub: the one status model. */
export type { ChangeStatusInput } from '../../../protocol/change-status';

export interface GateInputs {
  index: WorkspaceIndex;
  runbook: RunbookModel;
  /** The runbook's diagnostics (lintFile), with the user's severity overrides. */
  diagnostics: RunbookDiagnostic[];
  record?: ReleaseRecord;
  /** The change request's status; undefined when not known. */
  change?: ChangeStatusInput;
  /** Why the status is not known (no sign-in, GitHub unreachable), when it is not. */
  changeUnknownReason?: string;
  /** What is known of the access requests' issues (any tickets; those of the runbook's `access` are read). */
  access?: ChangeStatusInput[];
  /** Preconditions ticked on the change request's task list, by id. */
  issueTasks?: Map<string, boolean>;
  /** The moment judged (epoch ms); the clock's now when omitted. */
  now?: number;
}

export interface GateEvaluation {
  id: GateId;
  title: string;
  state: 'pass' | 'fail';
  /** One line: what the gate was judged on. */
  evidence: string;
  /** Further lines for the panel (each precondition, each dependency, each error). */
  details: string[];
}

export function evaluateGates(inputs: GateInputs): GateEvaluation[] {
  const record = inputs.record ?? readReleaseRecord(inputs.runbook);
  const judge: Record<GateId, () => Omit<GateEvaluation, 'id' | 'title'>> = {
    'no-errors': () => noErrors(inputs),
    preconditions: () => preconditions(inputs, record),
    'rollback-plan': () => rollbackPlanGate(inputs.runbook),
    'cab-approval': () => cabApproval(inputs),
    'no-freeze': () => noFreeze(inputs),
    dependencies: () => dependencies(inputs),
    'owner-on-call': () => ownerOnCall(inputs.runbook),
    notified: () => notified(inputs, record),
    window: () => windowValid(inputs),
    'no-clash': () => noClash(inputs),
    access: () => accessGranted(inputs).verdict,
  };
  return GATE_IDS.map((id) => ({ id, title: GATES[id], ...judge[id]() }));
}

/** GO is possible when every gate passes or is waived. */
export function canGo(gates: GateEvaluation[], waived: Iterable<GateId>): boolean {
  const w = new Set(waived);
  return gates.every((g) => g.state === 'pass' || w.has(g.id));
}

/** The gates as the record keeps them: failing gates the decision maker waived become `waived`. */
export function gatesForRecord(gates: GateEvaluation[], waived: Iterable<GateId>): Record<GateId, GateResult> {
  const w = new Set(waived);
  const out = {} as Record<GateId, GateResult>;
  for (const gate of gates)
    out[gate.id] = { state: gate.state === 'fail' && w.has(gate.id) ? 'waived' : gate.state, evidence: gate.evidence };
  return out;
}

// ---------------------------------------------------------------------------------------------

type Verdict = Omit<GateEvaluation, 'id' | 'title'>;

const pass = (evidence: string, details: string[] = []): Verdict => ({ state: 'pass', evidence, details });
const fail = (evidence: string, details: string[] = []): Verdict => ({ state: 'fail', evidence, details });

function noErrors({ diagnostics }: GateInputs): Verdict {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const also = warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : '';
  const lines = errors.map((d) => `line ${d.range.start.line + 1}: ${d.code} ${d.message}`);
  if (!errors.length) return pass(`No errors in the runbook${also}`);
  return fail(
    `${errors.length} error${errors.length === 1 ? '' : 's'} in the runbook${also}: ${lines[0]}${errors.length > 1 ? ', …' : ''}`,
    lines,
  );
}

function preconditions({ runbook, issueTasks, index }: GateInputs, record: ReleaseRecord): Verdict {
  const items = runbook.preconditions;
  if (!items.length) return pass('No preconditions to confirm');
  const zone = index.zoneFor(runbook);
  const confirmed = new Map(record.preconditions.map((c) => [c.id, c]));
  const ticket = runbook.change.ticket?.text.trim();
  const details: string[] = [];
  const open: string[] = [];
  for (const item of items) {
    const id = item.id?.text;
    const check = item.fields.get('check')?.text ?? '';
    if (!id) {
      open.push('a precondition without an id');
      details.push(`(no id) ${check}: cannot be confirmed without an id`);
      continue;
    }
    const mine = confirmed.get(id);
    if (mine) details.push(`${id}: confirmed by ${mine.by ?? 'someone'} at ${localTime(mine.at, zone)}`);
    else if (issueTasks?.get(id)) details.push(`${id}: ticked on ${ticket ?? 'the change request'}`);
    else {
      open.push(id);
      details.push(`${id}: not confirmed: ${check}`);
    }
  }
  if (open.length) return fail(`${open.length} of ${items.length} not confirmed: ${open.join(', ')}`, details);
  return pass(`All ${items.length} confirmed`, details);
}

function rollbackPlanGate(runbook: RunbookModel): Verdict {
  const trigger = runbook.rollback.trigger?.text.trim();
  const rollbackIds = new Set(runbook.rollback.steps.map((s) => s.id?.text).filter(Boolean));
  const problems: string[] = [];
  const covered: string[] = [];
  const irreversible: string[] = [];
  if (!trigger) problems.push('rollback.trigger is missing');
  for (const step of runbook.steps) {
    const id = step.id?.text ?? `step ${step.index + 1}`;
    const target = step.rollback?.text.trim();
    if (target) {
      if (rollbackIds.has(target)) covered.push(`${id} → ${target}`);
      else problems.push(`${id} names rollback step "${target}", which does not exist`);
    } else if (isTrue(step.irreversible)) irreversible.push(id);
    else if (step.run) problems.push(`${id} has no rollback step and is not marked irreversible`);
  }
  const details = [
    ...(trigger ? [`Trigger: ${trigger}`] : []),
    ...covered.map((c) => `Undone by: ${c}`),
    ...irreversible.map((i) => `${i}: irreversible`),
    ...problems,
  ];
  if (problems.length) return fail(problems.join('; '), details);
  const what = covered.length
    ? `${covered.length} step${covered.length === 1 ? '' : 's'} with a rollback step`
    : 'no step needs a rollback step';
  return pass(
    `Trigger: ${trigger}; ${what}${irreversible.length ? `; irreversible: ${irreversible.join(', ')}` : ''}`,
    details,
  );
}

function cabApproval({ index, runbook, change, changeUnknownReason }: GateInputs): Verdict {
  const type = runbook.change.type?.text.trim();
  if (type === 'standard') return pass('Standard change: pre-approved, no board decision needed');
  const ticket = runbook.change.ticket?.text.trim();
  if (!ticket) return fail('No change request filed yet (change.ticket is empty): submit it and ask the board');
  if (!change)
    return fail(
      `The status of ${ticket} is not known${changeUnknownReason ? ` (${changeUnknownReason})` : ''}: refresh the change status`,
    );
  const closed =
    change.state === 'closed'
      ? `; the issue is closed${change.stateReason === 'not_planned' ? ' as not planned' : ''}`
      : '';
  if (change.verdict && change.cab !== 'rejected') {
    // The board configured in the calendar: who approved, and whether a material change withdrew it.
    const said = `${change.ticket}: ${approvalText(change, index.zoneFor(runbook))}${closed}`;
    return isApproved(change) ? pass(said) : fail(said);
  }
  if (change.cab === 'approved')
    return pass(`${change.ticket} carries ${change.cabLabel ?? 'the approval label'}${closed}`);
  if (change.cab === 'rejected')
    return fail(`The board rejected ${change.ticket} (${change.cabLabel ?? 'rejection label'})${closed}`);
  return fail(`The board has not decided on ${change.ticket} (no approval label)${closed}`);
}

function noFreeze({ index, runbook }: GateInputs): Verdict {
  const window = index.windowOf(runbook);
  if (!window) return fail('The window cannot be read, so freezes cannot be checked');
  const environment = runbook.fields.get('environment')?.text;
  const hits: string[] = [];
  for (const freeze of index.calendar().freezes) {
    if (!coversEnvironment(freeze, environment)) continue;
    for (const occurrence of freeze.occurrences(window)) {
      if (occurrence.start < window.end && occurrence.end > window.start) {
        hits.push(
          `${freeze.id} (${freeze.title}, ${formatInstant(occurrence.start, freeze.zone)} to ${formatInstant(occurrence.end, freeze.zone)})`,
        );
      }
    }
  }
  const span = `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}`;
  if (!hits.length) return pass(`No freeze covers ${environment ?? 'the environment'} from ${span}`);
  const emergency = runbook.change.type?.text.trim() === 'emergency' && !!runbook.change.justification?.text.trim();
  const note = emergency ? '; a justified emergency change: the decision maker may waive this' : '';
  return fail(`The window overlaps ${hits.join(', ')}${note}`, hits);
}

function dependencies({ index, runbook }: GateInputs): Verdict {
  if (!runbook.dependsOn.length) return pass('No dependencies');
  const details: string[] = [];
  const open: string[] = [];
  for (const dep of runbook.dependsOn) {
    const other = index.runbook(dep.text);
    const result = other?.outcome.fields.get('result')?.text.trim();
    if (result === 'success') {
      details.push(`${dep.text}: finished, success`);
      continue;
    }
    const line = !other
      ? `${dep.text}: not in the workspace`
      : result
        ? `${dep.text}: ended ${result}`
        : `${dep.text}: not finished (no outcome recorded)`;
    details.push(line);
    open.push(line);
  }
  if (open.length) return fail(`Not finished successfully: ${open.join('; ')}`, details);
  return pass(
    `All ${runbook.dependsOn.length} finished successfully: ${runbook.dependsOn.map((d) => d.text).join(', ')}`,
    details,
  );
}

function ownerOnCall(runbook: RunbookModel): Verdict {
  const owner = runbook.fields.get('owner')?.text.trim();
  const onCall = runbook.fields.get('on-call')?.text.trim();
  if (owner && onCall) return pass(`Owner ${owner}, on-call ${onCall}`);
  const missing = [!owner && 'owner', !onCall && 'on-call'].filter(Boolean).join(' and ');
  return fail(`No ${missing} named`);
}

/** The channels the `scheduled` moment was sent to (the latest record of each channel says sent), and the last send's time. */
function scheduledAnnouncement(record: ReleaseRecord): { channels: string[]; at?: string } | undefined {
  const latest = new Map<string, ReleaseRecord['announcements'][number]>();
  for (const a of record.announcements) if (a.moment === 'scheduled') latest.set(a.channel, a);
  const sent = [...latest.values()].filter((a) => a.result === 'sent');
  if (!sent.length) return undefined;
  return {
    channels: sent.map((a) => a.channel),
    at: sent
      .map((a) => a.at)
      .filter((t): t is string => !!t)
      .sort()
      .pop(),
  };
}

function notified({ runbook, index }: GateInputs, record: ReleaseRecord): Verdict {
  const wanted = runbook.notify.map((n) => n.trim()).filter(Boolean);
  if (!wanted.length) return pass('Nobody to notify (notify is empty)');
  const ack = record.notified;
  const told = new Set(ack?.channels ?? []);
  const missing = wanted.filter((w) => !told.has(w));
  // `runbook announce --moment scheduled` telling the calendar's channels is notification too.
  const announced = scheduledAnnouncement(record);
  if (announced && (!ack || missing.length))
    return pass(
      `Announced as scheduled to ${announced.channels.join(', ')} at ${localTime(announced.at, index.zoneFor(runbook))} (release.announcements)`,
    );
  if (!ack) return fail(`Not acknowledged yet: ${wanted.join(', ')}`);
  if (missing.length)
    return fail(
      `Not acknowledged: ${missing.join(', ')} (added to notify after ${ack.by ?? 'someone'} confirmed the others)`,
    );
  return pass(
    `${ack.by ?? 'Someone'} confirmed at ${localTime(ack.at, index.zoneFor(runbook))} that ${wanted.join(', ')} ${wanted.length === 1 ? 'was' : 'were'} told`,
  );
}

/** The window must still be ahead or open, be readable and in order, and fit a maintenance window where one is required. */
function windowValid({ index, runbook, diagnostics, now = Date.now() }: GateInputs): Verdict {
  const window = index.windowOf(runbook);
  if (!window || window.end <= window.start)
    return fail('The window cannot be read or ends before it starts: fix window.start and window.end');
  const invalid = diagnostics.filter((d) => d.severity === 'error' && (d.code === 'RB007' || d.code === 'RB019'));
  const lines = invalid.map((d) => `${d.code} ${d.message}`);
  const span = `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}`;
  if (now >= window.end)
    return fail(
      `The window ${span} is over (closed ${shortDuration(now - window.end)} ago): move it, or record a NO-GO with a proposed window`,
      lines,
    );
  if (invalid.length) return fail(`The window ${span} is not valid: ${lines.join('; ')}`, lines);
  const when =
    now >= window.start
      ? `is open now, ${shortDuration(window.end - now)} left`
      : `opens in ${shortDuration(window.start - now)}`;
  return pass(`The window ${span} ${when}`);
}

/** A clash with another change to the same service fails until the decision maker waives it. */
function noClash({ diagnostics }: GateInputs): Verdict {
  const clashes = diagnostics.filter((d) => d.code === 'RB014');
  if (!clashes.length) return pass('No other change to the same service and environment overlaps the window');
  const lines = clashes.map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
  return fail(
    `${clashes.length === 1 ? 'A clash' : `${clashes.length} clashes`} with the same service: ${clashes[0].message}${clashes.length > 1 ? ', …' : ''}; move the window or waive this gate`,
    lines,
  );
}

/**
 * The access the runbook asks for (`access`) is granted: each request filed and carrying the
 * approval label (read as for the change request), and each one for the runbook's environment
 * holding the whole window. A runbook that asks for no access passes. `runbook gate`'s `access`
 * check asks the same (server/core/gate/access-check.ts); `unknownOnly` tells it that every
 * request not granted failed only because its status could not be read.
 */
export function accessGranted({
  index,
  runbook,
  access,
  changeUnknownReason,
}: Pick<GateInputs, 'index' | 'runbook' | 'access' | 'changeUnknownReason'>): {
  verdict: Verdict;
  unknownOnly: boolean;
} {
  const requests = runbook.access;
  if (!requests.length) return { verdict: pass('The runbook asks for no access'), unknownOnly: false };
  const window = index.windowOf(runbook);
  const environment = runbook.fields.get('environment')?.text.trim();
  const statuses = new Map((access ?? []).map((s) => [s.ticket.trim().toLowerCase(), s]));
  const details: string[] = [];
  const open: string[] = [];
  let unknownOnly = true;
  for (const item of requests) {
    const who = fieldText(item, 'who') ?? 'someone';
    const name = `${item.id?.text ?? '?'} (${who} on ${fieldText(item, 'environment') ?? '?'})`;
    const ticket = fieldText(item, 'ticket');
    const period = accessPeriod(index, runbook, item);
    const status = ticket ? statuses.get(ticket.toLowerCase()) : undefined;
    let problem: string | undefined;
    let unknown = false;
    if (!period) problem = 'from or until cannot be read';
    else if (!ticket) problem = 'not filed yet (no ticket)';
    else if (!status) {
      problem = `the status of ${ticket} is not known${changeUnknownReason ? ` (${changeUnknownReason})` : ''}`;
      unknown = true;
    } else if (status.state === 'closed' && status.stateReason === 'not_planned') problem = `${ticket} was withdrawn`;
    else if (status.cab === 'rejected') problem = `${ticket} was refused`;
    else if (status.cab !== 'approved') problem = `${ticket} is not approved yet`;
    else if (
      window &&
      fieldText(item, 'environment') === environment &&
      (period.start > window.start || period.end < window.end)
    ) {
      problem = `granted ${formatInstant(period.start, period.zone)} to ${formatInstant(period.end, period.zone)}, which does not hold the window`;
    }
    if (problem) {
      open.push(`${name}: ${problem}`);
      details.push(`${name}: ${problem}`);
      if (!unknown) unknownOnly = false;
    } else details.push(`${name}: granted, ${ticket} carries ${status?.cabLabel ?? 'the approval label'}`);
  }
  if (open.length)
    return {
      verdict: fail(
        `${open.length} of ${requests.length} access request${requests.length === 1 ? '' : 's'} not granted: ${open[0]}${open.length > 1 ? ', …' : ''}`,
        details,
      ),
      unknownOnly,
    };
  return {
    verdict: pass(
      `All ${requests.length} access request${requests.length === 1 ? '' : 's'} granted for the window`,
      details,
    ),
    unknownOnly: false,
  };
}
