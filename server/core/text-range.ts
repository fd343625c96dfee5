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

export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
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
