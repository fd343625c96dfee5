// LSP-style positions (0-based line and UTF-16 character), kept free of any LSP import
// so that the CLI and the server share them.
import type { LineCounter } from 'yaml';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function rangeFromOffsets(lineCounter: LineCounter, start: number, end: number): Range {
  return { start: positionAt(lineCounter, start), end: positionAt(lineCounter, end) };
}

/** Same answer as `lineCounter.linePos` (a binary search over line starts), without its interim object: ranges are built for every field. */
export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const starts = lineCounter.lineStarts;
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] < offset) low = mid + 1;
    else high = mid;
  }
  if (starts[low] === offset) return { line: low, character: 0 };
  if (low === 0) return { line: -1, character: offset - 1 };
  return { line: low - 1, character: offset - starts[low - 1] };
}

export function offsetAt(lineStarts: readonly number[], position: Position): number {
  const lineStart = lineStarts[Math.min(position.line, lineStarts.length - 1)] ?? 0;
  return lineStart + position.character;
}

export const emptyRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function containsPosition(range: Range, position: Position): boolean {
  return !isBefore(position, range.start) && !isBefore(range.end, position);
}

export function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
