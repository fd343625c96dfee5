// The names the metrics commands share with package.json: command ids, the panel type and the
// settings, read with their defaults.
import * as vscode from 'vscode';

export const SHOW_METRICS_COMMAND = 'releaseRunbooks.showReleaseMetrics';
export const STATUS_REPORT_COMMAND = 'releaseRunbooks.weeklyStatusReport';
export const START_RETROSPECTIVE_COMMAND = 'releaseRunbooks.startRetrospective';
export const METRICS_PANEL_TYPE = 'releaseRunbooks.metricsPanel';

export type FileIssueChoice = 'ask' | 'always' | 'never';

export interface MetricsSettings {
  /** Retrospectives folder relative to the workspace folder; empty: `retrospectives/` next to each runbook. */
  retrospectivesFolder: string;
  fileIssue: FileIssueChoice;
  readGitHistory: boolean;
  statusReportWeeks: number;
}

export function metricsSettings(scope?: vscode.Uri): MetricsSettings {
  const config = vscode.workspace.getConfiguration('releaseRunbooks', scope);
  const folder = config.get<string>('retrospectives.folder');
  const fileIssue = config.get<string>('retrospectives.fileIssue');
  const weeks = config.get<number>('statusReport.metricWeeks');
  return {
    retrospectivesFolder: typeof folder === 'string' ? folder.trim().replace(/^[/\\]+|[/\\]+$/g, '') : '',
    fileIssue: fileIssue === 'always' || fileIssue === 'never' ? fileIssue : 'ask',
    readGitHistory: config.get<boolean>('metrics.readGitHistory') !== false,
    statusReportWeeks: typeof weeks === 'number' && weeks >= 1 ? Math.min(52, Math.floor(weeks)) : 4,
  };
}
