// Release metrics, the weekly status report and retrospectives, in the editor: the metrics panel,
// the status report document and the retrospective command. `statusStore` (the change request
// status store) tells the status report which changes the board approved; without it the board's
// decisions show as not known. `client` is kept for features that will ask the language server.
import * as vscode from 'vscode';
import { extensionLog } from '../extension-log';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import { MetricsPanels, registerShowReleaseMetrics } from './show-release-metrics';
import { registerStartRetrospective } from './start-retrospective';
import { registerWeeklyStatusReport } from './weekly-status-report';


export function registerMetrics(context: vscode.ExtensionContext, _client: LanguageClient | undefined, statusStore?: ChangeStatusStore): MetricsPanels {
  const log = extensionLog();
  const panels = new MetricsPanels(context.extensionUri, log);
  context.subscriptions.push(log, panels, ...registerShowReleaseMetrics(panels), registerWeeklyStatusReport(log, statusStore), registerStartRetrospective(context, log));
  return panels;
}
