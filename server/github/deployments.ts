// Reads a repository's deployments and their statuses (REST, paginated), for
// `runbook metrics --source github`. Every list is asked with If-None-Match when an earlier answer
// is cached: an unchanged list comes back as a 304 without a body (and, on GitHub, without
// counting against the rate limit), and the cached page is used.
import type { GitHubDeployment, GitHubDeploymentState } from '../core/metrics/github-deployments';
import type { ClientContext } from './github-client';
import type { RepoRef } from './repository';

/** Pages kept by URL; pass the same cache to a refresh. */
export type ConditionalCache = Map<string, { etag: string; data: unknown[]; next?: string }>;

/** The most pages read of one list: a repository with more deployments is cut short and said so. */
export const MAX_PAGES = 50;

export interface DeploymentsResult {
  deployments: GitHubDeployment[];
  /** Requests answered 304 from the cache. */
  notModified: number;
  requests: number;
  problems: string[];
}

export async function fetchDeployments(
  ctx: ClientContext,
  repo: RepoRef,
  options: { since?: number; cache?: ConditionalCache; environment?: string } = {},
): Promise<DeploymentsResult> {
  const cache = options.cache ?? new Map();
  const result: DeploymentsResult = { deployments: [], notModified: 0, requests: 0, problems: [] };
  const base = `/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}`;
  const query = new URLSearchParams({
    per_page: '100',
    ...(options.environment ? { environment: options.environment } : {}),
  });
  const listed = await readList(
    `${base}/deployments?${query}`,
    (page) =>
      // Newest first: a page that ends before `since` is the last one needed.
      options.since !== undefined &&
      page.length > 0 &&
      Date.parse(String((page[page.length - 1] as { created_at?: string }).created_at)) < options.since,
  );
  for (const raw of listed) {
    const d = raw as {
      id?: unknown;
      environment?: unknown;
      ref?: unknown;
      sha?: unknown;
      task?: unknown;
      payload?: unknown;
      created_at?: unknown;
      production_environment?: unknown;
    };
    const createdAt = Date.parse(String(d.created_at));
    if (typeof d.id !== 'number' || typeof d.environment !== 'string' || !Number.isFinite(createdAt)) {
      result.problems.push(`a deployment GitHub listed is not readable (id ${String(d.id)}); left out`);
      continue;
    }
    if (options.since !== undefined && createdAt < options.since) continue;
    const statuses = await readList(`${base}/deployments/${d.id}/statuses?per_page=100`, () => false);
    result.deployments.push({
      id: d.id,
      environment: d.environment,
      ref: String(d.ref ?? ''),
      sha: String(d.sha ?? ''),
      task: typeof d.task === 'string' ? d.task : undefined,
      payload: payloadObject(d.payload),
      createdAt,
      production: d.production_environment === true,
      statuses: statuses
        .map((s) => s as { state?: unknown; created_at?: unknown })
        .map((s) => ({ state: String(s.state) as GitHubDeploymentState, at: Date.parse(String(s.created_at)) }))
        .filter((s) => Number.isFinite(s.at))
        .sort((a, b) => a.at - b.at),
    });
  }
  return result;

  async function readList(first: string, lastPage: (page: unknown[]) => boolean): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: string | undefined = first;
    for (let n = 0; url; n++) {
      if (n === MAX_PAGES) {
        result.problems.push(
          `${first.split('?')[0]}: more than ${MAX_PAGES} pages; the oldest were not read (narrow the range with --from)`,
        );
        break;
      }
      const page = await readPage(url);
      items.push(...page.data);
      url = lastPage(page.data) ? undefined : page.next;
    }
    return items;
  }

  async function readPage(url: string): Promise<{ data: unknown[]; next?: string }> {
    const cached = cache.get(url);
    result.requests++;
    try {
      const response = await ctx.client.request(`GET ${url}`, {
        headers: cached ? { 'if-none-match': cached.etag } : {},
      });
      if (!Array.isArray(response.data))
        throw Object.assign(new Error(`GitHub's answer to GET ${url.split('?')[0]} is not a list`), {
          name: 'InvalidAnswer',
        });
      const next = nextLink(String(response.headers.link ?? ''));
      const etag = response.headers.etag;
      if (etag) cache.set(url, { etag, data: response.data, next });
      return { data: response.data, next };
    } catch (error) {
      if ((error as { status?: number }).status === 304 && cached) {
        result.notModified++;
        return cached;
      }
      throw error;
    }
  }

  /** The rel="next" URL as a path relative to the API root (Octokit adds the root). */
  function nextLink(link: string): string | undefined {
    const m = /<([^>]+)>;\s*rel="next"/.exec(link);
    if (!m) return undefined;
    const url = new URL(m[1]);
    const root = new URL(ctx.apiUrl).pathname.replace(/\/+$/, '');
    const path = url.pathname.startsWith(root) ? url.pathname.slice(root.length) : url.pathname;
    return `${path}${url.search}`;
  }
}

/** GitHub gives the payload as an object, or as the JSON text it was created with: an object or nothing. */
function payloadObject(payload: unknown): Record<string, unknown> | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
