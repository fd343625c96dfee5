// The Release Tracking view's items, drawn from where the release stands and its time budget:
// the header, notes, the step groups, each step with its times and who did it, each check. The
// client only turns these into tree items.
import type { ReleaseNode, ReleaseTreeItem } from '../../protocol/requests';
import { inlineText } from '../core/change-request/markdown-text';
import { needsAttention } from '../core/release/attention';
import {
  activeSteps,
  currentStep,
  nextStep,
  ReleaseState,
  TrackedCheck,
  TrackedStep,
} from '../core/release/release-state';
import { localTime, shortDuration } from '../core/release/release-time';
import { budgetWarning, resultWords, statusLine } from '../core/release/status-text';
import { keyOf, TimeBudget } from '../core/release/time-budget';
import { phaseWords, StepList } from '../core/release/transitions';

/** `attention`: what the extension host knows needs attention (a status comment GitHub refused). */
export function releaseTree(
  uri: string,
  state: ReleaseState,
  budget: TimeBudget,
  attention: string[] = [],
): ReleaseTreeItem[] {
  const out: ReleaseTreeItem[] = [headerItem(uri, state, budget)];
  const note = (text: string, severity: 'warning' | 'problem' | 'info') =>
    out.push(noteItem({ kind: 'note', uri, text, severity }));
  const warning = budgetWarning(state, budget);
  if (warning) note(warning, 'warning');
  for (const problem of state.problems) note(problem, 'problem');
  for (const text of [...needsAttention(state), ...attention]) note(text, 'warning');
  if (state.rollback) {
    out.push(groupItem(state, budget, { kind: 'group', uri, group: 'rollback' }));
    for (const id of state.rollback.plan.irreversible)
      note(`${id} is irreversible: the rollback does not undo it`, 'info');
    for (const u of state.rollback.plan.uncovered) note(`${u.step} is not undone: ${u.reason}`, 'warning');
  }
  out.push(groupItem(state, budget, { kind: 'group', uri, group: 'steps' }));
  if (state.verification.length && !state.rollback)
    out.push(groupItem(state, budget, { kind: 'group', uri, group: 'verification' }));
  return out;
}

const PHASE_ICONS: Record<ReleaseState['phase'], string> = {
  review: 'checklist',
  ready: 'rocket',
  'in-progress': 'play-circle',
  'rolling-back': 'debug-reverse-continue',
  verifying: 'beaker',
  finishing: 'flag',
  finished: 'pass-filled',
};

function headerItem(uri: string, state: ReleaseState, budget: TimeBudget): ReleaseTreeItem {
  const left =
    budget.windowLeftMs !== undefined && state.phase !== 'finished'
      ? budget.windowLeftMs > 0
        ? ` · ${shortDuration(budget.windowLeftMs)} left in the window`
        : ' · window ended'
      : '';
  let tooltip = statusLine(state, budget);
  if (state.ticket) tooltip += `\n\nChange request: ${state.ticket}`;
  return {
    node: { kind: 'header', uri },
    id: `${state.runbookId}#header`,
    label: state.title,
    description: `${phaseWords(state.phase, state.lastDecision)}${state.phase === 'finished' ? `: ${resultWords(state.outcome?.result)}` : ''}${left}`,
    icon: { id: PHASE_ICONS[state.phase] },
    tooltip: { text: tooltip, format: 'text' },
    contextValue: `releaseHeader.${state.phase}`,
    collapsible: 'none',
    children: [],
  };
}

function noteItem(node: Extract<ReleaseNode, { kind: 'note' }>): ReleaseTreeItem {
  const info = node.severity === 'info';
  return {
    node,
    id: `${node.uri}#note:${node.text}`,
    label: node.text,
    icon: { id: info ? 'info' : 'warning', color: info ? 'foreground' : 'problemsWarningIcon.foreground' },
    tooltip: { text: node.text, format: 'plain' },
    collapsible: 'none',
    children: [],
  };
}

function groupItem(
  state: ReleaseState,
  budget: TimeBudget,
  node: Extract<ReleaseNode, { kind: 'group' }>,
): ReleaseTreeItem {
  const rolledBack = node.group === 'steps' && !!state.rollback;
  const labels = {
    steps: rolledBack ? 'Steps (being rolled back)' : 'Steps',
    rollback: 'Rollback steps, latest first',
    verification: 'Verification',
  };
  const expanded =
    node.group === 'rollback' ||
    (node.group === 'steps' && !rolledBack) ||
    (node.group === 'verification' && state.phase !== 'in-progress');
  let description: string;
  let tooltip: ReleaseTreeItem['tooltip'];
  if (node.group === 'rollback' && state.rollback) {
    description = `decided by ${state.rollback.decidedBy ?? 'someone'} at ${localTime(state.rollback.at, state.zone)}`;
    tooltip = {
      text: `Reason: ${state.rollback.reason ?? 'none given'}${state.rollback.triggerMet === false ? '\n(The rollback trigger was not met.)' : ''}`,
      format: 'plain',
    };
  } else if (node.group !== 'verification') {
    const steps = node.group === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
    description = `${steps.filter((s) => s.status === 'done' || s.status === 'skipped').length} of ${steps.length} settled`;
  } else {
    description = `${state.verification.filter((c) => c.result).length} of ${state.verification.length} checked`;
  }
  let children: ReleaseTreeItem[];
  if (node.group === 'verification') {
    children = state.verification.map((c) => checkItem(state, { kind: 'check', uri: node.uri, key: c.key }, c));
  } else {
    const list: StepList = node.group === 'rollback' ? 'rollback' : 'steps';
    const steps = list === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
    children = steps.map((step) => stepItem(state, budget, { kind: 'step', uri: node.uri, list, id: step.id }, step));
  }
  return {
    node,
    id: `${node.uri}#group:${node.group}`,
    label: labels[node.group],
    description,
    tooltip,
    collapsible: expanded ? 'expanded' : 'collapsed',
    children,
  };
}

const STEP_ICONS: Record<TrackedStep['status'], [string, string | undefined]> = {
  pending: ['circle-large-outline', undefined],
  started: ['loading~spin', 'charts.blue'],
  done: ['pass-filled', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  skipped: ['debug-step-over', 'disabledForeground'],
};

function stepItem(
  state: ReleaseState,
  budget: TimeBudget,
  node: Extract<ReleaseNode, { kind: 'step' }>,
  step: TrackedStep,
): ReleaseTreeItem {
  const entry = step.latest;
  const timing = budget.steps.get(keyOf(state, step));
  const parts: string[] = [];
  const day = budget.window?.start;
  if (step.status === 'pending') {
    const isNext = nextStep(activeSteps(state)) === step && (node.list === 'rollback') === !!state.rollback;
    parts.push(isNext && !currentStep(activeSteps(state)) ? 'next' : 'pending');
    if (step.timeoutMs !== undefined) parts.push(`timeout ${shortDuration(step.timeoutMs)}`);
  } else {
    const when = entry?.started
      ? `${localTime(entry.started, state.zone, day)}${entry.finished ? `–${localTime(entry.finished, state.zone, day)}` : ''}`
      : entry?.finished
        ? localTime(entry.finished, state.zone, day)
        : '';
    parts.push(`${step.status}${when ? ` ${when}` : ''}`);
    if (timing?.elapsedMs !== undefined)
      parts.push(
        `${shortDuration(timing.elapsedMs)}${step.timeoutMs !== undefined ? ` of ${shortDuration(step.timeoutMs)}` : ''}${timing.overrunMs ? ' (over)' : ''}`,
      );
    const who = entry?.finishedBy ?? entry?.by;
    if (who) parts.push(who);
  }
  if (step.attempts.length > 1) parts.push(`attempt ${step.attempts.length}`);
  const [icon, color] =
    timing?.overrunMs && step.status === 'started'
      ? ['watch', 'problemsWarningIcon.foreground']
      : STEP_ICONS[step.status];
  let tooltip = `**${inlineText(step.id)}**: ${inlineText(step.title)}\n\n`;
  if (step.undoes?.length) tooltip += `Undoes: ${step.undoes.map(inlineText).join(', ')}\n\n`;
  if (step.irreversible) tooltip += 'Irreversible: no rollback step undoes it.\n\n';
  for (const attempt of step.attempts) {
    tooltip += `- ${inlineText(attempt.status)} ${attempt.by ? `by ${inlineText(attempt.by)}` : ''}${attempt.started ? ` from ${inlineText(localTime(attempt.started, state.zone, day))}` : ''}${attempt.finished ? ` to ${inlineText(localTime(attempt.finished, state.zone, day))}` : ''}${attempt.note ? `: ${inlineText(attempt.note)}` : ''}\n`;
  }
  return {
    node,
    id: `${node.uri}#${node.list}:${step.id}`,
    label: `${step.position}. ${step.title}`,
    description: parts.join(' · '),
    icon: { id: icon, color },
    tooltip: { text: tooltip, format: 'markdown' },
    contextValue: `${node.list === 'rollback' ? 'releaseRollbackStep' : 'releaseStep'}.${step.status}`,
    collapsible: 'none',
    children: [],
  };
}

function checkItem(
  state: ReleaseState,
  node: Extract<ReleaseNode, { kind: 'check' }>,
  check: TrackedCheck,
): ReleaseTreeItem {
  const entry = check.latest;
  const icon =
    check.result === 'pass'
      ? ['pass-filled', 'testing.iconPassed']
      : check.result === 'fail'
        ? ['error', 'testing.iconFailed']
        : check.result === 'skipped'
          ? ['debug-step-over', 'disabledForeground']
          : ['circle-large-outline', undefined];
  return {
    node,
    id: `${node.uri}#check:${check.key}`,
    label: check.check,
    description: check.result
      ? `${check.result}${entry?.by ? ` · ${entry.by}` : ''}${entry?.at ? ` · ${localTime(entry.at, state.zone)}` : ''}`
      : 'not checked',
    icon: { id: icon[0]!, color: icon[1] },
    tooltip: { text: entry?.note ? `${check.check}\n\n${entry.note}` : check.check, format: 'plain' },
    contextValue: `releaseCheck.${check.result ?? 'open'}`,
    collapsible: 'none',
    children: [],
  };
}
