// Line-level facts about YAML text that decide where a piece of a document can be re-parsed
// on its own: indentation, blank and comment lines, line starts.

export const NEWLINE = 10; // \n
const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35; // #
const DASH = 45; // -

export interface LineFacts {
  /** Spaces before the first other character. */
  indent: number;
  /** Only spaces (and a \r before the newline), or nothing. */
  blank: boolean;
  /** The first character after the spaces is `#`. */
  comment: boolean;
  /** A tab before the first other character: YAML forbids tabs in indentation, so no shortcut is safe. */
  tabIndent: boolean;
  /** Offset just after this line's \n, or the text's length. */
  next: number;
}

export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

export function isLineStart(text: string, offset: number): boolean {
  return offset === 0 || (offset <= text.length && text.charCodeAt(offset - 1) === NEWLINE);
}

export function lineFacts(text: string, start: number): LineFacts {
  let i = start;
  let tabIndent = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === SPACE) i++;
    else if (c === TAB) {
      tabIndent = true;
      i++;
    } else break;
  }
  const newline = text.indexOf('\n', i);
  const next = newline < 0 ? text.length : newline + 1;
  const c = i < text.length ? text.charCodeAt(i) : NEWLINE;
  const blank =
    c === NEWLINE ||
    (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === NEWLINE) ||
    (c === CR && i + 1 === text.length) ||
    i >= text.length;
  return { indent: i - start, blank, comment: c === HASH, tabIndent, next };
}

/** `- ` (or a lone `-`) exactly at column `indent`: a block sequence item at that indentation. */
export function isDashLine(text: string, start: number, indent: number): boolean {
  const dash = start + indent;
  if (dash >= text.length || text.charCodeAt(dash) !== DASH) return false;
  for (let i = start; i < dash; i++) if (text.charCodeAt(i) !== SPACE) return false;
  const after = dash + 1 < text.length ? text.charCodeAt(dash + 1) : NEWLINE;
  return after === SPACE || after === NEWLINE || after === CR;
}

/**
 * A plain key at column 0, as the runbook and calendar keys are written; anything else at column 0
 * (quotes, flow collections, document markers, directives, explicit keys, tags, anchors) is not
 * taken as the start of a top-level entry.
 */
export function isPlainKeyLine(text: string, start: number): boolean {
  if (start >= text.length) return false;
  const c = text.charCodeAt(start);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; // a-z A-Z 0-9 _
}
