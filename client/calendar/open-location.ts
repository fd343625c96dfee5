// Opens a runbook at its window or a calendar at a freeze's definition, for a click in the calendar.
import * as vscode from 'vscode';
import type { CalendarRange } from '../../server/core/calendar/calendar-types';

export async function openLocation(uri: vscode.Uri, range: CalendarRange | null, fromPanel: boolean): Promise<void> {
  const selection = range
    ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character)
    : undefined;
  try {
    await vscode.window.showTextDocument(uri, {
      selection,
      // As a tab of the calendar's own group: opening beside it squeezed the calendar to half
      // width (titles read "Pa ym"); the calendar stays one tab away, whole. Clicking an event only
      // previews it in the calendar's details pane, so this runs when the user asked for the file.
      viewColumn: vscode.ViewColumn.Active,
      // From the side bar the calendar stays in view: keep the keyboard there.
      preserveFocus: !fromPanel,
      preview: true,
    });
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Could not open {0}: {1}',
        uri.fsPath || uri.toString(),
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}
