// The smallest text edit that sets `change.ticket` in a runbook's YAML, leaving every other
// byte alone: comments, quoting, indentation, key order and line ends stay as the author wrote
// them. The CLI applies it to the file; the editor turns it into a WorkspaceEdit.
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { columnOf, insertLinesAfter, lineStarts, OffsetEdit, positionOf } from '../yaml-edit/text-edit';
import { findPair, firstError, indentUnit, keyEnd, keyStart, lastPair, pairEnd } from '../yaml-edit/yaml-nodes';

export type SetTicketResult = { ok: true; edit: OffsetEdit | null } | { ok: false; error: string };

const SAFE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/-]*#\d+$/;

/** The edit that makes `change.ticket` equal `ticket`; null when it already does. */
export function setTicketEdit(text: string, ticket: string): SetTicketResult {
  const doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length) {
    return {
      ok: false,
      error: `the file has a YAML error (${firstError(doc.errors)}), so the ticket was not written; add "ticket: ${ticket}" under "change:" by hand`,
    };
  }
  const root = doc.contents;
  if (!isMap(root))
    return { ok: false, error: 'the file is not a YAML map of runbook fields, so the ticket was not written' };
  const { value, lines, make } = editKit(text, ticket);

  const changePair = findPair(root, 'change');
  if (!changePair) {
    // A new `change:` block after the window (where the spec's example has it), else at the end.
    const after = findPair(root, 'window') ?? lastPair(root);
    if (root.flow || !after) return flowInsert(text, root, `change: {ticket: ${value}}`, make);
    const pad = ' '.repeat(columnOf(lines, keyStart(after)));
    const unit = ' '.repeat(indentUnit(root, lines));
    return linesAfter(text, pairEnd(after), [`${pad}change:`, `${pad}${unit}ticket: ${value}`]);
  }

  const change = changePair.value as Node | null;
  if (change === null || (isScalar(change) && (change.value === null || change.value === undefined))) {
    // `change:` with nothing after it: give it a block with the ticket, or replace `~`/`null`.
    if (change && change.range && change.range[1] > change.range[0]) {
      return make(change.range[0], change.range[1], `{ticket: ${value}}`);
    }
    const pad = ' '.repeat(columnOf(lines, keyStart(changePair)) + indentUnit(root, lines));
    return linesAfter(text, keyEnd(changePair), [`${pad}ticket: ${value}`]);
  }
  if (!isMap(change)) {
    const line = positionOf(lines, keyStart(changePair)).line + 1;
    return {
      ok: false,
      error: `"change" on line ${line} is not a map, so the ticket was not written; make it a map and add "ticket: ${ticket}"`,
    };
  }
  return ticketInMap(text, change, ticket, value, '"change" map', lines, make);
}

/**
 * The edit that sets `ticket` of the access or provisioning request `id` (runbook sections
 * `access` and `provisioning`); null when it already holds that ticket.
 */
export function setRequestTicketEdit(
  text: string,
  section: 'access' | 'provisioning',
  id: string,
  ticket: string,
): SetTicketResult {
  const doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length) {
    return {
      ok: false,
      error: `the file has a YAML error (${firstError(doc.errors)}), so the ticket was not written; add "ticket: ${ticket}" to ${section} request "${id}" by hand`,
    };
  }
  const root = doc.contents;
  const list = isMap(root) ? findPair(root, section)?.value : undefined;
  const item = isSeq(list)
    ? list.items.find((i) => isMap(i) && String((findPair(i, 'id')?.value as Scalar | undefined)?.value ?? '') === id)
    : undefined;
  if (!isMap(item))
    return {
      ok: false,
      error: `no ${section} request with id "${id}" is left in the file, so the ticket was not written`,
    };
  const { value, lines, make } = editKit(text, ticket);
  return ticketInMap(text, item, ticket, value, `${section} request "${id}"`, lines, make);
}

/** What every ticket edit needs: the ticket as YAML, line starts, and an edit maker. */
function editKit(text: string, ticket: string): { value: string; lines: number[]; make: Make } {
  return {
    value: SAFE_PLAIN.test(ticket) ? ticket : JSON.stringify(ticket),
    lines: lineStarts(text),
    make: (start, end, newText) => ({ ok: true, edit: { start, end, newText } }),
  };
}

/** Sets `ticket` inside a map that exists: replaces its value, or adds the key after the last. */
function ticketInMap(
  text: string,
  change: YAMLMap,
  ticket: string,
  value: string,
  what: string,
  lines: number[],
  make: Make,
): SetTicketResult {
  const ticketPair = findPair(change, 'ticket');
  if (ticketPair) {
    const current = ticketPair.value as Node | null;
    if (isScalar(current) && current.value !== null && current.value !== undefined) {
      if (String(current.value).trim() === ticket) return { ok: true, edit: null };
      const [start, end] = current.range!;
      const quoted =
        current.type === Scalar.QUOTE_DOUBLE
          ? JSON.stringify(ticket)
          : current.type === Scalar.QUOTE_SINGLE
            ? `'${ticket.replace(/'/g, "''")}'`
            : value;
      // A block scalar's range takes its line end along; give it back.
      const tail = text.slice(start, end).match(/\r?\n$/)?.[0] ?? '';
      return make(start, end, quoted + tail);
    }
    if (current && current.range && current.range[1] > current.range[0]) {
      return make(current.range[0], current.range[1], value);
    }
    // `ticket:` with an empty value: write after the colon.
    const colon = text.indexOf(':', keyEnd(ticketPair));
    return make(colon + 1, colon + 1, ` ${value}`);
  }

  if (change.flow) return flowInsert(text, change, `ticket: ${value}`, make);
  const first = change.items.find((p) => isPair(p)) as Pair | undefined;
  const last = lastPair(change);
  if (!first || !last)
    return { ok: false, error: `the ${what} is empty in a way that cannot be edited safely; add the ticket by hand` };
  const pad = ' '.repeat(columnOf(lines, keyStart(first)));
  return linesAfter(text, pairEnd(last), [`${pad}ticket: ${value}`]);
}

// ---------------------------------------------------------------------------------------------

type Make = (start: number, end: number, newText: string) => SetTicketResult;

/** Whole lines after the line holding `end` (after any comment on it). */
function linesAfter(text: string, end: number, newLines: string[]): SetTicketResult {
  return { ok: true, edit: insertLinesAfter(text, end, newLines) };
}

/** Adds `entry` to a flow map `{a: 1}` just before its closing brace. */
function flowInsert(text: string, map: YAMLMap, entry: string, make: Make): SetTicketResult {
  const end = map.range?.[1] ?? -1;
  const close = text.lastIndexOf('}', end - 1);
  const open = map.range?.[0] ?? -1;
  if (close < 0 || close < open)
    return { ok: false, error: 'could not find the end of the flow map; add the ticket by hand' };
  let i = close - 1;
  while (i > open && /\s/.test(text[i])) i--;
  const before = text[i];
  if (before === '{') return make(i + 1, i + 1, entry);
  if (before === ',') return make(i + 1, i + 1, ` ${entry}`);
  return make(i + 1, i + 1, `, ${entry}`);
}
