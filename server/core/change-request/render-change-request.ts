// The change request (docs/runbook-dsl.md, "runbook submit"): the issue's title, labels and Markdown body, computed
// from the runbook and the workspace (dependencies' tickets, the calendar's time zone). The
// editor's preview, the `runbook/changeRequest` request and `runbook submit` all send this.
//
// Decisions where the spec is silent:
// - The window start in the title reads `2026-12-02 22:00 Europe/Berlin`: the runbook's zone
//   (its `timezone`, else the calendar's, else UTC), 24-hour clock, the zone's IANA name.
// - A runbook without `change.risk` or `change.type` gets no `risk:` or `type:` label (no label
//   is invented); the summary table says "not set", so the board sees what is missing.
// - Labels are at most 50 characters (GitHub's limit) and never contain a comma (GitHub's
//   label filter splits on commas); the title is at most 256 characters.
// - The body is deterministic: nothing in it depends on the clock, so re-submitting an
//   unchanged runbook sends the same text.
import { isMap, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { DateTime } from 'luxon';
import { Field, IdItem, readMap, RunbookModel, Section, StepModel, subSection } from '../model';
import { scalarText, SourceFile } from '../source-file';
import { formatDuration, formatInstant, parseInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import { CHANGE_REQUEST_LABEL } from './change-request-labels';
import type { RequestKind } from './change-request-labels';
import { markerFor } from './marker';
import { fingerprintLine, fingerprintOf, MaterialFingerprint } from './material-fingerprint';
import { codeBlock, codeSpan, collapse, indent, inlineText, isMultiline, markdownBlock } from './markdown-text';

export interface ChangeRequest {
  title: string;
  labels: string[];
  body: string;
  /** The runbook's `change.ticket` as written, or null. */
  ticket: string | null;
  /** What kind of issue this is; a change request when absent (access-request.ts files the others). */
  kind?: RequestKind;
}

export type { RequestKind } from './change-request-labels';
export { CHANGE_REQUEST_KIND } from './change-request-labels';

const MAX_TITLE = 256;
const MAX_LABEL = 50;
const NOT_SET = '_not set_';

export function renderChangeRequest(index: WorkspaceIndex, runbook: RunbookModel): ChangeRequest {
  const id = runbook.id?.text ?? '';
  return {
    title: renderTitle(index, runbook),
    labels: renderLabels(runbook),
    body: renderBody(index, runbook, id),
    ticket: runbook.change.ticket?.text.trim() || null,
  };
}

function text(field: Field | undefined): string | undefined {
  const value = field?.text.trim();
  return value ? value : undefined;
}

export function renderTitle(index: WorkspaceIndex, runbook: RunbookModel): string {
  const environment = collapse(text(runbook.fields.get('environment')) ?? 'no environment');
  const start = startText(index, runbook);
  const suffix = ` — ${start} (${environment})`;
  const prefix = '[change] ';
  let title = collapse(text(runbook.fields.get('title')) ?? runbook.id?.text ?? 'untitled runbook');
  const room = MAX_TITLE - prefix.length - suffix.length;
  if (title.length > room) title = `${title.slice(0, Math.max(1, room - 1)).trimEnd()}…`;
  return `${prefix}${title}${suffix}`;
}

/** The window start in the runbook's zone, or the start as written when it cannot be read. */
function startText(index: WorkspaceIndex, runbook: RunbookModel): string {
  const start = runbook.window.start;
  if (!start) return 'no window';
  const zone = index.zoneFor(runbook);
  const parsed = parseInstant(start.text, zone);
  return parsed.ok ? formatInstant(parsed.value.toMillis(), zone) : collapse(start.text);
}

export function renderLabels(runbook: RunbookModel): string[] {
  const labels = [CHANGE_REQUEST_LABEL];
  const environment = text(runbook.fields.get('environment'));
  const risk = text(runbook.change.risk);
  const type = text(runbook.change.type);
  if (environment) labels.push(label('env:', environment));
  if (risk) labels.push(label('risk:', risk));
  if (type) labels.push(label('type:', type));
  return labels;
}

export function label(prefix: string, value: string): string {
  return `${prefix}${collapse(value).replace(/,/g, ' ')}`.slice(0, MAX_LABEL).trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Body

function renderBody(index: WorkspaceIndex, runbook: RunbookModel, id: string): string {
  const out: string[] = [];
  out.push(
    `Change request for runbook ${id ? codeSpan(id) : 'without an id'}, filed by Release Runbooks. Edit the runbook, not this text: the next submission replaces it.`,
    '',
  );
  out.push('### Summary', '', ...summaryTable(index, runbook), '');
  const justification = text(runbook.change.justification);
  if (justification) out.push('### Justification', '', ...markdownBlock(justification), '');
  out.push('### Preconditions', '', ...checklist(runbook.preconditions, 'check', 'No preconditions.'), '');
  out.push('### Steps', '', ...steps(runbook), '');
  out.push('### Rollback plan', '', ...rollbackPlan(runbook), '');
  out.push('### Verification', '', ...checklist(runbook.verification, 'check', 'No verification checks.'), '');
  out.push(fingerprintLine(materialFingerprint(index, runbook)), markerFor(id || 'unknown'));
  return out.join('\n');
}

/** The fingerprint of what the board reads about the window, environment, risk, steps and rollback plan. */
export function materialFingerprint(index: WorkspaceIndex, runbook: RunbookModel): MaterialFingerprint {
  return fingerprintOf({
    window: windowText(index, runbook),
    environment: value(runbook.fields.get('environment')),
    risk: value(runbook.change.risk),
    steps: steps(runbook).join('\n'),
    rollback: rollbackPlan(runbook).join('\n'),
  });
}

function summaryTable(index: WorkspaceIndex, runbook: RunbookModel): string[] {
  const f = runbook.fields;
  const rows: [string, string][] = [
    ['Service', value(f.get('service'))],
    ['Version', value(f.get('version'))],
    ['Environment', value(f.get('environment'))],
    ['Window', windowText(index, runbook)],
    ['Type', value(runbook.change.type)],
    ['Risk', value(runbook.change.risk)],
    ['Owner', value(f.get('owner'))],
    ['On-call', value(f.get('on-call'))],
    ['Dependencies', dependencies(index, runbook)],
  ];
  const team = text(f.get('team'));
  if (team) rows.push(['Team', inlineText(team)]);
  const approvers = listOf(runbook.file, runbook.change.section, 'approvers');
  if (approvers.length) rows.push(['Approvers', approvers.map(inlineText).join(', ')]);
  const notify = runbook.notify.filter((n) => n.trim());
  if (notify.length) rows.push(['Notify', notify.map(inlineText).join(', ')]);
  return ['| Field | Value |', '| --- | --- |', ...rows.map(([name, cell]) => `| ${name} | ${cell} |`)];
}

function value(field: Field | undefined): string {
  const v = text(field);
  return v ? inlineText(v) : NOT_SET;
}

export function windowText(index: WorkspaceIndex, runbook: RunbookModel): string {
  const { start, end, duration } = runbook.window;
  if (!start) return NOT_SET;
  const window = index.windowOf(runbook);
  if (window) {
    const local = (ms: number) => DateTime.fromMillis(ms, { zone: window.zone }).toFormat('yyyy-MM-dd HH:mm');
    return inlineText(
      `${local(window.start)} – ${local(window.end)} ${window.zone} (${formatDuration(window.end - window.start)})`,
    );
  }
  // Unreadable values are shown as written; the linter reports them.
  const until = end ? ` – ${end.text}` : duration ? ` for ${duration.text}` : '';
  return inlineText(`${start.text}${until} (${index.zoneFor(runbook)})`);
}

function dependencies(index: WorkspaceIndex, runbook: RunbookModel): string {
  if (!runbook.dependsOn.length) return 'none';
  return runbook.dependsOn
    .map((dep) => {
      const other = index.runbook(dep.text);
      const ticket = other?.change.ticket?.text.trim();
      const note = !other ? 'not in the workspace' : ticket ? inlineText(ticket) : 'no change request yet';
      return `${codeSpan(dep.text)} (${note})`;
    })
    .join(', ');
}

function checklist(items: IdItem[], key: string, none: string): string[] {
  if (!items.length) return [`_${none}_`];
  const out: string[] = [];
  for (const item of items) {
    const what = text(item.fields.get(key)) ?? text(item.fields.get('title')) ?? 'no description';
    const idPart = item.id ? `**${inlineText(item.id.text)}**: ` : '';
    out.push(`- [ ] ${idPart}${inlineText(what)}`);
    const command = text(item.fields.get('command'));
    if (command) out.push(...indent(commandLines('Command', command), 2));
  }
  return out;
}

function steps(runbook: RunbookModel): string[] {
  if (!runbook.steps.length) return ['_No steps._'];
  const rollbackById = new Map(runbook.rollback.steps.filter((s) => s.id).map((s) => [s.id!.text, s]));
  const out: string[] = [];
  runbook.steps.forEach((step, i) => {
    const details: string[] = [];
    const rollbackId = text(step.rollback);
    if (rollbackId) {
      const target = rollbackById.get(rollbackId);
      const title = target && text(target.title);
      details.push(`- Rollback: **${inlineText(rollbackId)}**${title ? `: ${inlineText(title)}` : ''}`);
    } else if (step.irreversible && (step.irreversible.raw === true || step.irreversible.text === 'true')) {
      details.push('- Rollback: none, irreversible');
    } else {
      details.push('- Rollback: none');
    }
    out.push(...numberedStep(runbook.file, step, i + 1, details));
  });
  return trimBlank(out);
}

function rollbackPlan(runbook: RunbookModel): string[] {
  const rb = runbook.rollback;
  if (!rb.section) return ['_No rollback plan._'];
  const out = [`- **Trigger:** ${value(rb.trigger)}`, `- **Decision:** ${value(rb.decision)}`, ''];
  if (!rb.steps.length) out.push('_No rollback steps._');
  rb.steps.forEach((step, i) => out.push(...numberedStep(runbook.file, step, i + 1, [])));
  return trimBlank(out);
}

function trimBlank(lines: string[]): string[] {
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `1. **id**: title` with its details (owner, run, timeout, extra lines, verify) and description. */
function numberedStep(file: SourceFile, step: StepModel, n: number, extra: string[]): string[] {
  const marker = `${n}. `;
  const title = text(step.title);
  const head = `${marker}${step.id ? `**${inlineText(step.id.text)}**` : `Step ${n}`}${title ? `: ${inlineText(title)}` : ''}`;
  const details: string[] = [];
  const owner = text(step.owner);
  if (owner) details.push(`- Owner: ${inlineText(owner)}`);
  const run = text(step.run);
  if (run) details.push(...commandLines('Run', run));
  const timeout = text(step.timeout);
  if (timeout) details.push(`- Timeout: ${inlineText(timeout)}`);
  details.push(...extra);
  const checks = verifyChecks(file, step.node);
  if (checks.length === 1) details.push(`- Verify: ${checks[0]}`);
  else if (checks.length > 1)
    details.push(
      '- Verify:',
      ...indent(
        checks.map((c) => `- ${c}`),
        2,
      ),
    );
  const out = [head, ...indent(details, marker.length)];
  const description = text(step.fields.get('description'));
  if (description) out.push('', ...indent(markdownBlock(description), marker.length));
  out.push('');
  return out;
}

/** `- Run: `cmd`` or, for a multi-line command, a fenced block under the item. */
function commandLines(name: string, command: string): string[] {
  if (!isMultiline(command)) return [`- ${name}: ${codeSpan(command)}`];
  return [`- ${name}:`, ...indent(codeBlock(command), 2)];
}

function verifyChecks(file: SourceFile, node: YAMLMap): string[] {
  const verify = readMap(file, node).sections.get('verify');
  if (!verify || !isSeq(verify.node)) return [];
  const out: string[] = [];
  for (const item of verify.node.items) {
    if (!isMap(item)) continue;
    const { fields } = readMap(file, item as YAMLMap);
    const check = text(fields.get('check'));
    if (!check) continue;
    const command = text(fields.get('command'));
    out.push(`${inlineText(check)}${command ? ` (${codeSpan(command)})` : ''}`);
  }
  return out;
}

/** A list of scalars under a map section, e.g. `change.approvers`; a single scalar counts as one. */
function listOf(file: SourceFile, section: Section | undefined, key: string): string[] {
  if (!section) return [];
  const { fields, sections } = subSection(file, section);
  const list = sections.get(key);
  if (list && isSeq(list.node)) {
    return list.node.items.map((item) => scalarText(item)).filter((v): v is string => !!v && !!v.trim());
  }
  const single = text(fields.get(key));
  return single ? [single] : [];
}
