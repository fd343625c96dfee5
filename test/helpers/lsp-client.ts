// The one LSP client of the tests and the bench: spawns a language server (by default the BUILT
// one, `node dist/server.js --stdio`; the bench also runs yaml-language-server) and speaks
// JSON-RPC to it over stdio as an editor does. It records diagnostics (with when they arrived)
// and notifications, answers the server's own requests (configuration, registration), and waits
// for conditions or for the next publication with timeouts, never for a fixed time.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ClientCapabilities,
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_PATH = process.env.RUNBOOK_SERVER ?? path.join(REPO_ROOT, 'dist', 'server.js');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'lsp');

export const DEFAULT_TIMEOUT_MS = 10_000;

/** A publishDiagnostics as it arrived: `at` is performance.now() then. */
export type PublishedDiagnostics = PublishDiagnosticsParams & { at: number };

export interface StartOptions {
  /** The server to run, instead of `node dist/server.js --stdio`. */
  command?: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What `workspace/configuration` answers for a section, instead of looking it up in `settings`. */
  configuration?: (section: string | undefined) => unknown;
  /** How long a request may take unless the call says otherwise (default 10 s). */
  requestTimeoutMs?: number;
  /** Workspace folder (an absolute path); none for a client without folders. */
  workspace?: string;
  /** Several workspace folders (a multi-root workspace), instead of `workspace`. */
  workspaces?: string[];
  initializationOptions?: Record<string, unknown>;
  /** What `workspace/configuration` answers, by section; undefined entries answer null. */
  settings?: Record<string, unknown>;
  /** Capabilities to send instead of the editor-like defaults. */
  capabilities?: ClientCapabilities;
  /** false: the client never answers `client/registerCapability` (some editors do not). */
  answerRegistrations?: boolean;
  /** false: start the process without the initialize handshake (the test sends it, or not). */
  initialize?: boolean;
  /** Sent as `clientInfo` in initialize. */
  clientInfo?: { name: string; version?: string };
}

export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        insertTextModeSupport: { valueSet: [1, 2] },
      },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    rename: { prepareSupport: true },
    publishDiagnostics: { relatedInformation: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

let warnedStale = false;

export function assertServerBuilt(): void {
  if (!existsSync(SERVER_PATH)) {
    throw new Error(`${SERVER_PATH} does not exist: build it first with "node esbuild.mjs" (or set RUNBOOK_SERVER)`);
  }
  // Testing an old build is a classic way to chase ghosts: say so (once) when sources are newer.
  const built = statSync(SERVER_PATH).mtimeMs;
  const newer = newestSource(path.join(REPO_ROOT, 'server'));
  if (!warnedStale && !process.env.RUNBOOK_SERVER && newer > built) {
    warnedStale = true;
    console.warn(
      `    warning: ${path.relative(REPO_ROOT, SERVER_PATH)} is older than server/ sources; rebuild with "node esbuild.mjs"`,
    );
  }
}

/** The first whole LSP message (header and body) at the start of `bytes`, if it is all there. */
function wholeMessage(bytes: Buffer): Buffer | undefined {
  const headerEnd = bytes.indexOf('\r\n\r\n');
  if (headerEnd < 0) return undefined;
  const length = /Content-Length: *(\d+)/i.exec(bytes.subarray(0, headerEnd).toString('ascii'));
  if (!length) throw new Error(`the client wrote a header without Content-Length: ${bytes.subarray(0, headerEnd)}`);
  const end = headerEnd + 4 + Number(length[1]);
  return bytes.length >= end ? bytes.subarray(0, end) : undefined;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

type Waiter = { check: () => boolean; resolve: () => void };
type PublishWaiter = { test: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void };

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order. */
  readonly publishes: PublishedDiagnostics[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  stderr = '';
  exited: number | null | undefined;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: Waiter[] = [];
  private publishWaiters: PublishWaiter[] = [];
  settings: Record<string, unknown>;
  private readonly configuration: ((section: string | undefined) => unknown) | undefined;
  private readonly requestTimeoutMs: number;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.configuration = options.configuration;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.answerRegistrations = options.answerRegistrations !== false;
  }

  private readonly answerRegistrations: boolean;

  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!options.command) assertServerBuilt();
    const child = spawn(options.command ?? process.execPath, options.args ?? [SERVER_PATH, '--stdio'], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The connection writes through `outgoing`, so that raw writes (writeRaw) are never cut into by
    // the client's own messages, such as its answer to the server's workspace/configuration.
    const outgoing = new PassThrough();
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(outgoing),
    );
    const client = new LspClient(child, connection, options);
    // vscode-jsonrpc writes a message's header and its body in two writes with an await between;
    // only whole messages go to stdin, so that a raw write never lands between the two.
    let partial: Buffer = Buffer.alloc(0);
    outgoing.on('data', (chunk: Buffer) => {
      partial = partial.length ? Buffer.concat([partial, chunk]) : chunk;
      let message: Buffer | undefined;
      while ((message = wholeMessage(partial))) {
        partial = partial.subarray(message.length);
        if (client.held) client.held.push(message);
        else child.stdin!.write(message);
      }
    });
    child.stderr!.on('data', (chunk) => (client.stderr += String(chunk)));
    child.on('exit', (code) => {
      client.exited = code;
      client.wake();
    });
    client.listen();
    connection.listen();
    if (options.initialize === false) return client;
    const folders = options.workspaces ?? (options.workspace ? [options.workspace] : []);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: folders.length ? pathToFileURL(folders[0]).href : null,
      workspaceFolders: folders.length
        ? folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }))
        : null,
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: options.initializationOptions ?? { debounceMs: 0 },
      ...(options.clientInfo ? { clientInfo: options.clientInfo } : {}),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const published = { ...params, at: performance.now() };
      this.diagnostics.set(params.uri, params.diagnostics);
      this.publishes.push(published);
      const still: PublishWaiter[] = [];
      for (const waiter of this.publishWaiters) {
        if (waiter.test(published)) waiter.resolve(published);
        else still.push(waiter);
      }
      this.publishWaiters = still;
      this.wake();
    });
    c.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.wake();
    });
    c.onUnhandledNotification((message) => {
      this.notifications.push({ method: message.method, params: message.params });
      this.wake();
    });
    c.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) =>
        this.configuration
          ? this.configuration(item.section)
          : item.section && item.section in this.settings
            ? this.settings[item.section]
            : null,
      ),
    );
    c.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return this.answerRegistrations ? null : new Promise<never>(() => undefined);
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/workspaceFolders', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('window/showMessageRequest', () => null);
  }

  private wake(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.check()) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  /** Resolves when `condition` holds (checked now and after every message); rejects after the timeout. */
  waitFor(description: string, condition: () => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${description}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => condition() || this.exited !== undefined,
        resolve: () => {
          clearTimeout(timer);
          if (this.exited !== undefined && !condition())
            reject(new Error(`The server exited (${this.exited}) while waiting for ${description}\n${this.stderr}`));
          else resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits until the file's published diagnostics satisfy `predicate`, and returns them. */
  async diagnosticsOf(
    uri: string,
    predicate: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<Diagnostic[]> {
    await this.waitFor(
      `diagnostics of ${path.basename(uri)} matching ${predicate.toString().slice(0, 120)}`,
      () => {
        const d = this.diagnostics.get(uri);
        return d !== undefined && predicate(d);
      },
      timeoutMs,
    );
    return this.diagnostics.get(uri)!;
  }

  /** The first publication from now on that passes `test`; rejects after `timeoutMs`. */
  nextPublish(
    test: (p: PublishedDiagnostics) => boolean,
    what: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.publishWaiters = this.publishWaiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `No ${what} within ${timeoutMs} ms${this.exited !== undefined ? ' (the server exited)' : ''}${this.stderr ? `\nserver stderr:\n${this.stderr.slice(-2000)}` : ''}`,
          ),
        );
      }, timeoutMs);
      const waiter: PublishWaiter = {
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.publishWaiters.push(waiter);
    });
  }

  /** The latest publication for the file, with when it arrived. */
  lastPublishOf(uri: string): PublishedDiagnostics | undefined {
    for (let i = this.publishes.length - 1; i >= 0; i--) if (this.publishes[i].uri === uri) return this.publishes[i];
    return undefined;
  }

  /** Resident memory of the server process now (Linux /proc), in bytes; undefined elsewhere. */
  residentBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async request<R = unknown>(method: string, params?: unknown, timeoutMs = this.requestTimeoutMs): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `No answer to ${method} within ${timeoutMs} ms${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return (await Promise.race([this.connection.sendRequest(method, params), timeout])) as R;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The connection's own messages while writeRaw runs; written after it. */
  private held: Buffer[] | undefined;

  /**
   * Writes bytes to the server's stdin as they are, in these chunks, each after the previous one
   * was taken by the pipe; the client's own messages wait until the last chunk is written.
   */
  async writeRaw(chunks: Buffer[]): Promise<void> {
    this.held = [];
    try {
      for (const chunk of chunks) {
        this.process.stdin!.write(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      const held = this.held;
      this.held = undefined;
      for (const chunk of held) this.process.stdin!.write(chunk);
    }
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(
    uri: string,
    text: string,
    languageId = uri.includes('.calendar.') ? 'runbook-calendar' : 'runbook',
  ): Promise<void> {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (full-document sync). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Applies one ranged edit (incremental sync), as an editor sends keystrokes. */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    newText: string,
  ): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyEdits(this.texts.get(uri) ?? '', [{ range, newText }]));
    await this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: newText }],
    });
  }

  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    if (this.exited !== undefined) return;
    try {
      await this.request('shutdown', null, 5000);
      await this.notify('exit', null);
    } catch {
      // A server that cannot shut down cleanly is killed below.
    }
    await this.waitFor('the server to exit', () => this.exited !== undefined, 5000).catch(() =>
      this.process.kill('SIGKILL'),
    );
    this.connection.dispose();
  }
}

/** Applies LSP text edits (all relative to the original text) and returns the new text. */
export function applyEdits(
  text: string,
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => {
    if (p.line >= starts.length) return text.length;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] - 1 : text.length;
    return Math.min(starts[p.line] + p.character, lineEnd);
  };
  const sorted = edits
    .map((e, i) => ({ e, i, start: offset(e.range.start), end: offset(e.range.end) }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const { e, start, end } of sorted) out = out.slice(0, start) + e.newText + out.slice(end);
  return out;
}

/** A copy of a fixture folder in a fresh temporary folder, so tests may change files on disk. */
export async function copyWorkspace(fixture: string): Promise<string> {
  const target = await fs.mkdtemp(path.join(os.tmpdir(), 'runbook-lsp-'));
  await fs.cp(path.join(FIXTURES, fixture), target, { recursive: true });
  return target;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A fixture text with a `|` cursor marker: the text without it and the marker's position. `\|` is a literal bar. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  let text = '';
  let position: { line: number; character: number } | undefined;
  let line = 0;
  let character = 0;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === '\\' && marked[i + 1] === '|') {
      text += '|';
      character++;
      i++;
      continue;
    }
    if (c === '|' && !position) {
      position = { line, character };
      continue;
    }
    text += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  if (!position) throw new Error('The fixture has no | cursor marker');
  return { text, position };
}
