// The outline: one symbol per top-level key (a section or a field), with steps, rollback steps,
// checks, environments, freezes and maintenance windows as children named by their id.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { DSL, FieldSpec, ObjectName } from '../dsl-schema';
import { keyRange, pairKey, scalarText, SourceFile } from '../source-file';
import type { WorkspaceIndex } from '../workspace-index';
import { DocumentSymbol, SymbolKind } from './editor-types';
import { tightNodeRange, tightPairRange } from './node-ranges';

const MAX_DEPTH = 16;

export function documentSymbols(index: WorkspaceIndex, uri: string): DocumentSymbol[] {
  const file = index.get(uri);
  if (!file) return [];
  const root = file.source.doc.contents;
  if (!isMap(root)) return [];
  return mapSymbols(file.source, root as YAMLMap, file.kind, 0);
}

function mapSymbols(file: SourceFile, map: YAMLMap, object: ObjectName | undefined, depth: number): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (depth > MAX_DEPTH) return out;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const pair = item as Pair;
    const key = pairKey(pair);
    const selectionRange = keyRange(file, pair);
    const range = tightPairRange(file, pair);
    if (key === undefined || !selectionRange || !range) continue;
    const field = object ? fieldOf(object, key) : undefined;
    const value = pair.value as Node | null;
    const symbol: DocumentSymbol = { name: key, kind: SymbolKind.Property, range, selectionRange };
    if (isMap(value)) {
      symbol.kind = SymbolKind.Namespace;
      symbol.children = mapSymbols(
        file,
        value as YAMLMap,
        field?.type.kind === 'object' ? field.type.object : undefined,
        depth + 1,
      );
    } else if (isSeq(value)) {
      const itemObject =
        field?.type.kind === 'list' && field.type.item.kind === 'object' ? field.type.item.object : undefined;
      symbol.kind = SymbolKind.Array;
      const children = listItemSymbols(file, value as YAMLSeq, itemObject, depth + 1);
      if (children.length) symbol.children = children;
      else symbol.detail = scalarEntries(value as YAMLSeq).join(', ');
    } else {
      const text = isAlias(value) ? `*${value.source}` : scalarText(value);
      if (text !== undefined) symbol.detail = oneLine(text);
      if (depth === 0 && (key === 'runbook' || key === 'calendar')) symbol.kind = SymbolKind.Key;
    }
    out.push(symbol);
  }
  return out;
}

function listItemSymbols(
  file: SourceFile,
  seq: YAMLSeq,
  object: ObjectName | undefined,
  depth: number,
): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  seq.items.forEach((item, i) => {
    if (!isMap(item)) return;
    const map = item as YAMLMap;
    const range = tightNodeRange(file, map);
    if (!range) return;
    const named = namingPair(map);
    const name = (named && scalarText(named.value)) || `#${i + 1}`;
    const selectionRange = (named && tightNodeRange(file, named.value as Node)) ?? range;
    const title = ['title', 'check']
      .map((k) => map.items.find((p) => isPair(p) && pairKey(p as Pair) === k) as Pair | undefined)
      .find(Boolean);
    const detail = title && named !== title ? scalarText(title.value) : undefined;
    // Only nested lists and maps (a step's verify checks) go deeper; scalar keys would crowd the outline.
    const nested = mapSymbols(file, map, object, depth + 1).filter(
      (s) => s.children?.length || s.kind === SymbolKind.Namespace,
    );
    out.push({
      name: oneLine(name),
      ...(detail ? { detail: oneLine(detail) } : {}),
      kind:
        object === 'step' || object === 'rollback-step'
          ? SymbolKind.Function
          : object === 'environment'
            ? SymbolKind.EnumMember
            : object === 'freeze' || object === 'maintenance' || object === 'booking'
              ? SymbolKind.Event
              : SymbolKind.Struct,
      range,
      selectionRange,
      ...(nested.length ? { children: nested } : {}),
    });
  });
  return out;
}

/** The key that names a list entry: id, else name, else check, else title. */
function namingPair(map: YAMLMap): Pair | undefined {
  for (const key of ['id', 'name', 'check', 'title']) {
    const pair = map.items.find((p) => isPair(p) && pairKey(p as Pair) === key && isScalar((p as Pair).value)) as
      Pair | undefined;
    if (pair && scalarText(pair.value)) return pair;
  }
  return undefined;
}

function scalarEntries(seq: YAMLSeq): string[] {
  return seq.items.map((i) => scalarText(i)).filter((t): t is string => t !== undefined);
}

function fieldOf(object: ObjectName, key: string): FieldSpec | undefined {
  return Object.prototype.hasOwnProperty.call(DSL[object].fields, key) ? DSL[object].fields[key] : undefined;
}

function oneLine(text: string): string {
  const first = text.split('\n')[0];
  return first.length > 80 ? `${first.slice(0, 77)}...` : first;
}
