// What an announcement and the release notes say about a runbook, read from its parsed YAML: the
// same facts for `runbook announce`, `runbook notes` and the editor (through the language server).
import type { AnnounceText } from '../release-notes/release-notes';
import type { AnnounceFacts } from './announce-message';

const scalar = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function announceFactsOf(doc: Record<string, unknown>, fallbackTitle: string): AnnounceFacts {
  const s = scalar;
  const announce = obj(doc.announce);
  const window = obj(doc.window);
  const release = obj(doc.release);
  const decisions = Array.isArray(release.decisions) ? (release.decisions as unknown[]).map(obj) : [];
  const last = decisions[decisions.length - 1];
  const proposed = last ? obj(last['proposed-window']) : {};
  return {
    title: s(doc.title) ?? s(doc.runbook) ?? fallbackTitle,
    environment: s(doc.environment),
    service: s(doc.service),
    version: s(doc.version),
    windowStart: s(window.start),
    windowEnd: s(window.end) ?? (s(window.duration) ? `+${s(window.duration)}` : undefined),
    owner: s(doc.owner),
    ticket: s(obj(doc.change).ticket),
    audience: s(announce.audience),
    summary: s(announce.summary),
    customerImpact: s(announce['customer-impact']),
    contact: s(announce.contact),
    decision:
      last && (last.decision === 'go' || last.decision === 'no-go')
        ? { decision: last.decision, reason: s(last.reason) }
        : undefined,
    newWindow: s(proposed.start),
    note: s(obj(doc.outcome).notes) ?? s(obj(release.rollback).reason),
  };
}

/** The announce block of a runbook document (parsed YAML), as text. */
export function announceTextOf(doc: unknown): AnnounceText {
  const a = (doc as { announce?: Record<string, unknown> } | null)?.announce;
  if (!a || typeof a !== 'object') return {};
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return {
    audience: text(a.audience),
    summary: text(a.summary),
    customerImpact: text(a['customer-impact']),
    contact: text(a.contact),
  };
}

/** `change.commits` from and to: the range of the release notes, when the runbook names both. */
export function notesRangeOf(doc: Record<string, unknown>): { from?: string; to?: string } {
  const commits = obj(obj(doc.change).commits);
  return {
    from: commits.from !== undefined ? String(commits.from) : undefined,
    to: commits.to !== undefined ? String(commits.to) : undefined,
  };
}
