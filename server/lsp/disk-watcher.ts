// The server's own watch over the workspace folders, for clients that cannot watch files for it
// (`didChangeWatchedFiles.dynamicRegistration` false: Neovim by default, Helix, older eglot).
// One non-recursive fs.watch per folder (node_modules/, .git/ and excluded folders skipped), at
// most MAX_FOLDERS of them; events are gathered for a moment and reported as the protocol's
// file events, so the server handles them exactly as a client's.
import { FSWatcher, promises as fs, watch } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../core/source-file';
import { pathToUri } from './uris';

export const FILE_CREATED = 1;
export const FILE_CHANGED = 2;
export const FILE_DELETED = 3;

export interface FileEvent {
  uri: string;
  type: typeof FILE_CREATED | typeof FILE_CHANGED | typeof FILE_DELETED;
}

/** A bound on the work and the inotify watches one workspace may take. */
const MAX_FOLDERS = 4000;
/** Editors write a file in several steps; the events of one save arrive within this time. */
const SETTLE_MS = 50;

export class DiskWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly touched = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private warnedFull = false;
  private closed = false;

  constructor(
    private readonly report: (events: FileEvent[]) => void,
    /** Whether a folder is outside the workspace (node_modules, .git, files.exclude). */
    private readonly skipsFolder: (dir: string) => boolean,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts watching each root and the folders under it. */
  async watch(roots: string[]): Promise<void> {
    for (const root of roots) await this.watchTree(path.resolve(root));
  }

  /** How many folders are watched (for the log and tests). */
  get folderCount(): number {
    return this.watchers.size;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private async watchTree(dir: string): Promise<void> {
    if (this.closed || this.watchers.has(dir) || this.skipsFolder(dir)) return;
    if (this.watchers.size >= MAX_FOLDERS) {
      if (!this.warnedFull)
        this.log(
          `Release Runbooks: watching the first ${MAX_FOLDERS} folders only; changes on disk further in are seen when the files are opened`,
        );
      this.warnedFull = true;
      return;
    }
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) =>
        this.touch(dir, name === null ? undefined : String(name)),
      );
    } catch {
      return;
    }
    watcher.on('error', () => this.forget(dir));
    this.watchers.set(dir, watcher);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) await this.watchTree(path.join(dir, entry.name));
  }

  private forget(dir: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched === dir || watched.startsWith(`${dir}${path.sep}`)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  private touch(dir: string, name: string | undefined): void {
    if (this.closed) return;
    this.touched.add(name ? path.join(dir, name) : dir);
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), SETTLE_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const paths = [...this.touched];
    this.touched.clear();
    const events: FileEvent[] = [];
    for (const changed of paths) {
      let stat;
      try {
        stat = await fs.stat(changed);
      } catch {
        stat = undefined;
      }
      if (!stat) {
        // Gone: a file, or a folder with everything under it (the server drops what was under a deleted URI).
        const wasFolder = this.watchers.has(changed);
        if (wasFolder) this.forget(changed);
        if (wasFolder || fileKindOf(changed)) events.push({ uri: pathToUri(changed), type: FILE_DELETED });
      } else if (stat.isDirectory()) {
        // A new (or moved-in) folder: watch it, and report the files already in it.
        if (!this.watchers.has(changed)) {
          await this.watchTree(changed);
          for (const file of await this.filesUnder(changed)) events.push({ uri: pathToUri(file), type: FILE_CREATED });
        }
      } else if (stat.isFile() && fileKindOf(changed)) {
        events.push({ uri: pathToUri(changed), type: FILE_CHANGED });
      }
    }
    if (events.length && !this.closed) this.report(events);
  }

  private async filesUnder(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (d: string): Promise<void> => {
      if (!this.watchers.has(d)) return;
      for (const entry of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && fileKindOf(entry.name)) out.push(full);
      }
    };
    await walk(dir);
    return out;
  }
}
