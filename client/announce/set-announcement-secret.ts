// "Release Runbooks: Set Announcement Secret": stores a channel's webhook URL, or its SMTP user
// name and password, in VS Code's SecretStorage (the OS keychain). The calendar names the channel;
// the value is typed into a password box and goes nowhere else. An empty value removes it.
import * as vscode from 'vscode';
import { SET_ANNOUNCEMENT_SECRET_COMMAND } from '../../protocol/names';
import type { ChannelConfig } from '../../server/core/announce/announce-plan';
import { messageOf } from '../release/release-server';
import { targetRunbook } from '../release/release-target';
import type { AnnounceDeps } from './announce-deps';
import { ANNOUNCE_MOMENTS, announcementOf } from './announce-moment';
import { SecretKind, secretKindsOf } from './announcement-secrets';

const PROMPTS: Record<SecretKind, string> = {
  'webhook-url': 'The incoming webhook URL (https://…)',
  'smtp-user': 'The SMTP user name',
  'smtp-password': 'The SMTP password',
};

export function registerSetAnnouncementSecret(deps: AnnounceDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SET_ANNOUNCEMENT_SECRET_COMMAND, (arg?: unknown) => setSecret(deps, arg));
}

async function setSecret(deps: AnnounceDeps, arg: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps.target, 'editor', 'Set Announcement Secret');
  if (!uri) return;
  let channels: ChannelConfig[];
  try {
    // The channels any moment of this runbook goes to.
    const answers = await Promise.all(ANNOUNCE_MOMENTS.map((m) => announcementOf(deps, uri, m)));
    const byId = new Map(answers.flatMap((a) => a.targets.map((t) => [t.channel.id, t.channel] as const)));
    channels = [...byId.values()].filter((c) => secretKindsOf(c).length);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', messageOf(error)));
    return;
  }
  if (!channels.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: no Slack, Teams or email channel of the calendar announces this runbook (see channels: in the calendar).',
      ),
    );
    return;
  }
  const channel = await vscode.window.showQuickPick(
    channels.map((c) => ({ label: c.id, description: c.type, channel: c })),
    {
      title: vscode.l10n.t('Release Runbooks: Set Announcement Secret'),
      placeHolder: vscode.l10n.t('For which channel?'),
    },
  );
  if (!channel) return;
  const kinds = secretKindsOf(channel.channel);
  const kind =
    kinds.length === 1
      ? kinds[0]
      : (
          await vscode.window.showQuickPick(
            kinds.map((k) => ({ label: PROMPTS[k], secret: k })),
            { title: vscode.l10n.t('Release Runbooks: which secret of {0}?', channel.label) },
          )
        )?.secret;
  if (!kind) return;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: {0} of {1}', PROMPTS[kind], channel.label),
    prompt: vscode.l10n.t(
      "Kept in VS Code's secret storage on this machine only; never written to a file or a log. Empty removes it.",
    ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) =>
      kind === 'webhook-url' && v.trim() && !/^https:\/\/|^http:\/\/(127\.|localhost[:/]|\[::1\])/.test(v.trim())
        ? 'A webhook URL starts with https://'
        : undefined,
  });
  if (value === undefined) return;
  if (!value) {
    const had = await deps.secrets.forget(channel.label, kind);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: {0} {1} of {2}.',
        had ? 'removed the stored' : 'there was no stored',
        PROMPTS[kind].toLowerCase().replace(/^the /, ''),
        channel.label,
      ),
    );
    return;
  }
  await deps.secrets.store(channel.label, kind, kind === 'webhook-url' ? value.trim() : value);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Release Runbooks: stored the {0} of {1} in the secret storage.',
      PROMPTS[kind]
        .toLowerCase()
        .replace(/^the /, '')
        .replace(/ \(.*\)$/, ''),
      channel.label,
    ),
  );
}
