// Where the cursor is in the DSL, read from the text's indentation so that it works in the
// incomplete documents completion sees (`  ti`, an empty line under `steps:`), at any indentation.
import { DSL, FieldSpec, ObjectName, TypeSpec } from '../dsl-schema';
import type { FileKind } from '../source-file';
import type { Position, Range } from '../text-range';
import { isBlockScalarHeader, lineShape, LineShape, opensBlock, rangeOf, splitLines } from './yaml-lines';

/** A key of a map, or `[]` for an item of a list. */
export type PathSegment = string;

interface ContextBase {
  /** Keys and list items from the root to the cursor's container. */
  path: PathSegment[];
  lines: string[];
  line: number;
}

/** The cursor is where a key of `object` goes. */
export interface KeyContext extends ContextBase {
  kind: 'key';
  object: ObjectName;
  /** Keys already in that map (never offered again). */
  existingKeys: Set<string>;
  /** The word being typed, to replace. */
  replace: Range;
  /** Column of the map's keys (the indentation of continuation lines). */
  keyCol: number;
  /** The line already has `key:` after the cursor's word: insert the name only. */
  hasColon: boolean;
  /** The cursor line opens a new list item (`- `), so a whole-item snippet fits. */
  startsItem: boolean;
  /** The list the item belongs to, when startsItem. */
  listField?: { object: ObjectName; key: string };
}

/** The cursor is where a list item goes, without its `- ` yet. */
export interface ItemContext extends ContextBase {
  kind: 'item';
  /** The list's owner object and key. */
  object: ObjectName;
  key: string;
  field: FieldSpec;
  replace: Range;
  /** Column where `- ` goes. */
  col: number;
}

/** The cursor is in the value of `key` (or in an entry of a list value). */
export interface ValueContext extends ContextBase {
  kind: 'value';
  object: ObjectName;
  key: string;
  field: FieldSpec;
  /** The value's scalar type (the item type for lists). */
  scalar: TypeSpec & { kind: 'scalar' };
  /** Text typed so far. */
  prefix: string;
  replace: Range;
  /** Other entries of the same list (never offered again). */
  siblings: string[];
  /** Whether the value is a quoted string already. */
  quoted: boolean;
  /** For a list field: the cursor is in a flow list `[a, |]`, a block entry `- |`, or right after `key: `. */
  listEntry?: 'flow' | 'block' | 'bare';
}

export type CursorContext = KeyContext | ItemContext | ValueContext | { kind: 'none'; reason: string };

export function cursorContext(text: string, kind: FileKind, position: Position): CursorContext {
  const lines = splitLines(text);
  if (position.line >= lines.length) return { kind: 'none', reason: 'past the end' };
  const line = lines[position.line];
  const char = Math.min(position.character, line.length);
  const prefix = line.slice(0, char);
  const shape = lineShape(prefix);
  const after = line.slice(char);

  // In a comment: nothing to offer.
  const hash = prefix.search(/(^|\s)#/);
  if (hash >= 0 && !insideQuotes(prefix, hash)) return { kind: 'none', reason: 'comment' };

  const full = lineShape(line);
  const dashes = shape.dashes;
  const contentCol = shape.contentCol;
  const rest = prefix.slice(contentCol);

  const walk = walkUp(
    lines,
    position.line,
    dashes.length ? { mode: 'seq', col: dashes[0], items: dashes.length } : { mode: 'map', col: contentCol, items: 0 },
  );
  if (walk.kind === 'none') return walk;
  const resolved = resolvePath(kind, walk.path);
  if (!resolved) return { kind: 'none', reason: 'unknown place' };

  // `key: value|` on this line: a value context.
  if (shape.key !== undefined && shape.valueCol !== undefined && /:\s/.test(prefix.slice(contentCol))) {
    const type = resolved.type;
    if (type.kind !== 'object') return { kind: 'none', reason: 'value of a non-map' };
    const field = DSL[type.object].fields[shape.key];
    if (!field) return { kind: 'none', reason: 'unknown key' };
    return valueContext(
      lines,
      position.line,
      char,
      type.object,
      shape.key,
      field,
      walk.path,
      shape.valueCol,
      prefix,
      after,
    );
  }

  const word = /^[\w-]*$/.test(rest);
  const type = resolved.type;
  if (type.kind === 'object') {
    if (!word) return { kind: 'none', reason: 'not a key' };
    const existing = new Set([...walk.siblings, ...siblingsBelow(lines, position.line, contentCol)]);
    const wordEnd = char + (/^[\w-]*/.exec(after)?.[0].length ?? 0);
    const hasColon = /^[\w-]*\s*:/.test(after);
    const listField = resolved.parentList;
    return {
      kind: 'key',
      path: walk.path,
      lines,
      line: position.line,
      object: type.object,
      existingKeys: existing,
      replace: rangeOf(position.line, contentCol, hasColon ? wordEnd : Math.max(wordEnd, char)),
      keyCol: contentCol,
      hasColon,
      startsItem: dashes.length > 0 && full.key === undefined && existing.size === 0,
      listField,
    };
  }
  if (type.kind === 'list' && dashes.length === 0) {
    // Under a list's key, where a `- ` item goes.
    if (!word && rest.trim() !== '') return { kind: 'none', reason: 'text where an item goes' };
    const owner = resolved.owner;
    if (!owner) return { kind: 'none', reason: 'root list' };
    const end = char + (/^[\w-]*/.exec(after)?.[0].length ?? 0);
    return {
      kind: 'item',
      path: walk.path,
      lines,
      line: position.line,
      object: owner.object,
      key: owner.key,
      field: owner.field,
      replace: rangeOf(position.line, contentCol, end),
      col: contentCol,
    };
  }
  if (type.kind === 'scalar' && dashes.length > 0 && resolved.owner) {
    // `- entry|` in a list of scalars (depends-on, environments).
    const owner = resolved.owner;
    return valueContext(
      lines,
      position.line,
      char,
      owner.object,
      owner.key,
      owner.field,
      walk.path,
      contentCol,
      prefix,
      after,
    );
  }
  return { kind: 'none', reason: 'nothing expected here' };
}

function valueContext(
  lines: string[],
  line: number,
  char: number,
  object: ObjectName,
  key: string,
  field: FieldSpec,
  path: PathSegment[],
  valueCol: number,
  prefix: string,
  after: string,
): ValueContext | { kind: 'none'; reason: string } {
  let start = valueCol;
  let typed = prefix.slice(valueCol);
  let scalar: TypeSpec = field.type;
  const siblings: string[] = [];
  let listEntry: ValueContext['listEntry'];
  if (field.type.kind === 'list') {
    scalar = field.type.item;
    if (typed.startsWith('[')) {
      listEntry = 'flow';
      // A flow list: `[production, sta|`.
      const cut = Math.max(typed.lastIndexOf('['), typed.lastIndexOf(','));
      const entries = typed
        .slice(1)
        .split(',')
        .map((s) => s.trim().replace(/^["']|["']$/g, ''));
      siblings.push(...entries.slice(0, -1).filter(Boolean));
      const restOfLine = after.split(']')[0];
      siblings.push(
        ...restOfLine
          .split(',')
          .slice(1)
          .map((s) => s.trim().replace(/^["']|["']$/g, ''))
          .filter(Boolean),
      );
      start = valueCol + cut + 1;
      typed = typed.slice(cut + 1);
      const lead = typed.length - typed.trimStart().length;
      start += lead;
      typed = typed.trimStart();
    } else if (prefix.trimStart().startsWith('-') && lineShape(prefix).contentCol === valueCol) {
      listEntry = 'block';
      siblings.push(...listSiblings(lines, line));
    } else if (typed.trim() === '') {
      listEntry = 'bare';
    } else {
      return { kind: 'none', reason: 'a list written as one value' };
    }
  }
  if (scalar.kind !== 'scalar') return { kind: 'none', reason: 'not a scalar' };
  let quoted = false;
  if (typed.startsWith('"') || typed.startsWith("'")) {
    quoted = true;
    start += 1;
    typed = typed.slice(1);
  }
  if (/^[|>]/.test(typed)) return { kind: 'none', reason: 'block scalar' };
  const tokenTail = /^[^\s,\]"'#]*/.exec(after)?.[0].length ?? 0;
  return {
    kind: 'value',
    path,
    lines,
    line,
    object,
    key,
    field,
    scalar: scalar as TypeSpec & { kind: 'scalar' },
    prefix: typed,
    replace: rangeOf(line, start, char + tokenTail),
    siblings,
    quoted,
    listEntry,
  };
}

interface Walk {
  kind: 'ok';
  path: PathSegment[];
  /** Keys above the cursor in the cursor's own map. */
  siblings: string[];
}

/**
 * Walks up from the cursor line to the root, building the path of keys and list items.
 * `mode: map` means "we are in a map whose keys sit at col"; `mode: seq` means "we are an item of a
 * list whose dashes sit at col" (`items` nested dashes on the first line).
 */
function walkUp(
  lines: string[],
  lineNo: number,
  start: { mode: 'map' | 'seq'; col: number; items: number },
): Walk | { kind: 'none'; reason: string } {
  const path: PathSegment[] = [];
  for (let i = 0; i < start.items; i++) path.unshift('[]');
  let mode = start.mode;
  let col = start.col;
  const siblings: string[] = [];
  let collecting = mode === 'map';
  const enter = (shape: LineShape) => {
    // The line opens list items: we are now an item of the outermost one.
    if (shape.dashes.length) {
      for (let i = 0; i < shape.dashes.length; i++) path.unshift('[]');
      mode = 'seq';
      col = shape.dashes[0];
    }
  };
  for (let i = lineNo - 1; i >= 0; i--) {
    const shape = lineShape(lines[i]);
    if (shape.blank) continue;
    if (mode === 'map') {
      if (shape.contentCol > col) continue;
      if (shape.contentCol === col) {
        if (collecting && shape.key !== undefined) siblings.push(shape.key);
        if (shape.dashes.length) {
          collecting = false;
          enter(shape);
        }
        continue;
      }
      // A line left of our keys: the key that holds our map.
      if (shape.key === undefined) return { kind: 'none', reason: 'inside a value' };
      if (!opensBlock(shape.value))
        return { kind: 'none', reason: isBlockScalarHeader(shape.value) ? 'block scalar' : 'inside a value' };
      collecting = false;
      path.unshift(shape.key);
      col = shape.contentCol;
      enter(shape);
    } else {
      if (shape.dashes.length && shape.dashes[0] === col) continue; // a sibling item
      if (shape.dashes.length && shape.dashes[0] > col) continue;
      if (!shape.dashes.length && shape.indent > col) continue; // inside a sibling item
      if (shape.key === undefined || shape.contentCol > col) return { kind: 'none', reason: 'list without a key' };
      if (!opensBlock(shape.value)) return { kind: 'none', reason: 'inside a value' };
      path.unshift(shape.key);
      mode = 'map';
      col = shape.contentCol;
      enter(shape);
    }
  }
  if (mode === 'seq') return { kind: 'none', reason: 'the document is a list' };
  return { kind: 'ok', path, siblings };
}

/** Keys below the cursor line in the same map. */
function siblingsBelow(lines: string[], lineNo: number, col: number): string[] {
  const keys: string[] = [];
  for (let j = lineNo + 1; j < lines.length; j++) {
    const shape = lineShape(lines[j]);
    if (shape.blank) continue;
    if (shape.dashes.length) {
      if (shape.dashes[0] < col) break;
      continue;
    }
    if (shape.contentCol > col) continue;
    if (shape.contentCol < col) break;
    if (shape.key !== undefined) keys.push(shape.key);
  }
  return keys;
}

/** The scalar entries of the block list the cursor line is in (other than the cursor's own). */
function listSiblings(lines: string[], lineNo: number): string[] {
  const here = lineShape(lines[lineNo]);
  const col = here.dashes[0];
  if (col === undefined) return [];
  const out: string[] = [];
  const take = (j: number): boolean => {
    const shape = lineShape(lines[j]);
    if (shape.blank) return true;
    if (shape.dashes[0] === col) {
      const value = lines[j]
        .slice(shape.contentCol)
        .trim()
        .replace(/^["']|["']$/g, '');
      if (value) out.push(value);
      return true;
    }
    return shape.indent > col;
  };
  for (let j = lineNo - 1; j >= 0 && take(j); j--);
  for (let j = lineNo + 1; j < lines.length && take(j); j++);
  return out;
}

interface Resolved {
  type: TypeSpec;
  /** The object and key that hold the innermost list, when the path ends in a list or its item. */
  owner?: { object: ObjectName; key: string; field: FieldSpec };
  parentList?: { object: ObjectName; key: string };
}

/** Follows the path through the DSL's shape; undefined when it leaves the DSL (an unknown key). */
export function resolvePath(kind: FileKind, path: PathSegment[]): Resolved | undefined {
  let type: TypeSpec = { kind: 'object', object: kind };
  let owner: Resolved['owner'];
  let parentList: Resolved['parentList'];
  for (const segment of path) {
    if (segment === '[]') {
      if (type.kind !== 'list') return undefined;
      type = type.item;
      if (owner) parentList = { object: owner.object, key: owner.key };
      continue;
    }
    if (type.kind !== 'object') return undefined;
    const object: ObjectName = type.object;
    const field: FieldSpec | undefined = Object.prototype.hasOwnProperty.call(DSL[object].fields, segment)
      ? DSL[object].fields[segment]
      : undefined;
    if (!field) return undefined;
    owner = { object, key: segment, field };
    parentList = undefined;
    type = field.type;
  }
  return { type, owner, parentList };
}

function insideQuotes(text: string, at: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== undefined;
}
