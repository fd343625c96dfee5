// One calendar webview (the side view or the editor panel): sets its page up, checks every message
// it sends, answers its range requests and re-sends the range when the workspace changes.
import * as vscode from 'vscode';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { HostMessage, parseWebviewMessage, WebviewMessage } from '../../webview/calendar/protocol';
import { WebviewChannel, webviewOptions, webviewResource } from '../webview-panel';
import type { CalendarRefreshTarget, CalendarService } from './calendar-service';
import { createStarterFile } from './create-starter';
import { openLocation } from './open-location';
import { calendarHtml } from './webview-html';

export function calendarWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  // The page loads nothing but the bundle and its stylesheet.
  return webviewOptions(extensionUri, ['dist', 'media']);
}

export class CalendarWebview implements CalendarRefreshTarget, vscode.Disposable {
  private lastRange: { from: string; to: string } | undefined;
  /** Files this webview was shown; an `open` naming anything else is refused. */
  private knownUris = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private latestRequest = 0;
  private ready = false;
  private readonly queued: HostMessage[] = [];
  private readonly channel: WebviewChannel<WebviewMessage, HostMessage>;

  constructor(
    webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly service: CalendarService,
    private readonly host: 'view' | 'panel',
    private readonly isVisible: () => boolean,
  ) {
    webview.options = calendarWebviewOptions(extensionUri);
    webview.html = calendarHtml({
      cspSource: webview.cspSource,
      scriptUri: webviewResource(webview, extensionUri, 'dist', 'webview.js'),
      styleUri: webviewResource(webview, extensionUri, 'media', 'calendar.css'),
      host,
    });
    this.channel = new WebviewChannel(webview, { parse: parseWebviewMessage, panel: 'calendar' }, (m) =>
      this.handle(m),
    );
    this.disposables.push(this.channel);
    this.disposables.push(service.track(this));
    service.calendarShown();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        for (const m of this.queued.splice(0)) void this.post(m);
        return;
      case 'requestRange':
        this.lastRange = { from: message.from, to: message.to };
        this.latestRequest = message.requestId;
        return this.answer(message.requestId);
      case 'open':
        if (!this.knownUris.has(message.uri)) {
          console.warn(`[release-runbooks] calendar: refused to open ${message.uri}, which the calendar did not show`);
          return;
        }
        return openLocation(vscode.Uri.parse(message.uri, true), message.range, this.host === 'panel');
      case 'create':
        return createStarterFile(message.what, this.extensionUri);
    }
  }

  /** Fetches the last range asked for again (requestId 0: a refresh the host started). */
  refresh(): void {
    if (!this.lastRange || !this.isVisible()) return;
    void this.answer(0);
  }

  private async answer(requestId: number): Promise<void> {
    const range = this.lastRange;
    if (!range) return;
    try {
      const result = await this.service.query(range);
      // A newer request overtook this one; its answer will come.
      if (requestId !== 0 && requestId !== this.latestRequest) return;
      this.remember(result);
      await this.post({ type: 'calendar', requestId, result });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await this.post({ type: 'error', requestId, message: text });
    }
  }

  private remember(result: CalendarResult): void {
    const uris = new Set<string>();
    for (const e of result.events) uris.add(e.uri);
    // Linked runbooks, which the details let the user open even when they lie outside the range.
    for (const d of Object.values(result.related ?? {})) if (d?.uri) uris.add(d.uri);
    for (const p of [...result.freezes, ...result.maintenance]) uris.add(p.uri);
    for (const u of result.workspace?.unreadable ?? []) uris.add(u.uri);
    // Keep what was shown before too: a click can race a refresh that dropped the file.
    for (const u of this.knownUris) if (uris.size < 20_000) uris.add(u);
    this.knownUris = uris;
  }

  post(message: HostMessage): Thenable<boolean> {
    return this.channel.post(message);
  }

  /** For messages the host starts (reveal): a webview still loading would drop them, so they wait for `ready`. */
  postWhenReady(message: HostMessage): void {
    if (this.ready) void this.post(message);
    else this.queued.push(message);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
