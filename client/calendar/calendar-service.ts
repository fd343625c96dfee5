// The extension host's side of the calendar: asks the language server for `runbook/calendar`,
// merges ticket statuses in, and tells every open calendar (side view, editor panel) to refresh
// when the workspace changes.
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { WORKSPACE_FILES_GLOB } from '../../protocol/names';
import { CALENDAR_ICS_REQUEST, CALENDAR_REQUEST, INDEX_CHANGED_NOTIFICATION, request } from '../../protocol/requests';
import type { CalendarParams, CalendarResult } from '../../server/core/calendar/calendar-types';
import { mergeTicketStatuses, TicketStatusSource } from './ticket-status';

/** Something showing the calendar that can fetch its range again. */
export interface CalendarRefreshTarget {
  refresh(): void;
}

const RUNBOOK_OR_CALENDAR = /\.(runbook|calendar)\.ya?ml$/i;

export class CalendarService implements vscode.Disposable {
  private readonly targets = new Set<CalendarRefreshTarget>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = Infinity;

  constructor(
    private readonly client: LanguageClient,
    private readonly statuses: TicketStatusSource | undefined,
  ) {
    // The server says when its index changed; that is the fast path.
    this.disposables.push(client.onNotification(INDEX_CHANGED_NOTIFICATION, () => this.schedule(50)));
    // Edits, saves and files changed outside the editor, in case the notification is late or absent.
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && RUNBOOK_OR_CALENDAR.test(e.document.uri.path)) this.schedule(300);
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES_GLOB);
    watcher.onDidCreate(() => this.schedule(300));
    watcher.onDidChange(() => this.schedule(300));
    watcher.onDidDelete(() => this.schedule(300));
    this.disposables.push(watcher);
    // A restarted server has a fresh index: show it.
    this.disposables.push(client.onDidChangeState((e) => e.newState === State.Running && this.schedule(100)));
    if (statuses) this.disposables.push(statuses.onDidChange(() => this.schedule(100)));
  }

  private lastStatusRefresh = 0;

  /**
   * A calendar (side view or editor panel) came into view: have the ticket statuses fetched again,
   * quietly, at most once a minute. The one place that refreshes statuses for the calendar.
   */
  calendarShown(): void {
    if (!this.statuses || Date.now() - this.lastStatusRefresh < 60_000) return;
    this.lastStatusRefresh = Date.now();
    this.statuses.refresh({ quiet: true }).catch(() => undefined);
  }

  async query(params: CalendarParams): Promise<CalendarResult> {
    const result = await request(this.client, CALENDAR_REQUEST, params);
    return mergeTicketStatuses(result, this.statuses);
  }

  /** A calendar answer as an .ics file, written by the server. */
  async ics(calendar: CalendarResult): Promise<string> {
    return (await request(this.client, CALENDAR_ICS_REQUEST, { calendar })).ics;
  }

  track(target: CalendarRefreshTarget): vscode.Disposable {
    this.targets.add(target);
    return new vscode.Disposable(() => this.targets.delete(target));
  }

  /** Refreshes every calendar after `ms`, keeping the earliest deadline when calls pile up. */
  schedule(ms: number): void {
    const at = Date.now() + ms;
    if (this.timer && at >= this.due) return;
    if (this.timer) clearTimeout(this.timer);
    this.due = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = Infinity;
      for (const target of this.targets) target.refresh();
    }, ms);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.targets.clear();
  }
}
