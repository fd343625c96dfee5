// RB003: insert the missing required key, with a value to edit, at the map's own indentation.
// Naming keys (`runbook`, `id`, `name`) go first in their map; the others after its last line.
import { isPair, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { DateTime } from 'luxon';
import type { ObjectName } from '../../dsl-schema';
import { idItemsOf } from '../../model';
import { pairKey } from '../../source-file';
import { walkSchema } from '../../schema-walk';
import { parseInstant, parseDuration } from '../../time';
import { idFromUri } from '../completion';
import type { QuickFix, TextEdit } from '../editor-types';
import { fileSkeleton } from '../item-snippets';
import { formatInstantLike } from '../instant-notation';
import { dashColumnUnder, FixContext, insertAfter, keyColumn, lastLine, sameRange, uniqueId } from './fix-context';
import { tightRange } from '../node-ranges';

const NAMING_KEYS = new Set(['runbook', 'calendar', 'id', 'name']);
const ID_PREFIX: Partial<Record<ObjectName, string>> = {
  step: 'step',
  'rollback-step': 'rollback',
  precondition: 'precondition',
  'verification-check': 'check',
  freeze: 'freeze',
  maintenance: 'maintenance',
  environment: 'environment',
};

export function insertRequiredKey(ctx: FixContext): QuickFix | undefined {
  const empty = ctx.diagnostic.data?.empty;
  if (typeof empty === 'string') return fillEmptyValue(ctx, empty);
  const missing = ctx.diagnostic.data?.missing;
  if (Array.isArray(missing)) return emptyFileSkeleton(ctx);
  if (typeof missing !== 'string') return undefined;
  const object =
    typeof ctx.diagnostic.data?.object === 'string' ? (ctx.diagnostic.data.object as ObjectName) : undefined;
  const edit = emptySectionEdit(ctx, missing, object) ?? mapEdit(ctx, missing, object);
  if (!edit) return undefined;
  const key = missing === 'end' && object === 'window' ? 'duration' : missing;
  return {
    title: `Add missing "${key}"`,
    edit: { changes: { [ctx.uri]: [edit] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

/** `title:` with nothing after it: a value after the colon, or the block under the key. */
function fillEmptyValue(ctx: FixContext, key: string): QuickFix | undefined {
  let found: { pair: Pair; object: ObjectName; map: YAMLMap } | undefined;
  walkSchema(ctx.file.source, {
    object(map, object) {
      if (found) return;
      for (const item of map.items) {
        if (!isPair(item) || pairKey(item as Pair) !== key) continue;
        const keyNode = (item as Pair).key as Node | null;
        const range = keyNode?.range ? tightRange(ctx.file.source, keyNode.range[0], keyNode.range[1]) : undefined;
        if (range && sameRange(range, ctx.diagnostic.range)) found = { pair: item as Pair, object, map };
      }
    },
  });
  if (!found) return undefined;
  const keyNode = found.pair.key as Node;
  const at = ctx.file.source.lineCounter.linePos(keyNode.range![0]);
  const line = at.line - 1;
  const keyCol = at.col - 1;
  const lines = valueLines(ctx, found.object, found.map, key);
  let edit: TextEdit;
  if (lines.length === 1) {
    const text = ctx.lines[line] ?? '';
    const colon = text.indexOf(':', ctx.file.source.lineCounter.linePos(keyNode.range![1]).col - 1);
    if (colon < 0) return undefined;
    const value = lines[0].slice(lines[0].indexOf(':') + 1).trim();
    const position = { line, character: colon + 1 };
    edit = { range: { start: position, end: position }, newText: ` ${value}` };
  } else {
    // A block: its lines go under the key, one level deeper than `lines` already are.
    edit = insertAfter(ctx, line, keyCol, lines.slice(1));
  }
  return {
    title: `Fill in "${key}"`,
    edit: { changes: { [ctx.uri]: [edit] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

function emptyFileSkeleton(ctx: FixContext): QuickFix {
  const kind = ctx.file.kind;
  const skeleton = fileSkeleton(kind, ctx.style.unit, idFromUri(ctx.uri) || `new-${kind}`);
  // The snippet's placeholders become their default text.
  const text = skeleton.text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1');
  const last = ctx.lines.length - 1;
  const at = { line: last, character: ctx.lines[last].length };
  const lead = ctx.lines.some((l) => l.trim() !== '') ? '\n' : '';
  return {
    title: `Write a ${kind} skeleton`,
    edit: { changes: { [ctx.uri]: [{ range: { start: at, end: at }, newText: lead + text }] } },
    diagnostics: [ctx.diagnostic],
  };
}

/** `window:` or `steps:` with nothing under it: the diagnostic sits on that key. */
function emptySectionEdit(ctx: FixContext, missing: string, object: ObjectName | undefined): TextEdit | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook') return undefined;
  const unit = ctx.style.unit;
  if (
    object === 'window' &&
    model.window.section &&
    !model.window.section.node &&
    sameRange(model.window.section.keyRange, ctx.diagnostic.range)
  ) {
    const col = model.window.section.keyRange.start.character + unit;
    return insertAfter(ctx, model.window.section.keyRange.start.line, col, [
      `start: ${defaultStart(ctx)}`,
      'duration: 1h',
    ]);
  }
  const steps = model.sections.get('steps');
  if (missing === 'steps' && object === 'runbook' && steps && sameRange(steps.keyRange, ctx.diagnostic.range)) {
    const dash = dashColumnUnder(ctx, steps.keyRange.start.character);
    const line = steps.node?.range
      ? ctx.file.source.lineCounter.linePos(steps.node.range[0]).line - 1
      : steps.keyRange.start.line;
    // `steps: []` keeps its brackets out of the way: replace the empty list.
    if (steps.node?.range && line === steps.keyRange.start.line) {
      const start = ctx.file.source.lineCounter.linePos(steps.node.range[0]);
      const end = ctx.file.source.lineCounter.linePos(steps.node.range[1]);
      return {
        range: {
          start: { line: start.line - 1, character: start.col - 1 },
          end: { line: end.line - 1, character: end.col - 1 },
        },
        newText: `\n${' '.repeat(dash)}- id: step-1\n${' '.repeat(dash)}  title: First step`,
      };
    }
    return insertAfter(ctx, steps.keyRange.start.line, dash, ['- id: step-1', '  title: First step']);
  }
  return undefined;
}

function mapEdit(ctx: FixContext, missing: string, object: ObjectName | undefined): TextEdit | undefined {
  let target: { map: YAMLMap; object: ObjectName } | undefined;
  walkSchema(ctx.file.source, {
    object(map, obj, anchor) {
      if (target || !sameRange(anchor(), ctx.diagnostic.range)) return;
      if (object && obj !== object) return;
      if (keysOf(map).has(missing)) return;
      target = { map, object: obj };
    },
  });
  if (!target) return undefined;
  const col = keyColumn(ctx, target.map);
  const end = lastLine(ctx, target.map);
  if (col === undefined || end === undefined) return undefined;
  const lines = valueLines(ctx, target.object, target.map, missing);
  if (NAMING_KEYS.has(missing)) {
    const first = target.map.items.find((p) => isPair(p)) as Pair | undefined;
    const key = first?.key as Node | undefined;
    if (key?.range) {
      const at = ctx.file.source.lineCounter.linePos(key.range[0]);
      const position = { line: at.line - 1, character: at.col - 1 };
      return {
        range: { start: position, end: position },
        newText: lines.map((l) => `${l}\n${' '.repeat(col)}`).join(''),
      };
    }
  }
  // A top-level key goes right after the file's id line (`runbook: ...`), where a reader looks for it.
  if ((target.object === 'runbook' || target.object === 'calendar') && target.map === ctx.file.source.doc.contents) {
    const first = target.map.items.find((p) => isPair(p)) as Pair | undefined;
    const value = first?.value as Node | null | undefined;
    const key = first?.key as Node | undefined;
    if (key?.range && (!value || !value.range || isScalar(value))) {
      const keyLine = ctx.file.source.lineCounter.linePos(key.range[0]).line - 1;
      const valueEnd = value?.range ? ctx.file.source.lineCounter.linePos(value.range[1]).line - 1 : keyLine;
      if (valueEnd === keyLine) return insertAfter(ctx, keyLine, col, lines);
    }
  }
  return insertAfter(ctx, end, col, lines);
}

function keysOf(map: YAMLMap): Set<string> {
  const keys = new Set<string>();
  for (const item of map.items) if (isPair(item)) keys.add(pairKey(item as Pair) ?? '');
  return keys;
}

/** The missing key with a value that reads well and passes the rules where possible. */
function valueLines(ctx: FixContext, object: ObjectName, map: YAMLMap, missing: string): string[] {
  const unit = ctx.style.unit;
  const model = ctx.file.model;
  switch (missing) {
    case 'runbook':
      return [`runbook: ${idFromUri(ctx.uri) || 'new-runbook'}`];
    case 'title':
      return [
        `title: ${humanize(model.kind === 'runbook' ? (model.id?.text ?? idFromUri(ctx.uri)) : idFromUri(ctx.uri))}`,
      ];
    case 'environment': {
      const names = [...ctx.index.calendar().environments.keys()];
      return [`environment: ${names.includes('production') ? 'production' : (names[0] ?? 'production')}`];
    }
    case 'window':
      return ['window:', `${' '.repeat(unit)}start: ${defaultStart(ctx)}`, `${' '.repeat(unit)}duration: 1h`];
    case 'steps': {
      const dash = ctx.style.indentedSequences ? unit : 0;
      return ['steps:', `${' '.repeat(dash)}- id: step-1`, `${' '.repeat(dash)}  title: First step`];
    }
    case 'id': {
      const taken = new Set<string>();
      const ids =
        model.kind === 'runbook'
          ? idItemsOf(model).map(({ item }) => item.id)
          : [...model.freezes, ...model.maintenance, ...model.bookings].map((p) => p.id);
      for (const id of ids) if (id) taken.add(id.text);
      const prefix = ID_PREFIX[object] ?? 'item';
      let n = 1;
      while (taken.has(`${prefix}-${n}`)) n++;
      return [`id: ${uniqueId(taken, `${prefix}-${n}`)}`];
    }
    case 'name':
      return ['name: environment'];
    case 'check':
      return ['check: Describe what to check'];
    case 'result':
      return ['result: success'];
    case 'start':
      return [`start: ${startBefore(ctx, map) ?? defaultStart(ctx)}`];
    case 'end':
      return [`duration: ${object === 'freeze' ? '1d' : object === 'maintenance' ? '4h' : '1h'}`];
    case 'start-time':
      return ['start-time: "02:00"'];
    case 'duration':
      return [`duration: ${object === 'freeze' ? '1d' : object === 'maintenance' ? '4h' : '1h'}`];
    default:
      return [`${missing}: `];
  }
}

/** For a window with `end` but no `start`: one hour before the end, in the end's notation. */
function startBefore(ctx: FixContext, map: YAMLMap): string | undefined {
  const endPair = map.items.find((p) => isPair(p) && pairKey(p as Pair) === 'end') as Pair | undefined;
  const durationPair = map.items.find((p) => isPair(p) && pairKey(p as Pair) === 'duration') as Pair | undefined;
  const model = ctx.file.model;
  const zone = model.kind === 'runbook' ? ctx.index.zoneFor(model) : ctx.index.calendar().zone;
  const endText = endPair && String((endPair.value as { value?: unknown } | null)?.value ?? '');
  if (!endText) return undefined;
  const end = parseInstant(endText, zone);
  if (!end.ok) return undefined;
  const duration = durationPair
    ? parseDuration(String((durationPair.value as { value?: unknown } | null)?.value ?? ''))
    : undefined;
  return formatInstantLike(endText, end.value.toMillis() - (duration?.ok ? duration.value : 3_600_000), zone);
}

/** Tomorrow 22:00 in the runbook's zone: a placeholder the user will edit. */
function defaultStart(ctx: FixContext): string {
  const model = ctx.file.model;
  const zone = model.kind === 'runbook' ? ctx.index.zoneFor(model) : ctx.index.calendar().zone;
  return DateTime.now()
    .setZone(zone)
    .plus({ days: 1 })
    .set({ hour: 22, minute: 0, second: 0, millisecond: 0 })
    .toFormat("yyyy-MM-dd'T'HH:mm");
}

function humanize(id: string): string {
  const words = id.replace(/-/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'New runbook';
}
