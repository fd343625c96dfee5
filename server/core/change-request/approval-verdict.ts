// Whether a change request is approved by the board, read from what happened on the issue (who
// added the approval label, who commented `/approve`, and when), never from the label alone.
// Pure: the GitHub side (server/github/approvals.ts) reads the events, comments and team
// memberships and hands them over.
import type { ApprovalBoard } from './approval-board';
import { MATERIAL_FIELD_NAMES } from './material-fingerprint';

/** A label event of the issue, as GitHub's issue events list it. */
export interface LabelEvent {
  kind: 'labeled' | 'unlabeled';
  label: string;
  actor: string;
  at: string;
}

/** A comment of the issue. */
export interface IssueComment {
  author: string;
  body: string;
  at: string;
}

/** The first line of the comment the submission posts when it withdraws approval. */
export const WITHDRAWAL_HEADING = '**Approval withdrawn**';

export interface Approval {
  login: string;
  at: string;
  how: 'label' | 'comment';
}

export interface ApprovalVerdict {
  approved: boolean;
  /** Distinct approvers whose approval counts, in the order they approved. */
  approvals: Approval[];
  needed: number;
  /** Approvals that did not count, and why ("@mallory is not an approver"). */
  ignored: string[];
  /** Who gave an approval that did not count (not an approver), and how. */
  notCounted: { login: string; how: Approval['how'] }[];
  /** The approval label the verdict read, as configured. */
  approvalLabel: string;
  /** When approvals were last withdrawn (a material change, or the label removed), if ever. */
  withdrawnAt?: string;
  /** Why: "window changed", "window and risk changed", "the approval label was removed". */
  withdrawnBecause?: string;
  /** True when approvals had counted and were withdrawn, and not enough were given since. */
  reapprovalNeeded: boolean;
  /** One line for people: "approved by @alice at …", "1 of 2 approvals (@alice); …". */
  summary: string;
}

export interface VerdictInput {
  board: ApprovalBoard;
  needed: number;
  approvalLabel: string;
  events: LabelEvent[];
  comments: IssueComment[];
  /** Whether a login belongs to one of the board's teams (memberships read by the caller). */
  isTeamMember: (login: string) => boolean;
}

const APPROVE_COMMENT = /^\/approve\s*$/i;

export function approvalVerdict(input: VerdictInput): ApprovalVerdict {
  const label = input.approvalLabel.toLowerCase();
  const users = new Set(input.board.users.map((u) => u.toLowerCase()));
  const isApprover = (login: string) => users.has(login.toLowerCase()) || input.isTeamMember(login.toLowerCase());
  type Happening = { at: string; order: number } & (
    { type: 'approve'; login: string; how: Approval['how'] } | { type: 'withdraw'; because: string }
  );
  const happenings: Happening[] = [];
  let order = 0;
  for (const e of input.events) {
    if (e.label.toLowerCase() !== label) continue;
    if (e.kind === 'labeled')
      happenings.push({ at: e.at, order: order++, type: 'approve', login: e.actor, how: 'label' });
    else happenings.push({ at: e.at, order: order++, type: 'withdraw', because: 'the approval label was removed' });
  }
  for (const c of input.comments) {
    const firstLine = c.body.trim().split(/\r?\n/)[0].trim();
    if (APPROVE_COMMENT.test(firstLine))
      happenings.push({ at: c.at, order: order++, type: 'approve', login: c.author, how: 'comment' });
    // Anyone may withdraw: a false withdrawal only asks for approval again.
    else if (firstLine.startsWith(WITHDRAWAL_HEADING))
      happenings.push({ at: c.at, order: order++, type: 'withdraw', because: withdrawalReason(firstLine) });
  }
  // GitHub's times are whole seconds: within one second a withdrawal is taken as the later
  // event, so a tie never keeps an approval that may predate the change.
  const rank = (h: Happening) => (h.type === 'withdraw' ? 1 : 0);
  happenings.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b) || a.order - b.order);

  let approvals: Approval[] = [];
  let ignored = new Map<string, string>();
  let notCounted = new Map<string, { login: string; how: Approval['how'] }>();
  let withdrawnAt: string | undefined;
  let withdrawnBecause: string | undefined;
  let hadApprovals = false;
  for (const h of happenings) {
    if (h.type === 'withdraw') {
      if (approvals.length) hadApprovals = true;
      approvals = [];
      ignored = new Map();
      notCounted = new Map();
      withdrawnAt = h.at;
      withdrawnBecause = h.because;
      continue;
    }
    const login = h.login.toLowerCase();
    if (!isApprover(login)) {
      ignored.set(login, `@${h.login} is not an approver`);
      notCounted.set(login, { login: h.login, how: h.how });
    } else if (!approvals.some((a) => a.login.toLowerCase() === login)) {
      approvals.push({ login: h.login, at: h.at, how: h.how });
    }
  }
  const approved = approvals.length >= input.needed;
  const reapprovalNeeded = !approved && hadApprovals;
  const who = approvals.map((a) => `@${a.login}`).join(', ');
  let summary: string;
  if (approved) summary = `approved by ${who} (last at ${approvals[approvals.length - 1].at})`;
  else if (reapprovalNeeded)
    summary = `re-approval needed: approvals were withdrawn at ${withdrawnAt}${approvals.length ? `; ${approvals.length} of ${input.needed} since (${who})` : ''}`;
  else
    summary = `${approvals.length} of ${input.needed} approval${input.needed === 1 ? '' : 's'}${approvals.length ? ` (${who})` : ''}`;
  if (ignored.size) summary += `; not counted: ${[...ignored.values()].join(', ')}`;
  return {
    approved,
    approvals,
    needed: input.needed,
    ignored: [...ignored.values()],
    notCounted: [...notCounted.values()],
    approvalLabel: input.approvalLabel,
    ...(withdrawnAt ? { withdrawnAt } : {}),
    ...(withdrawnBecause ? { withdrawnBecause } : {}),
    reapprovalNeeded,
    summary,
  };
}

/**
 * Why a withdrawal comment withdrew: the material fields it names ("**Approval withdrawn**: the
 * window and the risk changed …" → "window and risk changed"). Anyone may write such a comment,
 * so only the known field names are taken from it, never its free text.
 */
function withdrawalReason(firstLine: string): string {
  const named = /^\*\*Approval withdrawn\*\*:\s*(.{1,200}?)\s+changed\b/.exec(firstLine)?.[1] ?? '';
  const known = new Set<string>(Object.values(MATERIAL_FIELD_NAMES));
  const fields = named
    .split(/\s*,\s*|\s+and\s+/)
    .map((part) =>
      part
        .trim()
        .replace(/^the\s+/i, '')
        .toLowerCase(),
    )
    .filter((part) => known.has(part));
  if (!fields.length) return 'the change request changed materially';
  const list = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
  return `${list} changed`;
}
