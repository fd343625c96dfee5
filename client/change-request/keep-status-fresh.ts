// The CAB status kept fresh without the command: the timers and focus events around the decisions
// of refresh-schedule.ts. The windows come from the language server's calendar (runbooks with a
// change.ticket only); each read is a quiet refresh, whose GETs are conditional (a 304 costs no
// rate limit), and a rate limit pauses the reads until GitHub allows them again.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CALENDAR_REQUEST, request } from '../../protocol/requests';
import type { ChangeStatusStore } from './change-status-store';
import { planRefresh, readOnFocus, TicketWindow } from './refresh-schedule';

/** How far ahead windows are looked for: the wake-up timer reaches the next one. */
const LOOK_AHEAD_MS = 8 * 24 * 60 * 60_000;
/** The longest single timer: windows are looked up again at least this often. */
const MAX_TIMER_MS = 6 * 60 * 60_000;
/** Asked again this soon while the server cannot answer. */
const NOT_READY_RETRY_MS = 30_000;
/** With no window ahead, the calendar is looked at again this often (a local request): new runbooks, a workspace still loading. */
const IDLE_RECHECK_MS = 10 * 60_000;
/** Once more shortly after start: the server may still have been reading the workspace. */
const SETTLED_AFTER_START_MS = 15_000;

export function keepChangeStatusFresh(
  client: LanguageClient,
  store: ChangeStatusStore,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let planning: Promise<void> | undefined;

  const ticketWindows = async (now: number): Promise<TicketWindow[] | undefined> => {
    try {
      const answer = await request(client, CALENDAR_REQUEST, {
        from: new Date(now).toISOString(),
        to: new Date(now + LOOK_AHEAD_MS).toISOString(),
      });
      return answer.events
        .filter((e) => e.ticket)
        .map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }))
        .filter((w) => Number.isFinite(w.start) && Number.isFinite(w.end));
    } catch (error) {
      log.debug(
        `Change status schedule: the calendar could not be read (${error instanceof Error ? error.message : String(error)}); trying again later.`,
      );
      return undefined;
    }
  };

  const input = (now: number, windows: TicketWindow[]) => ({
    now,
    windows,
    focused: vscode.window.state.focused,
    lastReadAt: store.lastReadAt,
    pause: store.pause,
  });

  const read = async () => {
    if (vscode.workspace.isTrusted) await store.refresh({ quiet: true }).catch(() => undefined);
  };

  /** Sets the next timer from the windows as they are now. */
  const plan = (): Promise<void> =>
    (planning ??= (async () => {
      const now = Date.now();
      const windows = await ticketWindows(now);
      if (disposed) return;
      clearTimeout(timer);
      const next = windows
        ? planRefresh(input(now, windows))
        : ({ kind: 'wake', delayMs: NOT_READY_RETRY_MS } as const);
      if (next.kind === 'idle') {
        timer = setTimeout(() => void plan(), IDLE_RECHECK_MS);
        return;
      }
      const delay = Math.min(next.delayMs, MAX_TIMER_MS);
      timer = setTimeout(async () => {
        if (next.kind === 'read' && delay === next.delayMs) await read();
        void plan();
      }, delay);
    })().finally(() => (planning = undefined)));

  const onFocus = async (focused: boolean) => {
    if (!focused) return void plan();
    const now = Date.now();
    const windows = await ticketWindows(now);
    if (windows && readOnFocus(input(now, windows))) await read();
    void plan();
  };

  const disposables = [
    vscode.window.onDidChangeWindowState((state) => void onFocus(state.focused)),
    // A window written anew moves the schedule.
    vscode.workspace.onDidSaveTextDocument((d) => /\.(runbook|calendar)\.ya?ml$/i.test(d.uri.path) && void plan()),
  ];
  void plan();
  const settled = setTimeout(() => void plan(), SETTLED_AFTER_START_MS);
  return new vscode.Disposable(() => {
    disposed = true;
    clearTimeout(timer);
    clearTimeout(settled);
    for (const d of disposables) d.dispose();
  });
}
