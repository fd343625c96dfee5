// Deployments and their statuses for the GitHub stand-in (`GET /repos/{owner}/{repo}/deployments`
// and `.../deployments/{deployment_id}/statuses`), as `runbook metrics --source github` reads
// them. Kept apart from stand-in.ts, which plugs it in like the compare routes:
//   openapi.ts    SERVED_PATHS: [..., ...DEPLOYMENT_PATHS]
//   stand-in.ts   readonly deployments = new DeploymentRoutes(); dispatch() default case; reset()
// Lists carry an ETag like every GET answer of the stand-in (stand-in.ts answers a matching
// If-None-Match with 304, as GitHub does; a conditional request does not count against its limit).
// Tests seed with `standIn.deployments.seed('acme/api', [{ environment, createdAt, statuses }])`.
import { createHash } from 'node:crypto';
import type { Urls } from './github-objects';
import { errorJson, userJson } from './github-objects';

export const DEPLOYMENT_PATHS = [
  '/repos/{owner}/{repo}/deployments',
  '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
];
export const DEPLOYMENT_OPERATIONS = ['repos/list-deployments', 'repos/list-deployment-statuses'] as const;

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface SeededDeployment {
  environment: string;
  /** ISO instant (Z). */
  createdAt: string;
  ref?: string;
  sha?: string;
  task?: string;
  payload?: Record<string, unknown>;
  /** Oldest first, as they were posted. */
  statuses?: { state: DeploymentState; createdAt: string; description?: string }[];
}

interface StoredDeployment extends Required<Omit<SeededDeployment, 'statuses'>> {
  id: number;
  statuses: { id: number; state: DeploymentState; createdAt: string; description: string }[];
}

export interface DeploymentAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface DeploymentRequest {
  fullName: string;
  params: Record<string, string>;
  query: Record<string, string>;
  urls: Urls;
  docs: string;
  page: (items: unknown[], path: string) => DeploymentAnswer;
}

let nextDeploymentId = 7_000_000;

export class DeploymentRoutes {
  private readonly byRepo = new Map<string, StoredDeployment[]>();

  /** Adds deployments (any order); returns their ids. */
  seed(fullName: string, deployments: SeededDeployment[]): number[] {
    const list = this.byRepo.get(fullName.toLowerCase()) ?? [];
    const ids: number[] = [];
    for (const d of deployments) {
      const id = nextDeploymentId++;
      ids.push(id);
      list.push({
        id,
        environment: d.environment,
        createdAt: d.createdAt,
        ref: d.ref ?? 'main',
        sha: d.sha ?? createHash('sha1').update(`${fullName}:${id}`).digest('hex'),
        task: d.task ?? 'deploy',
        payload: d.payload ?? {},
        statuses: (d.statuses ?? []).map((s) => ({
          id: nextDeploymentId++,
          state: s.state,
          createdAt: s.createdAt,
          description: s.description ?? '',
        })),
      });
    }
    this.byRepo.set(fullName.toLowerCase(), list);
    return ids;
  }

  /** Posts a status on a deployment, as a workflow run does when it ends. */
  addStatus(fullName: string, id: number, state: DeploymentState, createdAt: string): void {
    const d = (this.byRepo.get(fullName.toLowerCase()) ?? []).find((x) => x.id === id);
    if (!d) throw new Error(`stand-in: no deployment ${id} in ${fullName}`);
    d.statuses.push({ id: nextDeploymentId++, state, createdAt, description: '' });
  }

  reset(): void {
    this.byRepo.clear();
  }

  dispatch(operationId: string, request: DeploymentRequest): DeploymentAnswer | undefined {
    if (!(DEPLOYMENT_OPERATIONS as readonly string[]).includes(operationId)) return undefined;
    const { fullName, params, query, urls, docs } = request;
    const list = this.byRepo.get(fullName.toLowerCase()) ?? [];
    let answer: DeploymentAnswer;
    if (operationId === 'repos/list-deployments') {
      // Newest first, as GitHub lists them.
      const wanted = list
        .filter(
          (d) =>
            (!query.environment || d.environment === query.environment) &&
            (!query.ref || d.ref === query.ref) &&
            (!query.sha || d.sha === query.sha) &&
            (!query.task || d.task === query.task),
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
      answer = request.page(
        wanted.map((d) => deploymentJson(urls, fullName, d)),
        `/repos/${fullName}/deployments`,
      );
    } else {
      const d = list.find((x) => x.id === Number(params.deployment_id));
      if (!d) return { status: 404, body: errorJson(404, 'Not Found', docs) };
      const statuses = [...d.statuses].reverse().map((s) => statusJson(urls, fullName, d, s));
      answer = request.page(statuses, `/repos/${fullName}/deployments/${d.id}/statuses`);
    }
    return answer;
  }
}

function deploymentJson(urls: Urls, fullName: string, d: StoredDeployment): Record<string, unknown> {
  const api = `${urls.api}/repos/${fullName}`;
  const updated = d.statuses.length ? d.statuses[d.statuses.length - 1].createdAt : d.createdAt;
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${Buffer.from(String(d.id)).toString('base64url')}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: null,
    creator: userJson(urls, 'github-actions'),
    created_at: d.createdAt,
    updated_at: updated,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: false,
    production_environment: d.environment === 'production',
  };
}

function statusJson(
  urls: Urls,
  fullName: string,
  d: StoredDeployment,
  s: StoredDeployment['statuses'][number],
): Record<string, unknown> {
  const api = `${urls.api}/repos/${fullName}`;
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${Buffer.from(String(s.id)).toString('base64url')}`,
    state: s.state,
    creator: userJson(urls, 'github-actions'),
    description: s.description,
    environment: d.environment,
    target_url: `${urls.web}/${fullName}/actions/runs/${d.id}`,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    environment_url: `https://${d.environment}.example.invalid`,
    log_url: `${urls.web}/${fullName}/actions/runs/${d.id}`,
  };
}
