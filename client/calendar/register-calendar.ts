// Wires the release calendar into the extension: the side view, the full-size panel (restored
// after a reload), the export command, live refresh from the language server and the calendar's
// sources (sign-in for the server, read-only documents, Refresh Calendar Sources).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CalendarService } from './calendar-service';
import { CALENDAR_VIEW_ID, CalendarViewProvider } from './calendar-view-provider';
import { registerCalendarSources } from './calendar-sources';
import { registerExportCalendar } from './export-calendar';
import { CALENDAR_PANEL_TYPE, CalendarPanels, registerOpenCalendar } from './open-calendar';
import type { TicketStatusSource } from './ticket-status';

/**
 * `statuses` is the change-request status store; its statuses are merged into the events before
 * the webview sees them. Without it (the change-request feature failed to start) the calendar
 * shows no statuses.
 */
export function registerCalendar(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  statuses: TicketStatusSource | undefined,
): CalendarService {
  const service = new CalendarService(client, statuses);
  const provider = new CalendarViewProvider(context.extensionUri, service);
  const panels = new CalendarPanels(context.extensionUri, service);
  context.subscriptions.push(
    service,
    provider,
    panels,
    vscode.window.registerWebviewViewProvider(CALENDAR_VIEW_ID, provider),
    vscode.window.registerWebviewPanelSerializer(CALENDAR_PANEL_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        panels.attach(panel);
      },
    }),
    registerOpenCalendar(panels),
    registerExportCalendar(service),
    registerCalendarSources(context, client),
  );
  return service;
}
