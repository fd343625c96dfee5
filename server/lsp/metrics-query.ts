// What the metrics webview asks for, answered from change records: the report for its filters and
// the environments it can filter by. The server answers `runbook/metrics` with it, and the headless
// browser test answers the page with it, so both answer alike.
import type { ChangeRecord } from '../core/metrics/change-records';
import { computeMetrics, MetricsOptionsError, MetricsReport } from '../core/metrics/compute-metrics';
import { parseDeploymentServices } from '../core/metrics/deployment-services';
import { deploymentChangeRecords, uncorrelated } from '../core/metrics/github-deployments';
import { SETTINGS_SECTION } from '../../protocol/names';
import { compareSources, SourceComparison } from '../core/metrics/source-comparison';
import type { GitHubDeploymentsInput } from '../../protocol/requests';
import type { OldestCommits } from '../core/metrics/metric-definitions';
import { cleanQuery } from '../../protocol/metrics-query';
import type { HostMessage, MetricsQuery } from '../../webview/metrics/protocol';

export { cleanQuery } from '../../protocol/metrics-query';

export interface MetricsSource {
  changes: ChangeRecord[];
  problems: string[];
  zone: string;
  oldestCommits?: OldestCommits;
}

export function reportFor(source: MetricsSource, query: MetricsQuery): MetricsReport {
  return computeMetrics(
    source.changes,
    {
      zone: source.zone,
      from: query.from || undefined,
      to: query.to || undefined,
      by: query.by,
      group: query.group,
      environments: query.environment ? [query.environment] : undefined,
      oldestCommits: source.oldestCommits,
    },
    source.problems,
  );
}

/** The answer to a `ready` or `query` message, with the whole report (the CSV export reads each period's groups). */
export type QueryAnswer =
  | {
      type: 'report';
      query: MetricsQuery;
      report: MetricsReport;
      environments: string[];
      githubComparison?: SourceComparison;
    }
  | Extract<HostMessage, { type: 'error' }>;

/** The report for the page's query; with `github`, also GitHub's deployment figures beside the runbooks' per environment. */
export function answerQuery(source: MetricsSource, raw: unknown, github?: GitHubDeploymentsInput): QueryAnswer {
  const query = cleanQuery(raw);
  try {
    const report = reportFor(source, query);
    return {
      type: 'report',
      query,
      report,
      environments: environmentsOf(source.changes),
      ...(github ? { githubComparison: comparisonFor(source, query, github) } : {}),
    };
  } catch (error) {
    if (error instanceof MetricsOptionsError) return { type: 'error', query, message: forPeople(error.message) };
    throw error;
  }
}

export function environmentsOf(changes: ChangeRecord[]): string[] {
  return [...new Set(changes.map((c) => c.environment).filter((e): e is string => !!e))].sort();
}

/** The core's option messages name CLI flags; the page names its fields. */
function forPeople(message: string): string {
  if (/^--to .* is before --from/.test(message)) return 'The last day is before the first day.';
  return message.replace(/^--from: /, 'First day: ').replace(/^--to: /, 'Last day: ');
}

export function comparisonFor(
  source: MetricsSource,
  query: MetricsQuery,
  github: GitHubDeploymentsInput,
): SourceComparison {
  const rules = parseDeploymentServices(github.services, `the setting ${SETTINGS_SECTION}.metrics.deploymentServices`);
  const records = deploymentChangeRecords(github.deployments, source.changes, {
    service: github.service,
    zone: source.zone,
    services: rules.rules,
  });
  return compareSources(
    source.changes,
    records,
    {
      zone: source.zone,
      from: query.from || undefined,
      to: query.to || undefined,
      by: query.by,
      environments: query.environment ? [query.environment] : undefined,
    },
    [...rules.problems.map((p) => `${p}; that rule is left out`), ...github.problems, ...uncorrelated(records)],
  );
}
