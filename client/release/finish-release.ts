// "Release Runbooks: Finish Release": writes the outcome (success, rolled-back, failed or
// cancelled) with notes, then posts the closing summary on the change request and closes it.
import * as vscode from 'vscode';
import type { OutcomeResult } from '../../server/core/release/release-record';
import { FINISH_RELEASE_COMMAND } from '../../protocol/names';
import { capitalize } from './capitalize';
import { ReleaseDeps, reportResult } from './release-deps';
import { releaseStateOf } from './release-server';
import { targetRunbook } from './release-target';

const RESULTS: { result: OutcomeResult; label: string; detail: string }[] = [
  {
    result: 'success',
    label: vscode.l10n.t('$(pass) Success'),
    detail: vscode.l10n.t('Every step done or skipped and verified.'),
  },
  {
    result: 'rolled-back',
    label: vscode.l10n.t('$(debug-reverse-continue) Rolled back'),
    detail: vscode.l10n.t('The rollback is complete.'),
  },
  {
    result: 'failed',
    label: vscode.l10n.t('$(error) Failed'),
    detail: vscode.l10n.t('It did not work and could not be fully undone.'),
  },
  {
    result: 'cancelled',
    label: vscode.l10n.t('$(circle-slash) Cancelled'),
    detail: vscode.l10n.t('Called off; the change request is closed as not planned.'),
  },
];

export function registerFinishRelease(deps: ReleaseDeps): vscode.Disposable {
  return vscode.commands.registerCommand(FINISH_RELEASE_COMMAND, (arg?: unknown) => finishRelease(deps, arg));
}

async function finishRelease(deps: ReleaseDeps, arg: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps, 'tracked', 'Finish Release');
  if (!uri) return;
  const { state, finishProblems } = await releaseStateOf(deps.client, uri);
  if (state.phase === 'finished') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Release Runbooks: {0} is finished already ({1}).', state.title, state.outcome?.result ?? ''),
    );
    return;
  }
  const suggested: OutcomeResult = state.rollback
    ? 'rolled-back'
    : state.phase === 'review' || state.phase === 'ready'
      ? 'cancelled'
      : 'success';
  const items = RESULTS.map((r) => {
    const problem = finishProblems[r.result];
    return {
      label: r.label,
      result: r.result,
      detail: problem ? vscode.l10n.t('Not possible now: {0}', problem) : r.detail,
      problem,
      picked: r.result === suggested,
    };
  }).sort((a, b) => Number(!!a.problem) - Number(!!b.problem) || Number(b.picked) - Number(a.picked));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Release Runbooks: how did {0} end?', state.title),
    ignoreFocusOut: true,
  });
  if (!picked) return;
  if (picked.problem) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}.', capitalize(picked.problem)));
    return;
  }
  const notes = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: outcome {0}', picked.result),
    prompt: vscode.l10n.t('Notes for the record and the closing summary: what happened (Markdown)'),
    ignoreFocusOut: true,
    validateInput: (value) => (picked.result !== 'success' && !value.trim() ? 'Say what happened' : undefined),
  });
  if (notes === undefined) return;
  const result = await deps.writer.record(uri, { kind: 'finish', result: picked.result, notes }, { mirror: false });
  if (!reportResult(result)) return;
  const github = await deps.github.closeOut(uri, async (u, id) => {
    const stored = await deps.writer.record(
      u,
      { kind: 'set-status-comment', commentId: id },
      { mirror: false, background: true },
    );
    if (!stored.ok) deps.log.warn(`The status comment's id could not be kept: ${stored.error}`);
  });
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Release Runbooks: {0} finished: {1}.{2} Commit the runbook to keep the record.',
      state.title,
      picked.result,
      github ? ` ${github}` : '',
    ),
  );
}
