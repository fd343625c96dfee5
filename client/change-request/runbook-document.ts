// Where a runbook's id and change.ticket sit in its text, read with the same YAML parser as the
// server. Pure (no `vscode`), so it is unit-tested directly.
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';

export interface RunbookLocations {
  runbookId?: string;
  ticket?: string;
  /** Offsets of the ticket's value (for the hover). */
  ticketSpan?: [number, number];
  /** Offset of the line the code lens sits on: the `runbook:` key, else the first key. */
  anchor: number;
  /** The tickets of its access and provisioning requests (their status is read with the change request's). */
  requestTickets?: string[];
}

export function locateRunbook(text: string): RunbookLocations {
  const doc = parseDocument(text, { uniqueKeys: false });
  const root = doc.contents;
  if (!isMap(root)) return { anchor: 0 };
  const runbookPair = pairOf(root, 'runbook');
  const first = root.items.find((p) => isPair(p)) as Pair | undefined;
  const anchor = (runbookPair?.key as Node | undefined)?.range?.[0] ?? (first?.key as Node | undefined)?.range?.[0] ?? 0;
  const out: RunbookLocations = { anchor, runbookId: scalar(runbookPair?.value) };
  const change = pairOf(root, 'change')?.value;
  if (isMap(change)) {
    const ticket = pairOf(change, 'ticket');
    const value = ticket?.value as Node | undefined;
    const text = scalar(value);
    if (text && value?.range) {
      out.ticket = text.trim();
      out.ticketSpan = [(ticket!.key as Node).range![0], value.range[1]];
    }
  }
  const requestTickets: string[] = [];
  for (const section of ['access', 'provisioning']) {
    const list = pairOf(root, section)?.value;
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const ticket = isMap(item) ? scalar(pairOf(item, 'ticket')?.value) : undefined;
      if (ticket) requestTickets.push(ticket);
    }
  }
  if (requestTickets.length) out.requestTickets = requestTickets;
  return out;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

function scalar(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || typeof node.value === 'object') return undefined;
  const text = String(node.value).trim();
  return text || undefined;
}
