// "Release Runbooks: Show Release Metrics": a panel with the five delivery metrics as charts and
// numbers, filtered per week or month, group and environment, and exported as Markdown or CSV.
import * as vscode from 'vscode';
import { metricsCsv } from '../../server/core/metrics/metrics-csv';
import { metricsMarkdown } from '../../server/core/metrics/metrics-markdown';
import type { HostMessage } from '../../webview/metrics/protocol';
import { metricsHtml } from './metrics-html';
import { answerQuery, cleanQuery, MetricsSource, reportFor } from './metrics-request';
import { METRICS_PANEL_TYPE, SHOW_METRICS_COMMAND } from './metrics-settings';
import { metricsSource, workspaceIndex } from './metrics-workspace';

export class MetricsPanels implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private source: Promise<MetricsSource> | undefined;
  private lastQuery: unknown;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // A changed runbook changes the numbers: read the workspace again, and redraw a visible panel.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{runbook,calendar}.{yaml,yml}');
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      this.source = undefined;
      clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 400);
    };
    this.disposables.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed), vscode.workspace.onDidSaveTextDocument(changed), {
      dispose: () => clearTimeout(timer),
    });
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(METRICS_PANEL_TYPE, 'Release Metrics', vscode.ViewColumn.Active, { retainContextWhenHidden: false }));
  }

  /** Also restores the panel after a reload (its filters come back through the webview state). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = metricsHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'metrics.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'metrics.css')).toString(),
    });
    const subscription = webview.onDidReceiveMessage((raw) => void this.handle(raw));
    panel.onDidDispose(() => {
      subscription.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private async handle(raw: unknown): Promise<void> {
    const message = raw as { type?: unknown; query?: unknown; format?: unknown };
    try {
      if (message?.type === 'ready' || message?.type === 'query') {
        this.lastQuery = message.query;
        await this.post(answerQuery(await this.currentSource(), message.query));
      } else if (message?.type === 'export' && (message.format === 'markdown' || message.format === 'csv')) {
        await this.export(message.format, message.query);
      }
    } catch (error) {
      const text = (error as Error)?.message ?? String(error);
      this.log.error(`Release metrics: ${text}`);
      await this.post({ type: 'error', query: cleanQuery(message?.query), message: `The metrics could not be computed: ${text}` });
    }
  }

  private currentSource(): Promise<MetricsSource> {
    this.source ??= workspaceIndex().then(metricsSource);
    return this.source;
  }

  private async refresh(): Promise<void> {
    if (!this.panel?.visible || this.lastQuery === undefined) return;
    await this.handle({ type: 'query', query: this.lastQuery });
  }

  private async post(message: HostMessage): Promise<void> {
    await this.panel?.webview.postMessage(message);
  }

  private async export(format: 'markdown' | 'csv', raw: unknown): Promise<void> {
    const query = cleanQuery(raw);
    const report = reportFor(await this.currentSource(), query);
    const text = format === 'csv' ? metricsCsv(report) : metricsMarkdown(report);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `release-metrics${report.from ? `-${report.from}` : ''}${report.to ? `-to-${report.to}` : ''}.${format === 'csv' ? 'csv' : 'md'}`;
    const target = await vscode.window.showSaveDialog({
      title: `Release Runbooks: export the release metrics as ${format === 'csv' ? 'CSV' : 'Markdown'}`,
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const shown = vscode.workspace.asRelativePath(target);
    await this.post({ type: 'exported', format, file: shown });
    if (format === 'markdown') {
      const open = await vscode.window.showInformationMessage(`Release Runbooks: saved the release metrics to ${shown}.`, 'Open');
      if (open) await vscode.window.showTextDocument(target);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function registerShowReleaseMetrics(panels: MetricsPanels): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(SHOW_METRICS_COMMAND, () => panels.show()),
    vscode.window.registerWebviewPanelSerializer(METRICS_PANEL_TYPE, {
      deserializeWebviewPanel: async (panel) => panels.attach(panel),
    }),
  ];
}
