// Text from files (titles, paths, GitHub's messages) on a terminal or in a CI log: control
// characters shown as escapes, so a runbook cannot colour, move the cursor or forge log lines.

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.charCodeAt(0);
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}

/** One value inside a line: every control character escaped, line breaks too. */
export function terminalText(text: string): string {
  return String(text).replace(/\n/g, '\\n').replace(CONTROLS, escapeControl);
}

/** Whole output that has its own line breaks (a body, a list of lines): those stay, other controls are escaped. */
export function terminalLines(text: string): string {
  return String(text).replace(CONTROLS, escapeControl);
}
