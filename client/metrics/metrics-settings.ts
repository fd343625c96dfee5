// The names the metrics commands share with package.json: command ids, the panel type and the
// settings, read with their defaults.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../protocol/names';

export {
  METRICS_PANEL_TYPE,
  SHOW_METRICS_COMMAND,
  START_RETROSPECTIVE_COMMAND,
  STATUS_REPORT_COMMAND,
} from '../../protocol/names';

export type FileIssueChoice = 'ask' | 'always' | 'never';

export interface MetricsSettings {
  /** Retrospectives folder relative to the workspace folder; empty: `retrospectives/` next to each runbook. */
  retrospectivesFolder: string;
  fileIssue: FileIssueChoice;
  /** The setting, and only in a trusted workspace: git obeys the repository's config, which can run programs. */
  readGitHistory: boolean;
  statusReportWeeks: number;
  /** Show GitHub's deployment records beside the runbooks' figures in the metrics panel. */
  githubDeployments: boolean;
  /** The setting's raw value; checked rule by rule where it is used. */
  deploymentServices: unknown;
}

export function metricsSettings(scope?: vscode.Uri): MetricsSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const folder = config.get<string>('retrospectives.folder');
  const fileIssue = config.get<string>('retrospectives.fileIssue');
  const weeks = config.get<number>('statusReport.metricWeeks');
  return {
    retrospectivesFolder: typeof folder === 'string' ? folder.trim().replace(/^[/\\]+|[/\\]+$/g, '') : '',
    fileIssue: fileIssue === 'always' || fileIssue === 'never' ? fileIssue : 'ask',
    readGitHistory: config.get<boolean>('metrics.readGitHistory') !== false && vscode.workspace.isTrusted,
    githubDeployments: config.get<boolean>('metrics.githubDeployments') !== false,
    deploymentServices: config.get<unknown>('metrics.deploymentServices'),
    statusReportWeeks: typeof weeks === 'number' && weeks >= 1 ? Math.min(52, Math.floor(weeks)) : 4,
  };
}
