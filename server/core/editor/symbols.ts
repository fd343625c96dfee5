// The names the DSL defines and refers to: step, rollback, precondition and verification ids (one
// namespace per file), runbook ids (across files, named by depends-on), environments (defined by
// calendars, named by runbooks and by freeze and maintenance entries), freeze and maintenance ids.
// Definition, references and rename all start from symbolAt().
import { Field, idItemsOf, RunbookModel } from '../model';
import { containsPosition, Position, Range } from '../text-range';
import type { IndexedFile, WorkspaceIndex } from '../workspace-index';
import type { Location } from './editor-types';

export type SymbolKindName = 'local-id' | 'runbook' | 'environment' | 'freeze' | 'maintenance' | 'booking';

export interface SymbolRef {
  kind: SymbolKindName;
  name: string;
  uri: string;
  /** The name's own text, inside any quotes. */
  range: Range;
  role: 'definition' | 'reference';
}

/** The name's text without the quotes of a quoted scalar. */
export function innerRange(file: IndexedFile | undefined, range: Range): Range {
  if (!file || range.start.line !== range.end.line) return range;
  const lineStart = file.source.lineCounter.lineStarts[range.start.line] ?? 0;
  const text = file.source.text;
  const first = text[lineStart + range.start.character];
  const last = text[lineStart + range.end.character - 1];
  if ((first === '"' || first === "'") && last === first && range.end.character - range.start.character >= 2) {
    return {
      start: { line: range.start.line, character: range.start.character + 1 },
      end: { line: range.end.line, character: range.end.character - 1 },
    };
  }
  return range;
}

function ref(file: IndexedFile, kind: SymbolKindName, name: string, range: Range, role: SymbolRef['role']): SymbolRef {
  return { kind, name, uri: file.uri, range: innerRange(file, range), role };
}

/** Every symbol occurrence in one file. */
export function symbolsIn(index: WorkspaceIndex, uri: string): SymbolRef[] {
  const file = index.get(uri);
  if (!file) return [];
  const out: SymbolRef[] = [];
  const model = file.model;
  const field = (f: Field | undefined, kind: SymbolKindName, role: SymbolRef['role']) => {
    if (f && f.text) out.push(ref(file, kind, f.text, f.valueRange, role));
  };
  if (model.kind === 'runbook') {
    field(model.id, 'runbook', 'definition');
    field(model.fields.get('environment'), 'environment', 'reference');
    for (const dep of model.dependsOn) out.push(ref(file, 'runbook', dep.text, dep.range, 'reference'));
    for (const { item } of idItemsOf(model)) field(item.id, 'local-id', 'definition');
    for (const step of model.steps) field(step.rollback, 'local-id', 'reference');
  } else {
    for (const env of model.environments) field(env.name, 'environment', 'definition');
    for (const period of [...model.freezes, ...model.maintenance, ...model.bookings]) {
      field(
        period.id,
        period.section === 'freezes' ? 'freeze' : period.section === 'bookings' ? 'booking' : 'maintenance',
        'definition',
      );
      for (const env of period.environments ?? []) out.push(ref(file, 'environment', env.text, env.range, 'reference'));
    }
  }
  return out;
}

export function symbolAt(index: WorkspaceIndex, uri: string, position: Position): SymbolRef | undefined {
  return symbolsIn(index, uri).find((s) => containsPosition(s.range, position));
}

function sameSymbol(a: SymbolRef, b: SymbolRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.kind !== 'local-id' || a.uri === b.uri);
}

/** The files where a symbol of this kind can occur. */
function filesFor(index: WorkspaceIndex, symbol: SymbolRef): string[] {
  switch (symbol.kind) {
    case 'local-id':
      return [symbol.uri];
    case 'runbook':
      return index.runbooks().map((r) => r.uri);
    case 'environment':
      return index.uris();
    default:
      return index.calendars().map((c) => c.uri);
  }
}

/** Every occurrence (definitions and references) of the symbol across the workspace. */
export function occurrencesOf(index: WorkspaceIndex, symbol: SymbolRef): SymbolRef[] {
  const out: SymbolRef[] = [];
  for (const uri of filesFor(index, symbol)) {
    for (const s of symbolsIn(index, uri)) if (sameSymbol(s, symbol)) out.push(s);
  }
  return out;
}

export function definitionsOf(index: WorkspaceIndex, symbol: SymbolRef): Location[] {
  let defs = occurrencesOf(index, symbol).filter((s) => s.role === 'definition');
  if (symbol.kind === 'local-id' && symbol.role === 'reference') {
    // A step's `rollback` names a rollback step: prefer that over a step that reuses the id.
    const runbook = index.get(symbol.uri)?.model as RunbookModel | undefined;
    const rollbackDefs = defs.filter((d) =>
      runbook?.rollback.steps.some(
        (s) => s.id && sameRange(innerRange(index.get(symbol.uri), s.id.valueRange), d.range),
      ),
    );
    if (rollbackDefs.length) defs = rollbackDefs;
  }
  return defs.map((d) => ({ uri: d.uri, range: d.range }));
}

export function referencesOf(index: WorkspaceIndex, symbol: SymbolRef, includeDeclaration: boolean): Location[] {
  return occurrencesOf(index, symbol)
    .filter((s) => includeDeclaration || s.role === 'reference')
    .map((s) => ({ uri: s.uri, range: s.range }));
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
