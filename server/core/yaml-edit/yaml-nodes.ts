// Where things are in a parsed YAML map, for edits that splice the text by offsets: a key's pair,
// where a pair's content ends, the file's indentation step. The `yaml` package's nodes carry
// their source ranges; nothing here re-reads the text line by line.
import { isMap, isPair, isScalar } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { columnOf } from './text-edit';

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) return item as Pair;
  }
  return undefined;
}

export function lastPair(map: YAMLMap): Pair | undefined {
  for (let i = map.items.length - 1; i >= 0; i--) if (isPair(map.items[i])) return map.items[i] as Pair;
  return undefined;
}

export function keyStart(pair: Pair): number {
  return (pair.key as Node).range![0];
}

export function keyEnd(pair: Pair): number {
  return (pair.key as Node).range![1];
}

/** Where a pair's value ends (its key's end when the value is empty). */
export function pairEnd(pair: Pair): number {
  const value = pair.value as Node | null;
  if (value && value.range && value.range[1] > value.range[0]) return value.range[1];
  return keyEnd(pair);
}

/** The file's indentation step, read from its first nested block map (2 when there is none). */
export function indentUnit(root: YAMLMap, starts: readonly number[]): number {
  for (const item of root.items) {
    if (!isPair(item)) continue;
    const value = item.value as Node | null;
    if (isMap(value) && !value.flow) {
      const first = value.items.find((p) => isPair(p)) as Pair | undefined;
      if (!first) continue;
      const step = columnOf(starts, keyStart(first)) - columnOf(starts, keyStart(item as Pair));
      if (step > 0) return step;
    }
  }
  return 2;
}

/** The parser's first error as one line, for a message that says why nothing was written. */
export function firstError(errors: readonly { message: string }[]): string {
  return errors[0].message.split('\n')[0];
}
