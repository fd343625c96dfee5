// The editor protocol (docs/runbook-dsl.md, "The editor protocol"): `runbook/calendar` and `runbook/changeRequest`, and the
// requests of release day and of the metrics (protocol/requests.ts names them all).
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { CALENDAR_ICS_REQUEST, CALENDAR_REQUEST, CalendarIcsParams, CHANGE_REQUEST_REQUEST } from '../../protocol/requests';
import { calendarQuery, CalendarParamsError } from '../core/calendar/calendar-query';
import { calendarToIcs, periodSeries } from '../core/calendar/ics-export';
import { renderChangeRequest } from '../core/change-request/render-change-request';
import { registerMetricsRequests } from './metrics-requests';
import { registerReleaseRequests } from './release-requests';
import type { CustomRequestContext } from './request-context';
import { canonicalUri } from './uris';

export { INDEX_CHANGED_NOTIFICATION } from '../../protocol/requests';
export type { CustomRequestContext } from './request-context';

export function registerCustomRequests(ctx: CustomRequestContext): void {
  const { connection, store } = ctx;
  registerReleaseRequests(ctx);
  registerMetricsRequests(ctx);

  const calendar = async (method: string, params: unknown) => {
    await ctx.whenReady();
    store.parseAllPending();
    try {
      return calendarQuery(store.index, params, (uri) => ctx.scheduler.diagnosticsFor(uri));
    } catch (error) {
      if (error instanceof CalendarParamsError || (error as { code?: number })?.code === ErrorCodes.InvalidParams) {
        throw new ResponseError(ErrorCodes.InvalidParams, (error as Error).message);
      }
      ctx.logError(`${method} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${(error as Error)?.message ?? error}`);
    }
  };
  connection.onRequest(CALENDAR_REQUEST, (params: unknown) => calendar(CALENDAR_REQUEST, params));
  connection.onRequest(CALENDAR_ICS_REQUEST, async (params: CalendarIcsParams) => {
    const result = params?.calendar;
    if (!result || typeof result !== 'object' || typeof result.timezone !== 'string' || !Array.isArray(result.events) || !Array.isArray(result.freezes) || !Array.isArray(result.maintenance)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${CALENDAR_ICS_REQUEST} needs params {"calendar": a ${CALENDAR_REQUEST} result}`);
    }
    await ctx.whenReady();
    store.parseAllPending();
    try {
      const seriesOf = periodSeries(store.index.calendar(), Date.parse(result.from));
      return { ics: calendarToIcs(result, { name: `Release calendar (${result.timezone})`, seriesOf }) };
    } catch (error) {
      ctx.logError(`${CALENDAR_ICS_REQUEST} failed`, error);
      throw new ResponseError(ErrorCodes.InternalError, `${CALENDAR_ICS_REQUEST} failed: ${(error as Error)?.message ?? error}`);
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
