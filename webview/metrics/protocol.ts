// Messages between the release metrics webview and the extension host. The report is the core's
// MetricsReport (numbers and strings only), so what the charts show is exactly what the CLI prints.
import type { GroupBy, MetricsReport } from '../../server/core/metrics/compute-metrics';
import type { PeriodUnit } from '../../server/core/metrics/periods';

export interface MetricsQuery {
  /** `YYYY-MM-DD`, empty for "from the first deployment". */
  from: string;
  /** `YYYY-MM-DD`, empty for "to the last deployment". */
  to: string;
  by: PeriodUnit;
  group: GroupBy;
  /** One environment, or empty for all. */
  environment: string;
}

export const DEFAULT_QUERY: MetricsQuery = { from: '', to: '', by: 'week', group: 'service', environment: '' };

export type WebviewMessage =
  /** The page has loaded; `query` is what it showed before a reload, if anything. */
  | { type: 'ready'; query: MetricsQuery | null }
  | { type: 'query'; query: MetricsQuery }
  | { type: 'export'; format: 'markdown' | 'csv'; query: MetricsQuery };

export type HostMessage =
  | { type: 'report'; query: MetricsQuery; report: MetricsReport; environments: string[] }
  | { type: 'error'; query: MetricsQuery; message: string }
  | { type: 'exported'; format: 'markdown' | 'csv'; file: string };

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
