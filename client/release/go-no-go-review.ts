// "Release Runbooks: Go/No-Go Review": a checklist panel for one runbook that judges each gate with
// its evidence (lint errors, preconditions confirmed here or ticked on the change request, the
// rollback plan, the board's label, freezes, dependencies' outcomes, owner and on-call, the notify
// list acknowledged). GO or NO-GO is written into the runbook with its reason and the gates as
// they stood, and posted on the change request. A NO-GO proposes the next free window.
import * as vscode from 'vscode';
import { GO_NO_GO_COMMAND, GO_NO_GO_VIEW_TYPE, START_RELEASE_COMMAND } from '../../protocol/names';
import { SUBMIT_COMMAND } from '../change-request/change-request-settings';
import type { GateEvidence } from '../../protocol/requests';
import type { ChangeStatusInput } from '../../protocol/change-status';
import { WebviewMessage, parseWebviewMessage, ReviewView, HostMessage } from '../../webview/release/go-no-go-protocol';
import { WebviewChannel, webviewOptions, webviewResource } from '../webview-panel';
import { GoNoGoController, GoNoGoEffects } from './go-no-go-controller';
import { goNoGoHtml } from './go-no-go-html';
import type { ReleaseDeps } from './release-deps';
import { goNoGoOf, messageOf } from './release-server';
import { targetRunbook } from './release-target';

/** Asked again this soon while the server is still reading the workspace. */
const PARTIAL_RETRY_MS = 1000;

export const GO_NO_GO_SCRIPT = ['dist', 'release-go-no-go.js'];

export function registerGoNoGoReview(deps: ReleaseDeps): vscode.Disposable {
  const panels = new Map<string, ReviewPanel>();
  deps.focusedReview = () => [...panels.values()].find((p) => p.active)?.uri;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(GO_NO_GO_COMMAND, async (arg?: unknown) => {
      const uri = await targetRunbook(arg, deps, 'editor', 'Go/No-Go Review');
      if (!uri) return;
      const existing = panels.get(uri.toString());
      if (existing) {
        existing.reveal();
        return;
      }
      const panel = new ReviewPanel(deps, uri, () => panels.delete(uri.toString()));
      panels.set(uri.toString(), panel);
    }),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
  );
}

class ReviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly channel: WebviewChannel<WebviewMessage, HostMessage>;
  private readonly controller: GoNoGoController;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private askedForStatus = false;
  private issue: { body?: string; problem?: string } | undefined;
  /** The runbook's change.ticket, as the server last said. */
  private ticket: string | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: ReleaseDeps,
    readonly uri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const extensionUri = deps.context.extensionUri;
    this.panel = vscode.window.createWebviewPanel(
      GO_NO_GO_VIEW_TYPE,
      vscode.l10n.t('Go/No-Go: {0}', basename(uri)),
      vscode.ViewColumn.Active,
      { ...webviewOptions(extensionUri, ['dist']), retainContextWhenHidden: true },
    );
    const script = webviewResource(this.panel.webview, extensionUri, ...GO_NO_GO_SCRIPT);
    this.panel.webview.html = goNoGoHtml({ scriptUri: script, title: `Go/No-Go: ${basename(uri)}` });
    this.controller = new GoNoGoController(this.effects());
    this.channel = new WebviewChannel(
      this.panel.webview,
      { parse: parseWebviewMessage, panel: 'go-no-go', warn: (text) => deps.log.warn(text) },
      (m) => this.controller.receive(m),
    );
    this.disposables.push(
      this.channel,
      this.panel.onDidDispose(() => this.dispose()),
      deps.writer.onDidRecord((u) => u.toString() === uri.toString() && void this.update()),
      vscode.workspace.onDidSaveTextDocument(
        (d) => /\.(runbook|calendar)\.ya?ml$/i.test(d.uri.path) && void this.update(),
      ),
    );
    if (deps.statusStore) this.disposables.push(deps.statusStore.onDidChange(() => void this.update()));
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Whether the panel has focus: release commands from the palette then mean its runbook. */
  get active(): boolean {
    return this.panel.active;
  }

  private post(message: HostMessage): void {
    void this.channel.post(message);
  }

  /** VS Code and the language server behind what the controller does with the page's messages. */
  private effects(): GoNoGoEffects {
    return {
      post: (message) => this.post(message),
      record: (transition) =>
        this.deps.writer.record(
          this.uri,
          transition.kind === 'review-decision' ? { ...transition, evidence: this.evidence() } : transition,
        ),
      showView: async (how) => {
        this.ready = true;
        if (how === 'refresh') this.askedForStatus = false;
        await this.update(true);
      },
      openRunbook: async () => {
        await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.Beside });
      },
      postDecision: () => this.deps.github.postDecision(this.uri),
      offerChangeRequestUpdate: () => this.offerChangeRequestUpdate(),
      offerStartRelease: (state) => {
        const start = vscode.l10n.t('Start Release');
        void vscode.window
          .showInformationMessage(
            vscode.l10n.t(
              'Release Runbooks: GO recorded for {0}. Commit the runbook to keep the decision in git.',
              state.title,
            ),
            start,
          )
          .then((choice) =>
            choice === start ? vscode.commands.executeCommand(START_RELEASE_COMMAND, this.uri) : undefined,
          );
      },
      texts: {
        windowApplied: vscode.l10n.t(
          "The proposed window is now the runbook's window (saved). Take a new go/no-go decision for it.",
        ),
      },
    };
  }

  /** After the last NO-GO's proposed window was applied: the change request offered its update. */
  private async offerChangeRequestUpdate(): Promise<void> {
    const ticket = this.ticket;
    if (!ticket) return;
    const update = vscode.l10n.t('Update Change Request');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Release Runbooks: the window moved. Update the change request {0} with it?', ticket),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The change request is submitted again with the new window, so that the board decides on the window that will be used.',
        ),
      },
      update,
    );
    if (choice === update) await vscode.commands.executeCommand(SUBMIT_COMMAND, this.uri);
  }

  /** What only the extension host knows for the gates: the board's status (GitHub) and the issue's task list. */
  private evidence(): GateEvidence {
    const ticket = this.ticket;
    const stored = ticket ? this.deps.statusStore?.get(ticket) : undefined;
    // The one status model: with a board in the calendar it carries the board's verdict.
    const change: ChangeStatusInput | undefined = stored;
    if (ticket && !stored && !this.askedForStatus && this.deps.statusStore) {
      // Read the board's label once; the store tells us when it arrives.
      this.askedForStatus = true;
      void this.deps.statusStore.refresh({ quiet: true });
    }
    const changeUnknownReason = !this.deps.statusStore
      ? 'change requests are not available'
      : (this.deps.statusStore.lastError ?? 'not read yet');
    // Every known status: the server picks those of the runbook's access requests by ticket.
    const access: ChangeStatusInput[] = this.deps.statusStore?.all() ?? [];
    return { change, changeUnknownReason, issueBody: this.issue?.body, access };
  }

  private async update(readIssue = false): Promise<void> {
    if (!this.ready) return;
    let answer;
    try {
      answer = await goNoGoOf(this.deps.client, this.uri, this.evidence());
      // The ticket is the server's to read: asked again when the evidence was for another ticket or the issue is to be read.
      const ticketChanged = answer.ticket !== this.ticket;
      this.ticket = answer.ticket;
      if (readIssue || !this.issue || ticketChanged) {
        this.issue = await this.deps.github.issueBody(this.uri, this.ticket);
        answer = await goNoGoOf(this.deps.client, this.uri, this.evidence());
      }
    } catch (error) {
      this.post({ type: 'result', ok: false, message: messageOf(error) });
      return;
    }
    if (answer.partial) {
      clearTimeout(this.retry);
      this.retry = setTimeout(() => void this.update(), PARTIAL_RETRY_MS);
    }
    const notices = [...answer.view.notices];
    if (this.issue?.problem) notices.push(`The change request's task list could not be read: ${this.issue.problem}`);
    const view: ReviewView = { ...answer.view, notices, user: await this.deps.handles.peek(this.uri) };
    this.post({ type: 'view', view });
  }

  dispose(): void {
    clearTimeout(this.retry);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function basename(uri: vscode.Uri): string {
  return (
    uri.path
      .split('/')
      .pop()
      ?.replace(/\.runbook\.ya?ml$/i, '') ?? uri.path
  );
}
