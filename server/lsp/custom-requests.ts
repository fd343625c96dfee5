// The editor protocol of spec section 8: `runbook/calendar` and `runbook/changeRequest`, plus the
// `runbook/indexChanged` notification that tells the calendar view to ask again.
import { Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { calendarQuery, CalendarParamsError } from '../core/calendar/calendar-query';
import { renderChangeRequest } from '../core/change-request/render-change-request';
import type { DiagnosticsScheduler } from './diagnostics-scheduler';
import type { DocumentStore } from './document-store';
import { canonicalUri } from './uris';

export const CALENDAR_REQUEST = 'runbook/calendar';
export const CHANGE_REQUEST_REQUEST = 'runbook/changeRequest';
export const INDEX_CHANGED_NOTIFICATION = 'runbook/indexChanged';

export interface CustomRequestContext {
  connection: Connection;
  store: DocumentStore;
  scheduler: DiagnosticsScheduler;
  whenReady(): Promise<void>;
  logError(message: string, error: unknown): void;
}

export function registerCustomRequests(ctx: CustomRequestContext): void {
  const { connection, store } = ctx;

  connection.onRequest(CALENDAR_REQUEST, async (params: unknown) => {
    await ctx.whenReady();
    store.parseAllPending();
    try {
      return calendarQuery(store.index, params, (uri) => ctx.scheduler.diagnosticsFor(uri));
    } catch (error) {
      if (error instanceof CalendarParamsError || (error as { code?: number })?.code === ErrorCodes.InvalidParams) {
        throw new ResponseError(ErrorCodes.InvalidParams, (error as Error).message);
      }
      ctx.logError(`${CALENDAR_REQUEST} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${CALENDAR_REQUEST} failed: ${(error as Error)?.message ?? error}`);
    }
  });

  connection.onRequest(CHANGE_REQUEST_REQUEST, async (params: unknown) => {
    await ctx.whenReady();
    const raw = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
    if (typeof raw !== 'string' || raw.trim() === '') {
      throw new ResponseError(ErrorCodes.InvalidParams, `${CHANGE_REQUEST_REQUEST} needs params {"uri": string}, the URI of a runbook file`);
    }
    const uri = canonicalUri(raw);
    store.parseAllPending();
    const file = store.index.get(uri);
    if (!file) throw new ResponseError(ErrorCodes.InvalidParams, `${CHANGE_REQUEST_REQUEST}: ${raw} is not a runbook of the workspace`);
    if (file.model.kind !== 'runbook') throw new ResponseError(ErrorCodes.InvalidParams, `${CHANGE_REQUEST_REQUEST}: ${raw} is a calendar, not a runbook`);
    try {
      return renderChangeRequest(store.index, file.model);
    } catch (error) {
      ctx.logError(`${CHANGE_REQUEST_REQUEST} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${CHANGE_REQUEST_REQUEST} failed: ${(error as Error)?.message ?? error}`);
    }
  });
}
