// `change.submitted`: when the change request was first filed, the start of change lead time. The
// submit flows (editor and `runbook submit`) write it once, right after they write the first
// `change.ticket`, as the smallest text edit: every other byte of the runbook stays as it was.
import { DateTime } from 'luxon';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import type { Node, Pair, Scalar } from 'yaml';
import { applyEdit, columnOf, insertLinesAfter, lineStarts, OffsetEdit } from '../yaml-edit/text-edit';
import { findPair, firstError, indentUnit, keyEnd, keyStart, lastPair, pairEnd } from '../yaml-edit/yaml-nodes';
import type { SetTicketResult } from './set-ticket';

export type SetSubmittedResult = { ok: true; edit: OffsetEdit | null } | { ok: false; error: string };

/** `2026-11-20T10:15:00+01:00`: the instant to the second, with the offset of the zone. */
export function submittedInstant(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone });
  return (dt.isValid ? dt : DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone: 'UTC' })).toISO({
    suppressMilliseconds: true,
    includeOffset: true,
  })!;
}

/**
 * The edit that adds `submitted: <instant>` to the `change` map, beside `ticket` when there is one;
 * null when `change.submitted` is already there (it is written once and never moved).
 */
export function setSubmittedEdit(text: string, instant: string): SetSubmittedResult {
  const doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length)
    return {
      ok: false,
      error: `the file has a YAML error (${firstError(doc.errors)}), so change.submitted was not written`,
    };
  const root = doc.contents;
  if (!isMap(root))
    return { ok: false, error: 'the file is not a YAML map of runbook fields, so change.submitted was not written' };
  const starts = lineStarts(text);
  const make = (start: number, end: number, newText: string): SetSubmittedResult => ({
    ok: true,
    edit: { start, end, newText },
  });
  const linesAfter = (end: number, lines: string[]): SetSubmittedResult => ({
    ok: true,
    edit: insertLinesAfter(text, end, lines),
  });
  const entry = `submitted: ${instant}`;
  // New blocks follow the file's own indentation step, as the ticket's do.
  const unit = indentUnit(root, starts);

  const changePair = findPair(root, 'change');
  if (!changePair) {
    const after = findPair(root, 'window') ?? lastPair(root);
    if (root.flow || !after)
      return { ok: false, error: 'the runbook has no "change" block to add change.submitted to' };
    const pad = ' '.repeat(columnOf(starts, keyStart(after)));
    return linesAfter(pairEnd(after), [`${pad}change:`, `${pad}${' '.repeat(unit)}${entry}`]);
  }
  const change = changePair.value as Node | null;
  if (change === null || (isScalar(change) && (change.value === null || change.value === undefined))) {
    if (change && change.range && change.range[1] > change.range[0])
      return make(change.range[0], change.range[1], `{${entry}}`);
    const pad = ' '.repeat(columnOf(starts, keyStart(changePair)) + unit);
    return linesAfter(keyEnd(changePair), [`${pad}${entry}`]);
  }
  if (!isMap(change)) return { ok: false, error: '"change" is not a map, so change.submitted was not written' };
  const existing = findPair(change, 'submitted');
  if (
    existing &&
    isScalar(existing.value) &&
    (existing.value as Scalar).value !== null &&
    String((existing.value as Scalar).value).trim()
  )
    return { ok: true, edit: null };
  if (existing) {
    const value = existing.value as Node | null;
    if (value && value.range && value.range[1] > value.range[0]) return make(value.range[0], value.range[1], instant);
    const colon = text.indexOf(':', keyEnd(existing));
    return make(colon + 1, colon + 1, ` ${instant}`);
  }
  if (change.flow) {
    const end = change.range?.[1] ?? -1;
    const close = text.lastIndexOf('}', end - 1);
    if (close < 0)
      return { ok: false, error: 'could not find the end of the "change" map; add change.submitted by hand' };
    let i = close - 1;
    while (i > 0 && /\s/.test(text[i])) i--;
    return make(i + 1, i + 1, text[i] === '{' ? entry : text[i] === ',' ? ` ${entry}` : `, ${entry}`);
  }
  const first = change.items.find((p) => isPair(p)) as Pair | undefined;
  const anchor = findPair(change, 'ticket') ?? lastPair(change);
  if (!first || !anchor)
    return { ok: false, error: 'the "change" map cannot be edited safely; add change.submitted by hand' };
  const pad = ' '.repeat(columnOf(starts, keyStart(first)));
  return linesAfter(pairEnd(anchor), [`${pad}${entry}`]);
}

/** Why the ticket was not written: the runbook no longer holds the text that was submitted. */
export const CHANGED_SINCE_READ =
  'the file changed since it was read for the submission, so the ticket was not written into it';

export type TicketWriteResult = { ok: true; text: string; changed: boolean } | { ok: false; error: string };

/**
 * The text with a ticket written by `setTicket` (the change's, or an access or provisioning
 * request's) and, when `submittedAt` is given (a change request's first filing),
 * `change.submitted` beside it: both or neither, so that one write records the two. The editor
 * (through the server's `runbook/ticketEdit`) and `runbook submit` both write with this.
 * Unchanged (and without `submitted`) when the ticket is already there.
 */
export function withTicketAndSubmitted(
  text: string,
  setTicket: (text: string) => SetTicketResult,
  submittedAt?: string,
): TicketWriteResult {
  const edit = setTicket(text);
  if (!edit.ok) return edit;
  if (!edit.edit) return { ok: true, text, changed: false };
  const next = applyEdit(text, edit.edit);
  if (!submittedAt) return { ok: true, text: next, changed: true };
  const submitted = setSubmittedEdit(next, submittedAt);
  if (!submitted.ok) return { ok: false, error: `${submitted.error}, so the ticket was not written either` };
  return { ok: true, text: applyEdit(next, submitted.edit), changed: true };
}
