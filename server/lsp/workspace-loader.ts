// The workspace on disk: every runbook and calendar file under the workspace folders (skipping
// node_modules/, .git/ and files.exclude), read at start and kept current by watched-file events.
import { promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../core/source-file';
import { findWorkspaceFiles, readWorkspaceFile, readWorkspaceFileSync } from '../core/workspace-files';
import type { DocumentStore } from './document-store';
import { ExcludeTest } from './files-exclude';
import { pathToUri, uriToPath } from './uris';

/** Files read between yields to the event loop at start. */
const READ_BATCH = 20;

export class WorkspaceLoader {
  private roots: string[] = [];
  private exclude: ExcludeTest = () => false;

  constructor(
    private readonly store: DocumentStore,
    private readonly log: (message: string) => void,
  ) {}

  setRoots(uris: string[]): void {
    this.roots = [
      ...new Set(
        uris
          .map(uriToPath)
          .filter((p): p is string => !!p)
          .map((p) => path.resolve(p)),
      ),
    ];
  }

  rootPaths(): string[] {
    return [...this.roots];
  }

  setExclude(test: ExcludeTest): void {
    this.exclude = test;
  }

  /**
   * Reads every workspace file into the store (open documents keep their text), or only those
   * `wanted` accepts.
   */
  async scan(roots = this.roots, wanted: (uri: string) => boolean = () => true): Promise<number> {
    if (roots.length === 0) return 0;
    const found = await findWorkspaceFiles(roots, (relative) => this.exclude(relative));
    for (const problem of found.problems) this.log(`Cannot read ${problem.path}: ${problem.message}`);
    let count = 0;
    for (let i = 0; i < found.files.length; i++) {
      const uri = pathToUri(found.files[i]);
      if (wanted(uri) && this.readIntoNow(uri)) count++;
      // Between batches, the messages that arrived meanwhile are answered.
      if (i % READ_BATCH === READ_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return count;
  }

  /** Whether a URI is a runbook or calendar file of the workspace (any file when there are no folders). */
  isWorkspaceFile(uri: string): boolean {
    const file = uriToPath(uri);
    if (!file || !fileKindOf(file)) return false;
    if (this.roots.length === 0) return true;
    for (const root of this.roots) {
      const relative = path.relative(root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const parts = relative.split(path.sep);
      if (parts.some((p) => p === 'node_modules' || p === '.git')) return false;
      return !this.exclude(relative);
    }
    return false;
  }

  /** Whether a folder is outside the workspace: not under a root, or skipped (node_modules, .git, files.exclude). */
  skipsFolder(dir: string): boolean {
    for (const root of this.roots) {
      const relative = path.relative(root, dir);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      if (relative === '') return false;
      if (relative.split(path.sep).some((p) => p === 'node_modules' || p === '.git')) return true;
      return this.exclude(relative);
    }
    return true;
  }

  /**
   * Reads one file from disk into the store; a missing file is removed. Returns whether it was read.
   * Of a file over the size limit only enough is read to report it (RB034).
   */
  async readInto(uri: string): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return false;
      this.store.setFromDisk(uri, await readWorkspaceFile(file));
      return true;
    } catch (error) {
      return this.failed(uri, file, error);
    }
  }

  /**
   * The same, reading synchronously: for the first read of the workspace, where a round trip to
   * the thread pool for each small file cost more than parsing it (a quarter of the time to the
   * first diagnostics on 1,000 runbooks was spent waiting).
   */
  private readIntoNow(uri: string): boolean {
    const file = uriToPath(uri);
    if (!file) return false;
    try {
      if (!statSync(file).isFile()) return false;
      this.store.setFromDisk(uri, readWorkspaceFileSync(file));
      return true;
    } catch (error) {
      return this.failed(uri, file, error);
    }
  }

  private failed(uri: string, file: string, error: unknown): false {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') this.store.deleteFromDisk(uri);
    else this.log(`Cannot read ${file}: ${(error as Error)?.message ?? error}`);
    return false;
  }

  /**
   * After files.exclude changed: drops the files not open that are no longer workspace files, and
   * reads the workspace files the index does not hold yet. Files already held are kept current by
   * watched-file events and are not read again. Returns how many files were dropped and read.
   */
  async rescan(): Promise<{ dropped: number; read: number }> {
    let dropped = 0;
    for (const uri of this.store.index.uris()) {
      if (this.store.isOpen(uri) || !uriToPath(uri) || this.isWorkspaceFile(uri)) continue;
      this.store.deleteFromDisk(uri);
      // As when reading: messages that arrive while many files are dropped are answered between batches.
      if (++dropped % READ_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const read = await this.scan(this.roots, (uri) => !this.store.index.has(uri));
    return { dropped, read };
  }

  /** Drops the files under removed folders that are not open. */
  forgetUnder(rootUris: string[]): void {
    const removed = rootUris
      .map(uriToPath)
      .filter((p): p is string => !!p)
      .map((p) => path.resolve(p));
    for (const uri of this.store.index.uris()) {
      const file = uriToPath(uri);
      if (!file) continue;
      if (removed.some((root) => !path.relative(root, file).startsWith('..')) && !this.isWorkspaceFile(uri))
        this.store.deleteFromDisk(uri);
    }
  }
}
