// The edits the benchmark types into a large runbook, and the bookkeeping to send them as LSP
// incremental changes: a step's timeout is mistyped (`2m` → `2x`, a wrong duration) and then
// mended, at steps spread over the whole file. Every edit changes what a checker must report,
// so every edit is answered by a new publication of diagnostics.

export interface Position {
  line: number;
  character: number;
}

export interface PlannedEdit {
  /** Offset and length replaced in the text before the edit. */
  offset: number;
  length: number;
  newText: string;
  /** The 0-based line whose diagnostics show the edit took effect. */
  line: number;
  /** True when the edit breaks the value, false when it mends it. */
  breaks: boolean;
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** `count` edits (pairs of break and mend) on the `timeout:` lines of steps spread over the file. */
export function planTimeoutEdits(text: string, count: number): PlannedEdit[] {
  const timeouts: number[] = [];
  const pattern = /^ {4}timeout: \d+m$/gm;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) timeouts.push(m.index);
  if (timeouts.length === 0) throw new Error('the runbook has no step timeouts to edit');
  const pairs = Math.ceil(count / 2);
  const edits: PlannedEdit[] = [];
  for (let k = 0; k < pairs && edits.length < count; k++) {
    const lineStart = timeouts[Math.floor(((k + 0.5) * timeouts.length) / pairs)];
    const unit = text.indexOf('m', lineStart + '    timeout: '.length);
    const line = positionAt(text, lineStart).line;
    edits.push({ offset: unit, length: 1, newText: 'x', line, breaks: true });
    if (edits.length < count) edits.push({ offset: unit, length: 1, newText: 'm', line, breaks: false });
  }
  return edits;
}

export function applyPlanned(text: string, edit: PlannedEdit): string {
  return text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
}
