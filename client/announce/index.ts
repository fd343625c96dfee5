// Announcements and release notes in the editor: "Send Announcement", "Set Announcement Secret",
// "Open Release Notes", "Send Weekly Status Report", and the announcements of release day (from the release commands' record).
import * as vscode from 'vscode';
import type { AnnounceDeps } from './announce-deps';
import { registerAnnounceOnRelease } from './announce-on-release';
import { AnnouncementSecrets } from './announcement-secrets';
import { registerOpenReleaseNotes } from './open-release-notes';
import { registerSendAnnouncement } from './send-announcement';
import { registerSendStatusReport } from './send-status-report';
import { registerSetAnnouncementSecret } from './set-announcement-secret';

export function registerAnnounce(deps: Omit<AnnounceDeps, 'secrets'>): vscode.Disposable {
  const all: AnnounceDeps = { ...deps, secrets: new AnnouncementSecrets(deps.context.secrets) };
  return vscode.Disposable.from(
    registerSendAnnouncement(all),
    registerSetAnnouncementSecret(all),
    registerOpenReleaseNotes(all),
    registerAnnounceOnRelease(all),
    registerSendStatusReport(all),
  );
}
