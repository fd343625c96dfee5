// Text from files (YAML keys and values, file names) on its way to a terminal or a CI log. A raw
// newline would let a runbook forge a line of its own (`::error ...` in a GitHub log), an escape
// sequence would colour or rewrite the log, and bidirectional overrides would reorder what a
// reader sees. Every text output of the CLI passes such text through here.

/**
 * C0 and C1 control characters (newlines and tabs included), DEL, the Unicode line and paragraph
 * separators, and the bidirectional embedding, override and isolate marks.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, keeping CR and LF for formats that escape line breaks their own way. */
const UNSAFE_BUT_LINE_BREAKS =
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of inert text: each unsafe character written as `\n`, `\t` or `\u001b`. */
export function terminalText(text: string): string {
  return String(text).replace(UNSAFE, visible);
}

/** The same, but CR and LF are left for the caller's own escaping (GitHub's `%0A`). */
export function terminalTextKeepingLineBreaks(text: string): string {
  return String(text).replace(UNSAFE_BUT_LINE_BREAKS, visible);
}

/** Whole output with line breaks of its own (a body, a list of lines): LF stays, CR and the rest are made visible. */
export function terminalLines(text: string): string {
  return terminalTextKeepingLineBreaks(text).replace(/\r/g, '\\r');
}
