// "Release Runbooks: Open Release Notes": the runbook's release notes (its announce summary, then
// the pull requests between change.commits from and to, grouped by label) as an untitled Markdown
// document with its preview; "Store in Release Record" keeps them in `release.notes`.
import * as vscode from 'vscode';
import { OPEN_RELEASE_NOTES_COMMAND } from '../../protocol/names';
import { messageOf } from '../release/release-server';
import { targetRunbook } from '../release/release-target';
import type { AnnounceDeps } from './announce-deps';
import { fetchReleaseNotes, storeReleaseNotes } from './fetch-release-notes';

export function registerOpenReleaseNotes(deps: AnnounceDeps): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_RELEASE_NOTES_COMMAND, (arg?: unknown) => openReleaseNotes(deps, arg));
}

async function openReleaseNotes(deps: AnnounceDeps, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = await targetRunbook(arg, deps.target, 'editor', 'Open Release Notes');
  if (!uri) return undefined;
  try {
    const notes = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Release Runbooks: reading the release notes from GitHub…'),
      },
      () => fetchReleaseNotes(deps, uri, { interactive: true }),
    );
    if (!notes.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: no release notes: {0}.', notes.reason));
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: notes.markdown });
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
    const store = vscode.l10n.t('Store in Release Record');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Release Runbooks: release notes {0}...{1}.', notes.range.from, notes.range.to),
        store,
      )
      .then(async (choice) => {
        if (choice !== store) return;
        const stored = await storeReleaseNotes(deps, uri, notes.fetched);
        if (stored.ok)
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Release Runbooks: the notes are in release.notes of {0}.',
              vscode.workspace.asRelativePath(uri),
            ),
          );
        else
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Release Runbooks: the notes were not stored: {0}.', stored.error),
          );
      });
    return document;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: no release notes: {0}', messageOf(error)));
    return undefined;
  }
}
