// The standard LSP features, each a thin call into server/core/editor/. Every handler waits for
// the workspace to be read, parses the document's latest version, and never lets a fault escape:
// a failing feature is logged and answers nothing rather than taking the server down.
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  Connection,
  Diagnostic,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentIdentifier,
} from 'vscode-languageserver/node';
import { bookEnvironment } from '../core/editor/book-environment';
import type { Range as TextRange } from '../core/text-range';
import { quickFixes } from '../core/editor/code-actions';
import { REFRESH_CHANGE_STATUS_COMMAND } from '../../protocol/names';
import { changeStatusMarkdown } from '../core/editor/change-status-display';
import { isSourceUri } from './calendar-sources';
import { codeLenses, PREVIEW_COMMAND, SUBMIT_COMMAND } from '../core/editor/code-lens';
import { completions } from '../core/editor/completion';
import { documentSymbols } from '../core/editor/document-symbols';
import type { DiagnosticRef, Location, WorkspaceEdit } from '../core/editor/editor-types';
import { foldingRanges } from '../core/editor/folding-ranges';
import { hover } from '../core/editor/hover';
import { containsPosition } from '../core/text-range';
import { ChangeStatuses, registerChangeStatuses } from './change-statuses';
import { prepareRename, rename } from '../core/editor/rename';
import { selectionRanges } from '../core/editor/selection-ranges';
import { definitionsOf, referencesOf, symbolAt } from '../core/editor/symbols';
import type { ClientSupport } from './client-support';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import type { DocumentStore } from './document-store';
import { isOurCode, rangesMeet, toLspDiagnostic } from './lsp-convert';
import { canonicalUri } from './uris';

export interface FeatureContext {
  connection: Connection;
  store: DocumentStore;
  scheduler: DiagnosticsScheduler;
  whenReady(): Promise<void>;
  coordinatorZone(): string;
  changeRequestLenses(): boolean;
  /** The client is VS Code (or a fork): its own commands may be attached to items. */
  isVsCode(): boolean;
  /** What the client declared it can take (snippets, Markdown). */
  client(): ClientSupport;
  logError(message: string, error: unknown): void;
}

type Handler<P, R> = (params: P, token: CancellationToken) => R;

export function registerFeatures(ctx: FeatureContext): void {
  const { connection, store } = ctx;
  const index = store.index;
  const statuses = new ChangeStatuses();
  registerChangeStatuses(connection, statuses, () => ctx.client().codeLensRefresh);

  /**
   * Waits for the workspace, parses the document, runs the feature; a fault answers `fallback`.
   * Features that read the open document alone (outline, folding, selection) do not wait: the
   * editor answers them while a large workspace is still being read.
   */
  const guarded = <P extends { textDocument?: TextDocumentIdentifier }, R>(
    name: string,
    fallback: R,
    run: (uri: string, params: P) => R,
  ) =>
    (async (params: P, token: CancellationToken): Promise<R> => {
      try {
        const clientUri = params?.textDocument?.uri;
        if (!(documentOnly.has(name) && typeof clientUri === 'string' && store.isOpen(canonicalUri(clientUri))))
          await ctx.whenReady();
        if (token?.isCancellationRequested) return fallback;
        if (typeof clientUri !== 'string') return fallback;
        const position = (params as { position?: unknown }).position;
        if (position !== undefined || needsPosition.has(name)) checkPosition(name, position);
        const uri = canonicalUri(clientUri);
        store.ensureParsed(uri);
        // A file over the size limit was not parsed: RB034 is all the server says about it.
        if (!index.has(uri) || index.get(uri)!.source.tooLarge) return fallback;
        return run(uri, params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        ctx.logError(`${name} failed`, error);
        return fallback;
      }
    }) as Handler<P, Promise<R>>;

  const toClientLocations = (locations: Location[]) =>
    locations.map((l) => ({ uri: store.clientUri(l.uri), range: l.range }));
  const toClientEdit = (edit: WorkspaceEdit) => {
    const changes: WorkspaceEdit['changes'] = {};
    for (const [uri, edits] of Object.entries(edit.changes)) changes[store.clientUri(uri)] = edits;
    return { changes };
  };

  connection.onCompletion(
    guarded('completion', null, (uri, params) => {
      const client = ctx.client();
      return {
        isIncomplete: false,
        items: completions(index, uri, params.position, {
          retrigger: ctx.isVsCode(),
          snippets: client.snippets,
          markdown: client.completionMarkdown,
        }),
      };
    }),
  );

  connection.onHover(
    guarded('hover', null, (uri, params) => {
      const markdown = ctx.client().hoverMarkdown;
      const found = hover(index, uri, params.position, { markdown });
      // On `ticket:`, where the change request stands, when the client reads GitHub for us.
      const model = index.get(uri)?.model;
      const ticket = model?.kind === 'runbook' ? model.change.ticket : undefined;
      const span = ticket && { start: ticket.keyRange.start, end: ticket.valueRange.end };
      if (!statuses.received || !markdown || !ticket?.text.trim() || !span || !containsPosition(span, params.position))
        return found ?? null;
      const text = ticket.text.trim();
      const status = changeStatusMarkdown(text, statuses.get(text), {
        refreshCommand: REFRESH_CHANGE_STATUS_COMMAND,
        lastError: statuses.lastError,
        zone: ctx.coordinatorZone(),
      });
      const more =
        found && typeof found.contents === 'object' && 'value' in found.contents
          ? `\n\n---\n\n${found.contents.value}`
          : '';
      return { contents: { kind: 'markdown', value: status + more }, range: span };
    }),
  );

  connection.onDefinition(
    guarded('definition', null, (uri, params) => {
      const symbol = symbolAt(index, uri, params.position);
      return symbol ? toClientLocations(definitionsOf(index, symbol)) : null;
    }),
  );

  connection.onReferences(
    guarded('references', null, (uri, params) => {
      const symbol = symbolAt(index, uri, params.position);
      return symbol
        ? toClientLocations(referencesOf(index, symbol, params.context?.includeDeclaration !== false))
        : null;
    }),
  );

  connection.onPrepareRename(
    guarded('prepareRename', null, (uri, params) => prepareRename(index, uri, params.position) ?? null),
  );

  connection.onRenameRequest(
    guarded('rename', null, (uri, params) => {
      if (typeof params.newName !== 'string')
        throw new ResponseError(ErrorCodes.InvalidParams, 'rename needs "newName", a string');
      const result = rename(index, uri, params.position, params.newName);
      if (!result.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, result.message);
      return toClientEdit(result.edit);
    }),
  );

  connection.onDocumentSymbol(guarded('documentSymbol', [], (uri) => documentSymbols(index, uri)));

  connection.onFoldingRanges(guarded('foldingRange', [], (uri) => foldingRanges(index, uri)));

  connection.onSelectionRanges(
    guarded('selectionRange', [], (uri, params) =>
      selectionRanges(index, uri, Array.isArray(params.positions) ? params.positions : []),
    ),
  );

  connection.onCodeLens(
    guarded('codeLens', [], (uri) => {
      const lenses = codeLenses(index, uri, {
        zone: ctx.coordinatorZone(),
        // Another team's runbook read from a calendar source is theirs to submit: read-only here.
        changeRequest: ctx.changeRequestLenses() && !isSourceUri(uri),
        changeStatus: statuses.received ? (ticket) => statuses.get(ticket) : undefined,
      });
      if (ctx.isVsCode()) return lenses;
      // Other clients cannot run the extension's commands: what the lenses say stays, as text;
      // the lenses that only run a command (submit, preview) go.
      return lenses
        .filter((lens) => !VS_CODE_ONLY_LENSES.has(lens.command?.command ?? ''))
        .map((lens) => (lens.command ? { ...lens, command: { title: lens.command.title, command: '' } } : lens));
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', [] as CodeAction[], (uri, params) => {
      const only = params.context?.only;
      const wants = (kind: string) =>
        !only || only.some((k) => k === kind || kind.startsWith(`${k}.`) || k === CodeActionKind.Empty);
      // "Book <environment> for this window", on the runbook's environment or window.
      const booking: CodeAction[] = [];
      if (wants(CodeActionKind.Refactor)) {
        const model = index.get(uri)?.model;
        const span = (f?: { keyRange: TextRange; valueRange: TextRange }): TextRange | undefined =>
          f && { start: f.keyRange.start, end: f.valueRange.end };
        const near =
          model?.kind === 'runbook' &&
          [
            span(model.fields.get('environment')),
            model.window.section?.keyRange,
            span(model.window.start),
            span(model.window.end),
            span(model.window.duration),
          ].some((r) => r && rangesMeet(r, params.range));
        const action = near ? bookEnvironment(index, uri) : undefined;
        if (action)
          booking.push({ title: action.title, kind: CodeActionKind.Refactor, edit: toClientEdit(action.edit) });
      }
      if (!wants(CodeActionKind.QuickFix)) return booking;
      // The client's diagnostics carry the rule's data back; when a client sends none, ours stand in.
      const fromClient = (params.context?.diagnostics ?? []).filter((d) => isOurCode(d.code));
      const ours = ctx.scheduler.diagnosticsFor(uri).filter((d) => rangesMeet(d.range, params.range));
      const refs: { ref: DiagnosticRef; lsp: Diagnostic }[] = fromClient.length
        ? fromClient.map((d) => ({
            ref: {
              code: String(d.code),
              range: d.range,
              message: typeof d.message === 'string' ? d.message : undefined,
              data: withOurData(d, ours),
            },
            lsp: d,
          }))
        : ours.map((d) => ({
            ref: { code: d.code, range: d.range, message: d.message, data: d.data },
            lsp: toLspDiagnostic(d) as Diagnostic,
          }));
      const fixes = quickFixes(
        index,
        uri,
        refs.map((r) => r.ref),
        (code, error) => ctx.logError(`quick fix for ${code} failed`, error),
      );
      return [
        ...fixes.map((fix) => ({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: fix.diagnostics
            .map((d) => refs.find((r) => r.ref === d)?.lsp)
            .filter((d): d is Diagnostic => !!d),
          edit: toClientEdit(fix.edit),
          ...(fix.isPreferred ? { isPreferred: true } : {}),
        })),
        ...booking,
      ];
    }),
  );
}

/** Lenses that are nothing but a command of the VS Code extension. */
const VS_CODE_ONLY_LENSES = new Set([SUBMIT_COMMAND, PREVIEW_COMMAND]);

const needsPosition = new Set(['completion', 'hover', 'definition', 'references', 'prepareRename', 'rename']);

/** Features whose answer depends on the document alone, never on other files. */
const documentOnly = new Set(['documentSymbol', 'foldingRange', 'selectionRange']);

/** A position must be two non-negative integers; anything else is the client's mistake, said so. */
function checkPosition(name: string, position: unknown): void {
  const p = position as { line?: unknown; character?: unknown } | undefined;
  const ok =
    !!p &&
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    (p.line as number) >= 0 &&
    (p.character as number) >= 0;
  if (!ok)
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `${name}: "position" must be {"line": n, "character": n} with non-negative integers`,
    );
}

/** A client may drop `data`; the same diagnostic from our last run has it. */
function withOurData(
  d: Diagnostic,
  ours: { code: string; range: Diagnostic['range']; data?: Record<string, unknown> }[],
): Record<string, unknown> | undefined {
  if (d.data && typeof d.data === 'object') return d.data as Record<string, unknown>;
  const same = ours.find(
    (o) =>
      o.code === d.code &&
      o.range.start.line === d.range.start.line &&
      o.range.start.character === d.range.start.character,
  );
  return same?.data;
}
