// The change-request statuses in the calendar: the extension host merges what is known of each
// ticket (state, the board's label, the board's verdict in words, assignees) into the events
// before the webview sees them. The source is the change-status store (change-status-store.ts).
import type { CalendarResult, TicketStatus } from '../../server/core/calendar/calendar-types';
import { approvalText } from '../../protocol/change-status';
import type { ChangeStatusStore } from '../change-request/change-status-store';

/** What the calendar uses of the store: a ticket's status, when statuses change, and a quiet refresh when a calendar opens. */
export type TicketStatusSource = Pick<ChangeStatusStore, 'get' | 'onDidChange' | 'refresh'>;

/** A copy of the result whose events and access requests carry `ticketStatus` when the source knows their ticket. */
export function mergeTicketStatuses(result: CalendarResult, source: TicketStatusSource | undefined): CalendarResult {
  if (!source) return result;
  const withStatus = <T extends { ticket: string | null }>(item: T): T => {
    const status = item.ticket ? source.get(item.ticket) : undefined;
    if (!status) return item;
    const ticketStatus: TicketStatus = {
      state: status.state,
      cabLabel: status.cabLabel,
      // With a board, the label alone may mislead: the verdict in words, times in the calendar's zone.
      approval: status.verdict ? approvalText(status, result.timezone) : null,
      assignees: status.assignees.slice(0, 20),
    };
    return { ...item, ticketStatus };
  };
  return {
    ...result,
    events: result.events.map(withStatus),
    ...(result.access ? { access: result.access.map(withStatus) } : {}),
  };
}
