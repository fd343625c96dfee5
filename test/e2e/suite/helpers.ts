// Shared helpers for the API-level e2e suites (run inside the extension host).
import * as vscode from 'vscode';
import { waitFor } from '../../helpers/wait-for';

// The one polling wait of every suite (test/helpers/wait-for.ts), for the suites' imports.
export { waitFor };

export const EXTENSION_ID = 'release-runbooks.release-runbooks';

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
  return waitFor(
    () => {
      const d = vscode.languages.getDiagnostics(uri);
      return accept(d) ? d : undefined;
    },
    `diagnostics on ${uri.path}`,
    timeoutMs,
  );
}

/** What the extension's `activate` returns (client/extension.ts), as far as the tests use it. */
export interface ExtensionApi {
  languageClient: {
    sendRequest<R>(method: string, params?: unknown): Promise<R>;
  };
  ready: Promise<void>;
}

/** Activates the extension and waits until its language server has answered `initialize`. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = theExtension();
  const api = (await ext.activate()) as ExtensionApi | undefined;
  if (!api?.languageClient || api.ready == null) throw new Error('activate() did not return { languageClient, ready }');
  await api.ready;
  return api;
}

/** The diagnostic's code as text ('RB004'), whatever form the client gave it. */
export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** "RB004@15" (code and 1-based line) for each diagnostic, sorted: what a person sees in the Problems list. */
export function codesByLine(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort();
}

/** The position of the `occurrence`-th (0-based) `needle` in the document, plus `offset` characters. */
export function positionOf(
  document: vscode.TextDocument,
  needle: string,
  { occurrence = 0, offset = 0 } = {},
): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times in ${document.uri.path}`);
  }
  return document.positionAt(at + offset);
}

/** The range of the `occurrence`-th `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const start = positionOf(document, needle, { occurrence });
  return new vscode.Range(start, start.translate(0, needle.length));
}

/**
 * Applies `edit` to the document (unsaved), runs `check`, and reverts the file afterwards
 * whatever happened, so the next test sees the file as it is on disk.
 */
export async function withUnsavedEdit<T>(
  document: vscode.TextDocument,
  edit: (e: vscode.WorkspaceEdit) => void,
  check: () => Promise<T>,
): Promise<T> {
  const e = new vscode.WorkspaceEdit();
  edit(e);
  if (!(await vscode.workspace.applyEdit(e))) throw new Error(`the edit to ${document.uri.path} was not applied`);
  try {
    return await check();
  } finally {
    await revert(document);
  }
}

/**
 * Reverts a document to its text on disk (File: Revert File on its editor), and waits until the
 * document says so: its text, not only its dirty flag, which may lag behind an edit just made.
 */
export async function revert(document: vscode.TextDocument): Promise<void> {
  const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
  await waitFor(
    async () => {
      if (document.getText() === saved && !document.isDirty) return true;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      return document.getText() === saved && !document.isDirty;
    },
    `${document.uri.path} to be reverted`,
    10_000,
    200,
  );
}

/** Text of a hover's contents, whatever mix of MarkdownString and MarkedString it holds. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Locations from a definition provider, which may answer Location or LocationLink. */
export function asLocations(
  result: readonly (vscode.Location | vscode.LocationLink)[] | undefined,
): { uri: vscode.Uri; range: vscode.Range }[] {
  return (result ?? []).map((l) =>
    'targetUri' in l
      ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange }
      : { uri: l.uri, range: l.range },
  );
}

const SUBMIT = 'releaseRunbooks.submitChangeRequest';

/**
 * Runs "Submit Change Request". It ends by showing its result as a notification and waits for
 * the user's answer ("Open Issue"), so `until` says when the work is done; closing the
 * notifications (until the command returns: the last one may come a moment later) then lets
 * the command return its outcome.
 */
export async function submit(
  uri: vscode.Uri,
  until: () => Promise<boolean> | boolean,
  what: string,
): Promise<{ action: string; ticket: string } | undefined> {
  const running = vscode.commands.executeCommand<{ action: string; ticket: string } | undefined>(SUBMIT, uri);
  let settled = false;
  void Promise.resolve(running).then(
    () => (settled = true),
    () => (settled = true),
  );
  await waitFor(async () => settled || (await until()), what, 30_000);
  await waitFor(
    async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      return settled;
    },
    'the submit command to return once its notification is closed',
    15_000,
    200,
  );
  return running;
}

/** The GitHub stand-in the runner started (test/e2e/run-api-suite.mjs), or undefined when run without it. */
export function githubStandIn():
  | {
      url: string;
      repository: string;
      state(): Promise<StandInState>;
      inject(rule: unknown): Promise<void>;
      labelAs(repository: string, issue: number, label: string, login: string, remove?: boolean): Promise<void>;
    }
  | undefined {
  const url = process.env.RUNBOOK_E2E_GITHUB_URL;
  if (!url) return undefined;
  return {
    url,
    repository: process.env.RUNBOOK_E2E_GITHUB_REPOSITORY || 'acme/releases',
    async state() {
      const r = await fetch(`${url}/_stand-in/state`);
      if (!r.ok) throw new Error(`GET ${url}/_stand-in/state answered ${r.status}`);
      return (await r.json()) as StandInState;
    },
    /** A fault for the next matching request (test/github-stand-in/stand-in.ts, FaultRule). */
    async inject(rule) {
      const r = await fetch(`${url}/_stand-in/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
      if (!r.ok) throw new Error(`POST ${url}/_stand-in/faults answered ${r.status}`);
    },
    /** A person adds (or removes) a label on GitHub, recorded as their label event. */
    async labelAs(repository, issue, label, login, remove = false) {
      const r = await fetch(`${url}/_stand-in/label-as`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repository, issue, label, login, remove }),
      });
      if (!r.ok) throw new Error(`POST ${url}/_stand-in/label-as answered ${r.status}`);
    },
  };
}

export interface StandInIssue {
  number: number;
  title: string;
  body: string | null;
  state: string;
  labels: string[];
  author: string;
}

export interface StandInState {
  repositories: Record<string, { labels: { name: string }[]; issues: StandInIssue[] }>;
  requests: { method: string; path: string; status?: number }[];
  problems: unknown[];
}
