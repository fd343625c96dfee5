// Hover: the Markdown doc of every key; for a reference, what it points to (a runbook's window,
// owner and ticket; a rollback step's title and command; an environment's flags); on an instant,
// the instant in UTC and in the calendar's zone and the freezes and maintenance windows it meets.
import { DSL, ObjectName } from '../dsl-schema';
import type { CalendarModel, RunbookModel } from '../model';
import { codeBlock, codeSpan, inlineText, visibleControls } from '../change-request/markdown-text';
import { nodeRange } from '../source-file';
import type { Position } from '../text-range';
import { formatDuration, formatInstant, isValidTimeZone, parseDuration, parseInstant } from '../time';
import { coversEnvironment, WorkspaceIndex } from '../workspace-index';
import { astAt } from './ast-path';
import { resolvePath } from './cursor-context';
import type { Hover } from './editor-types';
import { fieldMarkdown } from './field-docs';
import { inFormat } from './plain-text';
import { symbolAt } from './symbols';
import { offsetOf } from './yaml-lines';

export interface HoverOptions {
  /** The client renders Markdown (`hover.contentFormat` lists it); default true. Otherwise plain text. */
  markdown?: boolean;
}

export function hover(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
  options: HoverOptions = {},
): Hover | undefined {
  const result = markdownHover(index, uri, position);
  return result && { ...result, contents: inFormat(result.contents, options.markdown !== false) };
}

function markdownHover(index: WorkspaceIndex, uri: string, position: Position): Hover | undefined {
  const file = index.get(uri);
  if (!file) return undefined;
  const offset = offsetOf(file.source.text, position);
  const hit = astAt(file.source, offset);
  if (hit.kind === 'key') {
    const resolved = resolvePath(file.kind, hit.path);
    if (!resolved || resolved.type.kind !== 'object') return undefined;
    const object = resolved.type.object;
    const field = DSL[object].fields[hit.key];
    const range = nodeRange(file.source, hit.node);
    if (!field)
      return {
        contents: {
          kind: 'markdown',
          value: `Unknown key **${plain(hit.key)}** in ${object.replace(/-/g, ' ')}. Known keys: ${Object.keys(
            DSL[object].fields,
          )
            .map((k) => `\`${k}\``)
            .join(', ')}`,
        },
        range,
      };
    return { contents: { kind: 'markdown', value: fieldMarkdown(hit.key, field, object) }, range };
  }
  if (hit.kind !== 'value') return undefined;
  const resolved = resolvePath(file.kind, hit.path);
  const owner = resolved?.owner;
  if (!owner) return undefined;
  const range = nodeRange(file.source, hit.node);
  const text = hit.node.value === null || hit.node.value === undefined ? '' : String(hit.node.value);
  const sections: string[] = [];
  const model = file.model;

  const symbol = symbolAt(index, uri, position);
  if (symbol && symbol.role === 'reference') {
    const target = referenceSummary(index, model, symbol.kind, symbol.name);
    if (target) sections.push(target);
  } else if (symbol && symbol.kind === 'runbook' && model.kind === 'runbook') {
    sections.push(runbookSummary(index, model));
    const dependents = index.dependentsOf(symbol.name).map((r) => code(r.id?.text ?? '?'));
    if (dependents.length) sections.push(`Needed by ${dependents.join(', ')}`);
  } else if (symbol && symbol.kind === 'local-id' && model.kind === 'runbook') {
    const users = model.steps
      .filter((s) => s.rollback?.text === symbol.name)
      .map((s) => code(s.id?.text ?? String(s.index + 1)));
    if (users.length) sections.push(`Rolls back ${users.join(', ')}`);
  }

  const format = owner.field.type.kind === 'scalar' ? owner.field.type.format : undefined;
  if (format === 'instant' && text) {
    const instant = instantSummary(index, model, owner.object, owner.key, text);
    if (instant) sections.push(instant);
  } else if (format === 'duration' && owner.object === 'window' && model.kind === 'runbook') {
    const window = index.windowOf(model);
    if (window) sections.push(`Ends ${formatInstant(window.end, window.zone)} (${formatInstant(window.end, 'UTC')})`);
  } else if (format === 'duration' && text) {
    const d = parseDuration(text);
    if (d.ok) sections.push(`= ${formatDuration(d.value)}`);
  }
  sections.push(fieldMarkdown(owner.key, owner.field, owner.object));
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range };
}

function referenceSummary(
  index: WorkspaceIndex,
  model: RunbookModel | CalendarModel,
  kind: string,
  name: string,
): string | undefined {
  if (kind === 'runbook') {
    const target = index.runbook(name);
    return target ? runbookSummary(index, target) : `No runbook ${code(name)} in the workspace`;
  }
  if (kind === 'local-id' && model.kind === 'runbook') {
    const step = model.rollback.steps.find((s) => s.id?.text === name);
    if (!step) return `No rollback step ${code(name)} under rollback.steps`;
    const lines = [`**Rollback step ${code(name)}**${step.title ? `: ${plain(step.title.text)}` : ''}`];
    if (step.run)
      lines.push(
        codeBlock(visibleControls(step.run.text))
          .join('\n')
          .replace(/^(`{3,})/, '$1sh'),
      );
    if (step.timeout) lines.push(`Timeout: ${plain(step.timeout.text)}`);
    return lines.join('\n\n');
  }
  if (kind === 'environment') {
    const calendar = index.calendar();
    const defs = calendar.environments.get(name);
    if (!defs)
      return calendar.definesEnvironments ? `Environment ${code(name)} is not defined by the calendar` : undefined;
    const flags = [
      index.isProduction(name) ? 'production' : 'not production',
      defs[0].maintenanceOnly ? 'changes only inside a maintenance window' : '',
    ].filter(Boolean);
    return [`**Environment ${code(name)}** — ${flags.join('; ')}`, ...bookingLines(index, model, name)].join('\n');
  }
  return undefined;
}

/**
 * The bookings of an environment: in a runbook, those meeting its window (who booked it, for
 * what, whom to ask); in a calendar, every booking of it (at most five named).
 */
export function bookingLines(
  index: WorkspaceIndex,
  model: RunbookModel | CalendarModel,
  environment: string,
): string[] {
  const bookings = index.calendar().bookings.filter((b) => b.environments?.[0] === environment);
  if (bookings.length === 0) return [];
  const window = model.kind === 'runbook' ? index.windowOf(model) : undefined;
  const lines: string[] = [];
  for (const booking of bookings) {
    const f = (key: string) => booking.entry.fields.get(key)?.text.trim() || undefined;
    const who = `**${plain(f('team') ?? '?')}**${f('purpose') ? ` for ${plain(f('purpose')!)}` : ''}${f('exclusive') === 'true' ? ' (exclusive)' : ''}${f('contact') ? `; ask ${plain(f('contact')!)}` : ''}`;
    if (window) {
      for (const o of booking.occurrences(window))
        lines.push(
          `- Booked by ${who}: ${formatInstant(o.start, booking.zone)} → ${formatInstant(o.end, booking.zone)}`,
        );
    } else if (booking.recurrence) {
      lines.push(
        `- ${code(booking.id)} booked by ${who}: repeats ${code(f('rrule') ?? '')} at ${plain(f('start-time') ?? '?')} for ${plain(f('duration') ?? '?')}`,
      );
    } else {
      const o = booking.occurrences({ start: -8.64e15, end: 8.64e15 })[0];
      if (o)
        lines.push(
          `- ${code(booking.id)} booked by ${who}: ${formatInstant(o.start, booking.zone)} → ${formatInstant(o.end, booking.zone)}`,
        );
    }
  }
  if (window && lines.length === 0) return ['- Not booked by anyone during this window'];
  return lines.length > 5 ? [...lines.slice(0, 5), `- and ${lines.length - 5} more bookings`] : lines;
}

/** Title, window, environment, owner, ticket of a runbook. */
function runbookSummary(index: WorkspaceIndex, runbook: RunbookModel): string {
  const f = runbook.fields;
  const lines = [`**${plain(runbook.id?.text ?? '?')}**${f.get('title') ? ` — ${plain(f.get('title')!.text)}` : ''}`];
  const window = index.windowOf(runbook);
  if (window) {
    lines.push(
      `- Window: ${formatInstant(window.start, window.zone)} → ${formatInstant(window.end, window.zone)} (${formatDuration(window.end - window.start)})`,
    );
  }
  const env = f.get('environment')?.text;
  if (env) lines.push(`- Environment: ${plain(env)}`);
  const owner = f.get('owner')?.text;
  if (owner)
    lines.push(`- Owner: ${plain(owner)}${f.get('on-call') ? `, on call: ${plain(f.get('on-call')!.text)}` : ''}`);
  const ticket = runbook.change.ticket?.text;
  lines.push(`- Ticket: ${ticket ? plain(ticket) : 'not submitted yet'}`);
  return lines.join('\n');
}

function instantSummary(
  index: WorkspaceIndex,
  model: RunbookModel | CalendarModel,
  object: ObjectName,
  key: string,
  text: string,
): string | undefined {
  const calendar = index.calendar();
  let zone = calendar.zone;
  if (model.kind === 'runbook') zone = index.zoneFor(model);
  else if (model.timezone && isValidTimeZone(model.timezone.text)) zone = model.timezone.text;
  const parsed = parseInstant(text, zone);
  if (!parsed.ok) return plain(parsed.error);
  const ms = parsed.value.toMillis();
  const lines = [
    `- UTC: ${formatInstant(ms, 'UTC')}`,
    `- Calendar (${calendar.zone}): ${formatInstant(ms, calendar.zone)}`,
  ];
  if (zone !== calendar.zone) lines.push(`- Runbook zone: ${formatInstant(ms, zone)}`);
  if (model.kind === 'runbook' && object === 'window') {
    const environment = model.fields.get('environment')?.text;
    // `start` meets what contains it; `end` (exclusive) meets what contains the moment before it.
    const probe = key === 'end' ? { start: ms - 1, end: ms } : { start: ms, end: ms + 1 };
    for (const period of calendar.periods) {
      if (!coversEnvironment(period, environment)) continue;
      for (const occurrence of period.occurrences(probe)) {
        lines.push(
          `- Inside ${period.kind} **${plain(period.id)}** (${plain(period.title)}): ${formatInstant(occurrence.start, period.zone)} → ${formatInstant(occurrence.end, period.zone)}`,
        );
      }
    }
  }
  return lines.join('\n');
}

/** Text from a file, shown as text: Markdown and HTML escaped, control characters spelled out. */
function plain(text: string): string {
  return inlineText(visibleControls(text));
}

/** An id or name as code, whatever backticks or control characters it holds. */
function code(text: string): string {
  return codeSpan(visibleControls(text));
}
