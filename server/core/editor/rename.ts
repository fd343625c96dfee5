// Rename of ids and names: every definition and reference across the workspace changes together.
import type { Position, Range } from '../text-range';
import type { WorkspaceIndex } from '../workspace-index';
import type { WorkspaceEdit } from './editor-types';
import { occurrencesOf, symbolAt, SymbolRef } from './symbols';

const RUNBOOK_ID = /^[a-z0-9][a-z0-9-]*$/;
// Other ids and names: one plain YAML word, so the edit never needs quoting or breaks the line.
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function prepareRename(
  index: WorkspaceIndex,
  uri: string,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const symbol = symbolAt(index, uri, position);
  return symbol ? { range: symbol.range, placeholder: symbol.name } : undefined;
}

export type RenameResult = { ok: true; edit: WorkspaceEdit } | { ok: false; message: string };

export function rename(index: WorkspaceIndex, uri: string, position: Position, newName: string): RenameResult {
  const symbol = symbolAt(index, uri, position);
  if (!symbol)
    return {
      ok: false,
      message: 'Nothing to rename here: put the cursor on an id, a runbook id or an environment name',
    };
  const name = newName.trim();
  const problem = checkName(index, symbol, name);
  if (problem) return { ok: false, message: problem };
  const changes: WorkspaceEdit['changes'] = {};
  for (const occurrence of occurrencesOf(index, symbol)) {
    (changes[occurrence.uri] ??= []).push({ range: occurrence.range, newText: name });
  }
  return { ok: true, edit: { changes } };
}

function checkName(index: WorkspaceIndex, symbol: SymbolRef, name: string): string | undefined {
  if (name === symbol.name) return undefined;
  if (symbol.kind === 'runbook') {
    if (!RUNBOOK_ID.test(name))
      return `"${name}" is not a valid runbook id: use lower-case letters, digits and dashes, starting with a letter or digit`;
    if (index.runbookIds().has(name)) return `A runbook with id "${name}" exists already`;
    return undefined;
  }
  if (!PLAIN_NAME.test(name)) return `"${name}" is not a valid name: use letters, digits, dashes, dots and underscores`;
  const taken = occurrencesOf(index, { ...symbol, name }).some((s) => s.role === 'definition');
  if (taken) return `"${name}" is already defined${symbol.kind === 'local-id' ? ' in this runbook' : ''}`;
  return undefined;
}
