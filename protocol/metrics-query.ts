// The metrics page's query as the page may send it, checked field by field: anything odd falls back
// to the default. The server reads every query with it; the extension host echoes a query with it
// when the server could not answer.
import type { MetricsQuery } from '../webview/metrics/protocol';
import { DEFAULT_QUERY } from '../webview/metrics/protocol';

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
