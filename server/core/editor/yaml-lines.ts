// Line-level reading of YAML text, for features that must work while the document is incomplete
// (completion) or that insert lines and must match the file's own indentation (quick fixes). The
// edits themselves are made with the YAML edit toolkit (server/core/yaml-edit/).
import type { Position, Range } from '../text-range';

export interface LineShape {
  /** Leading spaces. */
  indent: number;
  /** Columns of the `- ` markers that open list items on this line, outermost first. */
  dashes: number[];
  /** Column where the content starts, after the indentation and the dashes. */
  contentCol: number;
  /** The key, when the content is `key:` or `key: value`. */
  key?: string;
  /** Column just after the key's text (where a quoted key's closing quote ends). */
  keyEnd?: number;
  /** The inline value after the colon, without a trailing comment; '' when none. */
  value?: string;
  /** Column where the inline value starts. */
  valueCol?: number;
  /** Empty or only a comment. */
  blank: boolean;
}

const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?=\s|$)/;
const PLAIN_KEY = /^([^\s#'"[\]{},:&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)/;

export function lineShape(line: string): LineShape {
  let col = 0;
  while (col < line.length && line[col] === ' ') col++;
  const indent = col;
  const dashes: number[] = [];
  while (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ')) {
    dashes.push(col);
    col++;
    while (col < line.length && line[col] === ' ') col++;
  }
  const content = line.slice(col);
  const blank = dashes.length === 0 && (content.trim() === '' || content.startsWith('#'));
  const shape: LineShape = { indent, dashes, contentCol: col, blank };
  const match = QUOTED_KEY.exec(content) ?? PLAIN_KEY.exec(content);
  if (match) {
    const rawKey = match[1];
    shape.key = unquote(rawKey.trim());
    shape.keyEnd = col + rawKey.trimEnd().length;
    let valueCol = col + match[0].length;
    while (valueCol < line.length && line[valueCol] === ' ') valueCol++;
    shape.valueCol = valueCol;
    shape.value = stripComment(line.slice(valueCol)).trimEnd();
  }
  return shape;
}

function unquote(key: string): string {
  if (key.startsWith('"') && key.endsWith('"') && key.length >= 2) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.startsWith("'") && key.endsWith("'") && key.length >= 2) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/** Drops a trailing ` # comment` outside quotes. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[,{]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i);
    }
  }
  return text;
}

/** Whether an inline value opens a block scalar (`|`, `>-`, `|2+` ...), whose content follows on deeper lines. */
export function isBlockScalarHeader(value: string | undefined): boolean {
  return !!value && /^[|>][0-9+-]*$/.test(value.trim());
}

/** Whether an inline value leaves the key's content to the following lines (nothing, an anchor or a tag). */
export function opensBlock(value: string | undefined): boolean {
  if (!value) return true;
  return /^(?:[&!][^\s]*\s*)+$/.test(value.trim());
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export interface IndentStyle {
  /** Spaces per nesting level (2 or 4 in practice). */
  unit: number;
  /** Whether list items under a key are indented (`steps:\n  - id`) or not (`steps:\n- id`). */
  indentedSequences: boolean;
}

/** The file's own indentation: the first step between a key and the deeper line that follows it. */
export function detectIndentStyle(lines: readonly string[]): IndentStyle {
  let unit: number | undefined;
  let indentedSequences: boolean | undefined;
  for (let i = 0; i < lines.length - 1 && (unit === undefined || indentedSequences === undefined); i++) {
    const shape = lineShape(lines[i]);
    if (shape.blank || shape.key === undefined || !opensBlock(shape.value)) continue;
    let j = i + 1;
    while (j < lines.length && lineShape(lines[j]).blank) j++;
    if (j >= lines.length) break;
    const next = lineShape(lines[j]);
    if (next.dashes.length > 0) {
      const step = next.dashes[0] - shape.contentCol;
      if (indentedSequences === undefined) indentedSequences = step > 0;
      if (unit === undefined && step > 0) unit = step;
      // The item's content sits one dash-and-space deeper; its keys tell nothing more about the unit.
    } else if (next.contentCol > shape.contentCol && unit === undefined) {
      unit = next.contentCol - shape.contentCol;
    }
  }
  const clean = unit && unit >= 1 && unit <= 8 ? unit : 2;
  return { unit: clean, indentedSequences: indentedSequences ?? true };
}

export function spaces(n: number): string {
  return ' '.repeat(Math.max(0, n));
}

/** The offset of a position in the text, clamped to the line's end. */
export function offsetOf(text: string, position: Position): number {
  let offset = 0;
  let line = 0;
  while (line < position.line) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
    line++;
  }
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd > offset && text[lineEnd - 1] === '\r') lineEnd--;
  return Math.min(offset + Math.max(0, position.character), lineEnd);
}

export function rangeOf(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
