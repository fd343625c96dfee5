// One way tests read folders of runbook and calendar files into a WorkspaceIndex, as the server
// and the CLI find them: every runbook and calendar file below the folder, dot-folders and
// node_modules left out, in name order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKindOf } from '../../server/core/source-file';
import { WorkspaceIndex } from '../../server/core/workspace-index';

/** The files of every folder (and their subfolders). */
export function loadWorkspace(...folders: string[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const folder of folders) addFolder(index, folder);
  return index;
}

/**
 * One folder's files, with `texts` (by file name) in place of or beside them: a fixture workspace
 * with one runbook changed or added for a test.
 */
export function loadWorkspaceWith(folder: string, texts: Record<string, string>): WorkspaceIndex {
  const index = loadWorkspace(folder);
  for (const [name, text] of Object.entries(texts)) index.set(pathToFileURL(join(folder, name)).href, text);
  return index;
}

function addFolder(index: WorkspaceIndex, folder: string): void {
  for (const path of workspaceFilePaths(folder)) index.set(pathToFileURL(path).href, readFileSync(path, 'utf8'));
}

/** Every runbook and calendar file below the folder, as paths, in the order `loadWorkspace` reads them. */
export function workspaceFilePaths(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...workspaceFilePaths(path));
    else if (fileKindOf(name)) out.push(path);
  }
  return out;
}
