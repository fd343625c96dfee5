// "Release Runbooks: Record Verification": after the steps, each verification check of the runbook
// is recorded as passed, failed or skipped, with a note.
import * as vscode from 'vscode';
import type { VerificationResult } from '../../server/core/release/release-record';
import { FINISH_RELEASE_COMMAND, RECORD_VERIFICATION_COMMAND, ROLL_BACK_COMMAND } from '../../protocol/names';
import { ReleaseDeps, reportResult } from './release-deps';
import { releaseStateOf } from './release-server';
import { targetRunbook } from './release-target';
import type { ReleaseNode } from '../../protocol/requests';

export function registerRecordVerification(deps: ReleaseDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RECORD_VERIFICATION_COMMAND, (arg?: unknown) => recordVerification(deps, arg));
}

async function recordVerification(deps: ReleaseDeps, arg: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps, 'tracked', 'Record Verification');
  if (!uri) return;
  const { state } = await releaseStateOf(deps.client, uri);
  // Said before any question: a refusal after three prompts is a dead end.
  const notNow = state.rollback
    ? `${state.title} is being rolled back: verification checks the release as deployed. Finish it as rolled-back once the rollback steps are done.`
    : state.phase === 'finished'
      ? `${state.title} is finished; nothing more is recorded.`
      : state.steps.some((s) => s.status !== 'done' && s.status !== 'skipped')
        ? `verification comes after the steps; still open: ${state.steps
            .filter((s) => s.status !== 'done' && s.status !== 'skipped')
            .map((s) => s.id)
            .join(', ')}.`
        : undefined;
  if (notNow) {
    const finish = state.rollback ? ['Finish Release'] : [];
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Release Runbooks: {0}', notNow), ...finish)
      .then((choice) => (choice ? vscode.commands.executeCommand(FINISH_RELEASE_COMMAND, uri) : undefined));
    return;
  }
  if (!state.verification.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Release Runbooks: {0} has no verification checks; finish the release when ready.', state.title),
    );
    return;
  }
  const node = arg as Partial<ReleaseNode> | undefined;
  let key = node?.kind === 'check' ? node.key : undefined;
  if (!key) {
    const open = state.verification.filter((c) => !c.result);
    const ordered = [...open, ...state.verification.filter((c) => c.result)];
    const picked = await vscode.window.showQuickPick(
      ordered.map((c) => ({
        label: c.check,
        description: c.result ? vscode.l10n.t('recorded: {0}', c.result) : vscode.l10n.t('not checked'),
        key: c.key,
      })),
      {
        title: vscode.l10n.t('Release Runbooks: verification of {0}', state.title),
        placeHolder: vscode.l10n.t('Which check?'),
      },
    );
    key = picked?.key;
  }
  if (!key) return;
  const check = state.verification.find((c) => c.key === key);
  const result = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('$(pass) Passed'), result: 'pass' as VerificationResult },
      { label: vscode.l10n.t('$(error) Failed'), result: 'fail' as VerificationResult },
      { label: vscode.l10n.t('$(debug-step-over) Skipped'), result: 'skipped' as VerificationResult },
    ],
    {
      title: vscode.l10n.t('Release Runbooks: {0}', check?.check ?? key),
      placeHolder: vscode.l10n.t('Result of the check'),
      ignoreFocusOut: true,
    },
  );
  if (!result) return;
  const note = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: {0}: {1}', check?.check ?? key, result.result),
    prompt:
      result.result === 'pass'
        ? vscode.l10n.t('What was seen (optional)')
        : result.result === 'fail'
          ? vscode.l10n.t('What was seen instead?')
          : vscode.l10n.t('Why is it skipped?'),
    ignoreFocusOut: true,
    validateInput: (value) =>
      result.result !== 'pass' && !value.trim() ? 'Say what was seen, or why it is skipped' : undefined,
  });
  if (note === undefined) return;
  const recorded = await deps.writer.record(uri, { kind: 'verify', key, result: result.result, note });
  if (!reportResult(recorded)) return;
  const after = recorded.state;
  // Not awaited: the check is recorded; the buttons only offer what comes next.
  const offer = (show: Thenable<string | undefined>) =>
    void show.then((choice) => {
      if (choice === vscode.l10n.t('Roll Back')) return vscode.commands.executeCommand(ROLL_BACK_COMMAND, uri);
      if (choice === vscode.l10n.t('Finish Release'))
        return vscode.commands.executeCommand(FINISH_RELEASE_COMMAND, uri);
      return undefined;
    });
  if (result.result === 'fail')
    offer(
      vscode.window.showWarningMessage(
        vscode.l10n.t('Release Runbooks: verification failed: {0}.', check?.check ?? key),
        vscode.l10n.t('Roll Back'),
        vscode.l10n.t('Finish Release'),
      ),
    );
  else if (after.phase === 'finishing')
    offer(
      vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: every verification check is recorded.'),
        vscode.l10n.t('Finish Release'),
      ),
    );
}
