// What is known of each change request's status on GitHub, in memory, for the code lens, the
// hover and the calendar (which reads `get(ticket)` → {state, cabLabel, assignees}).
import * as vscode from 'vscode';
import type { CabLabels, ChangeStatus } from '../../server/github/change-status';
import type { RateLimitPause } from './refresh-schedule';

export interface StoredChangeStatus extends ChangeStatus {
  /** The board's label on the issue (`cab:approved`, `cab:rejected` or as configured), or null. */
  cabLabel: string | null;
}

export interface RefreshOptions {
  /** A background refresh: no sign-in prompt, failures only in the status bar. */
  quiet?: boolean;
}

export class ChangeStatusStore implements vscode.Disposable {
  private readonly statuses = new Map<string, StoredChangeStatus>();
  private readonly emitter = new vscode.EventEmitter<string[]>();
  /** Fires with the tickets whose status changed. */
  readonly onDidChange = this.emitter.event;
  /** Set by registerChangeRequests; the calendar calls it when it opens. */
  refresh: (options?: RefreshOptions) => Promise<void> = async () => undefined;
  private error: string | undefined;
  private readonly errorEmitter = new vscode.EventEmitter<void>();
  /** Fires when the last refresh's failure changes. */
  readonly onDidChangeLastError = this.errorEmitter.event;

  /** The last refresh's failure, for the status bar and the ticket hover; undefined after a clean refresh. */
  get lastError(): string | undefined {
    return this.error;
  }

  set lastError(message: string | undefined) {
    if (message === this.error) return;
    this.error = message;
    this.errorEmitter.fire();
  }
  /** When the statuses were last read from GitHub (epoch ms), for the refresh schedule. */
  lastReadAt: number | undefined;
  /** GitHub's rate limit met by the last refresh: background refreshes wait until then. */
  pause: RateLimitPause | undefined;

  get(ticket: string): StoredChangeStatus | undefined {
    return this.statuses.get(key(ticket));
  }

  all(): StoredChangeStatus[] {
    return [...this.statuses.values()];
  }

  set(statuses: ChangeStatus[], cab: CabLabels): void {
    const changed: string[] = [];
    for (const status of statuses) {
      const cabLabel = status.cab === 'approved' ? cab.approved : status.cab === 'rejected' ? cab.rejected : null;
      const stored: StoredChangeStatus = { ...status, cabLabel };
      const before = this.statuses.get(key(status.ticket));
      if (!before || summary(before) !== summary(stored)) changed.push(status.ticket);
      this.statuses.set(key(status.ticket), stored);
    }
    if (changed.length) this.emitter.fire(changed);
  }

  dispose(): void {
    this.emitter.dispose();
    this.errorEmitter.dispose();
  }
}

function key(ticket: string): string {
  return ticket.trim().toLowerCase();
}

function summary(s: StoredChangeStatus): string {
  return JSON.stringify([s.state, s.stateReason, s.cab, s.cabLabel, s.assignees, s.labels, s.title, s.url]);
}
