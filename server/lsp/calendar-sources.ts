// The calendar's `sources` in the editor: the runbooks and calendars of other repositories, read
// with server/github/source-reader.ts (as the CLI reads them) and indexed read-only beside the
// workspace under runbook-source: URIs, so that the cross-file rules, the calendar, go/no-go and
// the metrics see them. The token comes from the client (`runbook/githubToken`); until it does,
// and whenever GitHub cannot be asked, the cached copy on disk is used. Read again when the
// workspace's calendars name other sources, on a timer, and on `runbook/refreshSources`.
import type { CalendarSources } from '../core/calendar/calendar-types';
import { sourceSpecs } from '../core/calendar-sources';
import { checkApiUrl, ClientContext, createGitHubClient, normalizeApiUrl } from '../github/github-client';
import { readSources, SourceRead, sourceMessage } from '../github/source-reader';
import { SOURCE_SCHEME } from '../../protocol/names';
import type { DocumentStore } from './document-store';

export interface SourcesConfig {
  /** Where the cache lives (the extension's global storage); undefined: sources are not read. */
  cacheDir: string | undefined;
  /** The API the cache is read for until the client names one. */
  apiUrl: string;
  /** Read again this often (ms); 0: only when asked. */
  refreshMs: number;
}

export interface SourcesHooks {
  /** A read ended: `files` tells whether source files joined, changed or left the index (else only what is said about them may differ). */
  changed(files: boolean): void;
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

export function isSourceUri(uri: string): boolean {
  return uri.startsWith(`${SOURCE_SCHEME}:`);
}

export class SourceSync {
  /** undefined: the client has not sent a token, the cache alone is read. */
  private github: { apiUrl: string; token: string | null } | undefined;
  private reads: SourceRead[] = [];
  private problems: string[] = [];
  /** The specs last read, as a key: a change of the calendars' `sources` reads again. */
  private specsKey: string | undefined;
  /** The source files in the index, with the text of each (for the read-only documents). */
  private readonly held = new Map<string, { text: string; display: string }>();
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: DocumentStore,
    private readonly config: SourcesConfig,
    private readonly hooks: SourcesHooks,
  ) {
    if (config.cacheDir && config.refreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), config.refreshMs);
      this.timer.unref();
    }
  }

  /** The client's sign-in changed: read the sources from GitHub with it. */
  setGitHub(apiUrl: unknown, token: unknown): Promise<void> {
    const url = normalizeApiUrl(typeof apiUrl === 'string' ? apiUrl : undefined);
    const unusable = checkApiUrl(url);
    if (unusable) {
      this.hooks.warn(`Release Runbooks: calendar sources are read from the cache only: ${unusable}`);
      this.github = undefined;
    } else {
      this.github = { apiUrl: url, token: typeof token === 'string' && token ? token : null };
    }
    return this.refresh();
  }

  /** After the workspace changed: reads again when its calendars name other sources than before. */
  workspaceChanged(): Promise<void> {
    if (this.currentKey() === this.specsKey) return this.queue;
    return this.refresh();
  }

  /** Reads every source again (conditionally), after the reads already queued. */
  refresh(): Promise<void> {
    const next = this.queue.then(() => this.readAll());
    this.queue = next.catch((error) => this.hooks.error('reading the calendar sources failed', error));
    return this.queue;
  }

  text(uri: string): { text: string; display: string } | undefined {
    return this.held.get(uri);
  }

  /** What the calendar says about the sources; undefined when the workspace names none. */
  status(now: number): CalendarSources | undefined {
    if (this.reads.length === 0 && this.problems.length === 0) return undefined;
    return {
      sources: this.reads.map((read) => ({
        repository: read.spec.repository,
        ref: read.spec.ref ?? null,
        path: read.spec.path,
        state: read.state,
        files: read.files.length,
        fetchedAt: read.fetchedAt === undefined ? null : new Date(read.fetchedAt).toISOString(),
        message: sourceMessage(read, now) ?? null,
      })),
      problems: [...this.problems],
    };
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private ownSpecs() {
    return sourceSpecs(this.store.index, (uri) => !isSourceUri(uri));
  }

  private currentKey(): string {
    return JSON.stringify(this.ownSpecs().specs);
  }

  private async readAll(): Promise<void> {
    const { specs, problems } = this.ownSpecs();
    this.specsKey = JSON.stringify(specs);
    // A workspace that never named sources: nothing to read, nothing to tell.
    const hadNone = this.reads.length === 0 && this.problems.length === 0 && this.held.size === 0;
    if (hadNone && specs.length === 0 && problems.length === 0) return;
    this.problems = problems;
    let reads: SourceRead[] = [];
    if (this.config.cacheDir && specs.length > 0) {
      let github: ClientContext | undefined;
      if (this.github)
        github = createGitHubClient({
          token: this.github.token ?? '',
          apiUrl: this.github.apiUrl,
          retries: 1,
          userAgent: 'release-runbooks-language-server',
        });
      reads = await readSources(specs, {
        github,
        apiUrl: this.github?.apiUrl ?? this.config.apiUrl,
        cacheDir: this.config.cacheDir,
        uriScheme: SOURCE_SCHEME,
      });
    } else if (specs.length > 0) {
      this.problems = [...problems, 'sources: the editor gave no folder to cache them in, so they are not read'];
    }
    this.reads = reads;
    let changed = false;
    const seen = new Set<string>();
    for (const read of reads) {
      for (const file of read.files) {
        if (seen.has(file.uri)) continue;
        seen.add(file.uri);
        const before = this.held.get(file.uri);
        if (before?.text === file.text) continue;
        this.held.set(file.uri, { text: file.text, display: file.display });
        this.store.setFromDisk(file.uri, file.text);
        changed = true;
      }
    }
    for (const uri of [...this.held.keys()]) {
      if (seen.has(uri)) continue;
      this.held.delete(uri);
      this.store.deleteFromDisk(uri);
      changed = true;
    }
    // What is said about the sources may change when no file did (a cached copy, a missing repository).
    this.hooks.changed(changed);
  }
}
