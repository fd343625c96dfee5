// The shapes editor features return. They match LSP's types structurally (the LSP layer passes
// them through unchanged) but import nothing from LSP, so the core stays usable from the CLI and tests.
import type { Range } from '../text-range';

export interface MarkupContent {
  kind: 'markdown' | 'plaintext';
  value: string;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits per file URI (the index's URIs; the LSP layer maps them to the client's spelling). */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export interface Location {
  uri: string;
  range: Range;
}

/** LSP CompletionItemKind values used here. */
export const CompletionKind = {
  Text: 1,
  Field: 5,
  Module: 9,
  Property: 10,
  Value: 12,
  Enum: 13,
  Keyword: 14,
  Snippet: 15,
  Reference: 18,
  EnumMember: 20,
  Constant: 21,
} as const;

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
/** asIs: the client must not re-indent our multi-line insert texts (they carry absolute indentation). */
export const InsertTextMode = { asIs: 1, adjustIndentation: 2 } as const;

export interface Command {
  title: string;
  /** Shown on hovering a code lens (LSP 3.17 `Command.tooltip`). */
  tooltip?: string;
  command: string;
  arguments?: unknown[];
}

type ValueOf<T> = T[keyof T];

export interface CompletionItem {
  label: string;
  kind?: ValueOf<typeof CompletionKind>;
  detail?: string;
  documentation?: MarkupContent;
  sortText?: string;
  filterText?: string;
  insertTextFormat?: ValueOf<typeof InsertTextFormat>;
  insertTextMode?: ValueOf<typeof InsertTextMode>;
  textEdit?: TextEdit;
  command?: Command;
}

export interface Hover {
  contents: MarkupContent;
  range?: Range;
}

/** LSP SymbolKind values used here. */
export const SymbolKind = {
  File: 1,
  Module: 2,
  Namespace: 3,
  Property: 7,
  Field: 8,
  Event: 24,
  Function: 12,
  Constant: 14,
  String: 15,
  Array: 18,
  Object: 19,
  Key: 20,
  EnumMember: 22,
  Struct: 23,
} as const;

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: ValueOf<typeof SymbolKind>;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region' | 'imports';
}

export interface SelectionRange {
  range: Range;
  parent?: SelectionRange;
}

/** A diagnostic as a code action request brings it back: code, range and the rule's `data`. */
export interface DiagnosticRef {
  code: string;
  range: Range;
  message?: string;
  data?: Record<string, unknown>;
}

export interface QuickFix {
  title: string;
  edit: WorkspaceEdit;
  isPreferred?: boolean;
  /** The diagnostics it fixes. */
  diagnostics: DiagnosticRef[];
}

export interface CodeLensData {
  range: Range;
  command: Command;
}
