// "Release Runbooks: Start Release": shows the runbook's release in the Release Tracking view,
// and the step commands of that view's context menu: start, done, failed, skip. Each one is a
// transition written into the runbook and mirrored to the change request's status comment.
import * as vscode from 'vscode';
import type { ReleaseStateResult } from '../../protocol/requests';
import type { ReleaseState, TrackedStep } from '../../server/core/release/release-state';
import type { StepList, Transition } from '../../server/core/release/transitions';
import type { RecordResult } from './record-writer';
import { capitalize } from './capitalize';
import { ReleaseDeps, reportResult } from './release-deps';
import { messageOf, releaseStateOf } from './release-server';
import {
  FINISH_RELEASE_COMMAND,
  GO_NO_GO_COMMAND,
  RECORD_VERIFICATION_COMMAND,
  ROLL_BACK_COMMAND,
  SKIP_STEP_COMMAND,
  START_RELEASE_COMMAND,
  START_STEP_COMMAND,
  STEP_DONE_COMMAND,
  STEP_FAILED_COMMAND,
} from '../../protocol/names';
import type { ReleaseNode } from '../../protocol/requests';
import { targetRunbook } from './release-target';

export function registerStartRelease(deps: ReleaseDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(START_RELEASE_COMMAND, (arg?: unknown) => startRelease(deps, arg)),
    vscode.commands.registerCommand(START_STEP_COMMAND, (node?: ReleaseNode) => stepCommand(deps, node, 'start')),
    vscode.commands.registerCommand(STEP_DONE_COMMAND, (node?: ReleaseNode) => stepCommand(deps, node, 'done')),
    vscode.commands.registerCommand(STEP_FAILED_COMMAND, (node?: ReleaseNode) => stepCommand(deps, node, 'failed')),
    vscode.commands.registerCommand(SKIP_STEP_COMMAND, (node?: ReleaseNode) => stepCommand(deps, node, 'skip')),
  );
}

async function startRelease(deps: ReleaseDeps, arg: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps, 'editor', 'Start Release');
  if (!uri) return;
  let answer: ReleaseStateResult;
  try {
    answer = await releaseStateOf(deps.client, uri);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', messageOf(error)));
    return;
  }
  const { state } = answer;
  await deps.tracker.track(uri);
  await deps.tracker.reveal();
  // Before a rollback is decided, the steps are the list worked through.
  const first = state.rollback ? undefined : state.steps.find((s) => s.id === answer.nextStepId);
  if (state.phase === 'review') {
    const last = state.lastDecision;
    const why = last
      ? `The last decision was NO-GO by ${last.by ?? 'someone'}: ${last.reason ?? 'no reason given'}.`
      : 'No GO is recorded for it yet.';
    const review = 'Open Go/No-Go Review';
    const anyway = vscode.l10n.t('Start Without GO');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Release Runbooks: {0}. {1}', state.title, why),
      { modal: true, detail: vscode.l10n.t('Starting without a GO is written into the record as such.') },
      review,
      anyway,
    );
    if (choice === review) await vscode.commands.executeCommand(GO_NO_GO_COMMAND, uri);
    if (choice === anyway && first)
      reportResult(await startStep(deps, uri, { kind: 'start-step', list: 'steps', id: first.id, withoutGo: true }));
    return;
  }
  if (state.phase === 'ready' && first) {
    // Not awaited: the command is done once the view shows the release.
    const go = 'Start Step 1';
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Release Runbooks: GO given for {0}. Start step 1, "{1}", now?', state.title, first.title),
        go,
      )
      .then(async (choice) => {
        if (choice === go)
          reportResult(await startStep(deps, uri, { kind: 'start-step', list: 'steps', id: first.id }));
      });
  }
}

type StartStep = Extract<Transition, { kind: 'start-step' }>;

/**
 * Starts a step; outside the approved window the server refuses, and the coordinator may start it
 * anyway with a reason, which the record keeps (an unauthorized change stays visible).
 */
async function startStep(deps: ReleaseDeps, uri: vscode.Uri, transition: StartStep): Promise<RecordResult> {
  const first = await deps.writer.record(uri, transition);
  if (first.ok || !first.needsWindowOverride) return first;
  const reason = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: outside the approved window'),
    prompt: vscode.l10n.t(
      '{0} Give the reason to start anyway (written into the record), or press Escape to wait.',
      first.error,
    ),
    placeHolder: vscode.l10n.t('Why this cannot wait for the approved window'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Say why the step starts outside the approved window'),
  });
  if (reason === undefined) return { ok: false, error: 'nothing was recorded: the step waits for the approved window' };
  return deps.writer.record(uri, { ...transition, windowOverride: reason });
}

type StepAction = 'start' | 'done' | 'failed' | 'skip';

async function stepCommand(deps: ReleaseDeps, node: ReleaseNode | undefined, action: StepAction): Promise<void> {
  const uri = node?.uri ? vscode.Uri.parse(node.uri) : await targetRunbook(undefined, deps, 'tracked', 'Release step');
  if (!uri) return;
  const answer = await releaseStateOf(deps.client, uri);
  const { state } = answer;
  const target = node?.kind === 'step' ? { list: node.list, id: node.id } : await pickStep(answer, action);
  if (!target) return;
  const steps = target.list === 'rollback' ? (state.rollback?.steps ?? []) : state.steps;
  const step = steps.find((s) => s.id === target.id);
  const name = step ? `"${step.title}"` : target.id;
  let note: string | undefined;
  if (action === 'failed' || action === 'skip') {
    note = await vscode.window.showInputBox({
      title:
        action === 'failed'
          ? vscode.l10n.t('Release Runbooks: {0} failed', name)
          : vscode.l10n.t('Release Runbooks: skip {0}', name),
      prompt:
        action === 'failed'
          ? vscode.l10n.t('What went wrong? (written into the record and the status comment)')
          : vscode.l10n.t('Why is it skipped? (written into the record)'),
      ignoreFocusOut: true,
      validateInput: (value) => (action === 'skip' && !value.trim() ? 'Say why the step is skipped' : undefined),
    });
    if (note === undefined) return;
  }
  const transition =
    action === 'start'
      ? ({ kind: 'start-step', list: target.list, id: target.id } as const)
      : action === 'skip'
        ? ({ kind: 'skip-step', list: target.list, id: target.id, note } as const)
        : ({ kind: 'finish-step', list: target.list, id: target.id, status: action, note } as const);
  const result =
    transition.kind === 'start-step'
      ? await startStep(deps, uri, transition)
      : await deps.writer.record(uri, transition);
  if (!reportResult(result)) return;
  nextHint(uri, result.state, target.list, action, name);
}

/** After a transition: what comes next, as a button (not awaited: the transition is complete). */
function nextHint(uri: vscode.Uri, state: ReleaseState, list: StepList, action: StepAction, name: string): void {
  const offer = (show: Thenable<string | undefined>, actions: Record<string, string>) =>
    void show.then((choice) =>
      choice && actions[choice] ? vscode.commands.executeCommand(actions[choice], uri) : undefined,
    );
  if (action === 'failed' && list === 'steps') {
    offer(
      vscode.window.showWarningMessage(
        vscode.l10n.t('Release Runbooks: {0} failed. Start it again, skip it, or roll back.', name),
        vscode.l10n.t('Roll Back'),
      ),
      { [vscode.l10n.t('Roll Back')]: ROLL_BACK_COMMAND },
    );
  } else if (state.phase === 'verifying' && list === 'steps') {
    offer(
      vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: all {0} steps are settled. Verification next.', state.steps.length),
        vscode.l10n.t('Record Verification'),
      ),
      { [vscode.l10n.t('Record Verification')]: RECORD_VERIFICATION_COMMAND },
    );
  } else if (state.phase === 'finishing') {
    const what = state.rollback ? 'the rollback is complete' : 'everything is recorded';
    offer(
      vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: {0}. Finish the release with its outcome.', what),
        vscode.l10n.t('Finish Release'),
      ),
      { [vscode.l10n.t('Finish Release')]: FINISH_RELEASE_COMMAND },
    );
  }
}

/** From the command palette: the step to act on, the likely one first. */
async function pickStep(
  answer: ReleaseStateResult,
  action: StepAction,
): Promise<{ list: StepList; id: string } | undefined> {
  const list = answer.activeList;
  const steps = list === 'rollback' ? (answer.state.rollback?.steps ?? []) : answer.state.steps;
  const fits = (s: TrackedStep) =>
    action === 'start'
      ? s.status === 'pending' || s.status === 'failed'
      : action === 'skip'
        ? s.status === 'pending' || s.status === 'failed'
        : s.status === 'started';
  const candidates = steps.filter(fits);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: no {0}step can be {1} now.',
        list === 'rollback' ? 'rollback ' : '',
        action === 'start' ? 'started' : action === 'skip' ? 'skipped' : `marked ${action}`,
      ),
    );
    return undefined;
  }
  const likelyId = action === 'start' || action === 'skip' ? answer.nextStepId : answer.currentStepId;
  const likely = steps.find((s) => s.id === likelyId);
  candidates.sort((a, b) => (a === likely ? -1 : b === likely ? 1 : a.position - b.position));
  const picked = await vscode.window.showQuickPick(
    candidates.map((s) => ({ label: `${s.position}. ${s.title}`, description: s.status, id: s.id })),
    {
      title: vscode.l10n.t(
        'Release Runbooks: {0} which step?',
        capitalize(action === 'skip' ? 'skip' : action === 'start' ? 'start' : `mark ${action}`),
      ),
    },
  );
  return picked ? { list, id: picked.id } : undefined;
}
