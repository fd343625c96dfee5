// Ranges of YAML nodes without the trailing newlines the parser includes in block nodes, so that
// outlines, folds and selections end on the last character of content.
import type { Node, Pair } from 'yaml';
import type { SourceFile } from '../source-file';
import { Range, rangeFromOffsets } from '../text-range';

export function tightRange(file: SourceFile, start: number, end: number): Range {
  const text = file.text;
  let e = Math.min(end, text.length);
  while (e > start && /\s/.test(text[e - 1])) e--;
  return rangeFromOffsets(file.lineCounter, start, Math.max(start, e));
}

function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

/** A pair from its key to the end of its value. */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const key = nodeSpan(pair.key as Node | null);
  const value = nodeSpan(pair.value as Node | null);
  if (!key) return value;
  return [key[0], value ? Math.max(key[1], value[1]) : key[1]];
}

export function tightNodeRange(file: SourceFile, node: Node | null | undefined): Range | undefined {
  const span = nodeSpan(node);
  return span ? tightRange(file, span[0], span[1]) : undefined;
}

export function tightPairRange(file: SourceFile, pair: Pair): Range | undefined {
  const span = pairSpan(pair);
  return span ? tightRange(file, span[0], span[1]) : undefined;
}
