// The Calendar view in the "Releases" side panel.
import * as vscode from 'vscode';
import type { CalendarService } from './calendar-service';
import { CalendarWebview } from './calendar-webview';

export const CALENDAR_VIEW_ID = 'releaseRunbooks.calendar';

export class CalendarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private current: CalendarWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: CalendarService,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.current?.dispose();
    const calendar = new CalendarWebview(view.webview, this.extensionUri, this.service, 'view', () => view.visible);
    this.current = calendar;
    view.onDidChangeVisibility(() => view.visible && this.service.calendarShown());
    view.onDidDispose(() => {
      calendar.dispose();
      if (this.current === calendar) this.current = undefined;
    });
  }

  dispose(): void {
    this.current?.dispose();
  }
}
