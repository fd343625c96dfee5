// The documents the server knows: open ones (their text wins) and the workspace's files on disk,
// all parsed into one WorkspaceIndex. Parsing is lazy and cached by document version: an edit
// only marks the document dirty; the next request or diagnostics run parses it once.
// The parse itself is one swappable function (`parseStep`), so incremental re-parsing can replace it.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { releaseDocument } from '../core/run-rules';
import { fileKindOf, FileKind, hasDocument } from '../core/source-file';
import type { Rule } from '../core/rules/rule';
import { IndexedFile, WorkspaceIndex } from '../core/workspace-index';
import { factsOf, FileFacts } from './affected-files';
import { canonicalUri } from './uris';

export interface ParseInput {
  uri: string;
  kind: FileKind;
  text: string;
  /** The text the index held before, when the document was already indexed. */
  previousText?: string;
  /**
   * The edits since the last parse, in order, when they are known (open documents). As in LSP,
   * each edit's range refers to the text after the edits before it; the first to `previousText`.
   */
  edits?: readonly TextDocumentContentChangeEvent[];
}

/** Puts the new text of one file into the index. */
export type ParseStep = (index: WorkspaceIndex, input: ParseInput) => void;

export const fullParse: ParseStep = (index, input) => {
  index.set(input.uri, input.text, input.kind);
};

interface OpenDocument {
  document: TextDocument;
  /** From the file name, else from the language id (an untitled runbook). */
  kind: FileKind | undefined;
  clientUri: string;
  parsedVersion: number | undefined;
  /** Edits not parsed yet; undefined once a full text replaced them. */
  pendingEdits: TextDocumentContentChangeEvent[] | undefined;
}

export type ChangeListener = (uri: string, before: FileFacts | undefined) => void;

export class DocumentStore {
  readonly index = new WorkspaceIndex();
  parseStep: ParseStep = fullParse;
  private readonly open = new Map<string, OpenDocument>();
  private readonly listeners: ChangeListener[] = [];

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Where a parse that throws is told; the file keeps its previous state. */
  onParseError: (uri: string, error: unknown) => void = () => undefined;

  /** Where a rule that fails while a closed file's document is released is told. */
  onRuleError: (rule: Rule, file: IndexedFile, error: unknown) => void = () => undefined;

  /** Runs the parse step, telling listeners what the file was before when the index changed. */
  private apply(input: ParseInput): void {
    const before = factsOf(this.index, input.uri);
    const version = this.index.version;
    try {
      this.parseStep(this.index, { ...input, previousText: this.index.get(input.uri)?.source.text });
    } catch (error) {
      // A swapped-in parser that fails must not stop every other file's diagnostics.
      this.onParseError(input.uri, error);
      if (this.parseStep !== fullParse) {
        try {
          fullParse(this.index, input);
        } catch (again) {
          this.onParseError(input.uri, again);
        }
      }
    }
    if (this.index.version !== version) for (const listener of this.listeners) listener(input.uri, before);
  }

  private remove(uri: string): void {
    const before = factsOf(this.index, uri);
    if (this.index.delete(uri)) for (const listener of this.listeners) listener(uri, before);
  }

  didOpen(clientUri: string, languageId: string, version: number, text: string): string {
    const uri = canonicalUri(clientUri);
    const kind = fileKindOf(uri) ?? kindOfLanguage(languageId);
    this.open.set(uri, {
      document: TextDocument.create(clientUri, String(languageId), Number(version) || 0, String(text ?? '')),
      kind,
      clientUri,
      parsedVersion: undefined,
      pendingEdits: undefined,
    });
    this.ensureParsed(uri);
    return uri;
  }

  didChange(clientUri: string, version: number, changes: TextDocumentContentChangeEvent[]): string | undefined {
    const uri = canonicalUri(clientUri);
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    entry.document = TextDocument.update(entry.document, changes, version);
    const full = changes.some((c) => !('range' in c));
    if (full || entry.parsedVersion === undefined) entry.pendingEdits = undefined;
    else (entry.pendingEdits ??= []).push(...changes);
    return uri;
  }

  /** Forgets the open document; the caller decides what the file is now (disk text or nothing). */
  didClose(clientUri: string): string {
    const uri = canonicalUri(clientUri);
    this.open.delete(uri);
    return uri;
  }

  isOpen(uri: string): boolean {
    return this.open.has(uri);
  }

  /** The URI to speak to the client with: its own spelling for open documents. */
  clientUri(uri: string): string {
    return this.open.get(uri)?.clientUri ?? uri;
  }

  /** Parses an open document if its version has not been parsed yet. */
  ensureParsed(uri: string): void {
    const entry = this.open.get(uri);
    if (!entry || entry.parsedVersion === entry.document.version) return;
    const edits = entry.pendingEdits;
    entry.pendingEdits = undefined;
    entry.parsedVersion = entry.document.version;
    if (!entry.kind) return;
    this.apply({
      uri,
      kind: entry.kind,
      text: entry.document.getText(),
      edits: edits && edits.length ? edits : undefined,
    });
  }

  parseAllPending(): void {
    for (const uri of this.open.keys()) this.ensureParsed(uri);
  }

  /** A file's text on disk; ignored while the file is open (the editor's text wins). */
  setFromDisk(uri: string, text: string): void {
    const kind = fileKindOf(uri);
    if (this.open.has(uri) || !kind) return;
    this.apply({ uri, kind, text });
    // Nobody edits a closed file: keep its model and own findings, let its parsed document go.
    releaseDocument(this.index, uri, { onRuleError: this.onRuleError });
  }

  /** Drops the parsed documents that editor features or requests read again for files not open. */
  releaseClosedDocuments(): void {
    for (const file of this.index.all()) {
      if (!this.open.has(file.uri) && hasDocument(file.source))
        releaseDocument(this.index, file.uri, { onRuleError: this.onRuleError });
    }
  }

  /** A file gone from disk; an open document stays as the open text. */
  deleteFromDisk(uri: string): void {
    if (this.open.has(uri)) return;
    this.remove(uri);
  }
}

function kindOfLanguage(languageId: string): FileKind | undefined {
  if (languageId === 'runbook') return 'runbook';
  if (languageId === 'runbook-calendar') return 'calendar';
  return undefined;
}
