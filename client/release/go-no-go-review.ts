// "Release Runbooks: Go/No-Go Review": a checklist panel for one runbook that judges each gate with
// its evidence (lint errors, preconditions confirmed here or ticked on the change request, the
// rollback plan, the board's label, freezes, dependencies' outcomes, owner and on-call, the notify
// list acknowledged). GO or NO-GO is written into the runbook with its reason and the gates as
// they stood, and posted on the change request. A NO-GO proposes the next free window.
import * as vscode from 'vscode';
import { lintFile } from '../../server/core/lint';
import { ChangeStatusInput, evaluateGates, gatesForRecord } from '../../server/core/release/gates';
import { proposeWindow } from '../../server/core/release/proposed-window';
import { GATE_IDS, GateId } from '../../server/core/release/release-record';
import type { ReleaseState } from '../../server/core/release/release-state';
import { localTime } from '../../server/core/release/release-time';
import { phaseWords } from '../../server/core/release/transitions';
import { formatInstant, parseInstant } from '../../server/core/time';
import { FromWebview, readFromWebview, ReviewView, ToWebview } from '../../webview/release/go-no-go-protocol';
import { goNoGoHtml } from './go-no-go-html';
import { snapshotOf } from './record-writer';
import { capitalize, ReleaseDeps } from './release-deps';
import { GO_NO_GO_COMMAND, GO_NO_GO_VIEW_TYPE, START_RELEASE_COMMAND } from './release-ids';
import { targetRunbook } from './release-target';
import { severityOverrides } from './workspace-snapshot';

export const GO_NO_GO_SCRIPT = ['dist', 'release-go-no-go.js'];

export function registerGoNoGoReview(deps: ReleaseDeps): vscode.Disposable {
  const panels = new Map<string, ReviewPanel>();
  return vscode.Disposable.from(
    vscode.commands.registerCommand(GO_NO_GO_COMMAND, async (arg?: unknown) => {
      const uri = await targetRunbook(arg, deps.tracker.tracked(), 'editor', 'Go/No-Go Review');
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
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private askedForStatus = false;
  private issueTasks: { tasks?: Map<string, boolean>; problem?: string } | undefined;

  constructor(
    private readonly deps: ReleaseDeps,
    private readonly uri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(deps.context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(GO_NO_GO_VIEW_TYPE, `Go/No-Go: ${basename(uri)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      retainContextWhenHidden: true,
    });
    const script = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(deps.context.extensionUri, ...GO_NO_GO_SCRIPT));
    this.panel.webview.html = goNoGoHtml({ scriptUri: script.toString(), title: `Go/No-Go: ${basename(uri)}` });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(readFromWebview(message))),
      deps.writer.onDidRecord((u) => u.toString() === uri.toString() && void this.update()),
      vscode.workspace.onDidSaveTextDocument((d) => /\.(runbook|calendar)\.ya?ml$/i.test(d.uri.path) && void this.update()),
    );
    if (deps.statusStore) this.disposables.push(deps.statusStore.onDidChange(() => void this.update()));
  }

  reveal(): void {
    this.panel.reveal();
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview | undefined): Promise<void> {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.update(true);
        return;
      case 'refresh':
        this.askedForStatus = false;
        await this.update(true);
        return;
      case 'open-runbook':
        await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.Beside });
        return;
      case 'confirm':
        await this.busy(() => this.deps.writer.record(this.uri, { kind: 'confirm-precondition', id: message.id }), `Confirmed ${message.id}.`);
        return;
      case 'acknowledge':
        await this.busy(() => this.deps.writer.record(this.uri, { kind: 'acknowledge-notified' }), 'Recorded that the notify list was told.');
        return;
      case 'decide':
        await this.decide(message);
        return;
    }
  }

  private async busy(action: () => Promise<{ ok: boolean; error?: string }>, success: string): Promise<boolean> {
    this.post({ type: 'busy', busy: true });
    try {
      const result = await action();
      this.post({ type: 'result', ok: result.ok, message: result.ok ? success : capitalize(result.error ?? 'failed') });
      return result.ok;
    } finally {
      this.post({ type: 'busy', busy: false });
    }
  }

  private async decide(message: Extract<FromWebview, { type: 'decide' }>): Promise<void> {
    const evaluation = await this.evaluate();
    if (!evaluation) return;
    const waived = message.waived.filter((w): w is GateId => (GATE_IDS as string[]).includes(w));
    const gates = gatesForRecord(evaluation.gates, waived);
    let proposedWindow: { start: string; end: string } | undefined;
    if (message.decision === 'no-go' && message.proposedWindow) {
      const start = parseInstant(message.proposedWindow.start, evaluation.zone);
      const end = parseInstant(message.proposedWindow.end, evaluation.zone);
      if (!start.ok || !end.ok || end.value.toMillis() <= start.value.toMillis()) {
        this.post({ type: 'result', ok: false, message: 'The proposed window needs a start and a later end, such as 2026-12-03T22:00:00+01:00.' });
        return;
      }
      proposedWindow = { start: message.proposedWindow.start.trim(), end: message.proposedWindow.end.trim() };
    }
    const word = message.decision === 'go' ? 'GO' : 'NO-GO';
    let recorded = false;
    let state: ReleaseState | undefined;
    this.post({ type: 'busy', busy: true });
    try {
      const result = await this.deps.writer.record(this.uri, { kind: 'decide', decision: message.decision, reason: message.reason, gates, proposedWindow });
      if (!result.ok) {
        this.post({ type: 'result', ok: false, message: capitalize(result.error) });
        return;
      }
      recorded = true;
      state = result.state;
      const posted = await this.deps.github.postDecision(this.uri, result.state);
      this.post({ type: 'result', ok: true, message: `${word} recorded in the runbook.${posted ? ` ${posted}` : ''}` });
    } finally {
      this.post({ type: 'busy', busy: false });
    }
    if (recorded && message.decision === 'go' && state) {
      const start = 'Start Release';
      void vscode.window.showInformationMessage(`Release Runbooks: GO recorded for ${state.title}. Commit the runbook to keep the decision in git.`, start).then((choice) =>
        choice === start ? vscode.commands.executeCommand(START_RELEASE_COMMAND, this.uri) : undefined,
      );
    }
  }

  /** Judges the gates now: the workspace as on disk and in open editors, the board's status, the issue's task list. */
  private async evaluate() {
    let snapshot;
    try {
      snapshot = await snapshotOf(this.uri);
    } catch (error) {
      this.post({ type: 'result', ok: false, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    const model = snapshot.index.get(this.uri.toString())!.model;
    if (model.kind !== 'runbook') return undefined;
    const diagnostics = lintFile(snapshot.index, this.uri.toString(), { severityOverrides: severityOverrides(this.uri), onRuleError: () => undefined });
    const ticket = model.change.ticket?.text.trim();
    const stored = ticket ? this.deps.statusStore?.get(ticket) : undefined;
    const change: ChangeStatusInput | undefined = stored ? { ticket: stored.ticket, state: stored.state, stateReason: stored.stateReason, cab: stored.cab, cabLabel: stored.cabLabel } : undefined;
    if (ticket && !stored && !this.askedForStatus && this.deps.statusStore) {
      // Read the board's label once; the store tells us when it arrives.
      this.askedForStatus = true;
      void this.deps.statusStore.refresh({ quiet: true });
    }
    const changeUnknownReason = !this.deps.statusStore ? 'change requests are not available' : (this.deps.statusStore.lastError ?? 'not read yet');
    const gates = evaluateGates({ index: snapshot.index, runbook: model, diagnostics, record: snapshot.state.record, change, changeUnknownReason, issueTasks: this.issueTasks?.tasks });
    return { snapshot, model, gates, zone: snapshot.zone, change, ticket };
  }

  private async update(readIssue = false): Promise<void> {
    if (!this.ready) return;
    if (readIssue || !this.issueTasks) {
      const document = await vscode.workspace.openTextDocument(this.uri);
      this.issueTasks = await this.deps.github.issueTasks(this.uri, document.getText());
    }
    const evaluation = await this.evaluate();
    if (!evaluation) return;
    const { snapshot, model, gates, zone } = evaluation;
    const state = snapshot.state;
    const window = snapshot.index.windowOf(model);
    const confirmations = new Map(state.record.preconditions.map((c) => [c.id, c]));
    const proposal = proposeWindow(snapshot.index, model, Date.now());
    const notices: string[] = [...state.problems.map((p) => `Record: ${p}`)];
    if (this.issueTasks?.problem) notices.push(`The change request's task list could not be read: ${this.issueTasks.problem}`);
    const user = await this.deps.handles.peek(this.uri);
    const view: ReviewView = {
      runbookId: state.runbookId,
      title: state.title,
      window: window ? `${formatInstant(window.start, window.zone)} to ${formatInstant(window.end, window.zone)}` : 'window cannot be read',
      phase: phaseWords(state.phase, state.lastDecision),
      user,
      gates: gates.map((g) => ({ id: g.id, title: g.title, state: g.state, evidence: g.evidence, details: g.details })),
      preconditions: model.preconditions
        .filter((p) => p.id)
        .map((p) => {
          const id = p.id!.text;
          const mine = confirmations.get(id);
          const confirmed = mine ? `confirmed by ${mine.by ?? 'someone'} at ${localTime(mine.at, zone)}` : this.issueTasks?.tasks?.get(id) ? `ticked on ${evaluation.ticket}` : undefined;
          return { id, check: p.fields.get('check')?.text ?? '', confirmed };
        }),
      notify: {
        channels: model.notify.filter((n) => n.trim()),
        acknowledged: state.record.notified ? `confirmed by ${state.record.notified.by ?? 'someone'} at ${localTime(state.record.notified.at, zone)}` : undefined,
      },
      decisions: state.record.decisions.map((d) => ({ decision: d.decision, by: d.by ?? 'someone', at: localTime(d.at, zone), reason: d.reason ?? '' })),
      canDecide: state.phase === 'review' || state.phase === 'ready',
      proposed: proposal.ok ? { start: proposal.start, end: proposal.end } : undefined,
      proposedProblem: proposal.ok ? undefined : proposal.reason,
      notices,
    };
    this.post({ type: 'view', view });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.split('/').pop()?.replace(/\.runbook\.ya?ml$/i, '') ?? uri.path;
}
