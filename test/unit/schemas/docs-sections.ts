// docs/runbook-dsl.md cut into its headed sections, for the tests that keep it in step with the core.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './schema-files';

export const DOCS_PATH = path.join(REPO_ROOT, 'docs', 'runbook-dsl.md');

export interface DocSection {
  level: number;
  heading: string;
  /** The lines under the heading, up to the next heading of any level. */
  body: string;
}

export function docSections(): DocSection[] {
  const sections: DocSection[] = [];
  let current: DocSection | undefined;
  let inFence = false;
  for (const line of readFileSync(DOCS_PATH, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6}) (.*)$/.exec(line);
    if (heading) {
      current = { level: heading[1].length, heading: heading[2].trim(), body: '' };
      sections.push(current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return sections;
}

/** Fenced code blocks of one language in a piece of Markdown, in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (const m of markdown.matchAll(fence)) {
    if (m[2] !== language) continue;
    const indent = m[1].length;
    blocks.push(
      m[3]
        .split('\n')
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join('\n'),
    );
  }
  return blocks;
}
