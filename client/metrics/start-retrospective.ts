// "Release Runbooks: Start Retrospective": for a finished runbook, creates its retrospective
// document (retrospectives/<runbook id>.md, or under the configured folder) prefilled from the
// release record, lists the open action items of earlier retrospectives in it, and optionally
// files it as a GitHub issue. An existing retrospective is opened, never overwritten.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FINISHED_RELEASES_REQUEST, request, RETROSPECTIVE_REQUEST } from '../../protocol/requests';
import { fileRetrospectiveIssue } from './file-retrospective-issue';
import { metricsSettings, START_RETROSPECTIVE_COMMAND } from './metrics-settings';
import { retrospectiveFiles, retrospectiveUri } from './retrospective-files';

const RUNBOOK_NAME = /\.runbook\.ya?ml$/i;

export function registerStartRetrospective(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(START_RETROSPECTIVE_COMMAND, async (arg?: unknown) => {
    try {
      return await start(context, client, log, arg);
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      log.error(`Start retrospective: ${(error as Error)?.stack ?? message}`);
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Release Runbooks: the retrospective could not be created: {0}', message),
      );
      return undefined;
    }
  });
}

async function start(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  log: vscode.LogOutputChannel,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  const uri = await pickRunbook(client, arg);
  if (!uri) return undefined;
  // Open, so the server has the editor's text.
  await vscode.workspace.openTextDocument(uri);
  const first = await request(client, RETROSPECTIVE_REQUEST, { uri: uri.toString(), now: Date.now() });
  if (!first.ok && first.reason === 'no-id') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Release Runbooks: {0} has no runbook id, so its retrospective has no name; add "runbook: <id>".',
        vscode.workspace.asRelativePath(uri),
      ),
    );
    return undefined;
  }
  const { id, title } = first;
  const target = retrospectiveUri(uri, id);
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: the retrospective of {0} already exists ({1}); opened it.',
        id,
        vscode.workspace.asRelativePath(target),
      ),
    );
    return target;
  }
  const folder = vscode.Uri.joinPath(target, '..');
  if (!first.ok) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Release Runbooks: {0} (Release Runbooks: Finish Release writes it).', first.message),
    );
    return undefined;
  }
  const earlier = (await retrospectiveFiles(uri, folder))
    .filter((f) => f.uri.toString() !== target.toString())
    .map(({ path, text }) => ({ path, text }));
  const answer = await request(client, RETROSPECTIVE_REQUEST, {
    uri: uri.toString(),
    now: Date.now(),
    runbookLink: path.posix.relative(folder.path, uri.path),
    earlier,
  });
  if (!answer.ok) throw new Error(answer.message);
  const text = answer.text;
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(target);
  log.info(`Created the retrospective ${vscode.workspace.asRelativePath(target)}`);

  const choice = metricsSettings(uri).fileIssue;
  if (choice === 'never') return target;
  if (choice === 'ask') {
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: created {0}. File it as a GitHub issue too?',
        vscode.workspace.asRelativePath(target),
      ),
      vscode.l10n.t('File Issue'),
    );
    if (answer !== vscode.l10n.t('File Issue')) return target;
  }
  const issue = await fileRetrospectiveIssue(context, uri, id, title, editor.document.getText(), log);
  if (!issue) return target;
  await recordIssue(editor.document, issue.ticket, issue.url);
  const open = await vscode.window.showInformationMessage(
    vscode.l10n.t('Release Runbooks: filed the retrospective as {0}.', issue.ticket),
    vscode.l10n.t('Open Issue'),
  );
  if (open) await vscode.env.openExternal(vscode.Uri.parse(issue.url));
  return target;
}

/** The runbook named by the argument, else the active editor's, else the user's pick among finished runbooks. */
async function pickRunbook(client: LanguageClient, arg: unknown): Promise<vscode.Uri | undefined> {
  const fromArg = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? safeParse(arg) : undefined;
  if (fromArg && RUNBOOK_NAME.test(fromArg.path)) return fromArg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && RUNBOOK_NAME.test(active.path)) return active;
  const finished = (await request(client, FINISHED_RELEASES_REQUEST, {})).releases;
  if (!finished.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: no runbook has an outcome yet; a retrospective starts once a release is finished.',
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    finished.map((r) => ({
      label: r.title,
      description: `${r.id} · ${r.result}`,
      detail: vscode.workspace.asRelativePath(vscode.Uri.parse(r.uri)),
      uri: vscode.Uri.parse(r.uri),
    })),
    {
      title: vscode.l10n.t('Release Runbooks: Start Retrospective'),
      placeHolder: vscode.l10n.t('Which finished release?'),
    },
  );
  return picked?.uri;
}

/** Adds the issue to the document's facts table, after "Retrospective held". */
async function recordIssue(document: vscode.TextDocument, ticket: string, url: string): Promise<void> {
  for (let line = 0; line < Math.min(document.lineCount, 40); line++) {
    if (!document.lineAt(line).text.startsWith('| Retrospective held |')) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(line).range.end, `\n| Issue | [${ticket}](${url}) |`);
    if (await vscode.workspace.applyEdit(edit)) await document.save();
    return;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function safeParse(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}
