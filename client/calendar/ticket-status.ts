// The hook between the change-request helper's ChangeStatusStore and the calendar: the extension
// host merges what is known of each ticket ({state, cabLabel, assignees}) into the events before
// the webview sees them. The store is taken duck-typed so neither side has to import the other.
import type * as vscode from 'vscode';
import type { CalendarResult, TicketStatus } from '../../server/core/calendar/calendar-types';

export interface TicketStatusSource {
  /** What is known of a ticket (`owner/repo#123`), or undefined. */
  get(ticket: string): Partial<TicketStatus> | undefined;
  /** Fires when statuses change, so the calendar refreshes. */
  onDidChange?: vscode.Event<unknown>;
  /** Asks GitHub again, quietly (no sign-in prompt); called when a calendar opens. */
  refresh?: () => Promise<void>;
}

type Getter = (ticket: string) => unknown;

/**
 * Reads a ChangeStatusStore as a status source: it needs a `get(ticket)`, `statusOf(ticket)` or
 * `getStatus(ticket)` method returning `{state, cabLabel, assignees}` (or a promise-free object
 * with those fields), and may have an `onDidChange` event and a `refresh({quiet})` method.
 */
export function asTicketStatusSource(store: unknown): TicketStatusSource | undefined {
  if (!store || typeof store !== 'object') return undefined;
  const s = store as Record<string, unknown>;
  const method = (['get', 'statusOf', 'getStatus'] as const).find((m) => typeof s[m] === 'function');
  if (!method) return undefined;
  const getter = (s[method] as Getter).bind(store);
  const onDidChange = typeof s.onDidChange === 'function' ? (s.onDidChange as vscode.Event<unknown>) : undefined;
  const refresh =
    typeof s.refresh === 'function'
      ? () => Promise.resolve((s.refresh as (o: unknown) => unknown).call(store, { quiet: true })).then(() => undefined)
      : undefined;
  return {
    refresh,
    get(ticket) {
      const value = getter(ticket);
      return value && typeof value === 'object' && !(value instanceof Promise)
        ? (value as Partial<TicketStatus>)
        : undefined;
    },
    onDidChange,
  };
}

function clean(status: Partial<TicketStatus>): TicketStatus {
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : null);
  return {
    state: text(status.state),
    cabLabel: text(status.cabLabel),
    assignees: Array.isArray(status.assignees)
      ? status.assignees.filter((a): a is string => typeof a === 'string').slice(0, 20)
      : [],
  };
}

/** A copy of the result whose events and access requests carry `ticketStatus` when the source knows their ticket. */
export function mergeTicketStatuses(result: CalendarResult, source: TicketStatusSource | undefined): CalendarResult {
  if (!source) return result;
  const withStatus = <T extends { ticket: string | null }>(item: T): T => {
    if (!item.ticket) return item;
    let status: Partial<TicketStatus> | undefined;
    try {
      status = source.get(item.ticket);
    } catch {
      status = undefined;
    }
    return status ? { ...item, ticketStatus: clean(status) } : item;
  };
  return {
    ...result,
    events: result.events.map(withStatus),
    ...(result.access ? { access: result.access.map(withStatus) } : {}),
  };
}
