// Re-parses one unit (edit-units.ts) of a changed text on its own and splices the new nodes into
// the old document: the new nodes' offsets move to where the unit sits, every later node's offsets
// move by the length the edit added, and the collections around the unit end where their new last
// item ends. Every check that could make the piece parse differently alone than in the file sends
// the caller back to a full parse (a reason is returned instead of a result).
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { PARSE_OPTIONS } from '../source-file';
import type { Collection, EditUnit } from './edit-units';
import { isDashLine, isLineStart, isPlainKeyLine, lineFacts, NEWLINE } from './text-lines';

export interface TextChange {
  /** Offsets: the change replaced old[start, oldEnd) by new[start, newEnd). */
  start: number;
  oldEnd: number;
  newEnd: number;
}

type Item = Node | Pair;

/**
 * Re-parses `unit` of `newText` into `doc` (changed in place) and returns the new text's line
 * starts; or, with `doc` untouched, the reason it cannot.
 */
export function reparseUnit(
  doc: Document.Parsed,
  lineCounter: LineCounter,
  oldText: string,
  newText: string,
  change: TextChange,
  unit: EditUnit,
): LineCounter | string {
  const delta = change.newEnd - change.oldEnd;
  const fragmentEnd = unit.end + delta;
  if (fragmentEnd <= unit.start) return 'the edit removed the whole unit';
  if (fragmentEnd < newText.length && newText.charCodeAt(fragmentEnd - 1) !== NEWLINE)
    return 'the edit joined the unit with the next line';
  const fragment = newText.slice(unit.start, fragmentEnd);
  const linesProblem = checkLines(fragment, unit);
  if (linesProblem) return linesProblem;
  // Comments after a list's last entry end the enclosing collections, not the entry.
  if (unit.last === unit.parent.items.length - 1 && endsWithComment(fragment)) return 'comments after the last entry';

  const pieceLines = new LineCounter();
  const piece = parseDocument(fragment, { ...PARSE_OPTIONS, lineCounter: pieceLines, keepSourceTokens: false });
  if (piece.warnings.length) return 'the changed piece has a warning';
  // What follows a piece in the file can matter: an empty value at its end reaches over the next
  // line's indentation, and a broken piece (an open quote, a bracket never closed) could run on.
  // Parsed again with the file's next line after it, the piece must read the same.
  const nextLineProblem = checkAgainstNextLine(piece, fragment, newText, fragmentEnd, unit);
  if (nextLineProblem) return nextLineProblem;
  const contents = piece.contents as Node | null;
  let newItems: Item[];
  if (unit.kind === 'items') {
    if (!isSeq(contents) || contents.flow || !contents.range || contents.range[0] !== unit.indent)
      return 'the piece is no longer a list at the same column';
    newItems = (contents as YAMLSeq).items as Node[];
  } else {
    if (!isMap(contents) || contents.flow) return 'the piece is no longer top-level entries';
    newItems = (contents as YAMLMap).items as Pair[];
    const problem = checkTopLevelKeys(fragment, doc.contents as YAMLMap, unit, newItems as Pair[]);
    if (problem) return problem;
  }
  if (newItems.length === 0) return 'the piece holds no entries';
  if (hasAnchorOrAlias(newItems)) return 'the piece has an anchor or alias';

  const parent = unit.parent;
  const oldItems = parent.items as Item[];
  for (const item of newItems) shiftItem(item, unit.start);
  // The parent ends where the piece's list ends when the piece holds its last entries (the
  // piece's list is built by the same rules: after its last entry, or after its trailing
  // comments); otherwise it ends later by `delta`, and so does every collection around it.
  const parentRange = parent.range!;
  const pieceRange = (contents as Collection).range!;
  const holdsLast = unit.last === oldItems.length - 1;
  const parentEnds: [number, number] = holdsLast
    ? [pieceRange[1] + unit.start, pieceRange[2] + unit.start]
    : [parentRange[1] + delta, parentRange[2] + delta];
  if (!holdsLast && (parentRange[1] < unit.end || parentRange[2] < unit.end)) return 'the list ends inside the piece';
  const mapEnd = (value: number): number => {
    if (value === parentRange[2]) return parentEnds[1];
    if (value === parentRange[1]) return parentEnds[0];
    if (value >= unit.end) return value + delta;
    if (value <= unit.start) return value;
    return Number.NaN;
  };
  const newEnds: [number, number][] = [];
  for (const collection of unit.ancestors) {
    const range = collection.range!;
    const ends: [number, number] = [mapEnd(range[1]), mapEnd(range[2])];
    if (Number.isNaN(ends[0]) || Number.isNaN(ends[1])) return 'a collection around the piece ends inside it';
    newEnds.push(ends);
  }
  newEnds.push(parentEnds);
  const enclosing: Collection[] = [...unit.ancestors, parent];
  // The document's content ends where its root map ends; what follows (trailing comments, blank
  // lines, tokens the parser gave up on) is the piece's when the piece reaches the end of the text.
  const rootEnd = newEnds[0][1];
  const docEnd2 = unit.end >= oldText.length ? piece.range[2] + unit.start : mapEnd(doc.range[2]);
  if (Number.isNaN(docEnd2)) return 'the document ends inside the piece';

  // Where each enclosing collection holds the next one: what follows it moves by `delta`.
  const holders = enclosing.slice(0, -1).map((collection, level) => {
    const child = enclosing[level + 1];
    return (collection.items as Item[]).findIndex(
      (item) => item === child || (isPair(item) && (item.value === child || item.key === child)),
    );
  });
  if (holders.some((at) => at < 0)) return "the piece's place in the tree was not found";

  // Nothing has changed so far; from here on the document is rewritten.
  if (delta !== 0) {
    for (let k = unit.last + 1; k < oldItems.length; k++) shiftItem(oldItems[k], delta);
    holders.forEach((at, level) => {
      const items = enclosing[level].items as Item[];
      for (let k = at + 1; k < items.length; k++) shiftItem(items[k], delta);
    });
  }
  enclosing.forEach((collection, i) => {
    collection.range![1] = newEnds[i][0];
    collection.range![2] = newEnds[i][1];
  });
  doc.range[1] = rootEnd;
  doc.range[2] = docEnd2;
  (parent.items as Item[]).splice(unit.first, unit.last - unit.first + 1, ...newItems);
  // The old errors were all inside the unit: the piece's errors are the document's now.
  doc.errors.length = 0;
  for (const error of piece.errors) {
    error.pos[0] += unit.start;
    error.pos[1] += unit.start;
    doc.errors.push(error);
  }
  return spliceLineStarts(lineCounter, pieceLines, change, unit);
}

/**
 * Whether the piece reads the same with the file's next line after it. For a piece with syntax
 * errors that line must also start one more entry of the same list, untouched by the errors: only
 * a sibling entry (or the end of the text) gives that certainty, so a broken last entry of a list
 * is left to the full parse.
 */
function checkAgainstNextLine(
  piece: Document.Parsed,
  fragment: string,
  newText: string,
  fragmentEnd: number,
  unit: EditUnit,
): string | undefined {
  if (fragmentEnd >= newText.length) return undefined;
  const siblingFollows =
    unit.kind === 'items' ? isDashLine(newText, fragmentEnd, unit.indent) : isPlainKeyLine(newText, fragmentEnd);
  const broken = piece.errors.length > 0;
  if (broken && !siblingFollows) return 'a broken piece at the end of its list';
  const newline = newText.indexOf('\n', fragmentEnd);
  const nextLine = newText.slice(fragmentEnd, newline < 0 ? newText.length : newline + 1);
  const extended = parseDocument(fragment + nextLine, { ...PARSE_OPTIONS, keepSourceTokens: false });
  const alone = piece.contents as Collection;
  const withNext = extended.contents as Collection;
  const runsOn = 'the piece reads differently before the next line';
  if (!(isMap(alone) && isMap(withNext)) && !(isSeq(alone) && isSeq(withNext))) return runsOn;
  if (withNext.items.length < alone.items.length) return runsOn;
  for (let k = 0; k < alone.items.length; k++) {
    if (!sameTree(alone.items[k], withNext.items[k])) return runsOn;
  }
  if (!broken) return undefined;
  if (withNext.items.length !== alone.items.length + 1) return runsOn;
  const added = withNext.items[alone.items.length] as Node | Pair;
  const addedStart = isPair(added) ? (added.key as Node | null)?.range?.[0] : added?.range?.[0];
  if (addedStart === undefined || addedStart < fragment.length) return runsOn;
  if (extended.errors.some((e) => e.pos[0] >= fragment.length)) return runsOn;
  const describe = (errors: readonly { pos: [number, number]; code: string; message: string }[]) =>
    errors.map((e) => `${e.code} ${e.pos[0]} ${e.pos[1]} ${e.message}`);
  const a = describe(piece.errors);
  const b = describe(extended.errors);
  if (a.length !== b.length || a.some((line, i) => line !== b[i])) return runsOn;
  return undefined;
}

/** Same nodes, values, styles and offsets. */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (isPair(a)) return isPair(b) && sameTree(a.key, b.key) && sameTree(a.value, b.value);
  if (isPair(b)) return false;
  const na = a as Node;
  const nb = b as Node;
  const ra = na.range;
  const rb = nb.range;
  if (!ra || !rb || ra[0] !== rb[0] || ra[1] !== rb[1] || ra[2] !== rb[2]) return false;
  if (isScalar(na)) return isScalar(nb) && na.value === nb.value && na.type === nb.type;
  if (isAlias(na)) return isAlias(nb) && na.source === nb.source;
  if (isMap(na) || isSeq(na)) {
    if (isMap(na) !== isMap(nb) || isSeq(na) !== isSeq(nb) || !!(na as Collection).flow !== !!(nb as Collection).flow)
      return false;
    const ia = (na as Collection).items;
    const ib = (nb as Collection).items;
    if (ia.length !== ib.length) return false;
    for (let k = 0; k < ia.length; k++) if (!sameTree(ia[k], ib[k])) return false;
    return true;
  }
  return false;
}

/**
 * The new line starts: the old ones up to the unit, the piece's (as its parse counted them: the
 * parser does not count every line of text it gave up on, and a full parse would not either),
 * and the old ones after the unit, moved.
 */
function spliceLineStarts(old: LineCounter, piece: LineCounter, change: TextChange, unit: EditUnit): LineCounter {
  const delta = change.newEnd - change.oldEnd;
  const starts = old.lineStarts;
  const before = upperBound(starts, unit.start);
  const after = upperBound(starts, unit.end);
  // slice and push keep a packed array of small integers, which the binary searches prefer.
  const out = starts.slice(0, before);
  const pieceStarts = piece.lineStarts;
  for (let k = 1; k < pieceStarts.length; k++) out.push(pieceStarts[k] + unit.start);
  for (let k = after; k < starts.length; k++) out.push(starts[k] + delta);
  const counter = new LineCounter();
  counter.lineStarts = out;
  return counter;
}

/** The number of entries of a sorted list that are at most `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Line-level checks that the piece alone reads as it does in the file. */
function checkLines(fragment: string, unit: EditUnit): string | undefined {
  if (!(unit.kind === 'items' ? isDashLine(fragment, 0, unit.indent) : isPlainKeyLine(fragment, 0))) {
    return 'the first line no longer starts an entry';
  }
  let p = 0;
  while (p < fragment.length) {
    const facts = lineFacts(fragment, p);
    if (facts.tabIndent) return 'a tab in indentation';
    if (!facts.blank && !facts.comment && facts.indent <= unit.indent) {
      const starts =
        unit.kind === 'items'
          ? facts.indent === unit.indent && isDashLine(fragment, p, unit.indent)
          : isPlainKeyLine(fragment, p);
      if (!starts) return "a line leaves the piece's indentation";
    }
    p = facts.next;
  }
  return undefined;
}

/** Whether the last line that is not blank is a comment. */
function endsWithComment(fragment: string): boolean {
  let lastContentIsComment = false;
  let p = 0;
  while (p < fragment.length) {
    const facts = lineFacts(fragment, p);
    if (!facts.blank) lastContentIsComment = facts.comment;
    p = facts.next;
  }
  return lastContentIsComment;
}

/** New top-level keys: plain keys at line starts, not duplicating the entries outside the unit. */
function checkTopLevelKeys(fragment: string, root: YAMLMap, unit: EditUnit, pairs: Pair[]): string | undefined {
  const outside = new Set<string>();
  root.items.forEach((pair, k) => {
    if (k >= unit.first && k <= unit.last) return;
    const key = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined) outside.add(key);
  });
  for (const pair of pairs) {
    const key = pair.key as Node | null;
    if (!isPair(pair) || !key || !isScalar(key) || !key.range || !isLineStart(fragment, key.range[0]))
      return 'a key that is not plain';
    if (outside.has(String(key.value))) return 'a top-level key is now duplicated';
  }
  return undefined;
}

function hasAnchorOrAlias(items: Item[]): boolean {
  const stack: unknown[] = [...items];
  while (stack.length) {
    const node = stack.pop();
    if (!node) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (isAlias(node)) return true;
    if ((node as { anchor?: string }).anchor) return true;
    if (isMap(node) || isSeq(node)) stack.push(...(node as Collection).items);
  }
  return false;
}

/** Moves every offset of an item and everything under it. */
function shiftItem(item: Item | null | undefined, by: number): void {
  const stack: unknown[] = [item];
  while (stack.length) {
    const node = stack.pop() as Node | Pair | null | undefined;
    if (!node) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const range = (node as Node).range;
    if (range) {
      range[0] += by;
      range[1] += by;
      range[2] += by;
    }
    if (isMap(node) || isSeq(node)) for (const child of (node as Collection).items) stack.push(child);
  }
}
