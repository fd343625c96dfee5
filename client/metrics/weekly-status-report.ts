// "Release Runbooks: Weekly Status Report": a Markdown document for management, opened unsaved so
// the coordinator can edit it before sending: what went live, what was rolled back and why, next
// week's changes, freezes ahead, what waits for the board, the metrics and open action items.
import * as vscode from 'vscode';
import { boardDecision } from '../../protocol/change-status';
import type { LanguageClient } from 'vscode-languageclient/node';
import { request, STATUS_REPORT_REQUEST, StatusReportResult } from '../../protocol/requests';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import { metricsSettings, STATUS_REPORT_COMMAND } from './metrics-settings';
import { retrospectiveFiles } from './retrospective-files';

/** How long the report waits for GitHub's answer about the board's decisions. */
const CAB_REFRESH_MS = 8000;

export function registerWeeklyStatusReport(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  statusStore?: ChangeStatusStore,
): vscode.Disposable {
  return vscode.commands.registerCommand(STATUS_REPORT_COMMAND, () =>
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Release Runbooks: writing the weekly status report'),
      },
      () => writeReport(client, log, statusStore),
    ),
  );
}

async function writeReport(
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  statusStore?: ChangeStatusStore,
): Promise<vscode.TextDocument | undefined> {
  try {
    const answer = await requestStatusReport(client, statusStore);
    if (!answer.ok) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Release Runbooks: there is no *.runbook.yaml file in this workspace, so there is nothing to report.',
        ),
      );
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.text });
    await vscode.window.showTextDocument(document);
    return document;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    log.error(`Weekly status report: ${(error as Error)?.stack ?? message}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Release Runbooks: the weekly status report could not be written: {0}', message),
    );
    return undefined;
  }
}

/** The report from the server, with the board's decisions GitHub knows (also sent by "Send Weekly Status Report"). */
export async function requestStatusReport(
  client: LanguageClient,
  statusStore?: ChangeStatusStore,
): Promise<StatusReportResult> {
  if (statusStore) {
    // The board's decisions come from GitHub; a slow or failed refresh leaves them "not known".
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      statusStore.refresh({ quiet: true }).catch(() => undefined),
      new Promise((r) => (timer = setTimeout(r, CAB_REFRESH_MS))),
    ]);
    clearTimeout(timer);
  }
  const cab: Record<string, 'approved' | 'rejected' | 'pending'> = {};
  for (const status of statusStore?.all() ?? []) cab[status.ticket.trim().toLowerCase()] = boardDecision(status);
  const settings = metricsSettings();
  const answer = await request(client, STATUS_REPORT_REQUEST, {
    now: Date.now(),
    cab,
    retrospectives: (await retrospectiveFiles()).map(({ path, text }) => ({ path, text })),
    metricWeeks: settings.statusReportWeeks,
    readGitHistory: settings.readGitHistory,
  });
  return answer;
}
