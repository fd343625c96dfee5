// "Release Runbooks: Weekly Status Report": a Markdown document for management, opened unsaved so
// the coordinator can edit it before sending: what went live, what was rolled back and why, next
// week's changes, freezes ahead, what waits for the board, the metrics and open action items.
import * as vscode from 'vscode';
import { openActionItems } from '../../server/core/metrics/action-items';
import { weeklyStatusReport } from '../../server/core/metrics/status-report';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import { metricsSettings, STATUS_REPORT_COMMAND } from './metrics-settings';
import { metricsSource, workspaceIndex } from './metrics-workspace';
import { retrospectiveFiles } from './retrospective-files';

/** How long the report waits for GitHub's answer about the board's decisions. */
const CAB_REFRESH_MS = 8000;

export function registerWeeklyStatusReport(log: vscode.LogOutputChannel, statusStore?: ChangeStatusStore): vscode.Disposable {
  return vscode.commands.registerCommand(STATUS_REPORT_COMMAND, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Release Runbooks: writing the weekly status report' }, () => writeReport(log, statusStore)),
  );
}

async function writeReport(log: vscode.LogOutputChannel, statusStore?: ChangeStatusStore): Promise<vscode.TextDocument | undefined> {
  try {
    const index = await workspaceIndex();
    if (!index.runbooks().length) {
      void vscode.window.showInformationMessage('Release Runbooks: there is no *.runbook.yaml file in this workspace, so there is nothing to report.');
      return undefined;
    }
    const source = await metricsSource(index);
    if (statusStore) {
      // The board's decisions come from GitHub; a slow or failed refresh leaves them "not known".
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([statusStore.refresh({ quiet: true }).catch(() => undefined), new Promise((r) => (timer = setTimeout(r, CAB_REFRESH_MS)))]);
      clearTimeout(timer);
    }
    const actionItems = openActionItems(await retrospectiveFiles());
    const text = weeklyStatusReport(index, {
      now: Date.now(),
      cab: (ticket) => statusStore?.get(ticket)?.cab,
      actionItems,
      oldestCommits: source.oldestCommits,
      metricWeeks: metricsSettings().statusReportWeeks,
    });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
    await vscode.window.showTextDocument(document);
    return document;
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    log.error(`Weekly status report: ${(error as Error)?.stack ?? message}`);
    void vscode.window.showErrorMessage(`Release Runbooks: the weekly status report could not be written: ${message}`);
    return undefined;
  }
}
