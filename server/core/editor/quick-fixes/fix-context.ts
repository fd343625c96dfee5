// What every quick fix needs: the file's lines and indentation, and ways to find the YAML node a
// diagnostic is about and to insert lines at the right depth (the file keeps its comments: fixes
// only insert or replace text, they never re-print the document).
import { isPair } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { IndexedFile, WorkspaceIndex } from '../../workspace-index';
import type { Range } from '../../text-range';
import type { DiagnosticRef, TextEdit } from '../editor-types';
import { tightNodeRange } from '../node-ranges';
import { insertLinesAfterLine } from '../../yaml-edit/text-edit';
import { detectIndentStyle, IndentStyle, lineShape, spaces, splitLines } from '../yaml-lines';

export interface FixContext {
  index: WorkspaceIndex;
  uri: string;
  file: IndexedFile;
  lines: string[];
  style: IndentStyle;
  diagnostic: DiagnosticRef;
}

export function fixContext(
  index: WorkspaceIndex,
  uri: string,
  diagnostic: DiagnosticRef,
  lines?: string[],
): FixContext | undefined {
  const file = index.get(uri);
  if (!file) return undefined;
  const all = lines ?? splitLines(file.source.text);
  return { index, uri, file, lines: all, style: detectIndentStyle(all), diagnostic };
}

/** The column of a map's keys. */
export function keyColumn(ctx: FixContext, map: YAMLMap): number | undefined {
  const first = map.items.find((p) => isPair(p)) as Pair | undefined;
  const key = first?.key as Node | undefined;
  if (!key?.range) return undefined;
  return ctx.file.source.lineCounter.linePos(key.range[0]).col - 1;
}

/** The last line holding the node's content. */
export function lastLine(ctx: FixContext, node: Node): number | undefined {
  return tightNodeRange(ctx.file.source, node)?.end.line;
}

/** Lines inserted after `line`, each indented by `col` spaces (empty lines stay empty). */
export function insertAfter(ctx: FixContext, line: number, col: number, newLines: string[]): TextEdit {
  return insertLinesAfterLine(
    ctx.file.source.text,
    line,
    newLines.map((l) => (l === '' ? '' : spaces(col) + l)),
  );
}

/** Where `- ` goes for a list under a key at `keyCol`. */
export function dashColumnUnder(ctx: FixContext, keyCol: number): number {
  return ctx.style.indentedSequences ? keyCol + ctx.style.unit : keyCol;
}

/** The column of the `- ` that opens the list entry starting on `line`. */
export function dashColumnOf(ctx: FixContext, line: number): number | undefined {
  const dashes = lineShape(ctx.lines[line] ?? '').dashes;
  return dashes.length ? dashes[dashes.length - 1] : undefined;
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** An id not yet used in the runbook's one namespace: `base`, else `base-2`, `base-3` ... */
export function uniqueId(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
