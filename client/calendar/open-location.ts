// Opens a runbook at its window or a calendar at a freeze's definition, for a click in the calendar.
import * as vscode from 'vscode';
import type { CalendarRange } from '../../server/core/calendar/calendar-types';

export async function openLocation(uri: vscode.Uri, range: CalendarRange | null, beside: boolean): Promise<void> {
  const selection = range
    ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)
    : undefined;
  try {
    await vscode.window.showTextDocument(uri, {
      selection,
      // From the full-size calendar, open next to it rather than over it.
      viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      // Keep the keyboard in the calendar, so arrow keys go on walking the events.
      preserveFocus: true,
      preview: true,
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not open ${uri.fsPath || uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
