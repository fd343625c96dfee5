// "Release Runbooks: Preview Change Request": shows exactly the title, labels and body that
// submitting would send, rendered as GitHub would (raw HTML off), and follows the runbook as it
// is edited. One preview per runbook; its button submits.
import * as vscode from 'vscode';
import { formatTicket, parseTicket, repositoryName } from '../../server/github/repository';
import { ChangeRequestDeps, fetchChangeRequest } from './deps';
import { previewHtmlModule } from '../lazy-bundles';
import { knownRepository } from './resolve-repository';
import { PREVIEW_COMMAND, SUBMIT_COMMAND, targetRunbook } from './change-request-settings';

export const PREVIEW_VIEW_TYPE = 'releaseRunbooks.changeRequestPreview';
/** Where the stylesheet ships (package: media/ is in the .vsix). */
export const PREVIEW_STYLESHEET = ['media', 'change-request-preview.css'];

const UPDATE_DELAY_MS = 300;

export function registerPreviewChangeRequest(deps: ChangeRequestDeps): vscode.Disposable {
  const previews = new Map<string, Preview>();
  const command = vscode.commands.registerCommand(PREVIEW_COMMAND, async (arg?: unknown) => {
    const uri = targetRunbook(arg);
    if (!uri) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Release Runbooks: open a runbook (*.runbook.yaml) to preview its change request.'),
      );
      return;
    }
    const existing = previews.get(uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      await existing.update();
      return;
    }
    const preview = new Preview(deps, uri, () => previews.delete(uri.toString()));
    previews.set(uri.toString(), preview);
    await preview.update();
  });
  return vscode.Disposable.from(command, { dispose: () => [...previews.values()].forEach((p) => p.panel.dispose()) });
}

class Preview {
  readonly panel: vscode.WebviewPanel;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly deps: ChangeRequestDeps,
    private readonly uri: vscode.Uri,
    onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(deps.context.extensionUri, PREVIEW_STYLESHEET[0]);
    this.panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      vscode.l10n.t('Change Request: {0}', baseName(uri)),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [media],
      },
    );
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((message: { type?: unknown }) => {
        if (message?.type === 'submit') void vscode.commands.executeCommand(SUBMIT_COMMAND, this.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString()) this.schedule();
      }),
      // Diagnostics settle after edits; dependencies' tickets change in other files.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === this.uri.toString())) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (/\.(runbook|calendar)\.ya?ml$/i.test(document.uri.path)) this.schedule();
      }),
    );
    this.panel.onDidDispose(() => {
      clearTimeout(this.timer);
      this.disposables.forEach((d) => d.dispose());
      onDispose();
    });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), UPDATE_DELAY_MS);
  }

  async update(): Promise<void> {
    const webview = this.panel.webview;
    const styleUri = webview
      .asWebviewUri(vscode.Uri.joinPath(this.deps.context.extensionUri, ...PREVIEW_STYLESHEET))
      .toString();
    let request;
    try {
      request = await fetchChangeRequest(this.deps, this.uri);
    } catch (error) {
      webview.html = messagePage(
        webview.cspSource,
        styleUri,
        `The change request could not be prepared: ${(error as Error)?.message ?? error}`,
      );
      return;
    }
    const known = await knownRepository(this.uri);
    const ticket = request.ticket ? parseTicket(request.ticket, known?.repo) : undefined;
    const destination = ticket
      ? `Submitting updates ${formatTicket(ticket)}.`
      : known
        ? `Submitting files a new issue in ${repositoryName(known.repo)} (or updates the open one that carries this runbook's marker).`
        : 'Submitting asks for the repository (setting releaseRunbooks.github.repository), then files a new issue there.';
    const errors = vscode.languages
      .getDiagnostics(this.uri)
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warning = errors
      ? ` The runbook has ${errors === 1 ? 'an error' : `${errors} errors`}: fix ${errors === 1 ? 'it' : 'them'} before submitting.`
      : '';
    this.panel.title = `Change Request: ${baseName(this.uri)}`;
    webview.html = previewHtmlModule().previewHtml({
      cspSource: webview.cspSource,
      styleUri,
      request,
      destination: destination + warning,
    });
  }
}

function messagePage(cspSource: string, styleUri: string, message: string): string {
  return previewHtmlModule().previewMessageHtml({ cspSource, styleUri, message });
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
