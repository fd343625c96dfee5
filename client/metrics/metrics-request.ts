// What the metrics webview asks for, answered from change records: the report for its filters and
// the environments it can filter by. Free of the `vscode` import, so the headless browser test
// answers the page exactly as the extension host does.
import type { ChangeRecord } from '../../server/core/metrics/change-records';
import { computeMetrics, MetricsOptionsError, MetricsReport } from '../../server/core/metrics/compute-metrics';
import type { OldestCommits } from '../../server/core/metrics/metric-definitions';
import type { HostMessage, MetricsQuery } from '../../webview/metrics/protocol';
import { DEFAULT_QUERY } from '../../webview/metrics/protocol';

export interface MetricsSource {
  changes: ChangeRecord[];
  problems: string[];
  zone: string;
  oldestCommits?: OldestCommits;
}

/** The query as the page may send it, checked field by field: anything odd falls back to the default. */
export function cleanQuery(raw: unknown): MetricsQuery {
  const q = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof MetricsQuery, unknown>>;
  const date = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '');
  return {
    from: date(q.from),
    to: date(q.to),
    by: q.by === 'month' ? 'month' : 'week',
    group: q.group === 'team' || q.group === 'environment' ? q.group : 'service',
    environment: typeof q.environment === 'string' ? q.environment : DEFAULT_QUERY.environment,
  };
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

/** The answer to a `ready` or `query` message. */
export function answerQuery(source: MetricsSource, raw: unknown): HostMessage {
  const query = cleanQuery(raw);
  try {
    return { type: 'report', query, report: reportFor(source, query), environments: environmentsOf(source.changes) };
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
