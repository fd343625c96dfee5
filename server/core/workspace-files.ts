// Finds the workspace's runbook and calendar files on disk (docs/runbook-dsl.md, "Files and the workspace"): every matching
// file under the given folders, skipping node_modules/, .git/ and excluded folders.
import { closeSync, existsSync, openSync, promises as fs, readdirSync, readSync } from 'node:fs';
import * as path from 'node:path';
import { fileKindOf, MAX_FILE_BYTES } from './source-file';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

export interface FoundFiles {
  files: string[];
  /** Paths that could not be read, with the reason. */
  problems: { path: string; message: string }[];
}

/** `exclude` holds folder or file names (or relative paths) to skip, as files.exclude would. */
export async function findWorkspaceFiles(
  roots: string[],
  exclude: (relativePath: string) => boolean = () => false,
): Promise<FoundFiles> {
  const files = new Set<string>();
  const problems: FoundFiles['problems'] = [];
  for (const root of roots) {
    let stat;
    try {
      stat = await fs.stat(root);
    } catch (error) {
      problems.push({ path: root, message: describeFsError(error) });
      continue;
    }
    if (stat.isFile()) {
      files.add(path.resolve(root));
      continue;
    }
    await walk(path.resolve(root), path.resolve(root), files, problems, exclude);
  }
  return { files: [...files].sort(), problems };
}

async function walk(
  root: string,
  dir: string,
  files: Set<string>,
  problems: FoundFiles['problems'],
  exclude: (p: string) => boolean,
): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: dir, message: describeFsError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (ALWAYS_SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (exclude(path.relative(root, full))) continue;
    if (entry.isDirectory()) await walk(root, full, files, problems, exclude);
    else if (entry.isFile() && fileKindOf(entry.name)) files.add(full);
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return (error as Error)?.message ?? String(error);
  }
}

/** Of a file over the size limit, one byte more than the limit is read: enough to report it (RB034). */
const READ_LIMIT = MAX_FILE_BYTES + 1;

/** A workspace file's text (UTF-8); of a file over MAX_FILE_BYTES only its first bytes, which are never parsed. */
export function readWorkspaceFileSync(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_LIMIT - total, 1024 * 1024));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total >= READ_LIMIT) break;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The same, without blocking. */
export async function readWorkspaceFile(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(READ_LIMIT - total, 1024 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total >= READ_LIMIT) break;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The workspace a file belongs to when no folder was given (an editor started on one file): the
 * nearest folder above it that holds a calendar file or is a git repository's root, else the
 * file's own folder.
 */
export function findWorkspaceRoot(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git')) || holdsCalendar(dir)) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

function holdsCalendar(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => fileKindOf(name) === 'calendar');
  } catch {
    return false;
  }
}
