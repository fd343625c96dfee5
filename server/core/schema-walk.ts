// Walks a file's YAML tree alongside the DSL's shape (dsl-schema.ts), so that RB002, RB003 and
// RB004 each see every map with the object it should be and every value with the type it should have.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { DSL, FieldSpec, ObjectName, TypeSpec } from './dsl-schema';
import { keyRange, nodeRange, pairKey, SourceFile } from './source-file';
import { emptyRange, Range } from './text-range';

export interface SchemaVisitor {
  /**
   * A map that should be `object`; `anchor()` is the key that holds it (the root: its first key).
   * Ranges are asked for, not handed over: every key of a file has one and only the few that end
   * in a diagnostic are read (working them all out was most of the time a 5,000-step runbook took).
   */
  object?(map: YAMLMap, object: ObjectName, anchor: () => Range): void;
  /** A key of a map: `spec` is undefined when the key is unknown there. */
  key?(pair: Pair, key: string | undefined, spec: FieldSpec | undefined, object: ObjectName): void;
  /** A value that should have `type`; `node` may be null for an empty value. */
  value?(node: Node | null, type: TypeSpec, where: ValuePlace): void;
}

export interface ValuePlace {
  /** The key that holds the value (for a list item: the item, or an entry's first key). */
  keyRange: () => Range;
  key: string;
  object: ObjectName;
  inList: boolean;
}

const MAX_DEPTH = 64;

export function walkSchema(file: SourceFile, visitor: SchemaVisitor): void {
  const root = file.doc.contents;
  if (!isMap(root)) return;
  const first = root.items.find((p) => isPair(p)) as Pair | undefined;
  const anchor = once(() => (first && keyRange(file, first)) ?? nodeRange(file, root) ?? emptyRange);
  walkObject(file, root as YAMLMap, file.kind, anchor, visitor, 0);
}

/** A range worked out when first asked for, then kept. */
function once(compute: () => Range): () => Range {
  let range: Range | undefined;
  return () => (range ??= compute());
}

function walkObject(
  file: SourceFile,
  map: YAMLMap,
  object: ObjectName,
  anchor: () => Range,
  visitor: SchemaVisitor,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  visitor.object?.(map, object, anchor);
  const fields = DSL[object].fields;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const pair = item as Pair;
    const key = pairKey(pair);
    const spec = key !== undefined && Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    visitor.key?.(pair, key, spec, object);
    if (!spec || key === undefined) continue;
    const kRange = once(() => keyRange(file, pair) ?? anchor());
    walkValue(
      file,
      pair.value as Node | null,
      spec.type,
      { keyRange: kRange, key, object, inList: false },
      visitor,
      depth + 1,
    );
  }
}

function walkValue(
  file: SourceFile,
  raw: Node | null,
  type: TypeSpec,
  where: ValuePlace,
  visitor: SchemaVisitor,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  // Aliases are checked where they point, but never expanded further than one step.
  const node = isAlias(raw) ? ((raw.resolve(file.doc) as Node | undefined) ?? null) : raw;
  visitor.value?.(node, type, where);
  if (type.kind === 'object' && isMap(node)) {
    walkObject(file, node as YAMLMap, type.object, where.keyRange, visitor, depth + 1);
  } else if (type.kind === 'list' && isSeq(node)) {
    for (const item of node.items) {
      const itemNode = item as Node;
      const itemRange = once(() => nodeRange(file, itemNode) ?? where.keyRange());
      const resolved = isAlias(itemNode) ? ((itemNode.resolve(file.doc) as Node | undefined) ?? null) : itemNode;
      if (type.item.kind === 'object' && isMap(resolved)) {
        const first = resolved.items.find((p) => isPair(p)) as Pair | undefined;
        const anchor = once(() => (first && keyRange(file, first)) ?? itemRange());
        visitor.value?.(resolved, type.item, { keyRange: anchor, key: where.key, object: where.object, inList: true });
        walkObject(file, resolved as YAMLMap, type.item.object, anchor, visitor, depth + 1);
      } else {
        walkValue(
          file,
          itemNode,
          type.item,
          { keyRange: itemRange, key: where.key, object: where.object, inList: true },
          visitor,
          depth + 1,
        );
      }
    }
  }
}

export function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}
