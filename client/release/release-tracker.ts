// The "Release Tracking" view: one runbook's release, read from its file every time (the record is
// the state), with its steps in order, who did what and when, time against each timeout and the
// window, and a warning when the remaining steps no longer fit. The runbook tracked is kept across
// restarts, so reopening VS Code mid-window shows the release where it stands.
import * as vscode from 'vscode';
import { activeSteps, currentStep, nextStep, ReleaseState, TrackedCheck, TrackedStep } from '../../server/core/release/release-state';
import { localTime, shortDuration } from '../../server/core/release/release-time';
import { budgetWarning, resultWords, statusLine } from '../../server/core/release/status-text';
import { keyOf, timeBudget, TimeBudget } from '../../server/core/release/time-budget';
import { phaseWords, StepList } from '../../server/core/release/transitions';
import { RecordWriter, RunbookSnapshot, snapshotOf } from './record-writer';
import { TRACKED_RUNBOOK_KEY, TRACKING_VIEW_ID } from './release-ids';

export type ReleaseNode =
  | { kind: 'header'; uri: string }
  | { kind: 'note'; uri: string; text: string; severity: 'warning' | 'problem' | 'info' }
  | { kind: 'group'; uri: string; group: 'steps' | 'rollback' | 'verification' }
  | { kind: 'step'; uri: string; list: StepList; id: string }
  | { kind: 'check'; uri: string; key: string };

/** Refresh while something runs, so elapsed times and the window countdown move. */
const TICK_MS = 30_000;

export class ReleaseTracker implements vscode.TreeDataProvider<ReleaseNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReleaseNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private snapshot: RunbookSnapshot | undefined;
  private budget: TimeBudget | undefined;
  private error: string | undefined;
  private readonly view: vscode.TreeView<ReleaseNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    writer: RecordWriter,
  ) {
    this.view = vscode.window.createTreeView(TRACKING_VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
    this.disposables.push(
      this.view,
      writer.onDidRecord((uri) => this.isTracked(uri) && void this.refresh()),
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
  current(): { snapshot: RunbookSnapshot; budget: TimeBudget } | undefined {
    return this.snapshot && this.budget ? { snapshot: this.snapshot, budget: this.budget } : undefined;
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
      this.snapshot = this.budget = undefined;
    } else {
      try {
        this.snapshot = await snapshotOf(uri);
        const model = this.snapshot.index.get(uri.toString())?.model;
        const window = model && model.kind === 'runbook' ? this.snapshot.index.windowOf(model) : undefined;
        this.budget = timeBudget(this.snapshot.state, window, Date.now());
      } catch (error) {
        this.snapshot = this.budget = undefined;
        this.error = `${vscode.workspace.asRelativePath(uri)} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.updateView();
    this.emitter.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.refresh(), 300);
  }

  private isTracked(uri: vscode.Uri): boolean {
    return this.tracked()?.toString() === uri.toString();
  }

  private updateView(): void {
    const state = this.snapshot?.state;
    this.view.description = state ? state.runbookId : undefined;
    this.view.message = this.error;
    const running = state && (state.phase === 'in-progress' || state.phase === 'rolling-back' || state.phase === 'ready' || state.phase === 'verifying');
    if (running && !this.timer) this.timer = setInterval(() => void this.refresh(), TICK_MS);
    if (!running && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'releaseRunbooks.releasePhase', state?.phase ?? 'none');
  }

  // -------------------------------------------------------------------------------------------

  getParent(node: ReleaseNode): ReleaseNode | undefined {
    if (node.kind === 'step') return { kind: 'group', uri: node.uri, group: node.list === 'rollback' ? 'rollback' : 'steps' };
    if (node.kind === 'check') return { kind: 'group', uri: node.uri, group: 'verification' };
    return undefined;
  }

  async getChildren(node?: ReleaseNode): Promise<ReleaseNode[]> {
    const s = this.snapshot;
    const b = this.budget;
    if (!s || !b) return [];
    const uri = s.uri.toString();
    const state = s.state;
    if (!node) {
      const out: ReleaseNode[] = [{ kind: 'header', uri }];
      const warning = budgetWarning(state, b);
      if (warning) out.push({ kind: 'note', uri, text: warning, severity: 'warning' });
      for (const problem of state.problems) out.push({ kind: 'note', uri, text: problem, severity: 'problem' });
      if (state.rollback) {
        out.push({ kind: 'group', uri, group: 'rollback' });
        for (const id of state.rollback.plan.irreversible) out.push({ kind: 'note', uri, text: `${id} is irreversible: the rollback does not undo it`, severity: 'info' });
        for (const u of state.rollback.plan.uncovered) out.push({ kind: 'note', uri, text: `${u.step} is not undone: ${u.reason}`, severity: 'warning' });
      }
      out.push({ kind: 'group', uri, group: 'steps' });
      if (state.verification.length && !state.rollback) out.push({ kind: 'group', uri, group: 'verification' });
      return out;
    }
    if (node.kind !== 'group') return [];
    if (node.group === 'verification') return state.verification.map((c) => ({ kind: 'check', uri, key: c.key }));
    const list: StepList = node.group === 'rollback' ? 'rollback' : 'steps';
    const steps = list === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
    return steps.map((step) => ({ kind: 'step', uri, list, id: step.id }));
  }

  getTreeItem(node: ReleaseNode): vscode.TreeItem {
    const s = this.snapshot!;
    const b = this.budget!;
    const state = s.state;
    switch (node.kind) {
      case 'header':
        return headerItem(state, b);
      case 'note': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.severity === 'info' ? 'info' : 'warning', new vscode.ThemeColor(node.severity === 'info' ? 'foreground' : 'problemsWarningIcon.foreground'));
        item.tooltip = node.text;
        item.id = `${node.uri}#note:${node.text}`;
        return item;
      }
      case 'group':
        return groupItem(state, node);
      case 'step': {
        const steps = node.list === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
        const step = steps.find((x) => x.id === node.id);
        return step ? stepItem(state, b, node, step) : new vscode.TreeItem(node.id);
      }
      case 'check': {
        const check = state.verification.find((c) => c.key === node.key);
        return check ? checkItem(state, node, check) : new vscode.TreeItem(node.key);
      }
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.emitter.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

// ---------------------------------------------------------------------------------------------

const PHASE_ICONS: Record<ReleaseState['phase'], string> = {
  review: 'checklist',
  ready: 'rocket',
  'in-progress': 'play-circle',
  'rolling-back': 'debug-reverse-continue',
  verifying: 'beaker',
  finishing: 'flag',
  finished: 'pass-filled',
};

function headerItem(state: ReleaseState, budget: TimeBudget): vscode.TreeItem {
  const item = new vscode.TreeItem(state.title, vscode.TreeItemCollapsibleState.None);
  const left = budget.windowLeftMs !== undefined && state.phase !== 'finished' ? (budget.windowLeftMs > 0 ? ` · ${shortDuration(budget.windowLeftMs)} left in the window` : ' · window ended') : '';
  item.description = `${phaseWords(state.phase, state.lastDecision)}${state.phase === 'finished' ? `: ${resultWords(state.outcome?.result)}` : ''}${left}`;
  item.iconPath = new vscode.ThemeIcon(PHASE_ICONS[state.phase]);
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(statusLine(state, budget));
  if (state.ticket) tooltip.appendText(`\n\nChange request: ${state.ticket}`);
  item.tooltip = tooltip;
  item.contextValue = `releaseHeader.${state.phase}`;
  item.id = `${state.runbookId}#header`;
  return item;
}

function groupItem(state: ReleaseState, node: Extract<ReleaseNode, { kind: 'group' }>): vscode.TreeItem {
  const rolledBack = node.group === 'steps' && !!state.rollback;
  const labels = { steps: rolledBack ? 'Steps (being rolled back)' : 'Steps', rollback: 'Rollback steps, latest first', verification: 'Verification' };
  const expanded = node.group === 'rollback' || (node.group === 'steps' && !rolledBack) || (node.group === 'verification' && state.phase !== 'in-progress');
  const item = new vscode.TreeItem(labels[node.group], expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${node.uri}#group:${node.group}`;
  if (node.group === 'rollback' && state.rollback) {
    item.description = `decided by ${state.rollback.decidedBy ?? 'someone'} at ${localTime(state.rollback.at, state.zone)}`;
    item.tooltip = `Reason: ${state.rollback.reason ?? 'none given'}${state.rollback.triggerMet === false ? '\n(The rollback trigger was not met.)' : ''}`;
  } else if (node.group !== 'verification') {
    const steps = node.group === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
    item.description = `${steps.filter((s) => s.status === 'done' || s.status === 'skipped').length} of ${steps.length} settled`;
  } else {
    item.description = `${state.verification.filter((c) => c.result).length} of ${state.verification.length} checked`;
  }
  return item;
}

const STEP_ICONS: Record<TrackedStep['status'], [string, string | undefined]> = {
  pending: ['circle-large-outline', undefined],
  started: ['loading~spin', 'charts.blue'],
  done: ['pass-filled', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['debug-step-over', 'disabledForeground'],
};

function stepItem(state: ReleaseState, budget: TimeBudget, node: Extract<ReleaseNode, { kind: 'step' }>, step: TrackedStep): vscode.TreeItem {
  const item = new vscode.TreeItem(`${step.position}. ${step.title}`);
  const entry = step.latest;
  const timing = budget.steps.get(keyOf(state, step));
  const parts: string[] = [];
  const day = budget.window?.start;
  if (step.status === 'pending') {
    const isNext = nextStep(activeSteps(state)) === step && (node.list === 'rollback') === !!state.rollback;
    parts.push(isNext && !currentStep(activeSteps(state)) ? 'next' : 'pending');
    if (step.timeoutMs !== undefined) parts.push(`timeout ${shortDuration(step.timeoutMs)}`);
  } else {
    const when = entry?.started ? `${localTime(entry.started, state.zone, day)}${entry.finished ? `–${localTime(entry.finished, state.zone, day)}` : ''}` : entry?.finished ? localTime(entry.finished, state.zone, day) : '';
    parts.push(`${step.status}${when ? ` ${when}` : ''}`);
    if (timing?.elapsedMs !== undefined) parts.push(`${shortDuration(timing.elapsedMs)}${step.timeoutMs !== undefined ? ` of ${shortDuration(step.timeoutMs)}` : ''}${timing.overrunMs ? ' (over)' : ''}`);
    const who = entry?.finishedBy ?? entry?.by;
    if (who) parts.push(who);
  }
  if (step.attempts.length > 1) parts.push(`attempt ${step.attempts.length}`);
  item.description = parts.join(' · ');
  const [icon, color] = timing?.overrunMs && step.status === 'started' ? ['watch', 'problemsWarningIcon.foreground'] : STEP_ICONS[step.status];
  item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = `${node.list === 'rollback' ? 'releaseRollbackStep' : 'releaseStep'}.${step.status}`;
  item.id = `${node.uri}#${node.list}:${step.id}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${escapeMd(step.id)}**: ${escapeMd(step.title)}\n\n`);
  if (step.undoes?.length) tooltip.appendMarkdown(`Undoes: ${step.undoes.map(escapeMd).join(', ')}\n\n`);
  if (step.irreversible) tooltip.appendMarkdown('Irreversible: no rollback step undoes it.\n\n');
  for (const attempt of step.attempts) {
    tooltip.appendMarkdown(`- ${escapeMd(attempt.status)} ${attempt.by ? `by ${escapeMd(attempt.by)}` : ''}${attempt.started ? ` from ${escapeMd(localTime(attempt.started, state.zone, day))}` : ''}${attempt.finished ? ` to ${escapeMd(localTime(attempt.finished, state.zone, day))}` : ''}${attempt.note ? `: ${escapeMd(attempt.note)}` : ''}\n`);
  }
  item.tooltip = tooltip;
  return item;
}

function checkItem(state: ReleaseState, node: Extract<ReleaseNode, { kind: 'check' }>, check: TrackedCheck): vscode.TreeItem {
  const item = new vscode.TreeItem(check.check);
  const entry = check.latest;
  item.description = check.result ? `${check.result}${entry?.by ? ` · ${entry.by}` : ''}${entry?.at ? ` · ${localTime(entry.at, state.zone)}` : ''}` : 'not checked';
  const icon = check.result === 'pass' ? ['pass-filled', 'testing.iconPassed'] : check.result === 'fail' ? ['error', 'testing.iconFailed'] : check.result === 'skipped' ? ['debug-step-over', 'disabledForeground'] : ['circle-large-outline', undefined];
  item.iconPath = new vscode.ThemeIcon(icon[0]!, icon[1] ? new vscode.ThemeColor(icon[1]) : undefined);
  item.contextValue = `releaseCheck.${check.result ?? 'open'}`;
  item.id = `${node.uri}#check:${check.key}`;
  item.tooltip = entry?.note ? `${check.check}\n\n${entry.note}` : check.check;
  return item;
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
