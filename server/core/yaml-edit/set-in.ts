// Careful text edits of a YAML file: set a value or append a list item at a path, touching
// nothing else. Comments, quoting, key order, blank lines and line ends stay as the author wrote
// them; new lines follow the file's own indentation. Every edit is checked by parsing the result
// again: an edit that would not read back as intended is refused, never written.
import { isMap, isPair, isScalar, isSeq, parse, parseDocument, Scalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { applyEdit, columnOf, OffsetEdit, insertLinesAfter, lineEnding, lineOf, lineStarts } from './text-edit';
import { findPair, firstError, indentUnit, keyStart } from './yaml-nodes';

export type YamlScalar = string | number | boolean | null;
export type YamlValue = YamlScalar | YamlValue[] | YamlObject;
/** A map to write; keys whose value is undefined are left out. */
export interface YamlObject {
  [key: string]: YamlValue | undefined;
}

/** A step of a path: a key of a map, or the last item of a list whose `key` is `equals`. */
export type PathSegment = string | { key: string; equals: string };

export type EditResult = { ok: true; text: string } | { ok: false; error: string };

/** Sets the value at `path`, creating the maps on the way. */
export function setIn(text: string, path: PathSegment[], value: YamlValue): EditResult {
  const ctx = context(text);
  if (!ctx.ok) return ctx;
  const result = setAt(ctx.value, ctx.value.root, path, value);
  if (!result.ok) return result;
  return verified(text, result.text, path, (found) => sameValue(found, clean(value)), `set ${describe(path)}`);
}

/** Appends an item to the list at `path`, creating the list (and the maps on the way). */
export function appendIn(text: string, path: PathSegment[], item: YamlValue): EditResult {
  const ctx = context(text);
  if (!ctx.ok) return ctx;
  const result = appendAt(ctx.value, ctx.value.root, path, item);
  if (!result.ok) return result;
  return verified(
    text,
    result.text,
    path,
    (found) => Array.isArray(found) && found.length > 0 && sameValue(found[found.length - 1], clean(item)),
    `add to ${describe(path)}`,
  );
}

/** Applies several changes in turn; the first refusal stops them all. */
export function applyAll(text: string, changes: ((text: string) => EditResult)[]): EditResult {
  let current = text;
  for (const change of changes) {
    const result = change(current);
    if (!result.ok) return result;
    current = result.text;
  }
  return { ok: true, text: current };
}

/** A scalar as YAML writes it on one line: plain when that reads back the same, else double-quoted. */
export function scalarText(value: YamlScalar): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plainSafe =
    value.length > 0 &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|: |\s#|:$|\s$/.test(value) &&
    safeParse(value) === value;
  return plainSafe ? value : JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  text: string;
  doc: Document.Parsed;
  root: YAMLMap;
  lineStarts: number[];
  eol: string;
  /** Spaces per nesting level of maps. */
  unit: number;
  /** Spaces from a key to the dash of its list items (0 for `key:\n- item`). */
  seqIndent: number;
  /** Spaces from a dash to its item's first key (2 for `- id: a`, 4 for `-   id: a`). */
  itemIndent: number;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const PARSE_OPTIONS = { uniqueKeys: true, strict: false, keepSourceTokens: false } as const;

function context(text: string): Result<Ctx> {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length) {
    const line = lineOf(lineStarts(text), doc.errors[0].pos[0]) + 1;
    return {
      ok: false,
      error: `the file has a YAML error on line ${line} (${firstError(doc.errors)}); fix it first, then record again`,
    };
  }
  const root = doc.contents;
  if (!isMap(root) || root.flow)
    return { ok: false, error: 'the file is not a block map of runbook keys, so nothing was written' };
  const starts = lineStarts(text);
  const ctx: Ctx = {
    text,
    doc,
    root: root as YAMLMap,
    lineStarts: starts,
    eol: lineEnding(text),
    unit: indentUnit(root as YAMLMap, starts),
    seqIndent: 2,
    itemIndent: 2,
  };
  ctx.seqIndent = seqIndent(ctx);
  ctx.itemIndent = itemIndent(ctx);
  return { ok: true, value: ctx };
}

function setAt(ctx: Ctx, map: YAMLMap, path: PathSegment[], value: YamlValue): EditResult {
  const [head, ...rest] = path;
  if (typeof head !== 'string') return { ok: false, error: `cannot select a list item in a map at ${describe(path)}` };
  const pair = findPair(map, head);
  if (!pair) {
    const built = buildNested(rest, value);
    if (!built.ok) return built;
    return insertPair(ctx, map, head, built.value);
  }
  if (rest.length === 0) return replaceValue(ctx, pair, value);
  const child = pair.value as Node | null;
  if (isEmpty(child)) {
    const built = buildNested(rest, value);
    if (!built.ok) return built;
    return replaceValue(ctx, pair, built.value);
  }
  const next = descend(ctx, child, rest, head);
  if (!next.ok) return next;
  if (next.value.flow) return rewriteFlow(ctx, pair, (current) => withSet(current, rest, value));
  return setAt(ctx, next.value.map, next.value.rest, value);
}

function appendAt(ctx: Ctx, map: YAMLMap, path: PathSegment[], item: YamlValue): EditResult {
  const [head, ...rest] = path;
  if (typeof head !== 'string') return { ok: false, error: `cannot select a list item in a map at ${describe(path)}` };
  const pair = findPair(map, head);
  if (!pair) {
    const built = buildNested(rest, [item]);
    if (!built.ok) return built;
    return insertPair(ctx, map, head, built.value);
  }
  const child = pair.value as Node | null;
  if (rest.length === 0) {
    if (isEmpty(child)) return replaceValue(ctx, pair, [item]);
    if (!isSeq(child))
      return {
        ok: false,
        error: `"${head}" on line ${lineOf(ctx.lineStarts, keyStart(pair)) + 1} is not a list, so nothing was added to it`,
      };
    if (child.flow) return replaceValue(ctx, pair, [...(child.toJSON() as YamlValue[]), item]);
    return insertItem(ctx, child as YAMLSeq, item);
  }
  if (isEmpty(child)) {
    const built = buildNested(rest, [item]);
    if (!built.ok) return built;
    return replaceValue(ctx, pair, built.value);
  }
  const next = descend(ctx, child, rest, head);
  if (!next.ok) return next;
  if (next.value.flow) return rewriteFlow(ctx, pair, (current) => withAppended(current, rest, item));
  return appendAt(ctx, next.value.map, next.value.rest, item);
}

/** The map that the next key is looked up in: `child` itself, or the list item a selector names. */
function descend(
  _ctx: Ctx,
  child: Node | null,
  rest: PathSegment[],
  key: string,
): Result<{ map: YAMLMap; rest: PathSegment[]; flow: boolean }> {
  const [next, ...after] = rest;
  if (typeof next === 'string') {
    if (!isMap(child))
      return {
        ok: false,
        error: `"${key}" is not a map, so "${next}" cannot be written under it; fix it by hand first`,
      };
    return { ok: true, value: { map: child as YAMLMap, rest, flow: !!child.flow } };
  }
  if (!isSeq(child))
    return { ok: false, error: `"${key}" is not a list, so its entry "${next.equals}" cannot be found` };
  if (child.flow) return { ok: true, value: { map: child as unknown as YAMLMap, rest, flow: true } };
  const items = (child as YAMLSeq).items.filter((i) => isMap(i)) as YAMLMap[];
  const found = [...items].reverse().find((m) => scalarOf(findPair(m, next.key)?.value) === next.equals);
  if (!found) return { ok: false, error: `no entry with ${next.key} "${next.equals}" under "${key}"` };
  if (found.flow)
    return {
      ok: false,
      error: `the entry "${next.equals}" under "${key}" is written in flow style ({...}); write it as a block to let the editor update it`,
    };
  if (after.length === 0)
    return { ok: false, error: `a path cannot end at a list entry (${next.key} "${next.equals}")` };
  return { ok: true, value: { map: found, rest: after, flow: false } };
}

/** Adds `key: value` as the last entry of a block map. */
function insertPair(ctx: Ctx, map: YAMLMap, key: string, value: YamlValue): EditResult {
  if (map.flow)
    return {
      ok: false,
      error: `cannot add "${key}" to a map written in flow style ({...}); write it as a block first`,
    };
  const pairs = map.items.filter((p) => isPair(p)) as Pair[];
  if (!pairs.length) return { ok: false, error: `cannot add "${key}" to an empty map` };
  const column = columnOf(ctx.lineStarts, keyStart(pairs[0]));
  const lines = renderPair(ctx, key, value, column);
  const last = pairs[pairs.length - 1];
  return spliced(ctx.text, insertLinesAfter(ctx.text, pairContentEnd(ctx, last), lines));
}

/** Adds an item at the end of a block list, at the column of its dashes. */
function insertItem(ctx: Ctx, seq: YAMLSeq, item: YamlValue): EditResult {
  const items = seq.items as Node[];
  if (!items.length || !seq.range) return { ok: false, error: 'cannot add to an empty block list' };
  const column = columnOf(ctx.lineStarts, seq.range[0]);
  const lines = renderItem(ctx, item, column);
  return spliced(ctx.text, insertLinesAfter(ctx.text, contentEnd(ctx, items[items.length - 1]), lines));
}

/** Replaces a pair's value (empty, scalar or collection) with `value`. */
function replaceValue(ctx: Ctx, pair: Pair, value: YamlValue): EditResult {
  const current = pair.value as Node | null;
  const colon = colonAfterKey(ctx, pair);
  if (colon < 0) return { ok: false, error: 'could not find the colon after a key; edit by hand' };
  const hasValue = !!current && !!current.range && current.range[1] > current.range[0];
  if (!isCollection(value) || isEmptyCollection(value)) {
    const newText = scalarOrEmpty(value);
    if (isScalar(current) && hasValue && !isBlockScalar(current))
      return splice(ctx.text, current.range![0], current.range![1], newText);
    if (hasValue) return splice(ctx.text, colon + 1, contentEnd(ctx, current!), ` ${newText}`);
    return splice(ctx.text, colon + 1, colon + 1, ` ${newText}`);
  }
  const indent = columnOf(ctx.lineStarts, keyStart(pair)) + (Array.isArray(value) ? ctx.seqIndent : ctx.unit);
  const lines = Array.isArray(value)
    ? value.flatMap((v) => renderItem(ctx, v, indent))
    : renderBody(ctx, value as YamlObject, indent);
  if (!hasValue) return spliced(ctx.text, insertLinesAfter(ctx.text, colon + 1, lines));
  const end = contentEnd(ctx, current!);
  if ((isMap(current) || isSeq(current)) && !current.flow) {
    // A block under the key: its lines are replaced, a comment on the key's line stays.
    const start = ctx.lineStarts[lineOf(ctx.lineStarts, current.range![0])];
    return splice(ctx.text, start, end, lines.join(ctx.eol));
  }
  // `key: {a: 1}`, `key: [a]`, `key: text` or a block scalar: the block goes under the key.
  return splice(ctx.text, colon + 1, end, ctx.eol + lines.join(ctx.eol));
}

/** A flow collection under `pair` is rewritten as a block with the change applied. */
function rewriteFlow(ctx: Ctx, pair: Pair, change: (current: YamlValue) => Result<YamlValue>): EditResult {
  const current = (pair.value as Node).toJSON() as YamlValue;
  const changed = change(current);
  if (!changed.ok) return changed;
  return replaceValue(ctx, pair, changed.value);
}

function withSet(current: YamlValue, path: PathSegment[], value: YamlValue): Result<YamlValue> {
  const [head, ...rest] = path;
  if (head === undefined) return { ok: true, value };
  if (typeof head === 'string') {
    if (!isObject(current)) return { ok: false, error: `"${head}" cannot be written under a value that is not a map` };
    const inner = withSet(current[head] ?? null, rest, value);
    return inner.ok ? { ok: true, value: { ...current, [head]: inner.value } } : inner;
  }
  if (!Array.isArray(current)) return { ok: false, error: `no list to find "${head.equals}" in` };
  const at = lastIndex(current, head);
  if (at < 0) return { ok: false, error: `no entry with ${head.key} "${head.equals}"` };
  const inner = withSet(current[at], rest, value);
  if (!inner.ok) return inner;
  const copy = [...current];
  copy[at] = inner.value;
  return { ok: true, value: copy };
}

function withAppended(current: YamlValue, path: PathSegment[], item: YamlValue): Result<YamlValue> {
  if (path.length === 0)
    return Array.isArray(current)
      ? { ok: true, value: [...current, item] }
      : current === null
        ? { ok: true, value: [item] }
        : { ok: false, error: 'not a list' };
  const [head, ...rest] = path;
  if (typeof head === 'string') {
    if (current !== null && !isObject(current))
      return { ok: false, error: `"${head}" cannot be written under a value that is not a map` };
    const base = (current ?? {}) as YamlObject;
    const inner = withAppended(base[head] ?? null, rest, item);
    return inner.ok ? { ok: true, value: { ...base, [head]: inner.value } } : inner;
  }
  if (!Array.isArray(current)) return { ok: false, error: `no list to find "${head.equals}" in` };
  const at = lastIndex(current, head);
  if (at < 0) return { ok: false, error: `no entry with ${head.key} "${head.equals}"` };
  const inner = withAppended(current[at], rest, item);
  if (!inner.ok) return inner;
  const copy = [...current];
  copy[at] = inner.value;
  return { ok: true, value: copy };
}

function lastIndex(list: YamlValue[], selector: { key: string; equals: string }): number {
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i];
    if (isObject(entry) && entry[selector.key] !== undefined && String(entry[selector.key]) === selector.equals)
      return i;
  }
  return -1;
}

/** `{a: {b: value}}` for the path `a.b`; selectors cannot be created. */
function buildNested(path: PathSegment[], value: YamlValue): Result<YamlValue> {
  let built = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment !== 'string')
      return { ok: false, error: `no entry with ${segment.key} "${segment.equals}" to write into` };
    built = { [segment]: built };
  }
  return { ok: true, value: built };
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderPair(ctx: Ctx, key: string, value: YamlValue, column: number): string[] {
  const pad = ' '.repeat(column);
  if (isCollection(value) && !isEmptyCollection(value)) {
    const body = Array.isArray(value)
      ? value.flatMap((v) => renderItem(ctx, v, column + ctx.seqIndent))
      : renderBody(ctx, value as YamlObject, column + ctx.unit);
    return [`${pad}${keyText(key)}:`, ...body];
  }
  return [`${pad}${keyText(key)}: ${scalarOrEmpty(value)}`];
}

function renderBody(ctx: Ctx, value: YamlObject, column: number): string[] {
  return Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => renderPair(ctx, k, v as YamlValue, column));
}

function renderItem(ctx: Ctx, value: YamlValue, column: number): string[] {
  const pad = ' '.repeat(column);
  if (!isCollection(value) || isEmptyCollection(value)) return [`${pad}- ${scalarOrEmpty(value)}`];
  // The item's first line carries the dash; the rest sit under its first key.
  const at = column + ctx.itemIndent;
  const inner = Array.isArray(value)
    ? value.flatMap((v) => renderItem(ctx, v, at))
    : renderBody(ctx, value as YamlObject, at);
  if (!inner.length) return [`${pad}- {}`];
  return [`${pad}-${' '.repeat(ctx.itemIndent - 1)}${inner[0].slice(at)}`, ...inner.slice(1)];
}

function scalarOrEmpty(value: YamlValue): string {
  if (Array.isArray(value)) return '[]';
  if (isObject(value)) return '{}';
  return scalarText(value as YamlScalar);
}

function keyText(key: string): string {
  return /^[a-z0-9][a-z0-9-]*$/i.test(key) ? key : JSON.stringify(key);
}

// ---------------------------------------------------------------------------------------------
// Positions

/** Just after the last character of a node's own content: trailing comments and line ends excluded. */
function contentEnd(ctx: Ctx, node: Node): number {
  if (isMap(node) && !node.flow) {
    const pairs = node.items.filter((p) => isPair(p)) as Pair[];
    if (pairs.length) return pairContentEnd(ctx, pairs[pairs.length - 1]);
  }
  if (isSeq(node) && !node.flow) {
    const items = node.items as Node[];
    if (items.length) return contentEnd(ctx, items[items.length - 1]);
  }
  let end = node.range![1];
  // A block scalar's range takes its line ends along.
  while (end > node.range![0] && (ctx.text[end - 1] === '\n' || ctx.text[end - 1] === '\r')) end--;
  return end;
}

function pairContentEnd(ctx: Ctx, pair: Pair): number {
  const value = pair.value as Node | null;
  if (value && value.range && value.range[1] > value.range[0]) return contentEnd(ctx, value);
  return (pair.key as Node).range![1];
}

function colonAfterKey(ctx: Ctx, pair: Pair): number {
  const keyEnd = (pair.key as Node).range![1];
  const colon = ctx.text.indexOf(':', keyEnd);
  return colon;
}

/** How far the file indents list dashes under their key, from its first block list of maps. */
function seqIndent(ctx: Ctx): number {
  for (const item of ctx.root.items) {
    if (!isPair(item)) continue;
    const value = item.value as Node | null;
    if (isSeq(value) && !value.flow && value.range && value.items.length) {
      return Math.max(0, columnOf(ctx.lineStarts, value.range[0]) - columnOf(ctx.lineStarts, keyStart(item as Pair)));
    }
  }
  return ctx.unit;
}

/** How far the file puts an item's first key after its dash, from its first block list of maps. */
function itemIndent(ctx: Ctx): number {
  for (const item of ctx.root.items) {
    if (!isPair(item)) continue;
    const value = item.value as Node | null;
    if (!isSeq(value) || value.flow || !value.range) continue;
    const first = value.items[0];
    if (isMap(first) && !first.flow) {
      const pair = first.items.find((p) => isPair(p)) as Pair | undefined;
      if (pair) return Math.max(2, columnOf(ctx.lineStarts, keyStart(pair)) - columnOf(ctx.lineStarts, value.range[0]));
    }
  }
  return 2;
}

// ---------------------------------------------------------------------------------------------
// Checks

function verified(
  _before: string,
  after: string,
  path: PathSegment[],
  check: (found: unknown) => boolean,
  what: string,
): EditResult {
  const doc = parseDocument(after, PARSE_OPTIONS);
  if (doc.errors.length)
    return {
      ok: false,
      error: `could not ${what} without breaking the YAML; nothing was written (${firstError(doc.errors)})`,
    };
  const found = getIn(doc.toJS({ maxAliasCount: 100 }), path);
  if (!check(found))
    return { ok: false, error: `could not ${what}: the file would not read back as intended, so nothing was written` };
  return { ok: true, text: after };
}

function getIn(value: unknown, path: PathSegment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'string') {
      if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    } else {
      if (!Array.isArray(current)) return undefined;
      const at = lastIndex(current as YamlValue[], segment);
      current = at < 0 ? undefined : current[at];
    }
  }
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The value as it reads back: undefined keys dropped. */
function clean(value: YamlValue): unknown {
  return JSON.parse(JSON.stringify(value));
}

function splice(text: string, start: number, end: number, newText: string): EditResult {
  return spliced(text, { start, end, newText });
}

function spliced(text: string, edit: OffsetEdit): EditResult {
  return { ok: true, text: applyEdit(text, edit) };
}

function scalarOf(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function isEmpty(node: Node | null | undefined): boolean {
  return (
    !node ||
    (isScalar(node) &&
      (node.value === null || node.value === undefined) &&
      (!node.range || node.range[1] === node.range[0]))
  );
}

function isBlockScalar(node: Scalar): boolean {
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}

function isCollection(value: YamlValue): value is YamlValue[] | YamlObject {
  return Array.isArray(value) || isObject(value);
}

function isObject(value: unknown): value is YamlObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyCollection(value: YamlValue[] | YamlObject): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.values(value).every((v) => v === undefined);
}

function safeParse(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

function describe(path: PathSegment[]): string {
  return path.map((s) => (typeof s === 'string' ? s : `[${s.key}=${s.equals}]`)).join('.');
}
