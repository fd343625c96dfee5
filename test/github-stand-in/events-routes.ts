// Issue label events and team memberships for the GitHub stand-in, as the board's verdict reads
// them (who added or removed the approval label, and when; whether an actor is in a board team).
// stand-in.ts records an event whenever a request changes an issue's labels, with the token's
// login as the actor; tests add labels as a given person with `standIn.labelAs(...)` and seed
// teams with `standIn.events.addTeamMembers('acme', 'release-board', ['carol'])`.
import type { Urls } from './github-objects';
import { errorJson, nowIso, userJson } from './github-objects';

export const EVENT_PATHS = [
  '/repos/{owner}/{repo}/issues/{issue_number}/events',
  '/orgs/{org}/teams/{team_slug}/memberships/{username}',
];

export interface StoredEvent {
  id: number;
  issueNumber: number;
  kind: 'labeled' | 'unlabeled';
  label: string;
  actor: string;
  createdAt: string;
}

interface EventAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

let nextEventId = 7_000_000;

export class EventRoutes {
  private readonly byRepo = new Map<string, StoredEvent[]>();
  private readonly teams = new Map<string, Set<string>>();

  events(fullName = 'acme/releases', issueNumber?: number): StoredEvent[] {
    const all = this.byRepo.get(fullName.toLowerCase()) ?? [];
    return issueNumber === undefined ? all : all.filter((e) => e.issueNumber === issueNumber);
  }

  record(
    fullName: string,
    issueNumber: number,
    kind: StoredEvent['kind'],
    label: string,
    actor: string,
    createdAt = nowIso(),
  ): void {
    const key = fullName.toLowerCase();
    const list = this.byRepo.get(key) ?? [];
    list.push({ id: nextEventId++, issueNumber, kind, label, actor, createdAt });
    this.byRepo.set(key, list);
  }

  addTeamMembers(org: string, slug: string, logins: string[]): void {
    const key = `${org}/${slug}`.toLowerCase();
    const members = this.teams.get(key) ?? new Set<string>();
    for (const login of logins) members.add(login.toLowerCase());
    this.teams.set(key, members);
  }

  reset(): void {
    this.byRepo.clear();
    this.teams.clear();
  }

  /** GET team membership: answered before any repository lookup (the path has none). */
  dispatchTeams(
    operationId: string,
    params: Record<string, string>,
    urls: Urls,
    docs: string,
  ): EventAnswer | undefined {
    if (operationId !== 'teams/get-membership-for-user-in-org') return undefined;
    const members = this.teams.get(`${params.org}/${params.team_slug}`.toLowerCase());
    if (!members?.has(params.username.toLowerCase())) return { status: 404, body: errorJson(404, 'Not Found', docs) };
    return {
      status: 200,
      body: {
        url: `${urls.api}/orgs/${params.org}/teams/${params.team_slug}/memberships/${params.username}`,
        role: 'member',
        state: 'active',
      },
    };
  }

  dispatch(
    operationId: string,
    ctx: {
      fullName: string;
      params: Record<string, string>;
      urls: Urls;
      page: (items: unknown[], path: string) => EventAnswer;
    },
  ): EventAnswer | undefined {
    if (operationId !== 'issues/list-events') return undefined;
    const number = Number(ctx.params.issue_number);
    const items = this.events(ctx.fullName, number).map((e) => ({
      id: e.id,
      node_id: `LE_${e.id}`,
      url: `${ctx.urls.api}/repos/${ctx.fullName}/issues/events/${e.id}`,
      actor: userJson(ctx.urls, e.actor),
      event: e.kind,
      commit_id: null,
      commit_url: null,
      created_at: e.createdAt,
      performed_via_github_app: null,
      label: { name: e.label, color: 'ededed' },
    }));
    return ctx.page(items, `/repos/${ctx.fullName}/issues/${number}/events`);
  }
}
