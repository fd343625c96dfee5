// Command "Release Runbooks: Export Calendar (.ics)": the windows, freezes and maintenance windows
// of a chosen range as an RFC 5545 file that Outlook and Google Calendar import, written by the
// server with the exporter `runbook calendar --format ics` uses (recurring periods as series).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CalendarService } from './calendar-service';

export const EXPORT_CALENDAR_COMMAND = 'releaseRunbooks.exportCalendar';

interface RangeChoice extends vscode.QuickPickItem {
  from: Date;
  to: Date;
}

function startOfToday(): Date {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d;
}

function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setMonth(out.getMonth() + months);
  return out;
}

/** ISO 8601 with the local offset, as the request wants an instant. */
function localIso(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export async function exportCalendar(service: CalendarService): Promise<void> {
  const today = startOfToday();
  const year = today.getFullYear();
  const choices: RangeChoice[] = [
    {
      label: vscode.l10n.t('Next 3 months'),
      description: vscode.l10n.t('from today'),
      from: today,
      to: addMonths(today, 3),
    },
    {
      label: vscode.l10n.t('Next 12 months'),
      description: vscode.l10n.t('from today'),
      from: today,
      to: addMonths(today, 12),
    },
    {
      label: vscode.l10n.t('{0} and {1}', year, year + 1),
      description: vscode.l10n.t('two calendar years'),
      from: new Date(year, 0, 1),
      to: new Date(year + 2, 0, 1),
    },
    {
      label: vscode.l10n.t('The last 3 months and the next 12'),
      description: vscode.l10n.t('past windows too'),
      from: addMonths(today, -3),
      to: addMonths(today, 12),
    },
  ];
  const choice = await vscode.window.showQuickPick(choices, {
    title: vscode.l10n.t('Export the release calendar'),
    placeHolder: vscode.l10n.t('Which windows to export'),
  });
  if (!choice) return;

  let ics: string;
  let counts: string;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the release calendar…') },
      () => service.query({ from: localIso(choice.from), to: localIso(choice.to) }),
    );
    ics = await service.ics(result);
    counts = `${result.events.length} windows, ${result.freezes.length} freezes and ${result.maintenance.length} maintenance windows`;
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not read the release calendar: {0}', error instanceof Error ? error.message : String(error)),
    );
    return;
  }

  // Outside the repository by default: an export is for other people's calendars, not a file to commit.
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export the release calendar'),
    saveLabel: vscode.l10n.t('Export'),
    defaultUri: vscode.Uri.file(path.join(os.homedir(), 'release-calendar.ics')),
    filters: { 'iCalendar (.ics)': ['ics'] },
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ics));
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not write {0}: {1}', target.fsPath, error instanceof Error ? error.message : String(error)),
    );
    return;
  }
  const reveal = vscode.l10n.t('Show in folder');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0} to {1}.', counts, vscode.workspace.asRelativePath(target)),
    reveal,
  );
  if (answer === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
}

export function registerExportCalendar(service: CalendarService): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_CALENDAR_COMMAND, () => exportCalendar(service));
}
