// Shared helpers for the API-level e2e suites (run inside the extension host).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'release-runbooks.release-runbooks';

/** Polls `condition` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function theExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this window`);
  return ext;
}

/** The first workspace file matching `glob` (e.g. '**\/payments-api-2-14.runbook.yaml'). */
export async function findWorkspaceFile(glob: string): Promise<vscode.Uri> {
  const [uri] = await vscode.workspace.findFiles(glob, '**/node_modules/**', 1);
  if (!uri) throw new Error(`no workspace file matches ${glob}`);
  return uri;
}

/** Opens a workspace file in an editor and returns the editor. */
export async function openWorkspaceFile(glob: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(await findWorkspaceFile(glob));
  return vscode.window.showTextDocument(doc);
}

/** Diagnostics for `uri` once `accept` is satisfied (e.g. the language server has published). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (d: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri);
    return accept(d) ? d : undefined;
  }, `diagnostics on ${uri.path}`, timeoutMs);
}
