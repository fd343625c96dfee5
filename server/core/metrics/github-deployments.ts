// GitHub's deployment records (a deploy job with `environment:` creates a deployment and posts
// statuses) as a second source for the delivery metrics: each finished deployment becomes a
// change record, so the figures are computed by the same code as the runbook-recorded ones
// (compute-metrics.ts). A deployment is correlated with the runbook of the same environment and
// service whose window holds the deployment's creation, and takes that runbook's team and type;
// its service and environment come from the service rules (deployment-services.ts).
import type { ChangeRecord } from './change-records';
import { DeploymentServiceRule, serviceOf } from './deployment-services';

export type GitHubDeploymentState = 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';

export interface GitHubDeployment {
  id: number;
  environment: string;
  ref: string;
  sha: string;
  task?: string;
  /** The deployment's payload when it is an object (rules may match its top-level keys). */
  payload?: Record<string, unknown>;
  /** Epoch ms. */
  createdAt: number;
  production: boolean;
  /** Oldest first. */
  statuses: { state: GitHubDeploymentState; at: number }[];
}

export interface DeploymentSourceOptions {
  /** The service a deployment no rule matches releases (a repository that deploys one service). */
  service: string;
  /** The calendar's zone, for the records' instants. */
  zone: string;
  /** Which deployments release which service, first match wins (deployment-services.ts). */
  services?: DeploymentServiceRule[];
}

/** How a deployment ended: its last success, failure or error status; undefined while none. */
export function deploymentResult(d: GitHubDeployment): { result: 'success' | 'failed'; at: number } | undefined {
  for (let i = d.statuses.length - 1; i >= 0; i--) {
    const s = d.statuses[i];
    if (s.state === 'success') return { result: 'success', at: s.at };
    if (s.state === 'failure' || s.state === 'error') return { result: 'failed', at: s.at };
  }
  return undefined;
}

/** Change records for the deployments, correlated with `runbooks` (change records of the workspace). */
export function deploymentChangeRecords(
  deployments: GitHubDeployment[],
  runbooks: ChangeRecord[],
  options: DeploymentSourceOptions,
): ChangeRecord[] {
  return deployments.map((d) => {
    const { service, environment } = serviceOf(d, options.services ?? [], options.service);
    const runbook = runbooks.find(
      (r) =>
        r.environment === environment &&
        r.service === service &&
        r.window &&
        r.window.start <= d.createdAt &&
        d.createdAt < r.window.end,
    );
    const end = deploymentResult(d);
    return {
      id: `deployment ${d.id}`,
      title: `${d.ref} (${d.sha.slice(0, 7)})${runbook ? `, runbook ${runbook.id}` : ''}`,
      uri: runbook?.uri ?? '',
      service,
      team: runbook?.team,
      environment,
      production: d.production,
      type: runbook?.type,
      ticket: runbook?.ticket,
      zone: options.zone,
      window: runbook?.window,
      result: end?.result,
      finishedAt: end?.at,
      finishedFromWindow: false,
      failedAt: end?.result === 'failed' ? end.at : undefined,
    };
  });
}

/** Deployments that no runbook's window holds, for the report's problems list. */
export function uncorrelated(records: ChangeRecord[]): string[] {
  return records
    .filter((r) => r.result && !r.window)
    .map((r) => `${r.id} to ${r.environment}: no runbook of service ${r.service} has a window holding it`);
}
