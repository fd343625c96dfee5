// The five DORA software delivery metrics over the runbooks' recorded outcomes, as docs/runbook-dsl.md
// ("Release metrics") defines them. First the facts of each deployment (failed? emergency? its
// lead times and recovery), then the numbers of any set of deployments (a period, a service).
import type { ChangeRecord, OutcomeResult } from './change-records';

export type Deployment = ChangeRecord & { finishedAt: number; result: OutcomeResult };

export interface Recovery {
  /** When the failure was recognised. */
  from: number;
  /** When service was restored. */
  to: number;
  /** How: the rollback recorded as done, or the next successful deployment of the same service and environment. */
  by: 'rollback' | 'next-deployment';
  /** The runbook that restored it, for `next-deployment`. */
  next?: string;
}

export interface DeploymentFacts {
  deployment: Deployment;
  /** Rolled back or failed: the change needed immediate intervention. */
  failed: boolean;
  /** An emergency change: unplanned work. */
  emergency: boolean;
  /** From `change.submitted` to the finish, for a successful deployment. */
  leadTimeMs?: number;
  /** From the oldest commit of `change.commits` to the finish, for a successful deployment. */
  commitLeadTimeMs?: number;
  /** For a failed deployment: its recovery, or 'open' while none is recorded. */
  recovery?: Recovery | 'open';
}

/** Oldest commit time (epoch ms) of each runbook id whose `change.commits` could be read from git. */
export type OldestCommits = ReadonlyMap<string, number>;

export function isFailure(result: OutcomeResult): boolean {
  return result === 'rolled-back' || result === 'failed';
}

/**
 * The facts of every deployment. Recovery looks at all deployments, not only those of the set a
 * number is computed for: the deployment that restores a service may fall in the next period.
 */
export function deploymentFacts(
  deployments: Deployment[],
  oldestCommits: OldestCommits = new Map(),
  problems: string[] = [],
): DeploymentFacts[] {
  const successes = deployments.filter((d) => d.result === 'success').sort((a, b) => a.finishedAt - b.finishedAt);
  return deployments.map((deployment) => {
    const failed = isFailure(deployment.result);
    const facts: DeploymentFacts = { deployment, failed, emergency: deployment.type === 'emergency' };
    if (deployment.result === 'success') {
      facts.leadTimeMs = span(
        deployment.submittedAt,
        deployment.finishedAt,
        deployment.id,
        'change.submitted',
        problems,
      );
      facts.commitLeadTimeMs = span(
        oldestCommits.get(deployment.id),
        deployment.finishedAt,
        deployment.id,
        'the oldest commit of change.commits',
        problems,
      );
    }
    if (failed) facts.recovery = recoveryOf(deployment, successes);
    return facts;
  });
}

function span(from: number | undefined, to: number, id: string, what: string, problems: string[]): number | undefined {
  if (from === undefined) return undefined;
  if (from > to) {
    problems.push(`${id}: ${what} is after the deployment finished, so its lead time was not counted`);
    return undefined;
  }
  return to - from;
}

function recoveryOf(failure: Deployment, successes: Deployment[]): Recovery | 'open' {
  const from = failure.failedAt ?? failure.finishedAt;
  if (failure.rollbackDoneAt !== undefined && failure.rollbackDoneAt >= from) {
    return { from, to: failure.rollbackDoneAt, by: 'rollback' };
  }
  // Without a service there is nothing to match a later deployment against.
  if (!failure.service || !failure.environment) return 'open';
  const next = successes.find(
    (s) =>
      s.finishedAt > from &&
      s.id !== failure.id &&
      s.service === failure.service &&
      s.environment === failure.environment,
  );
  return next ? { from, to: next.finishedAt, by: 'next-deployment', next: next.id } : 'open';
}

export interface DurationStat {
  /** How many deployments the median is taken over. */
  count: number;
  medianMs: number | null;
}

export interface Metrics {
  deployments: number;
  successes: number;
  rolledBack: number;
  failed: number;
  emergency: number;
  /** Deployments per week over the span asked about; null for an empty span. */
  deploymentsPerWeek: number | null;
  /** (rolled back + failed) / deployments; null without deployments. */
  changeFailRate: number | null;
  /** Emergency changes / deployments; null without deployments. */
  reworkRate: number | null;
  leadTime: DurationStat;
  commitLeadTime: DurationStat;
  recoveryTime: DurationStat & { open: number };
}

const WEEK_MS = 7 * 86_400_000;

/** The metrics of a set of deployments, over a span of `spanMs` milliseconds. */
export function metricsOf(facts: DeploymentFacts[], spanMs: number): Metrics {
  const n = facts.length;
  const count = (test: (f: DeploymentFacts) => boolean) => facts.reduce((k, f) => k + (test(f) ? 1 : 0), 0);
  const failures = count((f) => f.failed);
  const emergency = count((f) => f.emergency);
  const recoveries = facts.map((f) => f.recovery).filter((r): r is Recovery => !!r && r !== 'open');
  return {
    deployments: n,
    successes: count((f) => f.deployment.result === 'success'),
    rolledBack: count((f) => f.deployment.result === 'rolled-back'),
    failed: count((f) => f.deployment.result === 'failed'),
    emergency,
    deploymentsPerWeek: spanMs > 0 ? n / (spanMs / WEEK_MS) : null,
    changeFailRate: n ? failures / n : null,
    reworkRate: n ? emergency / n : null,
    leadTime: stat(facts.map((f) => f.leadTimeMs)),
    commitLeadTime: stat(facts.map((f) => f.commitLeadTimeMs)),
    recoveryTime: { ...stat(recoveries.map((r) => r.to - r.from)), open: count((f) => f.recovery === 'open') },
  };
}

function stat(values: (number | undefined)[]): DurationStat {
  const known = values.filter((v): v is number => v !== undefined);
  return { count: known.length, medianMs: median(known) };
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
