// The language server: capabilities, document sync, the workspace on disk, settings, and the
// wiring of features and custom requests. Transport-agnostic: main.ts hands it a connection.
import {
  ClientCapabilities,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Rule } from '../core/rules/rule';
import type { IndexedFile } from '../core/workspace-index';
import { coordinatorZone } from '../core/editor/code-lens';
import { clientSupport, ClientSupport } from './client-support';
import { registerCustomRequests, INDEX_CHANGED_NOTIFICATION } from './custom-requests';
import { DiagnosticsScheduler } from './diagnostics-scheduler';
import { DiskWatcher } from './disk-watcher';
import { DocumentStore } from './document-store';
import { registerFeatures } from './feature-handlers';
import { excludeMatcher } from './files-exclude';
import { DEFAULT_DEBOUNCE_MS, readInitOptions, readSection } from './server-settings';
import { incrementalParseStep } from '../core/incremental/update-file';
import { fileKindOf } from '../core/source-file';
import { findWorkspaceRoot } from '../core/workspace-files';
import { canonicalUri, pathToUri, uriToPath } from './uris';
import { WorkspaceLoader } from './workspace-loader';
import { isSourceUri, SourceSync } from './calendar-sources';
import { normalizeApiUrl } from '../github/github-client';
import { GITHUB_TOKEN_NOTIFICATION, GitHubTokenParams } from '../../protocol/requests';
import type { SeverityOverrides } from '../core/diagnostics';
import { SETTINGS_SECTION, WORKSPACE_FILES_GLOB } from '../../protocol/names';

const EXCLUDE_SECTION = 'files.exclude';
/** A client that never answers a configuration request must not hold the server up. */
const CONFIGURATION_TIMEOUT_MS = 3000;
/** Requests wait for the first read of the workspace at most this long. */
const READY_TIMEOUT_MS = 15000;
const INITIALIZED_GRACE_MS = 5000;

export class RunbookServer {
  readonly store = new DocumentStore();
  private readonly loader: WorkspaceLoader;
  readonly scheduler: DiagnosticsScheduler;
  private capabilities: ClientCapabilities = {};
  private resolveReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private isReady = false;
  private initRules: SeverityOverrides | undefined;
  private currentRules: SeverityOverrides | undefined;
  private zoneSetting: string | undefined;
  private initZone: string | undefined;
  private started = false;
  private initializeReceived = false;
  /** The server's own watch over the folders, when the client cannot watch files. */
  private diskWatcher: DiskWatcher | undefined;
  /** Without a folder from the client: the read of the folder found from the first opened file, once begun. */
  private rootRead: Promise<unknown> | undefined;
  private rootReading = false;
  private changeRequestLenses = true;
  private client: ClientSupport = clientSupport(undefined);
  /** The calendar's `sources`, once initialize said where to cache them. */
  private sources: SourceSync | undefined;
  /** files.exclude as last applied (JSON with sorted keys), to re-read the workspace only when it really changed. */
  private excludeKey = stableJson(null);
  /** Configuration requests sent and the latest one applied: a late answer to an older request is ignored. */
  private configurationRequests = 0;
  private configurationApplied = 0;
  /** Whether the first read of the workspace was started; re-reads before it are not needed. */
  private scanStarted = false;
  /** Reads of the workspace run one after the other (the first read, re-reads after files.exclude changed). */
  private workspaceReads: Promise<unknown> = Promise.resolve();

  constructor(private readonly connection: Connection) {
    this.loader = new WorkspaceLoader(this.store, (m) => this.connection.console.warn(m));
    this.scheduler = new DiagnosticsScheduler(
      this.store,
      {
        // Files read from other repositories are read-only: their own findings are not the coordinator's to fix.
        publish: (uri, diagnostics) => {
          if (!isSourceUri(uri)) void this.connection.sendDiagnostics({ uri: this.store.clientUri(uri), diagnostics });
        },
        indexChanged: (version) => {
          void this.connection.sendNotification(INDEX_CHANGED_NOTIFICATION, { version });
          void this.sources?.workspaceChanged();
        },
        ruleError: (rule: Rule, file: IndexedFile, error: unknown) =>
          this.logError(`rule ${rule.code} failed on ${file.uri}`, error),
        error: (message, error) => this.logError(message, error),
      },
      DEFAULT_DEBOUNCE_MS,
      // The workspace read at start, and the folder found from the first file when the client gave none.
      () => (this.rootRead ? this.ready.then(() => this.rootRead) : this.ready),
    );
    this.store.onParseError = (uri, error) => this.logError(`parsing ${uri} failed`, error);
    this.store.onRuleError = (rule, file, error) => this.logError(`rule ${rule.code} failed on ${file.uri}`, error);
    // Re-parse only the entry an edit touches (identical results, a full parse when it is not local).
    this.store.parseStep = incrementalParseStep;
  }

  logError(message: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(`${message}: ${detail}`);
  }

  whenReady(): Promise<void> {
    // Before `initialize` there is no workspace to wait for: say so at once (LSP's -32002).
    if (!this.initializeReceived)
      return Promise.reject(
        new ResponseError(
          ErrorCodes.ServerNotInitialized,
          'The server is not initialized yet: send "initialize" first',
        ),
      );
    if (this.isReady && !this.rootReading) return this.ready;
    const read = this.rootRead ? this.ready.then(() => this.rootRead) : this.ready;
    return Promise.race([
      read.then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS).unref()),
    ]);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidOpenTextDocument((params) => {
      const { uri, languageId, version, text } = params.textDocument;
      const key = this.store.didOpen(uri, languageId, version, text);
      this.scheduler.force(key);
      const found = this.findRootFor(key);
      if (found) void found.then(() => this.scheduler.schedule(0));
      else this.scheduler.schedule(0);
    });
    c.onDidChangeTextDocument((params) => {
      if (
        this.store.didChange(params.textDocument.uri, params.textDocument.version ?? 0, params.contentChanges) !==
        undefined
      )
        this.scheduler.schedule();
    });
    c.onDidCloseTextDocument((params) => void this.closed(params.textDocument.uri));
    c.onDidChangeWatchedFiles((params) => void this.watchedFilesChanged(params.changes ?? []));
    c.onDidChangeConfiguration((params) => void this.configurationChanged(params?.settings));
    registerFeatures({
      connection: c,
      store: this.store,
      scheduler: this.scheduler,
      whenReady: () => this.whenReady(),
      coordinatorZone: () => coordinatorZone(this.zoneSetting ?? this.initZone),
      changeRequestLenses: () => this.changeRequestLenses,
      isVsCode: () => this.client.vsCode,
      client: () => this.client,
      logError: (m, e) => this.logError(m, e),
    });
    registerCustomRequests({
      connection: c,
      store: this.store,
      scheduler: this.scheduler,
      whenReady: () => this.whenReady(),
      isReady: () => this.isReady,
      rootPaths: () => this.loader.rootPaths(),
      sources: () => this.sources,
      logError: (m, e) => this.logError(m, e),
    });
    c.onNotification(
      GITHUB_TOKEN_NOTIFICATION,
      (params: Partial<GitHubTokenParams> | undefined) => void this.sources?.setGitHub(params?.apiUrl, params?.token),
    );
    c.onShutdown(() => {
      this.sources?.dispose();
      this.diskWatcher?.close();
      this.scheduler.dispose();
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.initializeReceived = true;
    this.capabilities = params.capabilities ?? {};
    this.client = clientSupport(params);
    const options = readInitOptions(params.initializationOptions, (m) => this.connection.console.warn(m));
    this.initRules = options.rules;
    this.initZone = options.timeZone;
    this.changeRequestLenses = options.changeRequestLenses;
    this.scheduler.setDebounce(options.debounceMs);
    if (options.rules) {
      this.currentRules = options.rules;
      this.scheduler.setOverrides(options.rules);
    }
    const folders =
      params.workspaceFolders?.map((f) => f.uri) ??
      (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToUri(params.rootPath)] : []);
    this.loader.setRoots(folders);
    this.sources = new SourceSync(
      this.store,
      {
        cacheDir: options.sourcesCacheDir,
        apiUrl: normalizeApiUrl(options.githubApiUrl),
        refreshMs: options.sourcesRefreshMinutes * 60_000,
      },
      {
        // New source files are linted with the workspace (the scheduler tells the client when done); else only the status changed.
        changed: (files) =>
          files
            ? this.scheduler.schedule(0)
            : void this.connection.sendNotification(INDEX_CHANGED_NOTIFICATION, { version: this.store.index.version }),
        warn: (m) => this.connection.console.warn(m),
        error: (m, e) => this.logError(m, e),
      },
    );
    // A client that never sends `initialized` still gets its workspace read and its diagnostics.
    setTimeout(() => void this.initialized(), INITIALIZED_GRACE_MS).unref();
    const prepareSupport = !!this.capabilities.textDocument?.rename?.prepareSupport;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [' ', '-', '[', ',', '/'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: prepareSupport ? { prepareProvider: true } : true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'release-runbooks', version: '0.1.0' },
    };
  }

  private async initialized(): Promise<void> {
    if (this.started) return;
    this.started = true;
    try {
      const workspace = this.capabilities.workspace;
      // Registrations are asked for, never awaited: a client that does not answer them still
      // gets its workspace read and its diagnostics.
      if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        void this.connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WORKSPACE_FILES_GLOB }] })
          .catch((e) => this.logError('registering file watchers failed', e));
      }
      if (workspace?.didChangeConfiguration?.dynamicRegistration) {
        // files.exclude too: VS Code tells only of changes to the sections registered here.
        void this.connection.client
          .register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, EXCLUDE_SECTION] })
          .catch(() => undefined);
      }
      if (workspace?.workspaceFolders) {
        this.connection.workspace.onDidChangeWorkspaceFolders(
          (event) =>
            void this.foldersChanged(
              event.added.map((f) => f.uri),
              event.removed.map((f) => f.uri),
            ),
        );
      }
      await this.pullConfiguration();
      this.scanStarted = true;
      // Watching starts before the read, so a file written meanwhile is not missed.
      await this.watchDisk(this.loader.rootPaths());
      const count = await this.queueWorkspaceRead(() => this.loader.scan());
      this.connection.console.info(
        `Release Runbooks: read ${count} runbook and calendar files from ${this.loader.rootPaths().join(', ') || 'no folder'}`,
      );
    } catch (error) {
      this.logError('reading the workspace failed', error);
    } finally {
      this.isReady = true;
      this.resolveReady();
      this.scheduler.schedule(0);
    }
  }

  /**
   * Reads `releaseRunbooks` and `files.exclude` when the client answers configuration requests.
   * Returns whether files.exclude changed.
   */
  private async pullConfiguration(): Promise<boolean> {
    if (!this.capabilities.workspace?.configuration) return false;
    const sequence = ++this.configurationRequests;
    const request = this.connection.workspace.getConfiguration([
      { section: SETTINGS_SECTION },
      { section: EXCLUDE_SECTION },
    ]);
    const timeout = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), CONFIGURATION_TIMEOUT_MS).unref(),
    );
    let answer: unknown;
    try {
      answer = await Promise.race([request, timeout]);
    } catch (error) {
      this.logError('workspace/configuration failed', error);
      return false;
    }
    if (!Array.isArray(answer) || sequence < this.configurationApplied) return false;
    this.configurationApplied = sequence;
    const [section, exclude] = answer;
    this.applySection(section);
    const key = stableJson(exclude ?? null);
    if (key === this.excludeKey) return false;
    this.excludeKey = key;
    this.loader.setExclude(excludeMatcher(exclude));
    return true;
  }

  /** Runs a read of the workspace after the reads before it, whatever became of them. */
  private queueWorkspaceRead<T>(read: () => Promise<T>): Promise<T> {
    const next = this.workspaceReads.then(read, read);
    this.workspaceReads = next.catch(() => undefined);
    return next;
  }

  /**
   * files.exclude changed: files now excluded (and not open) leave the index, and their
   * diagnostics are cleared; files now included are read. The read yields between batches,
   * so requests are answered meanwhile.
   */
  private async excludeChanged(): Promise<void> {
    const { dropped, read } = await this.queueWorkspaceRead(() => this.loader.rescan());
    this.connection.console.info(
      `Release Runbooks: files.exclude changed: ${dropped} files left the workspace, ${read} joined it`,
    );
    this.scheduler.schedule(0);
  }

  private applySection(section: unknown): void {
    const settings = readSection(section, (m) => this.connection.console.warn(m));
    this.zoneSetting = settings.timeZone;
    const rules = settings.rules ?? this.initRules;
    if (JSON.stringify(rules ?? {}) !== JSON.stringify(this.currentRules ?? {})) {
      this.currentRules = rules;
      this.scheduler.setOverrides(rules);
    }
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    try {
      if (this.capabilities.workspace?.configuration) {
        // Before the first read starts, that read takes the new files.exclude as it is.
        if ((await this.pullConfiguration()) && this.scanStarted) await this.excludeChanged();
      } else if (settings && typeof settings === 'object') {
        this.applySection((settings as Record<string, unknown>)[SETTINGS_SECTION]);
      }
    } catch (error) {
      this.logError('reading settings failed', error);
    }
  }

  private async closed(clientUri: string): Promise<void> {
    const uri = this.store.didClose(clientUri);
    try {
      // Closed: the file is what disk (or its source repository) says, if it belongs to the workspace; otherwise it is gone.
      const source = isSourceUri(uri) ? this.sources?.text(uri) : undefined;
      if (source) this.store.setFromDisk(uri, source.text);
      else if (this.loader.isWorkspaceFile(uri)) await this.loader.readInto(uri);
      else this.store.deleteFromDisk(uri);
    } catch (error) {
      this.logError(`reloading ${uri} failed`, error);
    }
    this.scheduler.schedule(0);
  }

  private async watchedFilesChanged(changes: { uri: string; type: number }[]): Promise<void> {
    for (const change of changes) {
      try {
        const uri = canonicalUri(change.uri);
        if (this.store.isOpen(uri)) continue;
        if (change.type === FileChangeType.Deleted) {
          this.store.deleteFromDisk(uri);
          // A deleted folder arrives as one event: drop what was under it.
          for (const known of this.store.index.uris())
            if (known.startsWith(`${uri}/`)) this.store.deleteFromDisk(known);
        } else if (this.loader.isWorkspaceFile(uri)) {
          await this.loader.readInto(uri);
        }
      } catch (error) {
        this.logError(`handling a change of ${change?.uri} failed`, error);
      }
    }
    this.scheduler.schedule();
  }

  /**
   * A client that cannot watch files (no dynamic registration of file watchers): the server
   * watches the folders itself and handles what it sees as the client's file events.
   */
  private async watchDisk(roots: string[]): Promise<void> {
    if (this.client.watchesFiles || roots.length === 0) return;
    this.diskWatcher ??= new DiskWatcher(
      (events) => void this.watchedFilesChanged(events),
      (dir) => this.loader.skipsFolder(dir),
      (m) => this.connection.console.warn(m),
    );
    await this.diskWatcher.watch(roots).catch((e) => this.logError('watching the workspace folders failed', e));
  }

  /**
   * No workspace folder from the client: the first file opened tells where the workspace is (the
   * nearest folder above it with a calendar or a .git), which is then read as a folder would be.
   * Returns the read when this call began it.
   */
  private findRootFor(uri: string): Promise<unknown> | undefined {
    if (this.rootRead || this.loader.rootPaths().length > 0) return undefined;
    const file = uriToPath(uri);
    if (!file || !fileKindOf(file)) return undefined;
    const root = findWorkspaceRoot(file);
    this.loader.setRoots([pathToUri(root)]);
    this.connection.console.info(
      `Release Runbooks: no workspace folder was given; using ${root}, the nearest folder with a calendar or a .git above ${file}`,
    );
    this.rootReading = true;
    const read = (async () => {
      // The first read of the workspace (with no folder: nothing) comes first.
      await this.ready;
      await this.watchDisk([root]);
      await this.queueWorkspaceRead(() => this.loader.scan([root]));
    })()
      .catch((e) => this.logError(`reading ${root} failed`, e))
      .finally(() => (this.rootReading = false));
    this.rootRead = read;
    return read;
  }

  private async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const current = this.loader.rootPaths().map(pathToUri);
    const removedSet = new Set(removed.map(canonicalUri));
    this.loader.setRoots([...current.filter((u) => !removedSet.has(u)), ...added]);
    this.loader.forgetUnder(removed);
    const addedPaths = added.map(uriToPath).filter((p): p is string => !!p);
    await this.watchDisk(addedPaths);
    await this.loader.scan(addedPaths);
    this.scheduler.schedule(0);
  }
}

/** JSON with object keys sorted, so that the same setting in another order compares equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
