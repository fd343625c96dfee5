// "New Release Calendar" and "New Runbook": the Getting Started walkthrough's first two steps
// (and the command palette's) create the same starter files as the calendar's empty states.
import * as vscode from 'vscode';
import { createStarterFile } from './calendar/create-starter';

export const NEW_CALENDAR_COMMAND = 'releaseRunbooks.newCalendar';
export const NEW_RUNBOOK_COMMAND = 'releaseRunbooks.newRunbook';

export function registerStarterCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(NEW_CALENDAR_COMMAND, () => createStarterFile('calendar', context.extensionUri)),
    vscode.commands.registerCommand(NEW_RUNBOOK_COMMAND, () => createStarterFile('runbook', context.extensionUri)),
  ];
}
