// Reads what the board's verdict needs from GitHub: the issue's label events (with actor and
// time), its comments, and, for the actors only, membership of the board's teams. Paginated;
// a 404 for a membership means "not a member". The verdict itself is pure (approval-verdict.ts).
import type { ApprovalBoard } from '../core/change-request/approval-board';
import { approvalVerdict, ApprovalVerdict, IssueComment, LabelEvent } from '../core/change-request/approval-verdict';
import type { ClientContext } from './github-client';
import type { TicketRef } from './repository';

export async function fetchApprovalVerdict(
  ctx: ClientContext,
  ticket: TicketRef,
  board: ApprovalBoard,
  needed: number,
  approvalLabel: string,
): Promise<ApprovalVerdict> {
  const issue = { owner: ticket.owner, repo: ticket.repo, issue_number: ticket.number, per_page: 100 };
  const rawEvents = await ctx.client.paginate(ctx.client.rest.issues.listEvents, issue);
  const events: LabelEvent[] = [];
  for (const e of rawEvents) {
    const label = (e as { label?: { name?: string } }).label?.name;
    if ((e.event === 'labeled' || e.event === 'unlabeled') && label && e.actor?.login)
      events.push({ kind: e.event, label, actor: e.actor.login, at: e.created_at });
  }
  const rawComments = await ctx.client.paginate(ctx.client.rest.issues.listComments, issue);
  const comments: IssueComment[] = rawComments.map((c) => ({
    author: c.user?.login ?? '',
    body: c.body ?? '',
    at: c.created_at,
  }));

  // Team membership is asked only for people who acted, and only when the board names teams.
  const users = new Set(board.users);
  const actors = new Set(
    [...events.map((e) => e.actor), ...comments.map((c) => c.author)]
      .map((l) => l.toLowerCase())
      .filter((l) => l && !users.has(l)),
  );
  const members = new Set<string>();
  for (const login of board.teams.length ? actors : []) {
    for (const team of board.teams) {
      if (await isActiveMember(ctx, team, login)) {
        members.add(login);
        break;
      }
    }
  }
  return approvalVerdict({
    board,
    needed,
    approvalLabel,
    events,
    comments,
    isTeamMember: (login) => members.has(login),
  });
}

async function isActiveMember(
  ctx: ClientContext,
  team: { org: string; slug: string },
  username: string,
): Promise<boolean> {
  try {
    const { data } = await ctx.client.rest.teams.getMembershipForUserInOrg({
      org: team.org,
      team_slug: team.slug,
      username,
    });
    return data.state === 'active';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
