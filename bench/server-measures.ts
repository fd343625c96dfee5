// Measurements of the language servers over stdio: ours (dist/server.js) and the peer, Red Hat's
// yaml-language-server with this project's JSON Schema. Every wait is for a publication or an
// answer, with a timeout; nothing sleeps.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, PublishedDiagnostics } from '../test/helpers/lsp-client';
import { applyPlanned, planTimeoutEdits, positionAt } from './text-edits';

export interface Stats {
  count: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { count: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

export interface ServerCommand {
  command: string;
  args: string[];
}

const TIMEOUT_MS = 10 * 60_000;

/** The client capabilities both servers are given: enough for configuration and diagnostics. */
export const CLIENT_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: false },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

/** A server started and not yet initialized (the bench times initialize itself). */
export function startServer(
  server: ServerCommand,
  options: { configuration?: (section: string | undefined) => unknown; cwd?: string } = {},
): Promise<LspClient> {
  return LspClient.start({
    command: server.command,
    args: server.args,
    cwd: options.cwd,
    configuration: options.configuration,
    initialize: false,
    requestTimeoutMs: 120_000,
  });
}

async function initialize(
  session: LspClient,
  folder: string | undefined,
  initializationOptions: unknown,
): Promise<void> {
  const rootUri = folder ? pathToFileURL(folder).href : null;
  await session.request(
    'initialize',
    {
      processId: process.pid,
      clientInfo: { name: 'release-runbooks-bench' },
      rootUri,
      workspaceFolders: folder ? [{ uri: rootUri, name: path.basename(folder) }] : null,
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions,
    },
    TIMEOUT_MS,
  );
  await session.notify('initialized', {});
}

async function open(session: LspClient, file: string, languageId: string): Promise<string> {
  const uri = pathToFileURL(file).href;
  await session.notify('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text: readFileSync(file, 'utf8') },
  });
  return uri;
}

export interface WorkspaceOpenResult {
  files: number;
  /** From sending initialize (the server process just spawned) to the first publication. */
  firstDiagnosticsMs: number;
  /** To the open file's diagnostics. */
  openFileDiagnosticsMs: number;
  /** To diagnostics for every file of the workspace. */
  allDiagnosticsMs: number;
  /** A document-symbol request sent right after opening the file, while the workspace is read. */
  requestWhileIndexingMs: number;
  /** A completion request sent right after opening the file: it waits for the workspace to be read. */
  completionAtOpenMs?: number;
  /** Completion requests sent one after another from the first publication until every file has diagnostics, while the server checks the workspace. */
  completionWhileChecking?: Stats;
  residentBytes?: number;
  completion?: Stats;
  calendar?: Stats & { events: number; firstMs: number };
}

/** Our server on a workspace folder: from initialize to diagnostics, then requests on the full index. */
export async function measureWorkspaceOpen(
  server: ServerCommand,
  folder: string,
  fileCount: number,
  openFile: string,
  extra: { completions?: number; calendarYear?: number; calendarRepeats?: number; completionWhileIndexing?: boolean },
): Promise<WorkspaceOpenResult> {
  const session = await startServer(server, { configuration: () => ({}) });
  try {
    const t0 = performance.now();
    const first = session.nextPublish(() => true, 'first diagnostics', TIMEOUT_MS);
    await initialize(session, folder, {});
    const uri = await open(session, openFile, 'runbook-yaml');
    const openFileDiagnostics = Promise.resolve(
      session.lastPublishOf(uri) ??
        session.nextPublish((p) => p.uri === uri, 'diagnostics of the open file', TIMEOUT_MS),
    );
    const symbolsSent = performance.now();
    const symbols = session
      .request('textDocument/documentSymbol', { textDocument: { uri } }, TIMEOUT_MS)
      .then(() => performance.now() - symbolsSent);
    const completionSent = performance.now();
    const place = extra.completionWhileIndexing ? completionPlaces(readFileSync(openFile, 'utf8'))[0] : undefined;
    const completionAtOpen = place
      ? session
          .request('textDocument/completion', { textDocument: { uri }, position: place }, TIMEOUT_MS)
          .then(() => performance.now() - completionSent)
      : undefined;
    const firstAt = (await first).at;
    const openAt = (await openFileDiagnostics).at;
    const all = session
      .waitFor(`diagnostics for ${fileCount} files`, () => session.diagnostics.size >= fileCount, TIMEOUT_MS)
      .then(() => performance.now());
    let checking: Stats | undefined;
    if (place) {
      // The server publishes only once the workspace is read; from then on it checks the files in
      // batches, and a completion must not wait for them.
      let done = false;
      void all.then(() => (done = true));
      const times: number[] = [];
      while (!done && times.length < 50) {
        const sent = performance.now();
        await session.request('textDocument/completion', { textDocument: { uri }, position: place }, TIMEOUT_MS);
        times.push(performance.now() - sent);
      }
      if (times.length) checking = stats(times);
    }
    const allAt = await all;
    const result: WorkspaceOpenResult = {
      files: fileCount,
      firstDiagnosticsMs: firstAt - t0,
      openFileDiagnosticsMs: openAt - t0,
      allDiagnosticsMs: allAt - t0,
      requestWhileIndexingMs: await symbols,
      completionAtOpenMs: await completionAtOpen,
      completionWhileChecking: checking,
    };
    result.residentBytes = session.residentBytes();
    if (extra.completions)
      result.completion = await measureCompletion(session, uri, readFileSync(openFile, 'utf8'), extra.completions);
    if (extra.calendarYear)
      result.calendar = await measureCalendar(session, extra.calendarYear, extra.calendarRepeats ?? 20);
    return result;
  } finally {
    await session.stop();
  }
}

/** Completion at places a coordinator completes: a step's rollback id, the environment, a dependency. */
async function measureCompletion(session: LspClient, uri: string, text: string, count: number): Promise<Stats> {
  const places = completionPlaces(text);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const position = places[i % places.length];
    const sent = performance.now();
    const answer = await session.request<{ items?: unknown[] } | unknown[] | null>(
      'textDocument/completion',
      { textDocument: { uri }, position },
      60_000,
    );
    times.push(performance.now() - sent);
    if (!answer) throw new Error('completion returned nothing');
  }
  return stats(times);
}

function completionPlaces(text: string): { line: number; character: number }[] {
  const places: { line: number; character: number }[] = [];
  for (const [pattern, skip] of [
    [/^ {4}rollback: /m, 14],
    [/^environment: /m, 13],
    [/^ {2}- [a-z]/m, 4],
  ] as const) {
    const match = pattern.exec(text);
    if (match) places.push(positionAt(text, match.index + skip));
  }
  if (places.length === 0) throw new Error('no place to ask for completion in the open file');
  return places;
}

/** The first request after start (zone tables built, code cold) apart, then `repeats` requests for the statistics. */
async function measureCalendar(
  session: LspClient,
  year: number,
  repeats: number,
): Promise<Stats & { events: number; firstMs: number }> {
  const params = { from: `${year}-01-01T00:00:00+01:00`, to: `${year + 1}-01-01T00:00:00+01:00` };
  const ask = async () => {
    const sent = performance.now();
    const answer = await session.request<{ events: unknown[] }>('runbook/calendar', params, 120_000);
    return { ms: performance.now() - sent, events: answer.events.length };
  };
  const first = await ask();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push((await ask()).ms);
  return { ...stats(times), events: first.events, firstMs: first.ms };
}

export interface EditResult {
  /** From didOpen to the document's first diagnostics (the server knows nothing else). */
  openToDiagnosticsMs?: number;
  edits: Stats;
  debounceMs: number | string;
}

/**
 * Opens `file` (in `folder` as the workspace, or alone) and types `editCount` edits into it, one at a
 * time, each timed from the didChange notification to the publication that shows it.
 */
export async function measureEdits(
  server: ServerCommand,
  file: string,
  editCount: number,
  options: {
    folder?: string;
    initializationOptions?: unknown;
    configuration?: (section: string | undefined) => unknown;
    languageId: string;
    debounceMs: number | string;
    afterInitialize?: (s: LspClient) => Promise<void>;
  },
): Promise<EditResult> {
  const session = await startServer(server, { configuration: options.configuration ?? (() => ({})) });
  try {
    await initialize(session, options.folder, options.initializationOptions ?? {});
    if (options.afterInitialize) await options.afterInitialize(session);
    if (options.folder) {
      // The workspace's own diagnostics first, so that edits are timed on a settled server.
      const fileUri = pathToFileURL(file).href;
      if (!session.diagnostics.has(fileUri))
        await session.nextPublish((p) => p.uri === fileUri, 'diagnostics of the workspace', TIMEOUT_MS);
    }
    const uri = pathToFileURL(file).href;
    let text = readFileSync(file, 'utf8');
    // Our server publishes only when diagnostics change: with a workspace folder the file was
    // checked already, and opening it need not publish anything new.
    const openDiagnostics = options.folder
      ? undefined
      : session.nextPublish((p) => p.uri === uri, 'diagnostics after opening', TIMEOUT_MS);
    const opened = performance.now();
    await session.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: options.languageId, version: 1, text },
    });
    const openToDiagnosticsMs = openDiagnostics ? (await openDiagnostics).at - opened : undefined;
    const plan = planTimeoutEdits(text, editCount);
    const times: number[] = [];
    let version = 1;
    for (const edit of plan) {
      const start = positionAt(text, edit.offset);
      const end = { line: start.line, character: start.character + edit.length };
      const shows = (p: PublishedDiagnostics) =>
        p.uri === uri && p.diagnostics.some((d) => d.range.start.line === edit.line) === edit.breaks;
      const answered = session.nextPublish(shows, `diagnostics after edit ${version}`, TIMEOUT_MS);
      const sent = performance.now();
      await session.notify('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range: { start, end }, text: edit.newText }],
      });
      times.push((await answered).at - sent);
      text = applyPlanned(text, edit);
    }
    return { openToDiagnosticsMs, edits: stats(times), debounceMs: options.debounceMs };
  } finally {
    await session.stop();
  }
}

/** yaml-language-server's settings: this project's schema for runbooks, no schema store (no network). */
export function peerConfiguration(schemaFile: string): (section: string | undefined) => unknown {
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(schemaFile).href]: ['*.runbook.yaml', '*.runbook.yml'] },
    maxItemsComputed: 5000,
  };
  return (section) => (section === 'yaml' ? yaml : section === undefined ? { yaml } : {});
}
