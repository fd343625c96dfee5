// One spelling per file: clients may encode the same file URI differently (`%20` vs `%2F`, a
// drive letter's case), so the index keys files by a canonical form and remembers each client's own.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(fsPath: string): string {
  return pathToFileURL(path.resolve(fsPath)).href;
}
