// Where an edit can be re-parsed on its own: a run of block-sequence items (one step of `steps:`,
// one rollback step) or a run of top-level entries. A unit is whole lines, from the line of its
// first item's `-` (or first key) to the next line that is neither blank nor a comment and is
// indented no deeper than the unit: the text before and after it is untouched by the edit, and
// what it holds parses the same alone as in the file (YAML block structure is decided by
// indentation), as long as the checks in reparse-unit.ts hold.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isDashLine, isLineStart, isPlainKeyLine, lineFacts, lineStartOf } from './text-lines';

export type Collection = YAMLMap | YAMLSeq;

export interface EditUnit {
  kind: 'items' | 'pairs';
  /** The collection whose items `first`..`last` are replaced: a block sequence, or the root map. */
  parent: Collection;
  /** The collections from the root down to `parent`'s parent; the root map first. */
  ancestors: Collection[];
  first: number;
  last: number;
  /** Old text offsets: a line start, and a line start or the text's end. */
  start: number;
  end: number;
  /** The column of the items' `-`, or 0 for top-level entries. */
  indent: number;
}

/** Units that contain the old-text span [from, to), the smallest first. */
export function unitsContaining(text: string, root: YAMLMap, from: number, to: number): EditUnit[] {
  const units: EditUnit[] = [];
  const rootUnit = topLevelUnit(text, root, from, to);
  if (!rootUnit) return units;
  if (rootUnit.first === rootUnit.last) {
    const pair = root.items[rootUnit.first] as Pair;
    descend(text, pair.value as Node | null, from, to, [root], units);
  }
  units.push(rootUnit);
  return units;
}

function topLevelUnit(text: string, root: YAMLMap, from: number, to: number): EditUnit | undefined {
  const items = root.items;
  if (items.length === 0) return undefined;
  const keyStart = (k: number): number => {
    const pair = items[k];
    const key = isPair(pair) ? (pair.key as Node | null) : null;
    return key && isScalar(key) && key.range ? key.range[0] : -1;
  };
  const first = lastAtOrBefore(items.length, keyStart, from);
  const last = to > from ? lastAtOrBefore(items.length, keyStart, to - 1) : first;
  if (first < 0 || last < first) return undefined;
  const start = keyStart(first);
  if (start < 0 || !isLineStart(text, start) || !isPlainKeyLine(text, start)) return undefined;
  const end = last + 1 < items.length ? keyStart(last + 1) : endAfter(text, nodeEnd(items[last] as Pair), 0);
  if (end === undefined || end < 0 || !isLineStart(text, end) || to > end) return undefined;
  if (last + 1 < items.length && !isPlainKeyLine(text, end)) return undefined;
  return { kind: 'pairs', parent: root, ancestors: [], first, last, start, end, indent: 0 };
}

/** Looks for sequence items holding the edit inside `node`, deepest first. */
function descend(
  text: string,
  node: Node | null,
  from: number,
  to: number,
  path: Collection[],
  units: EditUnit[],
): void {
  if (!node || !node.range) return;
  if (isSeq(node) && !node.flow && node.items.length > 0) {
    const unit = itemUnit(text, node as YAMLSeq, from, to, path);
    if (!unit) return;
    if (unit.first === unit.last)
      descend(text, node.items[unit.first] as Node, from, to, [...path, node as YAMLSeq], units);
    units.push(unit);
  } else if (isMap(node) && !node.flow) {
    // The last entry starting before the edit, when its value (a block) starts before it too
    // (values of nested maps: `rollback:` → `steps:`); the item search checks where it ends.
    const items = (node as YAMLMap).items;
    let candidate: Node | null = null;
    for (const pair of items) {
      const key = isPair(pair) ? (pair.key as Node | null) : null;
      if (!key || !key.range || key.range[0] > from) break;
      candidate = (pair as Pair).value as Node | null;
    }
    if (candidate && candidate.range && candidate.range[0] <= from && (isSeq(candidate) || isMap(candidate))) {
      descend(text, candidate, from, to, [...path, node as YAMLMap], units);
    }
  }
}

function itemUnit(text: string, seq: YAMLSeq, from: number, to: number, ancestors: Collection[]): EditUnit | undefined {
  const items = seq.items as (Node | null)[];
  // The start of an item's `-` line, or -1 when the item is not a plain `- ` item on its line.
  const indentOf = (k: number): number => {
    const item = items[k];
    if (!item || !item.range) return -1;
    const lineStart = lineStartOf(text, item.range[0]);
    const facts = lineFacts(text, lineStart);
    return isDashLine(text, lineStart, facts.indent) ? facts.indent : -1;
  };
  const lineOf = (k: number): number => {
    const item = items[k];
    return item && item.range ? lineStartOf(text, item.range[0]) : -1;
  };
  const first = lastAtOrBefore(items.length, lineOf, from);
  const last = to > from ? lastAtOrBefore(items.length, lineOf, to - 1) : first;
  if (first < 0 || last < first) return undefined;
  const indent = indentOf(first);
  if (indent < 0 || indentOf(last) !== indent) return undefined;
  const start = lineOf(first);
  let end: number | undefined;
  if (last + 1 < items.length) {
    if (indentOf(last + 1) !== indent) return undefined;
    end = lineOf(last + 1);
  } else {
    end = endAfter(text, items[last]!.range![2], indent);
    // A `-` line at this column right after the list's last item is not part of the list: the
    // tree around it is not what it seems, so no piece is offered.
    if (end !== undefined && end < text.length && isDashLine(text, end, indent)) return undefined;
  }
  if (end === undefined || to > end || from < start) return undefined;
  return { kind: 'items', parent: seq, ancestors, first, last, start, end, indent };
}

/** Where a pair's text ends: its value's end, or its key's when the value is empty. */
function nodeEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  const key = pair.key as Node | null;
  return Math.max(value?.range?.[2] ?? -1, key?.range?.[2] ?? -1);
}

/**
 * The start of the first line at or after `offset` (a node's end) that holds content indented
 * no deeper than `indent`; blank and comment lines belong to the unit. Undefined when content
 * indented deeper follows, which a well-formed document does not have.
 */
function endAfter(text: string, offset: number, indent: number): number | undefined {
  if (offset < 0) return undefined;
  let p = isLineStart(text, offset)
    ? offset
    : (() => {
        const newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length : newline + 1;
      })();
  while (p < text.length) {
    const facts = lineFacts(text, p);
    if (facts.tabIndent) return undefined;
    if (facts.blank || facts.comment) {
      p = facts.next;
      continue;
    }
    return facts.indent <= indent ? p : undefined;
  }
  return text.length;
}

/** The last index k in [0, count) with at(k) <= offset, for at() ascending; -1 when none. */
function lastAtOrBefore(count: number, at: (k: number) => number, offset: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at(mid) <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
