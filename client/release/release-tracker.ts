// The "Release Tracking" view: one runbook's release, read from its file every time (the record is
// the state), with its steps in order, who did what and when, time against each timeout and the
// window, and a warning when the remaining steps no longer fit. The language server draws the
// items; this view shows them. The runbook tracked is kept across restarts, so reopening VS Code
// mid-window shows the release where it stands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TRACKED_RUNBOOK_KEY, TRACKING_VIEW_ID } from '../../protocol/names';
import type { ReleaseNode, ReleaseStateResult, ReleaseTreeItem } from '../../protocol/requests';
import type { RecordWriter } from './record-writer';
import type { ReleaseGitHub } from './release-github';
import { messageOf, releaseStateOf } from './release-server';

export type { ReleaseNode } from '../../protocol/requests';

/** Refresh while something runs, so elapsed times and the window countdown move. */
const TICK_MS = 30_000;
/** Asked again this soon while the server is still reading the workspace. */
const PARTIAL_RETRY_MS = 1000;

export class ReleaseTracker implements vscode.TreeDataProvider<ReleaseNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReleaseNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private answer: ReleaseStateResult | undefined;
  private items = new Map<string, ReleaseTreeItem>();
  private error: string | undefined;
  private readonly view: vscode.TreeView<ReleaseNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    writer: RecordWriter,
    private readonly github: ReleaseGitHub,
  ) {
    this.view = vscode.window.createTreeView(TRACKING_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
    this.disposables.push(
      this.view,
      writer.onDidRecord((uri) => this.isTracked(uri) && void this.refresh()),
      github.onDidChangeProblems((uri) => this.isTracked(uri) && void this.refresh()),
      vscode.workspace.onDidChangeTextDocument((e) => this.isTracked(e.document.uri) && this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument((d) => this.isTracked(d.uri) && this.refreshSoon()),
      vscode.workspace.onDidDeleteFiles((e) => e.files.some((f) => this.isTracked(f)) && void this.untrack()),
      vscode.workspace.onDidRenameFiles((e) => {
        const moved = e.files.find((f) => this.isTracked(f.oldUri));
        if (moved) void this.track(moved.newUri);
      }),
    );
    void this.refresh();
  }

  /** The runbook in the view, if any. */
  tracked(): vscode.Uri | undefined {
    const stored = this.context.workspaceState.get<string>(TRACKED_RUNBOOK_KEY);
    return stored ? vscode.Uri.parse(stored) : undefined;
  }

  /** What the view shows now (read again by refresh). */
  current(): ReleaseStateResult | undefined {
    return this.answer;
  }

  async track(uri: vscode.Uri): Promise<void> {
    await this.context.workspaceState.update(TRACKED_RUNBOOK_KEY, uri.toString());
    await this.refresh();
  }

  async untrack(): Promise<void> {
    await this.context.workspaceState.update(TRACKED_RUNBOOK_KEY, undefined);
    await this.refresh();
  }

  /** Shows the view (it lives in the Releases side bar). */
  async reveal(): Promise<void> {
    const first = (await this.getChildren())[0];
    if (first) await this.view.reveal(first, { focus: false, select: false });
    else await vscode.commands.executeCommand(`${TRACKING_VIEW_ID}.focus`);
  }

  async refresh(): Promise<void> {
    const uri = this.tracked();
    this.error = undefined;
    if (!uri) {
      this.answer = undefined;
    } else {
      try {
        this.answer = await releaseStateOf(this.client, uri, this.github.problemsOf(uri));
        // Still reading the workspace: the calendar (zone, window) may be missing yet; ask again soon.
        if (this.answer.partial) this.refreshSoon(PARTIAL_RETRY_MS);
      } catch (error) {
        this.answer = undefined;
        this.error = messageOf(error);
      }
    }
    this.items = new Map();
    const walk = (items: ReleaseTreeItem[]) =>
      items.forEach((i) => (this.items.set(keyOfNode(i.node), i), walk(i.children)));
    walk(this.answer?.tree ?? []);
    this.updateView();
    this.emitter.fire(undefined);
  }

  private refreshSoon(delay = 300): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.refresh(), delay);
  }

  private isTracked(uri: vscode.Uri): boolean {
    return this.tracked()?.toString() === uri.toString();
  }

  private updateView(): void {
    const state = this.answer?.state;
    this.view.description = state ? state.runbookId : undefined;
    this.view.message = this.error;
    const running =
      state &&
      (state.phase === 'in-progress' ||
        state.phase === 'rolling-back' ||
        state.phase === 'ready' ||
        state.phase === 'verifying');
    if (running && !this.timer) this.timer = setInterval(() => void this.refresh(), TICK_MS);
    if (!running && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    // The commands are offered only where they can act (package.json `when` clauses).
    void vscode.commands.executeCommand('setContext', 'releaseRunbooks.releasePhase', state?.phase ?? 'none');
    void vscode.commands.executeCommand('setContext', 'releaseRunbooks.releaseRollback', !!state?.rollback);
    void vscode.commands.executeCommand(
      'setContext',
      'releaseRunbooks.releaseStepRunning',
      !!this.answer?.currentStepId,
    );
  }

  // -------------------------------------------------------------------------------------------

  getParent(node: ReleaseNode): ReleaseNode | undefined {
    if (node.kind === 'step')
      return { kind: 'group', uri: node.uri, group: node.list === 'rollback' ? 'rollback' : 'steps' };
    if (node.kind === 'check') return { kind: 'group', uri: node.uri, group: 'verification' };
    return undefined;
  }

  async getChildren(node?: ReleaseNode): Promise<ReleaseNode[]> {
    if (!this.answer) return [];
    const items = node ? (this.items.get(keyOfNode(node))?.children ?? []) : this.answer.tree;
    return items.map((i) => i.node);
  }

  getTreeItem(node: ReleaseNode): vscode.TreeItem {
    const drawn = this.items.get(keyOfNode(node));
    if (!drawn)
      return new vscode.TreeItem(node.kind === 'step' ? node.id : node.kind === 'check' ? node.key : node.kind);
    const collapsible = {
      none: vscode.TreeItemCollapsibleState.None,
      expanded: vscode.TreeItemCollapsibleState.Expanded,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
    }[drawn.collapsible];
    const item = new vscode.TreeItem(drawn.label, collapsible);
    item.id = drawn.id;
    item.description = drawn.description;
    if (drawn.icon)
      item.iconPath = new vscode.ThemeIcon(
        drawn.icon.id,
        drawn.icon.color ? new vscode.ThemeColor(drawn.icon.color) : undefined,
      );
    if (drawn.contextValue) item.contextValue = drawn.contextValue;
    const tooltip = drawn.tooltip;
    if (tooltip)
      item.tooltip =
        tooltip.format === 'plain'
          ? tooltip.text
          : tooltip.format === 'text'
            ? new vscode.MarkdownString().appendText(tooltip.text)
            : new vscode.MarkdownString(tooltip.text);
    return item;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A node's identity: the same item whether VS Code hands back this object or a copy. */
function keyOfNode(node: ReleaseNode): string {
  switch (node.kind) {
    case 'header':
      return `${node.uri}#header`;
    case 'note':
      return `${node.uri}#note:${node.text}`;
    case 'group':
      return `${node.uri}#group:${node.group}`;
    case 'step':
      return `${node.uri}#${node.list}:${node.id}`;
    case 'check':
      return `${node.uri}#check:${node.key}`;
  }
}
