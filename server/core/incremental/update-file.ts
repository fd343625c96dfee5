// Incremental re-parsing: after an edit, re-parse only the step (or list item, or top-level entry)
// the edit touched and splice it into the previous document, instead of parsing the whole file
// again. A 5,000-step runbook takes about a second to parse; one step takes well under a
// millisecond. The result is the file a full parse gives (same nodes, offsets, line starts, model,
// diagnostics); whenever that cannot be guaranteed cheaply, this falls back to the full parse.
//
// The LSP layer calls `updateFile(index.get(uri), newText)` and then `index.put(result)`, or
// simply `setIncrementally(index, uri, newText)` in place of `index.set(uri, newText)`.
import { isAlias, isMap, isPair, isSeq } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { buildModel } from '../model';
import { fileKindOf, isTooLarge, parseSourceFile, sourceFileOf } from '../source-file';
import type { FileKind } from '../source-file';
import type { IndexedFile, WorkspaceIndex } from '../workspace-index';
import { unitsContaining } from './edit-units';
import { reparseUnit, TextChange } from './reparse-unit';

export interface UpdateOutcome {
  file: IndexedFile;
  /** True when only a piece was re-parsed. */
  incremental: boolean;
  /** Why a full parse was needed. */
  reason?: string;
}

/**
 * The file for `newText`, re-parsing as little as possible. Takes ownership of `previous`: its
 * document is changed in place and belongs to the result, so `previous` must not be used after
 * this call (put the result in the index in its place).
 */
export function updateFile(previous: IndexedFile, newText: string): IndexedFile {
  return reparseFile(previous, newText).file;
}

/**
 * A drop-in for the LSP layer's parse step (server/lsp/document-store.ts `ParseStep`):
 * `store.parseStep = incrementalParseStep`.
 */
export function incrementalParseStep(
  index: WorkspaceIndex,
  input: { uri: string; text: string; kind?: FileKind },
): void {
  setIncrementally(index, input.uri, input.text, input.kind);
}

/** A reason only this module gives; the benchmark looks for it to tell whether a server bundle re-parses in pieces. */
export const INCREMENTAL_MARKER = 'the edit is outside any entry';

/** Replaces a file of the index, incrementally when the index already holds an earlier text. */
export function setIncrementally(
  index: WorkspaceIndex,
  uri: string,
  newText: string,
  kind?: FileKind,
): IndexedFile | undefined {
  const previous = index.get(uri);
  // An untitled document's kind comes from its language, not its name: pass it on.
  // A file over the size limit, before or after the edit, is never parsed in pieces (RB034).
  if (
    !previous ||
    previous.source.text === newText ||
    (kind && previous.kind !== kind) ||
    previous.source.tooLarge ||
    isTooLarge(newText)
  )
    return index.set(uri, newText, kind ?? fileKindOf(uri));
  const file = updateFile(previous, newText);
  index.put(file);
  return file;
}

/** Documents that cannot be re-parsed in pieces, found once per full parse. */
const unsafeDocuments = new WeakMap<Document.Parsed, string | undefined>();

/**
 * Where the syntax errors of a document came from, when a re-parsed piece brought them: the
 * piece was checked to be broken on its own, so a later piece that holds it can replace them.
 * Errors of a full parse have no such place (an error is often told far from its cause), and
 * while they last every change is parsed in full.
 */
const errorPieces = new WeakMap<Document.Parsed, [number, number]>();

export function reparseFile(previous: IndexedFile, newText: string): UpdateOutcome {
  const oldSource = previous.source;
  const oldText = oldSource.text;
  const full = (reason: string): UpdateOutcome => {
    const source = parseSourceFile(previous.uri, previous.kind, newText);
    return {
      file: { uri: previous.uri, kind: previous.kind, source, model: buildModel(source) },
      incremental: false,
      reason,
    };
  };
  const change = changedSpan(oldText, newText);
  if (!change) return full('no change');
  const doc = oldSource.doc;
  const unsafe = documentProblem(doc, oldText);
  if (unsafe) return full(unsafe);
  const units = unitsContaining(oldText, doc.contents as YAMLMap, change.start, change.oldEnd);
  if (units.length === 0) return full(INCREMENTAL_MARKER);
  let reason = 'no unit';
  for (const unit of units) {
    // A piece as large as most of the file is not worth it: parse the file.
    if (unit.end - unit.start > oldText.length / 2) return full('the edit touches most of the file');
    // Syntax errors must come from a piece this one holds; a larger piece may hold it.
    if (doc.errors.length) {
      const from = errorPieces.get(doc);
      if (!from) return full('syntax errors from a full parse');
      if (from[0] < unit.start || from[1] > unit.end) {
        reason = 'syntax errors outside the piece';
        continue;
      }
    }
    const result = reparseUnit(doc, oldSource.lineCounter, oldText, newText, change, unit);
    if (typeof result !== 'string') {
      if (doc.errors.length) errorPieces.set(doc, [unit.start, unit.end + change.newEnd - change.oldEnd]);
      else errorPieces.delete(doc);
      const source = sourceFileOf(previous.uri, previous.kind, newText, doc, result);
      return { file: { uri: previous.uri, kind: previous.kind, source, model: buildModel(source) }, incremental: true };
    }
    reason = result;
  }
  return full(reason);
}

/** Why a document cannot be changed in pieces, or undefined when it can. */
function documentProblem(doc: Document.Parsed, text: string): string | undefined {
  if (doc.warnings.length) return 'the document has warnings';
  const root = doc.contents as Node | null;
  if (!isMap(root) || (root as YAMLMap).flow) return 'the document is not a block map';
  // A second document (after `---`) or anything else after the first: not worth the care.
  if (doc.range[2] !== text.length) return 'the text holds more than one document';
  if (unsafeDocuments.has(doc)) return unsafeDocuments.get(doc);
  let problem: string | undefined;
  // Directives (%YAML, %TAG) change how every piece reads; anchors and aliases tie pieces together.
  if (/^%/m.test(text)) problem = 'the document has directives';
  else if (hasAnchorsOrAliases(root)) problem = 'the document has anchors or aliases';
  unsafeDocuments.set(doc, problem);
  return problem;
}

function hasAnchorsOrAliases(root: Node): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (isAlias(node) || (node as { anchor?: string }).anchor) return true;
    if (isMap(node) || isSeq(node)) for (const child of node.items) stack.push(child);
  }
  return false;
}

/** The one span where two texts differ: their common prefix and suffix left out. */
export function changedSpan(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const shortest = Math.min(oldText.length, newText.length);
  // Halving searches over substring comparisons: the engine compares long runs far faster than
  // a loop over characters (a megabyte takes about a millisecond instead of twenty).
  let same = 0;
  let high = shortest;
  while (same < high) {
    const mid = (same + high + 1) >> 1;
    if (oldText.substring(same, mid) === newText.substring(same, mid)) same = mid;
    else high = mid - 1;
  }
  const start = same;
  let tail = 0;
  high = shortest - start;
  while (tail < high) {
    const mid = (tail + high + 1) >> 1;
    if (
      oldText.substring(oldText.length - mid, oldText.length - tail) ===
      newText.substring(newText.length - mid, newText.length - tail)
    )
      tail = mid;
    else high = mid - 1;
  }
  return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}
