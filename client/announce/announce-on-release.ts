// Announcements at the moments of release day: when the go/no-go decision is recorded (decided),
// the first step starts (started), the release finishes (finished) or ends rolled back
// (rolled-back), the release commands' record offers, or sends, the moment's announcement
// (setting releaseRunbooks.announce.onReleaseDay: ask, send or off). Never awaited by the
// release: a failed channel is shown with Retry, and the record keeps going. On finish, the
// release notes are stored in `release.notes` too, when the runbook names its commits.
import * as vscode from 'vscode';
import { ANNOUNCE_ON_RELEASE_DAY_SETTING } from '../../protocol/names';
import type { AnnounceMoment } from '../../server/core/announce/announce-message';
import type { RecordedTransition } from '../release/record-writer';
import { messageOf } from '../release/release-server';
import type { AnnounceDeps } from './announce-deps';
import { announceMoment, announcementOf, reportOutcome } from './announce-moment';
import { fetchReleaseNotes, storeReleaseNotes } from './fetch-release-notes';

type Mode = 'ask' | 'send' | 'off';

/** The moment a recorded transition is, if it is one that is announced. */
export function momentOfTransition({ transition, state }: RecordedTransition): AnnounceMoment | undefined {
  switch (transition.kind) {
    case 'review-decision':
      return 'decided';
    case 'start-step':
      // The release starts with its first step's first start.
      return transition.list === 'steps' && state.record.steps.length === 1 ? 'started' : undefined;
    case 'finish':
      return transition.result === 'rolled-back'
        ? 'rolled-back'
        : transition.result === 'cancelled'
          ? undefined
          : 'finished';
    default:
      return undefined;
  }
}

export function registerAnnounceOnRelease(deps: AnnounceDeps): vscode.Disposable {
  return deps.writer.onDidTransition((recorded) => {
    const moment = momentOfTransition(recorded);
    if (recorded.transition.kind === 'finish') void keepNotes(deps, recorded.uri);
    if (moment) void offer(deps, recorded.uri, moment);
  });
}

function modeOf(uri: vscode.Uri): Mode {
  const value = vscode.workspace.getConfiguration(undefined, uri).get<string>(ANNOUNCE_ON_RELEASE_DAY_SETTING, 'ask');
  return value === 'send' || value === 'off' ? value : 'ask';
}

async function offer(deps: AnnounceDeps, uri: vscode.Uri, moment: AnnounceMoment): Promise<void> {
  const mode = modeOf(uri);
  if (mode === 'off') return;
  const send = async (preview: boolean) => {
    try {
      reportOutcome(await announceMoment(deps, uri, moment, { preview }), () => void send(false), true);
    } catch (error) {
      deps.log.warn(`The "${moment}" announcement was not sent: ${messageOf(error)}`);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Release Runbooks: the "{0}" announcement was not sent: {1}', moment, messageOf(error)),
      );
    }
  };
  if (mode === 'send') return send(false);
  let pending: string[];
  try {
    pending = (await announcementOf(deps, uri, moment)).targets
      .filter((t) => t.state === 'send')
      .map((t) => t.channel.id);
  } catch (error) {
    deps.log.warn(`The "${moment}" announcement could not be prepared: ${messageOf(error)}`);
    return;
  }
  if (!pending.length) return;
  const action = vscode.l10n.t('Preview and Send');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Release Runbooks: announce "{0}" to {1}?', moment, pending.join(', ')),
    action,
    vscode.l10n.t('Not Now'),
  );
  if (choice === action) await send(true);
}

/** `release.notes` on finish, from GitHub without asking anybody; trouble is logged, not shown. */
async function keepNotes(deps: AnnounceDeps, uri: vscode.Uri): Promise<void> {
  try {
    const notes = await fetchReleaseNotes(deps, uri, { interactive: false });
    if (!notes.ok) {
      if (!notes.noRange) deps.log.warn(`The release notes were not stored with the record: ${notes.reason}`);
      return;
    }
    const stored = await storeReleaseNotes(deps, uri, notes.fetched);
    if (stored.ok)
      deps.log.info(
        `Stored the release notes ${notes.range.from}...${notes.range.to} in release.notes of ${vscode.workspace.asRelativePath(uri)}`,
      );
    else deps.log.warn(`The release notes were not stored with the record: ${stored.error}`);
  } catch (error) {
    deps.log.warn(`The release notes were not stored with the record: ${messageOf(error)}`);
  }
}
