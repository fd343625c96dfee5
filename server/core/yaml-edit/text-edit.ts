// The one edit type of the YAML edit toolkit and the one line-ending rule. Every change the
// product writes into a runbook or calendar (ticket write-back, release records, announcements,
// quick fixes) is a splice of the text by offsets; the LSP layer and the quick fixes turn it into
// an LSP range edit with `rangeEdit`. New lines take the file's own line ending.
import type { Position } from '../text-range';
import type { TextEdit as RangeEdit } from '../editor/editor-types';

/** Replaces text[start, end) with newText; offsets count UTF-16 code units, as JavaScript strings do. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The line ending new lines get: CR LF when the file has one, else LF. */
export function lineEnding(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function applyEdit(text: string, edit: OffsetEdit | null): string {
  return edit ? text.slice(0, edit.start) + edit.newText + text.slice(edit.end) : text;
}

/** The one edit that turns `before` into `after`: their common start and end are left alone. */
export function minimalEdit(before: string, after: string): OffsetEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

/** `minimalEdit` as the editor takes it (the server answers its edit requests with this). */
export function minimalRangeEdit(before: string, after: string): RangeEdit | null {
  const edit = minimalEdit(before, after);
  return edit && rangeEdit(before, edit);
}

/**
 * Whole lines inserted after the line on which `offset - 1` stands (after any comment on it): at
 * `offset` when it starts a line, else at the end of that line (before its line end).
 */
export function insertLinesAfter(text: string, offset: number, lines: readonly string[]): OffsetEdit {
  const eol = lineEnding(text);
  const block = lines.join(eol);
  if (offset > 0 && text[offset - 1] === '\n') return { start: offset, end: offset, newText: block + eol };
  const end = lineEnd(text, offset);
  return { start: end, end, newText: eol + block };
}

/** Whole lines inserted after line `line` (0-based), as an LSP range edit for the editor's features. */
export function insertLinesAfterLine(text: string, line: number, lines: readonly string[]): RangeEdit {
  const starts = lineStarts(text);
  // At the start of the next line; after the last line's text when it is the last.
  const offset = line + 1 < starts.length ? starts[line + 1] : text.length;
  return rangeEdit(starts, insertLinesAfter(text, offset, lines));
}

/** Where the line holding `offset` ends (before its CR LF), or the end of the text. */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The 0-based line holding `offset`. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionOf(starts: readonly number[], offset: number): Position {
  const line = lineOf(starts, offset);
  return { line, character: offset - starts[line] };
}

export function columnOf(starts: readonly number[], offset: number): number {
  return positionOf(starts, offset).character;
}

/** The edit as the editor takes it: the same span as LSP positions. */
export function rangeEdit(textOrStarts: string | readonly number[], edit: OffsetEdit): RangeEdit {
  const starts = typeof textOrStarts === 'string' ? lineStarts(textOrStarts) : textOrStarts;
  return { range: { start: positionOf(starts, edit.start), end: positionOf(starts, edit.end) }, newText: edit.newText };
}
