// "Release Runbooks: Show Release Metrics": a panel with the five delivery metrics as charts and
// numbers, filtered per week or month, group and environment, and exported as Markdown or CSV.
// The numbers come from the language server (`runbook/metrics`), which holds the workspace; GitHub's
// deployment records are read here (github-deployment-records.ts) and counted by the server beside them.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { cleanQuery } from '../../protocol/metrics-query';
import { WORKSPACE_FILES_GLOB } from '../../protocol/names';
import { METRICS_REQUEST, MetricsResult, request } from '../../protocol/requests';
import type { SourceComparison } from '../../server/core/metrics/source-comparison';
import type { GitHubFigures, HostMessage, MetricsQuery, WebviewMessage } from '../../webview/metrics/protocol';
import { parseWebviewMessage } from '../../webview/metrics/protocol';
import type { GitHubSession } from '../change-request/github-session';
import { WebviewChannel, webviewOptions, webviewResource } from '../webview-panel';
import { DeploymentRecords, GitHubDeploymentRecords } from './github-deployment-records';
import { metricsHtml } from './metrics-html';
import { METRICS_PANEL_TYPE, metricsSettings, SHOW_METRICS_COMMAND } from './metrics-settings';

/** Asked again this soon while the server is still reading the workspace. */
const PARTIAL_RETRY_MS = 1000;

export class MetricsPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private channel: WebviewChannel<WebviewMessage, HostMessage> | undefined;
  private lastQuery: MetricsQuery | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly deployments: GitHubDeploymentRecords;

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    session: GitHubSession,
  ) {
    this.deployments = new GitHubDeploymentRecords(session, log);
    // A changed runbook changes the numbers: ask again, and redraw a visible panel.
    const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES_GLOB);
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 400);
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      vscode.workspace.onDidSaveTextDocument(changed),
      {
        dispose: () => clearTimeout(timer),
      },
    );
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.attach(
      vscode.window.createWebviewPanel(METRICS_PANEL_TYPE, vscode.l10n.t('Release Metrics'), vscode.ViewColumn.Active, {
        retainContextWhenHidden: false,
      }),
    );
  }

  /** Also restores the panel after a reload (its filters come back through the webview state). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    webview.options = webviewOptions(this.extensionUri, ['dist', 'media']);
    webview.html = metricsHtml({
      cspSource: webview.cspSource,
      scriptUri: webviewResource(webview, this.extensionUri, 'dist', 'metrics.js'),
      styleUri: webviewResource(webview, this.extensionUri, 'media', 'metrics.css'),
    });
    // What the page sends is checked before anything is done with it: a webview is untrusted.
    const channel = new WebviewChannel<WebviewMessage, HostMessage>(
      webview,
      { parse: parseWebviewMessage, panel: 'release metrics', warn: (text) => this.log.warn(text) },
      (message) => this.handle(message),
    );
    this.channel = channel;
    panel.onDidDispose(() => {
      channel.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.channel = undefined;
      }
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    try {
      if (message.type === 'ready' || message.type === 'query' || message.type === 'signInGitHub') {
        this.lastQuery = cleanQuery(message.query);
        const records = await this.deployments.read(
          cleanQuery(message.query).from || undefined,
          message.type === 'signInGitHub',
        );
        const answer = await this.ask(message.query, undefined, records);
        await this.post(
          answer.type === 'report'
            ? {
                type: 'report',
                query: answer.query,
                report: answer.report,
                environments: answer.environments,
                github: figures(records, answer.githubComparison),
              }
            : { type: 'error', query: answer.query, message: answer.message },
        );
        if (answer.partial) {
          clearTimeout(this.retry);
          this.retry = setTimeout(() => void this.refresh(), PARTIAL_RETRY_MS);
        }
      } else if (message.type === 'export') {
        await this.export(message.format, message.query);
      }
    } catch (error) {
      const text = (error as Error)?.message ?? String(error);
      this.log.error(`Release metrics: ${text}`);
      await this.post({
        type: 'error',
        query: cleanQuery(message.query),
        message: `The metrics could not be computed: ${text}`,
      });
    }
  }

  private ask(query: unknown, exportAs?: 'markdown' | 'csv', records?: DeploymentRecords): Promise<MetricsResult> {
    return request(this.client, METRICS_REQUEST, {
      query,
      readGitHistory: metricsSettings().readGitHistory,
      export: exportAs,
      github: records?.input,
    });
  }

  private async refresh(): Promise<void> {
    if (!this.panel?.visible || this.lastQuery === undefined) return;
    await this.handle({ type: 'query', query: this.lastQuery });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.channel?.post(message);
  }

  private async export(format: 'markdown' | 'csv', raw: unknown): Promise<void> {
    const answer = await this.ask(raw, format);
    if (answer.type !== 'report') {
      await this.post({ type: 'error', query: answer.query, message: answer.message });
      return;
    }
    const { report } = answer;
    const text = answer.exported ?? '';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `release-metrics${report.from ? `-${report.from}` : ''}${report.to ? `-to-${report.to}` : ''}.${format === 'csv' ? 'csv' : 'md'}`;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t(
        'Release Runbooks: export the release metrics as {0}',
        format === 'csv' ? 'CSV' : 'Markdown',
      ),
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const shown = vscode.workspace.asRelativePath(target);
    await this.post({ type: 'exported', format, file: shown });
    if (format === 'markdown') {
      const open = await vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: saved the release metrics to {0}.', shown),
        vscode.l10n.t('Open'),
      );
      if (open) await vscode.window.showTextDocument(target);
    }
  }

  dispose(): void {
    clearTimeout(this.retry);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function figures(records: DeploymentRecords, comparison: SourceComparison | undefined): GitHubFigures {
  if (records.note) return records.note;
  return comparison
    ? { state: 'shown', repository: records.input.repository, comparison }
    : { state: 'note', note: 'The language server did not count the GitHub deployment records.' };
}

export function registerShowReleaseMetrics(panels: MetricsPanels): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_METRICS_COMMAND, () => panels.show()),
    vscode.window.registerWebviewPanelSerializer(METRICS_PANEL_TYPE, {
      deserializeWebviewPanel: async (panel) => panels.attach(panel),
    }),
  ];
}
