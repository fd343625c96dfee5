// "Release Runbooks: Send Announcement": picks the moment (each shown with what the record says
// about its channels), previews the first send, then sends to the calendar's channels once each.
import * as vscode from 'vscode';
import { SEND_ANNOUNCEMENT_COMMAND } from '../../protocol/names';
import type { AnnounceMoment } from '../../server/core/announce/announce-message';
import { messageOf } from '../release/release-server';
import { targetRunbook } from '../release/release-target';
import type { AnnounceDeps } from './announce-deps';
import { ANNOUNCE_MOMENTS, announceMoment, announcementOf, MOMENT_WORDS, reportOutcome } from './announce-moment';

export function registerSendAnnouncement(deps: AnnounceDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SEND_ANNOUNCEMENT_COMMAND, (arg?: unknown, moment?: unknown) =>
    sendAnnouncement(deps, arg, moment),
  );
}

async function sendAnnouncement(deps: AnnounceDeps, arg: unknown, given: unknown): Promise<void> {
  const uri = await targetRunbook(arg, deps.target, 'editor', 'Send Announcement');
  if (!uri) return;
  try {
    const moment = (ANNOUNCE_MOMENTS as readonly unknown[]).includes(given)
      ? (given as AnnounceMoment)
      : await pickMoment(deps, uri);
    if (!moment) return;
    const outcome = await announceMoment(deps, uri, moment, { preview: true });
    reportOutcome(outcome, () => void sendAnnouncement(deps, uri, moment));
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Release Runbooks: the announcement was not sent: {0}', messageOf(error)),
    );
  }
}

async function pickMoment(deps: AnnounceDeps, uri: vscode.Uri): Promise<AnnounceMoment | undefined> {
  const items = await Promise.all(
    ANNOUNCE_MOMENTS.map(async (moment) => {
      const { targets } = await announcementOf(deps, uri, moment);
      const detail = targets.length
        ? targets
            .map(
              (t) =>
                `${t.channel.id}: ${t.state === 'done' ? 'sent' : t.state === 'unknown' ? 'state unknown' : t.lastError ? `failed (${t.lastError})` : 'not sent'}`,
            )
            .join(' · ')
        : 'no channel of the calendar takes this moment';
      return { label: MOMENT_WORDS[moment], description: moment, detail, moment };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Release Runbooks: announce which moment of {0}?', vscode.workspace.asRelativePath(uri)),
    matchOnDescription: true,
  });
  return picked?.moment;
}
