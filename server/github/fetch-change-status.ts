// Where a change request stands on GitHub: the issue's state, its labels, who is assigned and,
// when the calendar configures a board, the board's verdict from the issue's events
// (approvals.ts). Read-only; the one model (protocol/change-status.ts) is shown in the code lens,
// the hover, the calendar, the go/no-go gates and `runbook gate`.
import {
  BoardRequirement,
  CabLabels,
  cabDecision,
  cabLabelOf,
  ChangeStatus,
  DEFAULT_CAB_LABELS,
} from '../../protocol/change-status';
import { fetchApprovalVerdict } from './approvals';
import type { ClientContext } from './github-client';
import { describeGitHubError, GitHubFailure, Surface } from './github-errors';
import { formatTicket, TicketRef } from './repository';

export type ChangeStatusResult =
  { ok: true; status: ChangeStatus } | { ok: false; ticket: string; failure: GitHubFailure };

export async function fetchChangeStatus(
  ctx: ClientContext,
  ticket: TicketRef,
  cab: CabLabels = DEFAULT_CAB_LABELS,
  approval?: BoardRequirement,
): Promise<ChangeStatus> {
  const { data } = await ctx.client.rest.issues.get({
    owner: ticket.owner,
    repo: ticket.repo,
    issue_number: ticket.number,
  });
  const labels = (data.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
  const decision = cabDecision(labels, cab);
  // With a board, who added the label and when decides (read through the same conditional requests).
  const verdict = approval
    ? await fetchApprovalVerdict(ctx, ticket, approval.board, approval.needed, cab.approved)
    : undefined;
  return {
    ticket: formatTicket(ticket),
    url: data.html_url,
    title: data.title,
    state: data.state === 'closed' ? 'closed' : 'open',
    stateReason: (data.state_reason as string | null | undefined) ?? null,
    cab: decision,
    cabLabel: cabLabelOf(labels, decision, cab),
    labels,
    assignees: (data.assignees ?? []).map((a) => a.login),
    fetchedAt: Date.now(),
    ...(verdict ? { verdict } : {}),
  };
}

/** Statuses of many tickets, a few requests at a time; one failure does not stop the others. */
export async function fetchChangeStatuses(
  ctx: ClientContext,
  tickets: TicketRef[],
  options: {
    cab?: CabLabels;
    surface?: Surface;
    concurrency?: number;
    /** The board a ticket answers to; none: the label alone decides. */
    approvalFor?: (ticket: TicketRef) => BoardRequirement | undefined;
  } = {},
): Promise<ChangeStatusResult[]> {
  const unique = [...new Map(tickets.map((t) => [formatTicket(t).toLowerCase(), t])).values()];
  const results: ChangeStatusResult[] = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      const ticket = unique[i];
      try {
        results[i] = {
          ok: true,
          status: await fetchChangeStatus(ctx, ticket, options.cab, options.approvalFor?.(ticket)),
        };
      } catch (error) {
        const failure = describeGitHubError(error, {
          action: `read issue ${formatTicket(ticket)}`,
          repository: ticket,
          ticket,
          apiUrl: ctx.apiUrl,
          surface: options.surface ?? 'editor',
          secret: ctx.secret,
          timeoutMs: ctx.timeoutMs,
        });
        results[i] = { ok: false, ticket: formatTicket(ticket), failure };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, unique.length) }, worker));
  return results;
}
