// The workspace as the language server sees it, read once for a gate check or a transition: every
// runbook and calendar file, with the unsaved text of open editors. The core is pure, so the
// gates are judged here exactly as the linter would judge them.
import * as vscode from 'vscode';
import type { SeverityOverrides } from '../../server/core/diagnostics';
import { fileKindOf } from '../../server/core/source-file';
import { WorkspaceIndex } from '../../server/core/workspace-index';
import { readRuleOverrides } from '../../server/lsp/settings';
import { RULES_SETTING, WORKSPACE_FILES_GLOB } from '../settings';

const EXCLUDE = '**/{node_modules,.git}/**';
const MAX_FILES = 5000;

export async function workspaceSnapshot(): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  const open = new Map(vscode.workspace.textDocuments.filter((d) => fileKindOf(d.uri.path)).map((d) => [d.uri.toString(), d]));
  const files = await vscode.workspace.findFiles(WORKSPACE_FILES_GLOB, EXCLUDE, MAX_FILES);
  const decoder = new TextDecoder('utf-8');
  await Promise.all(
    files.map(async (uri) => {
      const key = uri.toString();
      if (open.has(key)) return;
      try {
        index.set(key, decoder.decode(await vscode.workspace.fs.readFile(uri)));
      } catch {
        // Deleted or unreadable since the search: the linter would not see it either.
      }
    }),
  );
  for (const [key, document] of open) index.set(key, document.getText());
  return index;
}

/** The user's rule severities, as the language server applies them. */
export function severityOverrides(scope?: vscode.Uri): SeverityOverrides | undefined {
  return readRuleOverrides(vscode.workspace.getConfiguration(undefined, scope).get(RULES_SETTING), () => undefined);
}
