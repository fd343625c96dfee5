// GitHub-shaped JSON for the stand-in's answers: users, labels, issues and error bodies, with
// every field GitHub's description marks as required (the stand-in validates its own answers).

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** A pull request: the issues API answers it with a `pull_request` key (release notes read its labels). */
  pullRequest?: boolean;
}

export interface Urls {
  /** http://127.0.0.1:PORT (API root, as the client called it, without /api/v3). */
  api: string;
  /** Where html_url points. */
  web: string;
}

let nextUserId = 1000;
const userIds = new Map<string, number>();

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function userJson(urls: Urls, login: string): Record<string, unknown> {
  if (!userIds.has(login)) userIds.set(login, nextUserId++);
  const id = userIds.get(login)!;
  const u = `${urls.api}/users/${login}`;
  return {
    login,
    id,
    node_id: `U_${Buffer.from(login).toString('base64url')}`,
    avatar_url: `${urls.web}/avatars/${login}`,
    gravatar_id: '',
    url: u,
    html_url: `${urls.web}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'User',
    site_admin: false,
    user_view_type: 'public',
  };
}

export function labelJson(urls: Urls, repo: string, label: StoredLabel): Record<string, unknown> {
  return {
    id: label.id,
    node_id: `LA_${label.id}`,
    url: `${urls.api}/repos/${repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  };
}

export function issueJson(
  urls: Urls,
  repo: string,
  issue: StoredIssue,
  labels: StoredLabel[],
  permission: string,
): Record<string, unknown> {
  const url = `${urls.api}/repos/${repo}/issues/${issue.number}`;
  return {
    id: issue.id,
    node_id: `I_${issue.id}`,
    url,
    repository_url: `${urls.api}/repos/${repo}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${urls.web}/${repo}/issues/${issue.number}`,
    timeline_url: `${url}/timeline`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(urls, issue.author),
    labels: issue.labels
      .map((name) => labels.find((l) => l.name.toLowerCase() === name.toLowerCase()))
      .filter(Boolean)
      .map((l) => labelJson(urls, repo, l!)),
    assignee: issue.assignees.length ? userJson(urls, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => userJson(urls, a)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: permission === 'read' ? 'NONE' : 'MEMBER',
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      confused: 0,
      heart: 0,
      hooray: 0,
      eyes: 0,
      rocket: 0,
    },
    ...(issue.pullRequest
      ? {
          pull_request: {
            url: `${urls.api}/repos/${repo}/pulls/${issue.number}`,
            html_url: `${urls.web}/${repo}/pull/${issue.number}`,
            diff_url: `${urls.web}/${repo}/pull/${issue.number}.diff`,
            patch_url: `${urls.web}/${repo}/pull/${issue.number}.patch`,
            merged_at: issue.closedAt,
          },
        }
      : {}),
  };
}

/** GitHub's error body: `{message, documentation_url, status}` and, for 422, `errors`. */
export function errorJson(
  status: number,
  message: string,
  documentationUrl: string,
  errors?: Record<string, unknown>[],
): Record<string, unknown> {
  return { message, documentation_url: documentationUrl, status: String(status), ...(errors ? { errors } : {}) };
}
