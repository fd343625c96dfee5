// Diagnostics for the whole workspace, open files or not. Edits are debounced; a run parses
// what is dirty, re-checks exactly the files the edits can affect, and publishes a file only
// when its diagnostics changed (or it never had any published), so stale results never linger.
import type { RunbookDiagnostic, SeverityOverrides } from '../core/diagnostics';
import { lintFile } from '../core/run-rules';
import type { Rule } from '../core/rules/rule';
import type { IndexedFile } from '../core/workspace-index';
import { affectedByChanges, FileFacts } from './affected-files';
import type { DocumentStore } from './document-store';
import { LspDiagnostic, toLspDiagnostic } from './lsp-convert';

export interface SchedulerHooks {
  publish(uri: string, diagnostics: LspDiagnostic[]): void;
  indexChanged(version: number): void;
  ruleError(rule: Rule, file: IndexedFile, error: unknown): void;
  error(message: string, error: unknown): void;
}

/** Files linted between yields to the event loop, so requests are answered during a big run. */
const BATCH = 25;
/** Nor longer than this between yields: a batch of costly files (hundreds of recurring freezes) must not hold up a completion. */
const BATCH_MS = 20;
/**
 * Nor more diagnostics written than this (bytes of JSON) between yields: the connection encodes
 * and writes each publication after the batch, and an answer queues behind them (300 runbooks that
 * each name 299 others publish about 60 KB apiece).
 */
const BATCH_BYTES = 128 * 1024;

/**
 * Gives the event loop back for long enough that a request that came in meanwhile is answered
 * before the next batch: one turn to read and handle it, and one more for each message written
 * since the last yield, because the connection writes one queued message per turn
 * (vscode-jsonrpc's write semaphore runs each write in its own setImmediate) and the answer
 * queues behind this batch's publications.
 */
async function yieldToRequests(published: number): Promise<void> {
  for (let turn = 0; turn < published + 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, FileFacts | undefined>();
  private readonly results = new Map<string, RunbookDiagnostic[]>();
  private readonly published = new Map<string, string>();
  /** Files whose results are older than the index (changed, or never linted). */
  private readonly stale = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private lastNotifiedVersion = -1;
  private overrides: SeverityOverrides | undefined;
  private readonly forced = new Set<string>();

  constructor(
    private readonly store: DocumentStore,
    private readonly hooks: SchedulerHooks,
    private debounceMs: number,
    /**
     * Resolves when the workspace has been read; runs wait for it so results are never partial.
     * A function is asked again before every round (the workspace may be found later).
     */
    private readonly ready: Promise<void> | (() => Promise<unknown>),
  ) {
    store.onChange((uri, before) => {
      if (!this.pending.has(uri)) this.pending.set(uri, before);
      this.stale.add(uri);
    });
  }

  setOverrides(overrides: SeverityOverrides | undefined): void {
    this.overrides = overrides;
    for (const uri of this.store.index.uris()) this.stale.add(uri);
    this.schedule(0);
  }

  /** After an edit: waits for a pause in typing. */
  schedule(delay = this.debounceMs): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  /** Publishes this file's diagnostics on the next run even if they did not change (a newly opened file). */
  force(uri: string): void {
    this.forced.add(uri);
  }

  /** The current diagnostics of a file, computed now when they are out of date. */
  diagnosticsFor(uri: string): RunbookDiagnostic[] {
    this.store.ensureParsed(uri);
    if (!this.stale.has(uri) && !this.pending.has(uri) && this.results.has(uri)) return this.results.get(uri)!;
    if (this.pending.size) return this.lintOne(uri);
    const result = this.lintOne(uri);
    this.results.set(uri, result);
    this.stale.delete(uri);
    return result;
  }

  private lintOne(uri: string): RunbookDiagnostic[] {
    return lintFile(this.store.index, uri, { severityOverrides: this.overrides, onRuleError: this.hooks.ruleError });
  }

  async run(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          await (typeof this.ready === 'function' ? this.ready() : this.ready);
          this.rerun = false;
          await this.runOnce();
        } while (this.rerun || this.pending.size > 0);
      } catch (error) {
        this.hooks.error('diagnostics run failed', error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const index = this.store.index;
    this.store.parseAllPending();
    const targets = new Set<string>(this.stale);
    for (const u of affectedByChanges(index, this.pending)) targets.add(u);
    for (const uri of this.forced) targets.add(uri);
    this.pending.clear();
    this.stale.clear();
    const forced = new Set(this.forced);
    this.forced.clear();
    let count = 0;
    let published = 0;
    let publishedBytes = 0;
    let batchStart = performance.now();
    const pause = async () => {
      await yieldToRequests(published);
      published = 0;
      publishedBytes = 0;
      batchStart = performance.now();
      // Edits that arrived meanwhile are handled by the next round; the files they affect are re-checked then.
      this.store.parseAllPending();
    };
    // Open files first: they are what the coordinator is looking at.
    const order = [...targets].sort(
      (a, b) => Number(this.store.isOpen(b)) - Number(this.store.isOpen(a)) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const uri of order) {
      if (++count % BATCH === 0 || performance.now() - batchStart > BATCH_MS || publishedBytes > BATCH_BYTES)
        await pause();
      // The costly part of a lint (recurring periods expanded over the runbook's window) in steps.
      for (const _ of index.expansionSteps(uri)) if (performance.now() - batchStart > BATCH_MS) await pause();
      if (!index.has(uri)) {
        this.results.delete(uri);
        if (this.published.has(uri)) {
          this.published.delete(uri);
          this.hooks.publish(uri, []);
          published++;
        }
        continue;
      }
      let result: RunbookDiagnostic[];
      try {
        result = this.lintOne(uri);
      } catch (error) {
        this.hooks.error(`checking ${uri} failed`, error);
        continue;
      }
      this.results.set(uri, result);
      const lsp = result.map(toLspDiagnostic);
      const key = JSON.stringify(lsp);
      if (this.published.get(uri) !== key || forced.has(uri)) {
        this.published.set(uri, key);
        this.hooks.publish(uri, lsp);
        published++;
        publishedBytes += key.length;
      }
    }
    this.store.releaseClosedDocuments();
    if (index.version !== this.lastNotifiedVersion) {
      this.lastNotifiedVersion = index.version;
      this.hooks.indexChanged(index.version);
    }
  }

  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
