// Messages between the release metrics webview and the extension host. The report is the core's
// MetricsReport (numbers and strings only), so what the charts show is exactly what the CLI prints.
import type { VsCodeApi as WebviewApi } from '../vscode-api';
import type { GroupBy, MetricsReport, PeriodMetrics } from '../../server/core/metrics/compute-metrics';
import type { PeriodUnit } from '../../server/core/metrics/periods';
import type { SourceComparison } from '../../server/core/metrics/source-comparison';

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

/**
 * A period as the panel gets it: its totals, without the breakdown by group per period, which only
 * the CSV export reads (the server writes it). At 2,000 runbooks that breakdown was 5 of the
 * answer's 6 MB, and serialising it raised the server's resident memory by tens of MB.
 */
export type PanelPeriod = Omit<PeriodMetrics, 'groups'>;
/** The core's MetricsReport with PanelPeriods. */
export type PanelReport = Omit<MetricsReport, 'periods'> & { periods: PanelPeriod[] };

/**
 * The figures from GitHub's deployment records beside the runbooks' own: shown when the host could
 * read them, else a note that says why not (not signed in, no repository, GitHub unreachable).
 */
export type GitHubFigures =
  | { state: 'shown'; repository: string; comparison: SourceComparison }
  | { state: 'note'; note: string; /** Offer the sign-in button. */ signIn?: boolean };

export const DEFAULT_QUERY: MetricsQuery = { from: '', to: '', by: 'week', group: 'service', environment: '' };

export type WebviewMessage =
  /** The page has loaded; `query` is what it showed before a reload, if anything. */
  | { type: 'ready'; query: MetricsQuery | null }
  | { type: 'query'; query: MetricsQuery }
  | { type: 'export'; format: 'markdown' | 'csv'; query: MetricsQuery }
  /** Sign in to GitHub (VS Code's account) and read its deployment records. */
  | { type: 'signInGitHub'; query: MetricsQuery };

export type HostMessage =
  | { type: 'report'; query: MetricsQuery; report: PanelReport; environments: string[]; github?: GitHubFigures }
  | { type: 'error'; query: MetricsQuery; message: string }
  | { type: 'exported'; format: 'markdown' | 'csv'; file: string };

/** The page's API, posting this panel's messages. */
export type VsCodeApi = WebviewApi<WebviewMessage>;
