// The editor protocol (docs/runbook-dsl.md, "The editor protocol"): `runbook/calendar` and `runbook/changeRequest`, the
// calendar sources' `runbook/refreshSources` and `runbook/sourceText`, and the
// requests of release day and of the metrics (protocol/requests.ts names them all).
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  CALENDAR_ICS_REQUEST,
  CALENDAR_REQUEST,
  CalendarIcsParams,
  CHANGE_REQUEST_REQUEST,
  ACCESS_REQUESTS_REQUEST,
  AccessRequestsResult,
  REFRESH_SOURCES_REQUEST,
  SOURCE_TEXT_REQUEST,
  SourceTextParams,
  SourceTextResult,
  TICKETS_REQUEST,
  TicketsResult,
} from '../../protocol/requests';
import type { CalendarSources } from '../core/calendar/calendar-types';
import { calendarQuery, CalendarParamsError } from '../core/calendar/calendar-query';
import { calendarToIcs, periodSeries } from '../core/calendar/ics-export';
import { approvalBoard, requiredApprovals } from '../core/change-request/approval-board';
import { requestsToFile } from '../core/change-request/render-access-request';
import { renderChangeRequest } from '../core/change-request/render-change-request';
import { registerAnnounceRequests } from './announce-requests';
import type { RunbookModel } from '../core/model';
import { registerMetricsRequests } from './metrics-requests';
import { registerReleaseRequests } from './release-requests';
import { registerTicketEdit } from './ticket-edit';
import { CustomRequestContext, onRequest, ParamsError } from './request-context';
import { canonicalUri } from './uris';

export { INDEX_CHANGED_NOTIFICATION } from '../../protocol/requests';
export type { CustomRequestContext } from './request-context';

export function registerCustomRequests(ctx: CustomRequestContext): void {
  const { connection, store } = ctx;
  registerReleaseRequests(ctx);
  registerMetricsRequests(ctx);
  registerAnnounceRequests(ctx);
  registerTicketEdit(ctx);
  // Every runbook's change.ticket, and the tickets of its access and provisioning requests (the
  // access gate reads their approval), for the extension to read their status on GitHub.
  onRequest<unknown, TicketsResult>(ctx, TICKETS_REQUEST, () => {
    store.parseAllPending();
    const tickets: TicketsResult['tickets'] = [];
    // With a board in the calendar, the change request's approval is the board's verdict.
    const board = approvalBoard(store.index);
    for (const file of store.index.all()) {
      if (file.model.kind !== 'runbook') continue;
      const model = file.model;
      const change = model.change.ticket?.text.trim();
      if (change && board) {
        const risk = model.change.risk?.text;
        tickets.push({
          uri: store.clientUri(file.uri),
          ticket: change,
          approval: { board, needed: requiredApprovals(board, risk) },
        });
      }
      const written = [
        ...(change && board ? [] : [model.change.ticket]),
        ...[...model.access, ...model.provisioning].map((item) => item.fields.get('ticket')),
      ];
      for (const field of written) {
        const ticket = field?.text.trim();
        if (ticket) tickets.push({ uri: store.clientUri(file.uri), ticket });
      }
    }
    return { partial: !ctx.isReady(), tickets };
  });

  const calendar = async (method: string, params: unknown) => {
    await ctx.whenReady();
    store.parseAllPending();
    try {
      const result = calendarQuery(store.index, params, (uri) => ctx.scheduler.diagnosticsFor(uri));
      const sources = ctx.sources()?.status(Date.now());
      return sources ? { ...result, sources } : result;
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
    if (
      !result ||
      typeof result !== 'object' ||
      typeof result.timezone !== 'string' ||
      !Array.isArray(result.events) ||
      !Array.isArray(result.freezes) ||
      !Array.isArray(result.maintenance)
    ) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `${CALENDAR_ICS_REQUEST} needs params {"calendar": a ${CALENDAR_REQUEST} result}`,
      );
    }
    await ctx.whenReady();
    store.parseAllPending();
    try {
      const seriesOf = periodSeries(store.index.calendar(), Date.parse(result.from));
      return { ics: calendarToIcs(result, { name: `Release calendar (${result.timezone})`, seriesOf }) };
    } catch (error) {
      ctx.logError(`${CALENDAR_ICS_REQUEST} failed`, error);
      throw new ResponseError(
        ErrorCodes.InternalError,
        `${CALENDAR_ICS_REQUEST} failed: ${(error as Error)?.message ?? error}`,
      );
    }
  });

  onRequest<unknown, CalendarSources>(ctx, REFRESH_SOURCES_REQUEST, async () => {
    await ctx.whenReady();
    const sources = ctx.sources();
    await sources?.refresh();
    return sources?.status(Date.now()) ?? { sources: [], problems: [] };
  });
  onRequest<Partial<SourceTextParams>, SourceTextResult>(ctx, SOURCE_TEXT_REQUEST, async (params) => {
    if (typeof params.uri !== 'string') throw new ParamsError('needs params {"uri": string}, a runbook-source: URI');
    await ctx.whenReady();
    const found = ctx.sources()?.text(params.uri);
    if (!found)
      throw new ParamsError(
        `${params.uri} is not a file of the calendar's sources (read them again with "Refresh Calendar Sources")`,
      );
    return found;
  });

  // Both requests read one runbook of the workspace and render what would be filed.
  const onRunbook = <T>(method: string, render: (runbook: RunbookModel) => T) =>
    connection.onRequest(method, async (params: unknown) => {
      await ctx.whenReady();
      const raw = params && typeof params === 'object' ? (params as { uri?: unknown }).uri : undefined;
      if (typeof raw !== 'string' || raw.trim() === '') {
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `${method} needs params {"uri": string}, the URI of a runbook file`,
        );
      }
      const uri = canonicalUri(raw);
      store.parseAllPending();
      const file = store.index.get(uri);
      if (!file)
        throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${raw} is not a runbook of the workspace`);
      if (file.model.kind !== 'runbook')
        throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${raw} is a calendar, not a runbook`);
      try {
        return render(file.model);
      } catch (error) {
        ctx.logError(`${method} failed`, error);
        throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${(error as Error)?.message ?? error}`);
      }
    });
  onRunbook(CHANGE_REQUEST_REQUEST, (runbook) => renderChangeRequest(store.index, runbook));
  onRunbook(ACCESS_REQUESTS_REQUEST, (runbook): AccessRequestsResult => requestsToFile(store.index, runbook));
}
