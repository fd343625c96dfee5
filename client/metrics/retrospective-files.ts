// Where retrospectives live: `retrospectives/<runbook id>.md` next to the runbook, or under the
// folder the setting names (relative to the workspace folder). Both the new document's place and
// the earlier documents (for their open action items) are found here.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SEARCH_EXCLUDE_GLOB } from '../../protocol/names';
import type { RetrospectiveText } from '../../protocol/requests';
import { metricsSettings } from './metrics-settings';

const MAX_FILES = 2000;

/** The retrospective document of a runbook. */
export function retrospectiveUri(runbook: vscode.Uri, runbookId: string): vscode.Uri {
  const folder = metricsSettings(runbook).retrospectivesFolder;
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(runbook);
  if (folder && workspaceFolder)
    return vscode.Uri.joinPath(workspaceFolder.uri, ...folder.split(/[/\\]/), `${runbookId}.md`);
  return vscode.Uri.joinPath(runbook, '..', 'retrospectives', `${runbookId}.md`);
}

/** Every retrospective document of the workspace, with its text; `relativeTo` makes the paths links from that folder. */
export async function retrospectiveFiles(
  scope?: vscode.Uri,
  relativeTo?: vscode.Uri,
): Promise<(RetrospectiveText & { uri: vscode.Uri })[]> {
  const folder = metricsSettings(scope).retrospectivesFolder;
  const uris: vscode.Uri[] = [];
  if (folder) {
    for (const ws of vscode.workspace.workspaceFolders ?? [])
      uris.push(
        ...(await vscode.workspace.findFiles(
          new vscode.RelativePattern(ws, `${folder}/**/*.md`),
          SEARCH_EXCLUDE_GLOB,
          MAX_FILES,
        )),
      );
  } else {
    uris.push(...(await vscode.workspace.findFiles('**/retrospectives/**/*.md', SEARCH_EXCLUDE_GLOB, MAX_FILES)));
  }
  const decoder = new TextDecoder('utf-8');
  const files: (RetrospectiveText & { uri: vscode.Uri })[] = [];
  for (const uri of uris) {
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : decoder.decode(await vscode.workspace.fs.readFile(uri));
      const link = relativeTo ? path.posix.relative(relativeTo.path, uri.path) : vscode.workspace.asRelativePath(uri);
      files.push({ uri, path: link, text });
    } catch {
      // Gone since the search.
    }
  }
  return files;
}
