// What a parsed file looks like to everything downstream, as plain data: the YAML tree (values,
// styles and offsets, comments left out), the line starts, the model with its ranges, and the
// diagnostics. Two files with equal snapshots are the same file to the rules and the editor.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { RunbookDiagnostic } from '../../../server/core/diagnostics';
import type { IndexedFile } from '../../../server/core/workspace-index';

export function treeSnapshot(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return { key: treeSnapshot(node.key), value: treeSnapshot(node.value) };
  if (isScalar(node)) return { scalar: node.value, type: node.type, range: node.range };
  if (isAlias(node)) return { alias: node.source, range: node.range };
  if (isMap(node) || isSeq(node)) {
    return { [isMap(node) ? 'map' : 'seq']: node.items.map(treeSnapshot), flow: !!node.flow, range: node.range };
  }
  return { other: String(node) };
}

/** The model as JSON, ranges included; back-references to the YAML tree and the file left out. */
export function modelSnapshot(file: IndexedFile): unknown {
  return JSON.parse(
    JSON.stringify(file.model, (key, value) =>
      key === 'file' || key === 'node' || key === 'root'
        ? undefined
        : value instanceof Map
          ? Object.fromEntries(value)
          : value,
    ),
  );
}

export function diagnosticsSnapshot(diagnostics: readonly RunbookDiagnostic[]): string[] {
  return diagnostics
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`,
    )
    .sort();
}

export interface FileSnapshot {
  tree: unknown;
  docRange: unknown;
  lineStarts: number[];
  syntaxProblems: unknown;
  model: unknown;
}

export function fileSnapshot(file: IndexedFile): FileSnapshot {
  return {
    tree: treeSnapshot(file.source.doc.contents),
    docRange: file.source.doc.range,
    lineStarts: [...file.source.lineCounter.lineStarts],
    syntaxProblems: file.source.syntaxProblems,
    model: modelSnapshot(file),
  };
}
