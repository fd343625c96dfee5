// Command "Release Runbooks: Open Calendar": the same calendar, full-size in the editor area.
import * as vscode from 'vscode';
import type { CalendarService } from './calendar-service';
import { CalendarWebview, calendarWebviewOptions } from './calendar-webview';

export const OPEN_CALENDAR_COMMAND = 'releaseRunbooks.openCalendar';
export const CALENDAR_PANEL_TYPE = 'releaseRunbooks.calendarPanel';

export class CalendarPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: CalendarService,
  ) {}

  /** One calendar panel: a second "Open Calendar" brings the first to the front. */
  open(date?: string): void {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(
        CALENDAR_PANEL_TYPE,
        vscode.l10n.t('Release Calendar'),
        vscode.ViewColumn.Active,
        {
          ...calendarWebviewOptions(this.extensionUri),
        },
      );
      this.attach(panel);
    }
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) this.current?.postWhenReady({ type: 'reveal', date });
  }

  private current: CalendarWebview | undefined;

  /** Also used to restore the panel after a window reload (its webview state comes back with it). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'calendar-icon.svg');
    const calendar = new CalendarWebview(panel.webview, this.extensionUri, this.service, 'panel', () => panel.visible);
    this.current = calendar;
    panel.onDidDispose(() => {
      calendar.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.current = undefined;
      }
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

export function registerOpenCalendar(panels: CalendarPanels): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_CALENDAR_COMMAND, (date?: unknown) =>
    panels.open(typeof date === 'string' ? date : undefined),
  );
}
