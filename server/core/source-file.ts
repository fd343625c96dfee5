// One workspace file parsed with the `yaml` package, keeping every node's source range
// (a LineCounter maps offsets to lines, as yaml-language-server does).
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import { Range, rangeFromOffsets } from './text-range';

export type FileKind = 'runbook' | 'calendar';

export interface SyntaxProblem {
  range: Range;
  message: string;
}

export interface SourceFile {
  uri: string;
  kind: FileKind;
  text: string;
  /** The parsed document; parsed again from `text` when it was dropped (see `dropDocument`). */
  readonly doc: Document.Parsed;
  lineCounter: LineCounter;
  /** YAML syntax errors (RB001), including a second document in the file. */
  syntaxProblems: SyntaxProblem[];
  /** Larger than MAX_FILE_BYTES: not parsed (its document is empty), reported as RB034. */
  tooLarge?: true;
}

/**
 * The largest runbook or calendar that is parsed (docs/runbook-dsl.md, RB034). The largest realistic
 * file is a few hundred KB; parsing 50 MB took two minutes and 2.7 GB.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Whether text is over MAX_FILE_BYTES in UTF-8, counting only as far as needed. */
export function isTooLarge(text: string): boolean {
  if (text.length > MAX_FILE_BYTES) return true;
  if (text.length * 3 <= MAX_FILE_BYTES) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    if (bytes > MAX_FILE_BYTES) return true;
  }
  return false;
}

/**
 * A file's parsed document is most of the memory the server holds for it (about 25 KB for an
 * ordinary runbook), and only the file's own checks and editor features at the cursor read it.
 * The server drops the documents of files that are not open once they are checked; reading
 * `doc` afterwards parses the text again and keeps the result until the next drop.
 */
class ParsedSource implements SourceFile {
  #doc: Document.Parsed | undefined;
  tooLarge?: true;
  constructor(
    public uri: string,
    public kind: FileKind,
    public text: string,
    doc: Document.Parsed,
    public lineCounter: LineCounter,
    public syntaxProblems: SyntaxProblem[],
  ) {
    this.#doc = doc;
  }

  get doc(): Document.Parsed {
    if (!this.#doc) {
      reparsedDocuments++;
      this.#doc = parseDocument(this.tooLarge ? '' : this.text, {
        ...PARSE_OPTIONS,
        lineCounter: new LineCounter(),
        keepSourceTokens: false,
      });
    }
    return this.#doc;
  }

  dropDocument(): void {
    if (!this.#doc) return;
    this.#doc = undefined;
    // The parser grew the list line by line; a copy holds no spare room.
    this.lineCounter.lineStarts = this.lineCounter.lineStarts.slice();
  }

  hasDocument(): boolean {
    return this.#doc !== undefined;
  }
}

let reparsedDocuments = 0;

/** How many dropped documents were parsed again since the process started (tests and benchmarks watch it). */
export function reparsedDocumentCount(): number {
  return reparsedDocuments;
}

/** Lets go of the file's parsed document; it is parsed again from the text when next read. */
export function dropDocument(file: SourceFile): void {
  if (file instanceof ParsedSource) file.dropDocument();
}

export function hasDocument(file: SourceFile): boolean {
  return !(file instanceof ParsedSource) || file.hasDocument();
}

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;
const CALENDAR_NAME = /\.calendar\.ya?ml$/i;

/** A URI (`file:`, `untitled:`…), not a path: its query and fragment are no part of the name. */
const URI_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

export function fileKindOf(uriOrPath: string): FileKind | undefined {
  // In a path `#` and `?` are ordinary characters of the name (`fix #12.runbook.yaml`).
  const clean = URI_SCHEME.test(uriOrPath) ? uriOrPath.split(/[?#]/)[0] : uriOrPath;
  if (RUNBOOK_NAME.test(clean)) return 'runbook';
  if (CALENDAR_NAME.test(clean)) return 'calendar';
  return undefined;
}

// Aliases are allowed, but expanding them is capped so an alias bomb cannot blow up memory.
// Exported for incremental re-parsing (incremental/), which must parse pieces exactly as files are parsed.
export const PARSE_OPTIONS = { prettyErrors: false, strict: false, uniqueKeys: true, maxAliasCount: 100 } as const;

export function parseSourceFile(uri: string, kind: FileKind, text: string): SourceFile {
  if (isTooLarge(text)) {
    // Reported, not parsed: an empty document stands in, so the model is empty and every rule but RB034 is quiet.
    const empty = new LineCounter();
    const source = sourceFileOf(uri, kind, text, parseDocument('', { ...PARSE_OPTIONS, lineCounter: empty }), empty);
    (source as ParsedSource).tooLarge = true;
    return source;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter, keepSourceTokens: false });
  return sourceFileOf(uri, kind, text, doc, lineCounter);
}

/** A SourceFile around a document parsed from `text` (incremental re-parsing builds the document itself). */
export function sourceFileOf(
  uri: string,
  kind: FileKind,
  text: string,
  doc: Document.Parsed,
  lineCounter: LineCounter,
): SourceFile {
  // One problem per place: the parser often explains one mistake several ways at the same offset.
  const seen = new Set<number>();
  const syntaxProblems: SyntaxProblem[] = [];
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    if (seen.has(start)) continue;
    seen.add(start);
    syntaxProblems.push({
      range: rangeFromOffsets(lineCounter, start, Math.min(text.length, Math.max(end, start + 1))),
      message: firstLine(error.message),
    });
  }
  return new ParsedSource(uri, kind, text, doc, lineCounter, syntaxProblems);
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

export function nodeRange(file: SourceFile, node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  return rangeFromOffsets(file.lineCounter, start, valueEnd);
}

/** The range of a pair's key, the smallest thing that names a field. */
export function keyRange(file: SourceFile, pair: Pair): Range | undefined {
  return nodeRange(file, pair.key as Node);
}

/** The range of a pair's value, or of its key when the value is empty. */
export function valueRange(file: SourceFile, pair: Pair): Range | undefined {
  const value = pair.value as Node | null;
  if (value && value.range && !(isScalar(value) && value.value === null && value.range[0] === value.range[1])) {
    return nodeRange(file, value);
  }
  return keyRange(file, pair);
}

export function pairKey(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return undefined;
}

export function findPair(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && pairKey(item) === key) return item as Pair;
  }
  return undefined;
}

export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') return undefined;
  return String(v);
}

export { isMap, isSeq, isScalar, isPair };
export type { Node, Pair, YAMLMap, YAMLSeq, Scalar };
