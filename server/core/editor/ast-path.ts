// What the parsed YAML tree holds at an offset: a key, a scalar value or a list entry, with the
// path of keys and list items that leads there (the path cursor-context.ts builds from text).
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar } from 'yaml';
import { pairKey, SourceFile } from '../source-file';
import type { PathSegment } from './cursor-context';

export type AstHit =
  | { kind: 'key'; path: PathSegment[]; key: string; pair: Pair; node: Scalar }
  | { kind: 'value'; path: PathSegment[]; node: Scalar; pair?: Pair }
  | { kind: 'container'; path: PathSegment[]; node: Node | null };

const MAX_DEPTH = 64;

function contains(node: Node | null | undefined, offset: number): boolean {
  return !!node && !!node.range && node.range[0] <= offset && offset <= node.range[1];
}

export function astAt(file: SourceFile, offset: number): AstHit {
  let node = file.doc.contents as Node | null;
  const path: PathSegment[] = [];
  let parentPair: Pair | undefined;
  for (let depth = 0; depth < MAX_DEPTH && node; depth++) {
    if (isAlias(node)) return { kind: 'container', path, node };
    if (isMap(node)) {
      let next: Node | null = null;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const pair = item as Pair;
        const key = pair.key as Node | null;
        if (isScalar(key) && contains(key, offset)) {
          const name = pairKey(pair);
          if (name !== undefined) return { kind: 'key', path, key: name, pair, node: key as Scalar };
        }
        const value = pair.value as Node | null;
        if (contains(value, offset)) {
          const name = pairKey(pair);
          if (name === undefined) return { kind: 'container', path, node };
          path.push(name);
          parentPair = pair;
          next = value;
          break;
        }
      }
      if (!next) return { kind: 'container', path, node };
      node = next;
      continue;
    }
    if (isSeq(node)) {
      const item = node.items.find((i) => contains(i as Node, offset)) as Node | undefined;
      if (!item) return { kind: 'container', path, node };
      path.push('[]');
      parentPair = undefined;
      node = item;
      continue;
    }
    if (isScalar(node)) return { kind: 'value', path, node: node as Scalar, pair: parentPair };
    return { kind: 'container', path, node };
  }
  return { kind: 'container', path, node };
}
