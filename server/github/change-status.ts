// Where a change request stands on GitHub: the issue's state, the board's verdict (read from
// configurable labels) and who is assigned. Read-only; shown in code lens, hover and calendar.
import type { ClientContext } from './github-client';
import { describeGitHubError, GitHubFailure, Surface } from './github-errors';
import { formatTicket, TicketRef } from './repository';

export interface CabLabels {
  approved: string;
  rejected: string;
}

export const DEFAULT_CAB_LABELS: CabLabels = { approved: 'cab:approved', rejected: 'cab:rejected' };

export type CabDecision = 'approved' | 'rejected' | 'pending';

export interface ChangeStatus {
  ticket: string;
  url: string;
  title: string;
  state: 'open' | 'closed';
  /** completed, not_planned, reopened or null, as GitHub reports it. */
  stateReason: string | null;
  cab: CabDecision;
  labels: string[];
  assignees: string[];
  updatedAt: string;
  /** When we asked (epoch ms). */
  fetchedAt: number;
}

export type ChangeStatusResult =
  { ok: true; status: ChangeStatus } | { ok: false; ticket: string; failure: GitHubFailure };

/** A rejection label wins over an approval label: a board that rejected has the last word. */
export function cabDecision(labels: string[], cab: CabLabels = DEFAULT_CAB_LABELS): CabDecision {
  const lower = new Set(labels.map((l) => l.toLowerCase()));
  if (lower.has(cab.rejected.toLowerCase())) return 'rejected';
  if (lower.has(cab.approved.toLowerCase())) return 'approved';
  return 'pending';
}

export async function fetchChangeStatus(
  ctx: ClientContext,
  ticket: TicketRef,
  cab: CabLabels = DEFAULT_CAB_LABELS,
): Promise<ChangeStatus> {
  const { data } = await ctx.client.rest.issues.get({
    owner: ticket.owner,
    repo: ticket.repo,
    issue_number: ticket.number,
  });
  const labels = (data.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
  return {
    ticket: formatTicket(ticket),
    url: data.html_url,
    title: data.title,
    state: data.state === 'closed' ? 'closed' : 'open',
    stateReason: (data.state_reason as string | null | undefined) ?? null,
    cab: cabDecision(labels, cab),
    labels,
    assignees: (data.assignees ?? []).map((a) => a.login),
    updatedAt: data.updated_at,
    fetchedAt: Date.now(),
  };
}

/** Statuses of many tickets, a few requests at a time; one failure does not stop the others. */
export async function fetchChangeStatuses(
  ctx: ClientContext,
  tickets: TicketRef[],
  options: { cab?: CabLabels; surface?: Surface; concurrency?: number } = {},
): Promise<ChangeStatusResult[]> {
  const unique = [...new Map(tickets.map((t) => [formatTicket(t).toLowerCase(), t])).values()];
  const results: ChangeStatusResult[] = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const i = next++;
      const ticket = unique[i];
      try {
        results[i] = { ok: true, status: await fetchChangeStatus(ctx, ticket, options.cab) };
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
