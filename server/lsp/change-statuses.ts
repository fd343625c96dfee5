// The change requests' status on GitHub as the extension last sent it (`runbook/changeStatuses`):
// the ticket's code lens and the hover on `ticket:` say where each request stands. Only the
// extension reads GitHub (it holds the token); other editors never send this, and their lenses
// stay plain text.
import { CodeLensRefreshRequest, Connection } from 'vscode-languageserver/node';
import { CHANGE_STATUSES_NOTIFICATION } from '../../protocol/requests';
import { ChangeStatus, changeStatusFrom } from '../../protocol/change-status';
import { ticketKey } from '../core/editor/change-status-display';

/** More statuses than any workspace has change requests: the rest are ignored. */
const MAX_STATUSES = 10_000;

export class ChangeStatuses {
  private byTicket = new Map<string, ChangeStatus>();
  /** Whether the client sends statuses at all. */
  received = false;
  /** Why the last refresh failed, as the extension said; undefined after a clean one. */
  lastError: string | undefined;

  get(ticket: string): ChangeStatus | undefined {
    return this.byTicket.get(ticketKey(ticket));
  }

  /** Takes the client's whole list; entries that are not statuses are left out. */
  update(params: unknown): void {
    const raw = params && typeof params === 'object' ? (params as { statuses?: unknown; lastError?: unknown }) : {};
    const next = new Map<string, ChangeStatus>();
    for (const entry of Array.isArray(raw.statuses) ? raw.statuses.slice(0, MAX_STATUSES) : []) {
      const status = changeStatusFrom(entry);
      if (status) next.set(ticketKey(status.ticket), status);
    }
    this.byTicket = next;
    this.lastError = typeof raw.lastError === 'string' && raw.lastError ? raw.lastError : undefined;
    this.received = true;
  }
}

export function registerChangeStatuses(
  connection: Connection,
  statuses: ChangeStatuses,
  canRefreshLenses: () => boolean,
): void {
  connection.onNotification(CHANGE_STATUSES_NOTIFICATION, (params: unknown) => {
    statuses.update(params);
    if (canRefreshLenses()) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
}
