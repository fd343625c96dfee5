// Writes the generated workspaces under bench/work/ once; a stamp file holds what was written, so
// a second run reuses the files and a change of the generator or the seed rewrites them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  calendarText,
  CALENDAR_FILE,
  generateLargeRunbook,
  generateWorkspace,
  GeneratedFile,
  LARGE_RUNBOOK_FILE,
} from './generate-workspace';
import { HostileKind, hostileWorkspace } from './hostile-workspaces';

export interface PreparedWorkspace {
  name: string;
  dir: string;
  runbooks: number;
  files: number;
  bytes: number;
  lines: number;
  /** A runbook to open in the editor: the first in path order (the large one of a steps workspace). */
  firstRunbook: string;
  /** The single large runbook of a steps workspace. */
  largeFile?: string;
  steps?: number;
}

/** `released`: the runbooks workspace with three in four releases finished (an outcome), for the metrics. */
export type WorkspaceKind = 'runbooks' | 'steps' | 'released';

export function workspaceFiles(kind: WorkspaceKind, size: number, seed: number): GeneratedFile[] {
  if (kind === 'runbooks') return generateWorkspace(size, seed);
  if (kind === 'released')
    return generateWorkspace(size, seed).map((file, i) =>
      file.path.endsWith('.runbook.yaml') && i % 4 !== 0 ? { ...file, text: withOutcome(file.text, i) } : file,
    );
  return [
    { path: CALENDAR_FILE, text: calendarText() },
    { path: LARGE_RUNBOOK_FILE(size), text: generateLargeRunbook(size, seed) },
  ];
}

export function prepareWorkspace(workDir: string, kind: WorkspaceKind, size: number, seed: number): PreparedWorkspace {
  const name = `${kind}-${size}`;
  const prepared = writeWorkspace(workDir, name, workspaceFiles(kind, size, seed), kind === 'steps' ? 1 : size);
  if (kind === 'steps') {
    prepared.largeFile = path.join(prepared.dir, LARGE_RUNBOOK_FILE(size));
    prepared.steps = size;
  }
  return prepared;
}

/** One of the hostile workspaces of issue 16 (bench/hostile-workspaces.ts) over `size` runbooks. */
export function prepareHostileWorkspace(
  workDir: string,
  kind: HostileKind,
  size: number,
  seed: number,
): PreparedWorkspace {
  return writeWorkspace(workDir, `${kind}-${size}`, hostileWorkspace(kind, size, seed), size);
}

function writeWorkspace(workDir: string, name: string, files: GeneratedFile[], runbooks: number): PreparedWorkspace {
  const dir = path.join(workDir, 'workspaces', name);
  const hash = createHash('sha256');
  let bytes = 0;
  let lines = 0;
  for (const file of files) {
    hash.update(file.path).update('\0').update(file.text).update('\0');
    bytes += Buffer.byteLength(file.text);
    lines += file.text.split('\n').length - 1;
  }
  const stamp = hash.digest('hex');
  const stampFile = path.join(dir, '.bench-stamp');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(dir, { recursive: true, force: true });
    for (const file of files) {
      const target = path.join(dir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.text);
    }
    writeFileSync(stampFile, stamp);
  }
  const firstRunbook = path.join(
    dir,
    files
      .map((f) => f.path)
      .filter((p) => p.endsWith('.runbook.yaml'))
      .sort()[0],
  );
  return { name, dir, runbooks, files: files.length, bytes, lines, firstRunbook };
}

/** The runbook finished when its window ended (or began, for a window given by duration). */
function withOutcome(text: string, index: number): string {
  const end = /^ {2}end: (\S+)/m.exec(text)?.[1] ?? /^ {2}start: (\S+)/m.exec(text)?.[1];
  if (!end) return text;
  const result = index % 13 === 5 ? 'rolled-back' : index % 17 === 3 ? 'failed' : 'success';
  return `${text.trimEnd()}\n\noutcome:\n  result: ${result}\n  finished: ${end}\n${result === 'success' ? '' : '  notes: The error rate rose after the deploy.\n'}`;
}
