// Folding: every key whose value spans lines (sections, lists, block text), every list entry
// that spans lines, and runs of comment lines.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { SourceFile } from '../source-file';
import type { WorkspaceIndex } from '../workspace-index';
import type { FoldingRange } from './editor-types';
import { pairSpan, tightRange } from './node-ranges';

const MAX_DEPTH = 64;

export function foldingRanges(index: WorkspaceIndex, uri: string): FoldingRange[] {
  const file = index.get(uri);
  if (!file) return [];
  const out: FoldingRange[] = [];
  visit(file.source, file.source.doc.contents as Node | null, out, 0);
  out.push(...commentRuns(file.source.text));
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function add(file: SourceFile, out: FoldingRange[], start: number, end: number): void {
  const range = tightRange(file, start, end);
  if (range.end.line > range.start.line) out.push({ startLine: range.start.line, endLine: range.end.line });
}

function visit(file: SourceFile, node: Node | null, out: FoldingRange[], depth: number): void {
  if (!node || depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const pair = item as Pair;
      const span = pairSpan(pair);
      const value = pair.value as Node | null;
      if (span && (isMap(value) || isSeq(value) || isScalar(value))) add(file, out, span[0], span[1]);
      visit(file, value, out, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const n = item as Node;
      if (isMap(n) && n.range) add(file, out, n.range[0], n.range[1]);
      visit(file, n, out, depth + 1);
    }
  }
}

function commentRuns(text: string): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lines = text.split(/\r?\n/);
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const isComment = i < lines.length && /^\s*#/.test(lines[i]);
    if (isComment && start < 0) start = i;
    if (!isComment && start >= 0) {
      if (i - 1 > start) out.push({ startLine: start, endLine: i - 1, kind: 'comment' });
      start = -1;
    }
  }
  return out;
}
