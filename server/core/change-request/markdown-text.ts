// Putting runbook text into GitHub Markdown without letting it change the document's shape:
// one-line text is escaped, Markdown fields keep their Markdown but lose raw HTML comments
// (so nobody can forge a runbook marker), and commands become code spans or fences.

/** ASCII punctuation that can start Markdown syntax inline, or break a table cell (`|`). */
const INLINE_SPECIAL = /[\\`*_[\]<>&|~]/g;

/** One line of plain text: whitespace collapsed, Markdown and HTML syntax escaped. */
export function inlineText(text: string): string {
  return collapse(text).replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/**
 * Control characters (a NUL, a bell, an escape pasted from a terminal) shown as their code, so a
 * reader sees that something odd is there instead of a blank or a broken line.
 */
export function visibleControls(text: string): string {
  return String(text).replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
    (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** Text without line breaks or runs of spaces (titles, table cells). */
export function collapse(text: string): string {
  return String(text).replace(/\s+/g, ' ').trim();
}

/** A code span that survives backticks in the command. */
export function codeSpan(text: string): string {
  const clean = collapse(text);
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block for multi-line commands; the fence is longer than any inside. */
export function codeBlock(text: string): string[] {
  const lines = normalizeLines(text).replace(/\n+$/, '').split('\n');
  const longest = Math.max(0, ...lines.map((l) => /^\s*(`{3,})/.exec(l)?.[1].length ?? 0));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence, ...lines.map(unmarked), fence];
}

/**
 * A Markdown field (a step's description, a justification) as lines: its Markdown stays,
 * but an HTML comment opener is escaped so the text cannot hide content or pose as a marker.
 */
export function markdownBlock(text: string): string[] {
  const clean = normalizeLines(text).replace(/<!--/g, '&lt;!--').replace(/\s+$/, '');
  return clean.split('\n').map((line) => line.replace(/\s+$/, ''));
}

/**
 * Nothing can be escaped inside a code block, so a line that looks like a runbook marker gets a
 * zero-width space after its `<`: it reads the same, but is no marker (marker.ts).
 */
function unmarked(line: string): string {
  return line.replace(/<(?=!--\s*runbook:)/gi, '<\u200b');
}

export function isMultiline(text: string): boolean {
  return /\S[^\S\n]*\r?\n[^\n]*\S/.test(String(text).trim());
}

/** Indents continuation lines of a list item; blank lines stay empty. */
export function indent(lines: string[], width: number): string[] {
  const pad = ' '.repeat(width);
  return lines.map((line) => (line.length ? pad + line : line));
}

function normalizeLines(text: string): string {
  return String(text).replace(/\r\n?/g, '\n');
}
