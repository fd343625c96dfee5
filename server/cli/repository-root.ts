// CI reports (SARIF, GitHub annotations) name files relative to the repository root, not to the
// folder the command ran in: code scanning and annotations resolve paths from the root.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** GITHUB_WORKSPACE when the folder is inside it, else the nearest folder holding `.git`, else the folder itself. */
export function repositoryRoot(cwd: string, env: Record<string, string | undefined>): string {
  const workspace = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : undefined;
  if (workspace && isInside(cwd, workspace)) return workspace;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** The file's path from the root with `/` separators; a file outside the root keeps its absolute path. */
export function repositoryPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file.split(path.sep).join('/');
  return relative.split(path.sep).join('/');
}

function isInside(dir: string, root: string): boolean {
  const relative = path.relative(root, path.resolve(dir));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
