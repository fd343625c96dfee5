// What is known of each change request's status on GitHub (the one model,
// protocol/change-status.ts), in memory, for the code lens, the hover, the calendar and the gates.
import * as vscode from 'vscode';
import type { ChangeStatus } from '../../protocol/change-status';
import type { RateLimitPause } from './refresh-schedule';

export interface RefreshOptions {
  /** A background refresh: no sign-in prompt, failures only in the status bar. */
  quiet?: boolean;
}

export class ChangeStatusStore implements vscode.Disposable {
  private readonly statuses = new Map<string, ChangeStatus>();
  private readonly emitter = new vscode.EventEmitter<string[]>();
  /** Fires with the tickets whose status changed. */
  readonly onDidChange = this.emitter.event;
  /** Set by registerRefreshChangeStatus; calendars, the go/no-go review and the schedule call it. */
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

  get(ticket: string): ChangeStatus | undefined {
    return this.statuses.get(key(ticket));
  }

  all(): ChangeStatus[] {
    return [...this.statuses.values()];
  }

  set(statuses: ChangeStatus[]): void {
    const changed: string[] = [];
    for (const status of statuses) {
      const before = this.statuses.get(key(status.ticket));
      if (!before || summary(before) !== summary(status)) changed.push(status.ticket);
      this.statuses.set(key(status.ticket), status);
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

function summary(s: ChangeStatus): string {
  return JSON.stringify([s.state, s.stateReason, s.cab, s.cabLabel, s.assignees, s.labels, s.title, s.url, s.verdict]);
}
