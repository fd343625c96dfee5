// Selection ranges (expand selection): the word under the cursor, then its key-value pair, the
// list entry or map around it, the section, and so on out to the whole document.
import { isAlias, isMap, isPair, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { SourceFile } from '../source-file';
import { isBefore, Position, Range } from '../text-range';
import type { WorkspaceIndex } from '../workspace-index';
import type { SelectionRange } from './editor-types';
import { pairSpan, tightRange } from './node-ranges';
import { offsetOf } from './yaml-lines';

const MAX_DEPTH = 64;

export function selectionRanges(index: WorkspaceIndex, uri: string, positions: Position[]): SelectionRange[] {
  const file = index.get(uri);
  return positions.map((position) => {
    if (!file) return { range: { start: position, end: position } };
    return chainAt(file.source, position);
  });
}

function chainAt(file: SourceFile, position: Position): SelectionRange {
  const offset = offsetOf(file.text, position);
  const spans: [number, number][] = [];
  let node = file.doc.contents as Node | null;
  for (let depth = 0; depth < MAX_DEPTH && node && node.range && !isAlias(node); depth++) {
    spans.push([node.range[0], node.range[1]]);
    let next: Node | null = null;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const pair = item as Pair;
        const span = pairSpan(pair);
        if (!span || offset < span[0] || offset > span[1]) continue;
        spans.push(span);
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (key?.range && offset >= key.range[0] && offset <= key.range[1]) {
          spans.push([key.range[0], key.range[1]]);
        } else if (value?.range && offset >= value.range[0] && offset <= value.range[1]) {
          next = value;
        }
        break;
      }
    } else if (isSeq(node)) {
      next =
        (node.items.find((i) => {
          const n = i as Node;
          return !!n?.range && offset >= n.range[0] && offset <= n.range[1];
        }) as Node | undefined) ?? null;
    }
    node = next;
  }
  // Outermost first; each must contain the next, and equal ranges collapse into one.
  const ranges: Range[] = [];
  for (const [start, end] of spans) {
    const range = tightRange(file, start, end);
    const last = ranges[ranges.length - 1];
    if (last && sameRange(last, range)) continue;
    if (last && (isBefore(range.start, last.start) || isBefore(last.end, range.end))) continue;
    ranges.push(range);
  }
  const caret = { start: position, end: position };
  if (ranges.length === 0) return { range: caret };
  let chain: SelectionRange | undefined;
  for (const range of ranges) chain = { range, ...(chain ? { parent: chain } : {}) };
  // The innermost range must contain the position; when it does not (the cursor sits in
  // whitespace past a value), fall back to the nearest one that does.
  while (chain && !containsPos(chain.range, position)) chain = chain.parent;
  return chain ?? { range: caret };
}

function containsPos(range: Range, position: Position): boolean {
  return !isBefore(position, range.start) && !isBefore(range.end, position);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
