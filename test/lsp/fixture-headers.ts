// Fixture files state what they expect in leading comment lines: `# expect-completion: a, b`.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Fixture {
  name: string;
  file: string;
  text: string;
  headers: Map<string, string[]>;
}

export function readHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^#\s*([a-z-]+)(?::\s*(.*))?$/.exec(line.trim());
    if (!m) break;
    const list = headers.get(m[1]) ?? [];
    list.push((m[2] ?? '').trim());
    headers.set(m[1], list);
  }
  return headers;
}

/** Synchronous, so that mocha can declare one test per fixture. */
export function readFixtures(folder: string, filter: (name: string) => boolean = () => true): Fixture[] {
  const names = readdirSync(folder)
    .filter((n) => /\.(runbook|calendar)\.ya?ml$/.test(n) && filter(n))
    .sort();
  return names.map((name) => {
    const file = path.join(folder, name);
    const text = readFileSync(file, 'utf8');
    return { name, file, text, headers: readHeaders(text) };
  });
}

export function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
