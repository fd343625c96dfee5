// "Book <environment> for this window": from a runbook, a booking of its environment for its
// window (a dry run on staging, say) added to the calendar file that defines the environment, so
// that other teams see it (RB038) before they plan into it. Not tied to a diagnostic.
import { isMap, isSeq } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { formatInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import type { Range } from '../text-range';
import type { WorkspaceEdit } from './editor-types';
import { tightNodeRange } from './node-ranges';
import { insertLinesAfterLine } from '../yaml-edit/text-edit';
import { detectIndentStyle, spaces, splitLines } from './yaml-lines';

export interface BookAction {
  title: string;
  edit: WorkspaceEdit;
}

export function bookEnvironment(index: WorkspaceIndex, uri: string): BookAction | undefined {
  const file = index.get(uri);
  const runbook = file?.model.kind === 'runbook' ? file.model : undefined;
  const environment = runbook?.fields.get('environment')?.text.trim();
  if (!runbook || !environment) return undefined;
  const window = index.windowOf(runbook);
  if (!window || window.end <= window.start) return undefined;
  const team = runbook.fields.get('team')?.text.trim();
  const merged = index.calendar();
  // Already booked by this team for the whole window: nothing to offer.
  const own = merged.bookings.filter(
    (b) =>
      b.environments?.[0] === environment &&
      team &&
      b.entry.fields.get('team')?.text.trim().toLowerCase() === team.toLowerCase(),
  );
  if (own.some((b) => b.occurrences(window).some((o) => o.start <= window.start && o.end >= window.end)))
    return undefined;
  const target =
    merged.environments.get(environment)?.[0]?.calendar ??
    index.calendars().sort((a, b) => (a.uri < b.uri ? -1 : 1))[0];
  const calendar = target && index.get(target.uri);
  if (!target || !calendar) return undefined;

  const lines = splitLines(calendar.source.text);
  const style = detectIndentStyle(lines);
  const taken = new Set(merged.bookings.map((b) => b.id));
  const base = `${runbook.id?.text ?? 'change'}-${environment}`.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const zone = merged.zone;
  const local = (ms: number) => formatInstant(ms, zone).replace(' ', 'T').replace(/ .*$/, '');
  const title = runbook.fields.get('title')?.text.trim();
  const owner = runbook.fields.get('owner')?.text.trim();
  const entry = [
    `- id: ${id}`,
    `  environment: ${environment}`,
    `  team: ${quoted(team ?? 'TODO: your team')}`,
    `  purpose: ${quoted(title ? `${title} (runbook ${runbook.id?.text ?? ''})`.replace(/ \(runbook \)$/, '') : `Runbook ${runbook.id?.text ?? ''}`)}`,
    ...(owner ? [`  contact: ${quoted(owner)}`] : []),
    `  start: ${local(window.start)}`,
    `  end: ${local(window.end)}`,
  ];

  const section = target.sections.get('bookings');
  const node = section?.node as Node | undefined;
  let edit: { range: Range; newText: string };
  if (section && node && isSeq(node) && node.items.length > 0) {
    // After the last booking, at its dash column.
    const last = node.items[node.items.length - 1] as Node;
    const end = tightNodeRange(calendar.source, last)?.end.line;
    const start = tightNodeRange(calendar.source, last)?.start.line;
    if (end === undefined || start === undefined) return undefined;
    const dash = lines[start].match(/^(\s*)-/)?.[1].length ?? 0;
    edit = insertLinesAfterLine(
      calendar.source.text,
      end,
      entry.map((l) => spaces(dash) + l),
    );
  } else if (section) {
    return undefined; // `bookings:` written some other way (empty, flow style): the user's to shape
  } else {
    const root = target.root as YAMLMap | undefined;
    if (!root || !isMap(root)) return undefined;
    let lastLine = lines.length - 1;
    while (lastLine > 0 && lines[lastLine].trim() === '') lastLine--;
    const dash = style.indentedSequences ? style.unit : 0;
    edit = insertLinesAfterLine(calendar.source.text, lastLine, [
      '',
      'bookings:',
      ...entry.map((l) => spaces(dash) + l),
    ]);
  }
  return {
    title: `Book ${environment} for this window (${target.uri.split('/').pop()})`,
    edit: { changes: { [target.uri]: [edit] } },
  };
}

/** A YAML plain scalar when safe, else double-quoted. */
function quoted(text: string): string {
  return /^[A-Za-z0-9][\w .,()/-]*$/.test(text) && !/:\s|\s#/.test(text) ? text : JSON.stringify(text);
}
