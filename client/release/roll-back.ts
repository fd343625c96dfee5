// "Release Runbooks: Roll Back": records who decided to roll back and why, judged against the
// runbook's rollback.trigger, then tracks the rollback steps that apply: those of the steps that
// ran, latest first.
import * as vscode from 'vscode';
import { ROLL_BACK_COMMAND } from '../../protocol/names';
import { ReleaseDeps, reportResult } from './release-deps';
import { releaseStateOf } from './release-server';
import { targetRunbook } from './release-target';

export function registerRollBack(deps: ReleaseDeps): vscode.Disposable {
  return vscode.commands.registerCommand(ROLL_BACK_COMMAND, (arg?: unknown) => rollBack(deps, arg));
}

async function rollBack(deps: ReleaseDeps, arg: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps, 'tracked', 'Roll Back');
  if (!uri) return;
  const { state, rollbackTrigger: trigger } = await releaseStateOf(deps.client, uri);
  if (state.rollback) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: {0} already decided to roll back {1}.',
        state.rollback.decidedBy ?? vscode.l10n.t('someone'),
        state.title,
      ),
    );
    await deps.tracker.track(uri);
    return;
  }
  const met = await vscode.window.showQuickPick(
    [
      {
        label: vscode.l10n.t('The trigger is met'),
        description: trigger ?? vscode.l10n.t('the runbook names no rollback.trigger'),
        met: true,
      },
      {
        label: vscode.l10n.t('Roll back for another reason'),
        description: vscode.l10n.t('the trigger is not met, but the release must be undone'),
        met: false,
      },
    ],
    {
      title: vscode.l10n.t('Release Runbooks: roll back {0}?', state.title),
      placeHolder: trigger
        ? vscode.l10n.t('Rollback trigger: {0}', trigger)
        : vscode.l10n.t('The runbook has no rollback.trigger'),
      ignoreFocusOut: true,
    },
  );
  if (!met) return;
  const reason = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: why roll back?'),
    prompt: met.met
      ? vscode.l10n.t('What was seen (e.g. "Error rate 4% for 6 minutes on payments-api")')
      : vscode.l10n.t('Why roll back although the trigger is not met?'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'A rollback decision needs its reason'),
  });
  if (reason === undefined) return;
  const result = await deps.writer.record(uri, { kind: 'decide-rollback', reason, triggerMet: met.met });
  if (!reportResult(result)) return;
  await deps.tracker.track(uri);
  await deps.tracker.reveal();
  const plan = result.state.rollback?.steps ?? [];
  const irreversible = result.state.rollback?.plan.irreversible ?? [];
  const order = plan.length ? plan.map((s) => s.id).join(', then ') : 'no rollback step applies to the steps that ran';
  void vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Release Runbooks: rolling back. Order: {0}.{1}',
      order,
      irreversible.length ? vscode.l10n.t(' Not undone (irreversible): {0}.', irreversible.join(', ')) : '',
    ),
  );
}
