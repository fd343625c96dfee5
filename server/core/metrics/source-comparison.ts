// The runbook-recorded figures beside the ones GitHub's deployment records give, per environment,
// over one and the same range of dates: a rate compared across two ranges would mislead. Both sides
// are computed by computeMetrics, so each number means what the docs' "Release metrics" says.
import type { ChangeRecord } from './change-records';
import { computeMetrics, MetricsOptions } from './compute-metrics';
import type { Metrics } from './metric-definitions';

export interface ComparisonRow {
  environment: string;
  /** Null when that source has no deployment to this environment in the range. */
  runbooks: Metrics | null;
  github: Metrics | null;
}

export interface SourceComparison {
  /** The local dates both sides are counted over, inclusive; null when neither has a deployment. */
  from: string | null;
  to: string | null;
  rows: ComparisonRow[];
  total: { runbooks: Metrics; github: Metrics };
  /** What GitHub's side could not count (uncorrelated deployments, unreadable records, rules left out). */
  problems: string[];
}

/** Both sources per environment over the same range: the one asked for, else the union of both sides' ranges. */
export function compareSources(
  runbooks: ChangeRecord[],
  github: ChangeRecord[],
  options: Omit<MetricsOptions, 'group'> & { zone: string },
  githubProblems: string[] = [],
): SourceComparison {
  const run = (from: string | undefined, to: string | undefined) => ({
    runbooks: computeMetrics(runbooks, { ...options, from, to, group: 'environment', oldestCommits: undefined }),
    github: computeMetrics(
      github,
      { ...options, from, to, group: 'environment', oldestCommits: undefined },
      githubProblems,
    ),
  });
  let reports = run(options.from, options.to);
  const froms = [reports.runbooks.from, reports.github.from].filter((d): d is string => !!d).sort();
  const tos = [reports.runbooks.to, reports.github.to].filter((d): d is string => !!d).sort();
  const from = options.from ?? froms[0];
  const to = options.to ?? tos[tos.length - 1];
  if (
    from !== reports.runbooks.from ||
    to !== reports.runbooks.to ||
    from !== reports.github.from ||
    to !== reports.github.to
  )
    reports = run(from, to);
  const names = [...new Set([...reports.runbooks.groups, ...reports.github.groups].map((g) => g.name))].sort();
  const of = (groups: { name: string; metrics: Metrics }[], name: string) =>
    groups.find((g) => g.name === name)?.metrics ?? null;
  return {
    from: reports.github.from ?? reports.runbooks.from,
    to: reports.github.to ?? reports.runbooks.to,
    rows: names.map((environment) => ({
      environment,
      runbooks: of(reports.runbooks.groups, environment),
      github: of(reports.github.groups, environment),
    })),
    total: { runbooks: reports.runbooks.total, github: reports.github.total },
    problems: reports.github.problems,
  };
}
