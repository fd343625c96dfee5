// The extension activates on a runbook and registers every command it contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openWorkspaceFile, theExtension, waitFor } from './helpers';

interface Manifest {
  contributes?: {
    commands?: { command: string }[];
    languages?: { id: string; extensions?: string[]; filenamePatterns?: string[] }[];
  };
}

suite('activation', () => {
  test('examples/ is the open workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'one workspace folder');
    assert.equal(folders[0].uri.path.split('/').pop(), 'examples');
  });

  test('opening a runbook activates release-runbooks.release-runbooks', async () => {
    const ext = theExtension();
    const editor = await openWorkspaceFile('**/*.runbook.yaml');
    await waitFor(() => ext.isActive, 'the extension to activate', 30_000);

    // When the manifest declares a language for runbooks, the opened file must get it.
    const manifest = ext.packageJSON as Manifest;
    const lang = manifest.contributes?.languages?.find(
      (l) => l.extensions?.includes('.runbook.yaml') || l.filenamePatterns?.some((p) => p.includes('.runbook.yaml')),
    );
    if (lang) assert.equal(editor.document.languageId, lang.id);
  });

  test('every command in package.json contributes.commands is registered', async () => {
    const ext = theExtension();
    await waitFor(() => ext.isActive, 'the extension to activate', 30_000);
    const declared = ((ext.packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
    let missing: string[] = declared;
    await waitFor(
      async () => {
        const registered = new Set(await vscode.commands.getCommands(true));
        missing = declared.filter((c) => !registered.has(c));
        return missing.length === 0;
      },
      'all contributed commands to be registered',
      10_000,
    ).catch(() => {
      assert.fail(`commands declared in package.json but not registered: ${missing.join(', ')}`);
    });
  });
});
