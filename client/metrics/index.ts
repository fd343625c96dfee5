// Release metrics, the weekly status report and retrospectives, in the editor: the metrics panel,
// the status report document and the retrospective command. `statusStore` (the change request
// status store) tells the status report which changes the board approved; without it the board's
// decisions show as not known. The numbers and documents come from the language server (`client`).
import * as vscode from 'vscode';
import { extensionLog } from '../extension-log';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import { GitHubSession } from '../change-request/github-session';
import { MetricsPanels, registerShowReleaseMetrics } from './show-release-metrics';
import { registerStartRetrospective } from './start-retrospective';
import { registerWeeklyStatusReport } from './weekly-status-report';

export function registerMetrics(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  statusStore?: ChangeStatusStore,
): MetricsPanels {
  const log = extensionLog();
  const panels = new MetricsPanels(client, context.extensionUri, log, new GitHubSession(context.secrets));
  context.subscriptions.push(
    log,
    panels,
    ...registerShowReleaseMetrics(panels),
    registerWeeklyStatusReport(client, log, statusStore),
    registerStartRetrospective(context, client, log),
  );
  return panels;
}
