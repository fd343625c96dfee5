// Small pieces several rules share.
import { closest, distance } from 'fastest-levenshtein';
import type { RunbookModel } from '../model';
import { emptyRange, Range } from '../text-range';

/** The nearest candidate, when it is near enough to be a likely typo. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...new Set(candidates)].filter((c) => c !== word);
  if (list.length === 0 || !word) return undefined;
  const best = closest(word, list);
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return distance(word, best) <= limit ? best : undefined;
}

export function didYouMean(suggestion: string | undefined): string {
  return suggestion ? `; did you mean "${suggestion}"?` : '';
}

/** Where to report about a runbook as a whole: its id value, else its first key. */
export function runbookAnchor(runbook: RunbookModel): Range {
  if (runbook.id) return runbook.id.valueRange;
  const first = [...runbook.fields.values(), ...[...runbook.sections.values()]].map((f) => f.keyRange);
  first.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return first[0] ?? emptyRange;
}

/** Where to report about the window: the `window` key. */
export function windowAnchor(runbook: RunbookModel): Range {
  return runbook.window.section?.keyRange ?? runbook.window.start?.keyRange ?? runbookAnchor(runbook);
}

export function runbookName(runbook: RunbookModel): string {
  return runbook.id?.text ?? fileName(runbook.uri);
}

export function fileName(uri: string): string {
  const clean = decodeURIComponent(uri.split(/[?#]/)[0]);
  return clean.slice(clean.lastIndexOf('/') + 1);
}

export function listWords(words: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
