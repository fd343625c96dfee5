// Completion: the keys that belong where the cursor is (never one already there), enum values,
// rollback step ids, runbook ids, environment names, time zones, and snippets for whole entries.
import { DSL, FieldSpec, ObjectName } from '../dsl-schema';
import type { RunbookModel } from '../model';
import type { FileKind } from '../source-file';
import type { Position } from '../text-range';
import { formatInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import { cursorContext, ItemContext, KeyContext, ValueContext } from './cursor-context';
import { CompletionItem, CompletionKind, InsertTextFormat, InsertTextMode, MarkupContent } from './editor-types';
import { fieldDetail, fieldMarkdown } from './field-docs';
import { bookingLines } from './hover';
import { fileSkeleton, itemSnippets } from './item-snippets';
import { inFormat } from './plain-text';
import { detectIndentStyle, IndentStyle, spaces } from './yaml-lines';

/** VS Code's command that opens the suggestions again: after `environment: ` the names follow. */
const SUGGEST_AGAIN = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

export interface CompletionOptions {
  /** Attach SUGGEST_AGAIN to keys whose values can be suggested (only for clients that know the command). */
  retrigger?: boolean;
  /** The client expands snippets (`completionItem.snippetSupport`); default true. */
  snippets?: boolean;
  /** The client renders Markdown documentation (`completionItem.documentationFormat`); default true. */
  markdown?: boolean;
}

export function completions(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
  options: CompletionOptions = {},
): CompletionItem[] {
  const file = index.get(uri);
  const source = file?.source.text;
  if (source === undefined || !file) return [];
  const snippets = options.snippets !== false;
  const context = cursorContext(source, file.kind, position);
  let items: CompletionItem[];
  switch (context.kind) {
    case 'key':
      items = keyCompletions(context, file.kind, uri, !!options.retrigger, snippets);
      break;
    case 'item':
      items = itemCompletions(index, uri, context);
      break;
    case 'value':
      items = valueCompletions(index, uri, context);
      break;
    default:
      return [];
  }
  return items.map((item) => forClient(item, snippets, options.markdown !== false));
}

/** An item as the client can take it: snippets as the plain text they expand to, docs as plain text. */
function forClient(item: CompletionItem, snippets: boolean, markdown: boolean): CompletionItem {
  let out = item;
  if (!snippets && item.insertTextFormat === InsertTextFormat.Snippet && item.textEdit) {
    out = {
      ...out,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { ...item.textEdit, newText: snippetAsText(item.textEdit.newText) },
    };
  }
  if (!markdown && item.documentation) out = { ...out, documentation: inFormat(item.documentation, false) };
  return out;
}

/**
 * What a snippet expands to without tab stops: placeholders keep their default text (a choice
 * its first option), bare tab stops vanish, escapes are undone.
 */
export function snippetAsText(snippet: string): string {
  let out = '';
  let i = 0;
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    const bare = c === '$' ? /^\$\d+/.exec(snippet.slice(i, i + 12)) : null;
    if (bare) {
      i += bare[0].length;
      continue;
    }
    const opened = c === '$' ? /^\$\{\d+([:|}])/.exec(snippet.slice(i, i + 12)) : null;
    if (!opened) {
      out += c;
      i++;
      continue;
    }
    // `${n}`, `${n:placeholder}` (which may nest), `${n|first,second|}`.
    const bodyStart = i + opened[0].length;
    const close = closingBrace(snippet, opened[1] === '}' ? bodyStart - 1 : bodyStart);
    const body = opened[1] === '}' ? '' : snippet.slice(bodyStart, close);
    if (opened[1] === ':') out += snippetAsText(body);
    else if (opened[1] === '|') out += (/^((?:\\.|[^\\,|])*)/.exec(body)?.[1] ?? '').replace(/\\(.)/g, '$1');
    i = close + 1;
  }
  return out;
}

/** Index of the `}` that closes the tab stop whose body starts at `from` (nested ones counted, escapes skipped). */
function closingBrace(snippet: string, from: number): number {
  let depth = 0;
  for (let i = from; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\') i++;
    else if (c === '$' && snippet[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return snippet.length;
}

function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

/** Keys that exclude each other: offering one when the other is there would only earn an error. */
function excludedByPresent(object: ObjectName, present: Set<string>): Set<string> {
  const out = new Set<string>();
  if (object === 'window') {
    if (present.has('end')) out.add('duration');
    if (present.has('duration')) out.add('end');
  }
  if (object === 'freeze' || object === 'maintenance' || object === 'booking') {
    if (present.has('rrule') || present.has('start-time')) ['start', 'end'].forEach((k) => out.add(k));
    if (present.has('start') || present.has('end')) ['rrule', 'start-time', 'from', 'until'].forEach((k) => out.add(k));
    if (present.has('end')) out.add('duration');
    if (present.has('duration') && !present.has('rrule') && !present.has('start-time')) out.add('end');
  }
  if (object === 'step' && present.has('irreversible')) out.add('rollback');
  if (object === 'step' && present.has('rollback')) out.add('irreversible');
  return out;
}

function keyCompletions(
  context: KeyContext,
  kind: FileKind,
  uri: string,
  retrigger: boolean,
  snippets: boolean,
): CompletionItem[] {
  const style = detectIndentStyle(context.lines);
  const fields = DSL[context.object].fields;
  const excluded = excludedByPresent(context.object, context.existingKeys);
  const items: CompletionItem[] = [];
  let order = 0;
  for (const [key, field] of Object.entries(fields)) {
    order++;
    if (context.existingKeys.has(key) || excluded.has(key)) continue;
    // Without snippets: one line, `key: ` or `key:` (a client without snippets may not insert line breaks well, and has no cursor to place).
    const insert = context.hasColon
      ? key
      : snippets
        ? keyInsertText(key, field, context.keyCol, style)
        : field.type.kind === 'scalar'
          ? `${key}: `
          : `${key}:`;
    items.push({
      label: key,
      kind: field.type.kind === 'scalar' ? CompletionKind.Property : CompletionKind.Module,
      detail: fieldDetail(field),
      documentation: markdown(fieldMarkdown(key, field, context.object)),
      sortText: `${field.required ? '0' : '1'}${String(order).padStart(2, '0')}`,
      filterText: key,
      insertTextFormat: context.hasColon ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: context.replace, newText: insert },
      ...(retrigger && !context.hasColon && offersValues(field) && !hasChoices(field)
        ? { command: SUGGEST_AGAIN }
        : {}),
    });
  }
  if (context.startsItem && context.listField) {
    for (const snippet of itemSnippets(context.listField.object, context.listField.key)) {
      items.push(snippetItem(snippet.label, snippet.detail, snippet.lines, context.keyCol, context.replace, ''));
    }
  }
  if (
    context.path.length === 0 &&
    context.existingKeys.size === 0 &&
    context.lines.every((l, i) => i === context.line || l.trim() === '' || l.trim().startsWith('#'))
  ) {
    const skeleton = fileSkeleton(kind === 'calendar' ? 'calendar' : 'runbook', style.unit, idFromUri(uri));
    items.push({
      label: skeleton.label,
      kind: CompletionKind.Snippet,
      detail: skeleton.detail,
      documentation: markdown('```yaml\n' + snippetAsText(skeleton.text) + '\n```'),
      sortText: '00',
      filterText: kind,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range: context.replace, newText: skeleton.text },
    });
  }
  return items;
}

function hasChoices(field: FieldSpec): boolean {
  return field.type.kind === 'scalar' && (field.type.format === 'enum' || field.type.format === 'boolean');
}

function offersValues(field: FieldSpec): boolean {
  const t = field.type.kind === 'list' ? field.type.item : field.type;
  return (
    !!field.references ||
    (t.kind === 'scalar' && (t.format === 'timezone' || t.format === 'enum' || t.format === 'boolean'))
  );
}

/** `key: ` with a placeholder, or `key:` and the nested block's first line at the right depth. */
function keyInsertText(key: string, field: FieldSpec, keyCol: number, style: IndentStyle): string {
  const type = field.type;
  if (type.kind === 'object') return `${key}:\n${spaces(keyCol + style.unit)}$0`;
  if (type.kind === 'list') {
    const dashCol = style.indentedSequences ? keyCol + style.unit : keyCol;
    if (
      type.item.kind === 'scalar' &&
      (field.references || type.item.format === 'handle' || type.item.format === 'string')
    ) {
      return field.references ? `${key}:\n${spaces(dashCol)}- $0` : `${key}: [$0]`;
    }
    return `${key}:\n${spaces(dashCol)}- $0`;
  }
  if (type.format === 'enum') return `${key}: \${1|${(type.values ?? []).join(',')}|}`;
  if (type.format === 'boolean') return `${key}: \${1|true,false|}`;
  if (type.format === 'handle') return `${key}: "@$1"`;
  if (type.format === 'time-of-day') return `${key}: "$1"`;
  return `${key}: $0`;
}

function snippetItem(
  label: string,
  detail: string,
  lines: string[],
  keyCol: number,
  range: KeyContext['replace'],
  lead: string,
): CompletionItem {
  const text = lead + lines.map((line, i) => (i === 0 ? line : spaces(keyCol) + line)).join('\n');
  return {
    label,
    kind: CompletionKind.Snippet,
    detail,
    documentation: markdown('```yaml\n' + snippetAsText(lines.join('\n')) + '\n```'),
    sortText: `0${label}`,
    filterText: lines[0].split(':')[0],
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: text },
  };
}

function itemCompletions(index: WorkspaceIndex, uri: string, context: ItemContext): CompletionItem[] {
  const type = context.field.type;
  if (type.kind !== 'list') return [];
  if (type.item.kind === 'object') {
    const snippets = itemSnippets(context.object, context.key);
    const items = snippets.map((s) => snippetItem(s.label, s.detail, s.lines, context.col + 2, context.replace, '- '));
    if (items.length === 0) {
      const fields = DSL[type.item.object].fields;
      const first = Object.keys(fields).find((k) => fields[k].required) ?? Object.keys(fields)[0];
      items.push(
        snippetItem(
          `${type.item.object.replace(/-/g, ' ')} entry`,
          `A new entry of ${context.key}`,
          [`${first}: $1`],
          context.col + 2,
          context.replace,
          '- ',
        ),
      );
    }
    return items;
  }
  // A list of scalars: the same candidates as an entry, with the dash.
  const values = scalarCandidates(index, uri, context.object, context.key, context.field, listSiblingsOf(context));
  return values.map((v) => ({
    ...v,
    textEdit: { range: context.replace, newText: `- ${v.textEdit!.newText}` },
    filterText: v.label,
  }));
}

function listSiblingsOf(context: ItemContext): string[] {
  const out: string[] = [];
  for (let j = context.line + 1; j < context.lines.length; j++) {
    const m = /^\s*-\s+(.*)$/.exec(context.lines[j]);
    if (!m) break;
    out.push(m[1].trim());
  }
  for (let j = context.line - 1; j >= 0; j--) {
    const m = /^\s*-\s+(.*)$/.exec(context.lines[j]);
    if (!m) break;
    out.push(m[1].trim());
  }
  return out;
}

function valueCompletions(index: WorkspaceIndex, uri: string, context: ValueContext): CompletionItem[] {
  const items = scalarCandidates(index, uri, context.object, context.key, context.field, context.siblings);
  return items.map((item) => {
    let newText = item.textEdit!.newText;
    if (context.quoted) newText = item.label;
    else if (context.listEntry === 'bare') newText = `[${newText}]`;
    return { ...item, textEdit: { range: context.replace, newText } };
  });
}

/** What may stand in a scalar value (or a list's entry) of `object.key`. */
function scalarCandidates(
  index: WorkspaceIndex,
  uri: string,
  object: ObjectName,
  key: string,
  field: FieldSpec,
  siblings: string[],
): CompletionItem[] {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const item = (
    label: string,
    kind: NonNullable<CompletionItem['kind']>,
    detail?: string,
    doc?: string,
    sort?: string,
  ): CompletionItem => ({
    label,
    kind,
    ...(detail ? { detail } : {}),
    ...(doc ? { documentation: markdown(doc) } : {}),
    ...(sort ? { sortText: sort } : {}),
    textEdit: { range: zero, newText: label },
  });
  const type = field.type.kind === 'list' ? field.type.item : field.type;
  const taken = new Set(siblings);
  const model = index.get(uri)?.model;

  if (field.references === 'rollback-step' && model?.kind === 'runbook') {
    return model.rollback.steps
      .filter((s) => s.id)
      .map((s) =>
        item(
          s.id!.text,
          CompletionKind.Reference,
          s.title?.text ?? 'rollback step',
          rollbackDoc(s.title?.text, s.run?.text),
        ),
      );
  }
  if (field.references === 'runbook') {
    const own = model?.kind === 'runbook' ? model.id?.text : undefined;
    const out: CompletionItem[] = [];
    for (const [id, runbooks] of index.runbookIds()) {
      if (id === own || taken.has(id)) continue;
      const rb = runbooks[0];
      out.push(item(id, CompletionKind.Reference, rb.fields.get('title')?.text, runbookDoc(index, rb)));
    }
    return out;
  }
  if (field.references === 'environment') {
    const calendar = index.calendar();
    const names = calendar.definesEnvironments
      ? [...calendar.environments.keys()]
      : [
          ...new Set(
            index
              .runbooks()
              .map((r) => r.fields.get('environment')?.text)
              .filter((e): e is string => !!e),
          ),
        ];
    return names
      .filter((n) => !taken.has(n))
      .map((name) => {
        const def = calendar.environments.get(name)?.[0];
        const flags = def
          ? [
              def.production || index.isProduction(name) ? 'production' : '',
              def.maintenanceOnly ? 'maintenance-only' : '',
            ]
              .filter(Boolean)
              .join(', ')
          : '';
        // Who has it booked (during this runbook's window, in a runbook), before it is chosen.
        const bookings = model ? bookingLines(index, model, name) : [];
        const booked = bookings.some((l) => l.startsWith('- Booked by'));
        const detail = `environment${flags ? ` (${flags})` : ''}${booked ? ', booked during this window' : ''}`;
        return item(name, CompletionKind.EnumMember, detail, bookings.length ? bookings.join('\n') : undefined);
      });
  }
  if (type.kind === 'scalar' && type.format === 'enum') {
    return (type.values ?? []).map((v, i) =>
      item(v, CompletionKind.EnumMember, key, field.doc, String(i).padStart(2, '0')),
    );
  }
  if (type.kind === 'scalar' && type.format === 'boolean') {
    return ['true', 'false'].map((v) => item(v, CompletionKind.Constant, key, field.doc));
  }
  if (type.kind === 'scalar' && type.format === 'timezone') {
    const calendarZone = index.calendar().zone;
    return timeZones().map((zone) =>
      item(
        zone,
        CompletionKind.Value,
        zone === calendarZone ? "the calendar's zone" : undefined,
        undefined,
        zone === calendarZone ? '0' : `1${zone}`,
      ),
    );
  }
  if (object === 'runbook' && key === 'runbook' && model?.kind === 'runbook') {
    const suggestion = idFromUri(uri);
    return suggestion ? [item(suggestion, CompletionKind.Value, 'from the file name')] : [];
  }
  return [];
}

function rollbackDoc(title: string | undefined, run: string | undefined): string {
  return [title ? `**${title}**` : '', run ? `\`\`\`sh\n${run}\n\`\`\`` : ''].filter(Boolean).join('\n\n');
}

function runbookDoc(index: WorkspaceIndex, rb: RunbookModel): string {
  const window = index.windowOf(rb);
  const lines = [`**${rb.fields.get('title')?.text ?? rb.id?.text ?? ''}**`];
  if (window)
    lines.push(`Window: ${formatInstant(window.start, window.zone)} → ${formatInstant(window.end, window.zone)}`);
  const env = rb.fields.get('environment')?.text;
  if (env) lines.push(`Environment: ${env}`);
  return lines.join('\n\n');
}

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??=
    typeof Intl.supportedValuesOf === 'function'
      ? [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter((z, i, a) => a.indexOf(z) === i)
      : ['UTC'];
  return zones;
}

/** `payments-api-2-14` from `.../payments-api-2-14.runbook.yaml`, cleaned to the id pattern. */
export function idFromUri(uri: string): string {
  const name = decodeURIComponent(uri.split(/[?#]/)[0]).split('/').pop() ?? '';
  return name
    .replace(/\.(runbook|calendar)\.ya?ml$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
