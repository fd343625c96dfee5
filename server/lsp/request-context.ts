// What the custom requests share: the server's documents and diagnostics, whether the workspace is
// read yet, its folders, and one way to read a request's runbook and to answer failures.
import { Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { RunbookModel } from '../core/model';
import type { SourceSync } from './calendar-sources';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import type { DocumentStore } from './document-store';
import { canonicalUri } from './uris';

export interface CustomRequestContext {
  connection: Connection;
  store: DocumentStore;
  scheduler: DiagnosticsScheduler;
  whenReady(): Promise<void>;
  /** Whether the first read of the workspace is done; before, answers are from what is read so far. */
  isReady(): boolean;
  /** The workspace folders' paths on disk. */
  rootPaths(): string[];
  /** The calendar's `sources` (undefined before initialize). */
  sources(): SourceSync | undefined;
  logError(message: string, error: unknown): void;
}

/** An answer to bad params: the client sees the message. */
export class ParamsError extends Error {}

/** Registers a request whose failures become InvalidParams (ParamsError) or InternalError (anything else, logged). */
export function onRequest<P, R>(
  ctx: CustomRequestContext,
  method: string,
  handler: (params: P) => R | Promise<R>,
): void {
  ctx.connection.onRequest(method, async (params: unknown) => {
    try {
      return await handler((params ?? {}) as P);
    } catch (error) {
      if (error instanceof ParamsError || error instanceof ResponseError) {
        throw error instanceof ResponseError
          ? error
          : new ResponseError(ErrorCodes.InvalidParams, `${method}: ${error.message}`);
      }
      ctx.logError(`${method} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${(error as Error)?.message ?? error}`);
    }
  });
}

/** The runbook a request names by `uri`, parsed up to date; its key in the index with it. */
export function requestRunbook(ctx: CustomRequestContext, params: unknown): { uri: string; runbook: RunbookModel } {
  const raw = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw new ParamsError('needs params {"uri": string}, the URI of a runbook file');
  const uri = canonicalUri(raw);
  ctx.store.ensureParsed(uri);
  const file = ctx.store.index.get(uri);
  if (!file)
    throw new ParamsError(
      `${raw} is not a runbook of the workspace${ctx.isReady() ? '' : ' (the workspace is still being read)'}`,
    );
  if (file.model.kind !== 'runbook') throw new ParamsError(`${raw} is a calendar, not a runbook`);
  return { uri, runbook: file.model };
}

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
