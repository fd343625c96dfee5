// `change.submitted`: when the change request was first filed, the start of change lead time. The
// submit flows (editor and `runbook submit`) write it once, right after they write the first
// `change.ticket`, as the smallest text edit: every other byte of the runbook stays as it was.
import { DateTime } from 'luxon';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import type { Node, Pair, Scalar } from 'yaml';
import {
  applyTicketEdit,
  findPair,
  keyEnd,
  keyStart,
  lastPair,
  lineStarts,
  pairEnd,
  positionOf,
  setTicketEdit,
} from '../change-request/set-ticket';
import type { TicketEdit } from '../change-request/set-ticket';

export type SubmittedEdit = TicketEdit;
export type SetSubmittedResult = { ok: true; edit: SubmittedEdit | null } | { ok: false; error: string };

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
      error: `the file has a YAML error (${doc.errors[0].message.split('\n')[0]}), so change.submitted was not written`,
    };
  const root = doc.contents;
  if (!isMap(root))
    return { ok: false, error: 'the file is not a YAML map of runbook fields, so change.submitted was not written' };
  const starts = lineStarts(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const make = (start: number, end: number, newText: string): SetSubmittedResult => ({
    ok: true,
    edit: { start, end, newText, range: { start: positionOf(starts, start), end: positionOf(starts, end) } },
  });
  const entry = `submitted: ${instant}`;

  const changePair = findPair(root, 'change');
  if (!changePair) {
    const after = findPair(root, 'window') ?? lastPair(root);
    if (root.flow || !after)
      return { ok: false, error: 'the runbook has no "change" block to add change.submitted to' };
    const pad = ' '.repeat(columnOf(starts, keyStart(after)));
    return insertLinesAfter(text, pairEnd(after), [`${pad}change:`, `${pad}  ${entry}`], eol, make);
  }
  const change = changePair.value as Node | null;
  if (change === null || (isScalar(change) && (change.value === null || change.value === undefined))) {
    if (change && change.range && change.range[1] > change.range[0])
      return make(change.range[0], change.range[1], `{${entry}}`);
    const pad = ' '.repeat(columnOf(starts, keyStart(changePair)) + 2);
    return insertLinesAfter(text, keyEnd(changePair), [`${pad}${entry}`], eol, make);
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
  return insertLinesAfter(text, pairEnd(anchor), [`${pad}${entry}`], eol, make);
}

type Make = (start: number, end: number, newText: string) => SetSubmittedResult;

function insertLinesAfter(text: string, end: number, lines: string[], eol: string, make: Make): SetSubmittedResult {
  const block = lines.join(eol);
  if (end > 0 && text[end - 1] === '\n') return make(end, end, block + eol);
  const nl = text.indexOf('\n', end);
  if (nl < 0) return make(text.length, text.length, eol + block);
  const at = nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
  return make(at, at, eol + block);
}

function columnOf(starts: number[], offset: number): number {
  return positionOf(starts, offset).character;
}

/** Why the ticket was not written: the runbook no longer holds the text that was submitted. */
export const CHANGED_SINCE_READ =
  'the file changed since it was read for the submission, so the ticket was not written into it';

export type TicketWriteResult = { ok: true; text: string; changed: boolean } | { ok: false; error: string };

/**
 * The text with `change.ticket` set and, when `submittedAt` is given (a first filing),
 * `change.submitted` beside it: both or neither, so that one write records the two. Unchanged
 * (and without `submitted`) when the ticket is already there.
 */
export function withTicketAndSubmitted(text: string, ticket: string, submittedAt?: string): TicketWriteResult {
  const edit = setTicketEdit(text, ticket);
  if (!edit.ok) return edit;
  if (!edit.edit) return { ok: true, text, changed: false };
  const next = applyTicketEdit(text, edit.edit);
  if (!submittedAt) return { ok: true, text: next, changed: true };
  const submitted = setSubmittedEdit(next, submittedAt);
  if (!submitted.ok) return { ok: false, error: `${submitted.error}, so the ticket was not written either` };
  return { ok: true, text: applyTicketEdit(next, submitted.edit), changed: true };
}
