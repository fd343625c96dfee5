// The one model of where a change request stands: the issue's state and labels as GitHub reports
// them, and, when the calendar configures an approval board (`approvals:`), the board's verdict
// read from the issue's events (approval-verdict.ts). The code lens, the hover, the calendar, the
// go/no-go gates and `runbook gate` all take this shape and say it in the same words
// (`approvalText`). Pure and without run-time imports (the extension host's thin bundle takes
// it); the GitHub side is server/github/fetch-change-status.ts.
import type { ApprovalBoard } from '../server/core/change-request/approval-board';
import type { ApprovalVerdict } from '../server/core/change-request/approval-verdict';

export type CabDecision = 'approved' | 'rejected' | 'pending';

/** The labels that carry the board's decision, as configured. */
export interface CabLabels {
  approved: string;
  rejected: string;
}

export const DEFAULT_CAB_LABELS: CabLabels = { approved: 'cab:approved', rejected: 'cab:rejected' };

/** The board a ticket answers to and how many approvals its risk needs (the calendar's `approvals:`). */
export interface BoardRequirement {
  board: ApprovalBoard;
  needed: number;
}

/** A change request's status as read from GitHub. */
export interface ChangeStatus {
  /** `owner/repo#number`. */
  ticket: string;
  url: string;
  title: string;
  state: 'open' | 'closed';
  /** completed, not_planned, reopened or null, as GitHub reports it. */
  stateReason: string | null;
  /** What the labels say; with a board, `verdict` decides whether the change is approved. */
  cab: CabDecision;
  /** The board's label on the issue (`cab:approved`, `cab:rejected` or as configured), or null. */
  cabLabel: string | null;
  labels: string[];
  assignees: string[];
  /** When it was read (epoch ms). */
  fetchedAt: number;
  /** The board's verdict, when the calendar configures a board; absent: the label alone decides. */
  verdict?: ApprovalVerdict;
}

/** What the gates need of a status (a test or the CLI may know no more). */
export type ChangeStatusInput = Pick<ChangeStatus, 'ticket' | 'state' | 'cab'> &
  Partial<Pick<ChangeStatus, 'stateReason' | 'cabLabel' | 'verdict'>>;

/** A rejection label wins over an approval label: a board that rejected has the last word. */
export function cabDecision(labels: string[], cab: CabLabels = DEFAULT_CAB_LABELS): CabDecision {
  const lower = new Set(labels.map((l) => l.toLowerCase()));
  if (lower.has(cab.rejected.toLowerCase())) return 'rejected';
  if (lower.has(cab.approved.toLowerCase())) return 'approved';
  return 'pending';
}

/** The label of the issue that carries the decision, as the issue spells it. */
export function cabLabelOf(
  labels: string[],
  decision: CabDecision,
  cab: CabLabels = DEFAULT_CAB_LABELS,
): string | null {
  if (decision === 'pending') return null;
  const wanted = (decision === 'approved' ? cab.approved : cab.rejected).toLowerCase();
  return labels.find((l) => l.toLowerCase() === wanted) ?? null;
}

/** Whether the change may go ahead as far as the board is concerned. */
export function isApproved(status: ChangeStatusInput): boolean {
  if (status.cab === 'rejected') return false;
  return status.verdict ? status.verdict.approved : status.cab === 'approved';
}

/** The board's decision as one word: with a board, its verdict, not the label, says "approved". */
export function boardDecision(status: ChangeStatusInput): CabDecision {
  if (status.cab === 'rejected') return 'rejected';
  return isApproved(status) ? 'approved' : 'pending';
}

/**
 * The board's answer in one line, the same on every surface: "Approved by @alice (2026-12-03
 * 14:05)", "Re-approval needed: window changed since approval", "cab:approved set by @mallory,
 * who is not an approver", "Pending: 1 of 2 approvals (@alice)", "Rejected (cab:rejected)"; without a board, "CAB approved".
 * Plain text: each surface escapes it for its format.
 */
export function approvalText(status: ChangeStatusInput, zone: string): string {
  const verdict = status.verdict;
  // Without a board the label alone decides, and that is all there is to say.
  if (!verdict) return `CAB ${status.cab}`;
  if (status.cab === 'rejected') return `Rejected (${status.cabLabel || 'rejection label'})`;
  const who = (approvals: ApprovalVerdict['approvals']) =>
    approvals.map((a) => `@${a.login} (${when(a.at, zone)})`).join(', ');
  if (verdict.approved) return `Approved by ${who(verdict.approvals)}`;
  if (verdict.reapprovalNeeded) {
    const since = verdict.approvals.length ? `; ${verdict.approvals.length} of ${verdict.needed} since` : '';
    return `Re-approval needed: ${verdict.withdrawnBecause ?? 'approvals were withdrawn'} since approval${since}`;
  }
  if (verdict.notCounted.length) {
    const byLabel = verdict.notCounted.filter((n) => n.how === 'label').map((n) => `@${n.login}`);
    const byComment = verdict.notCounted.filter((n) => n.how === 'comment').map((n) => `@${n.login}`);
    const parts = [
      byLabel.length ? `${verdict.approvalLabel} set by ${byLabel.join(', ')}` : '',
      byComment.length ? `/approve by ${byComment.join(', ')}` : '',
    ].filter(Boolean);
    const count = byLabel.length + byComment.length;
    const counted = verdict.approvals.length ? `; ${verdict.approvals.length} of ${verdict.needed} approvals` : '';
    return `${parts.join(' and ')}, who ${count === 1 ? 'is not an approver' : 'are not approvers'}${counted}`;
  }
  const counted = verdict.approvals.length ? ` (${verdict.approvals.map((a) => `@${a.login}`).join(', ')})` : '';
  return `Pending: ${verdict.approvals.length} of ${verdict.needed} approval${verdict.needed === 1 ? '' : 's'}${counted}`;
}

/** `2026-12-03 14:05` in the zone; the text as given when it is not a time or the zone is unknown. */
function when(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  } catch {
    return iso;
  }
}

// Reading a status that crossed a process boundary (the extension host → the server) ------------

const MAX_LIST = 100;

/** A status as sent over the wire, or undefined when it is not one; texts are kept as data. */
export function changeStatusFrom(value: unknown): ChangeStatus | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const ticket = text(v.ticket);
  if (!ticket || (v.state !== 'open' && v.state !== 'closed')) return undefined;
  const verdict = verdictFrom(v.verdict);
  return {
    ticket,
    url: text(v.url) ?? '',
    title: text(v.title) ?? '',
    state: v.state,
    stateReason: text(v.stateReason) ?? null,
    cab: v.cab === 'approved' || v.cab === 'rejected' ? v.cab : 'pending',
    cabLabel: text(v.cabLabel) ?? null,
    assignees: texts(v.assignees),
    labels: texts(v.labels),
    fetchedAt: typeof v.fetchedAt === 'number' && Number.isFinite(v.fetchedAt) ? v.fetchedAt : Date.now(),
    ...(verdict ? { verdict } : {}),
  };
}

function verdictFrom(value: unknown): ApprovalVerdict | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.approved !== 'boolean' || typeof v.reapprovalNeeded !== 'boolean') return undefined;
  const how = (x: unknown): 'label' | 'comment' => (x === 'comment' ? 'comment' : 'label');
  const records = (x: unknown) =>
    (Array.isArray(x) ? x.slice(0, MAX_LIST) : []).filter(
      (r): r is Record<string, unknown> => !!r && typeof r === 'object' && !!text((r as { login?: unknown }).login),
    );
  return {
    approved: v.approved,
    reapprovalNeeded: v.reapprovalNeeded,
    approvals: records(v.approvals).map((r) => ({ login: text(r.login)!, at: text(r.at) ?? '', how: how(r.how) })),
    needed: typeof v.needed === 'number' && Number.isFinite(v.needed) ? v.needed : 1,
    notCounted: records(v.notCounted).map((r) => ({ login: text(r.login)!, how: how(r.how) })),
    ignored: texts(v.ignored),
    approvalLabel: text(v.approvalLabel) ?? DEFAULT_CAB_LABELS.approved,
    ...(text(v.withdrawnAt) ? { withdrawnAt: text(v.withdrawnAt) } : {}),
    ...(text(v.withdrawnBecause) ? { withdrawnBecause: text(v.withdrawnBecause) } : {}),
    summary: text(v.summary) ?? '',
  };
}

function text(x: unknown): string | undefined {
  return typeof x === 'string' ? x.slice(0, 1000) : undefined;
}

function texts(x: unknown): string[] {
  return Array.isArray(x) ? x.slice(0, MAX_LIST).filter((s): s is string => typeof s === 'string') : [];
}
