// Messages between the release metrics webview and the extension host. The report is the core's
// MetricsReport (numbers and strings only), so what the charts show is exactly what the CLI prints.
// Each side reads what it receives with this module's parsers (webview/message-guard.ts).
import type { GroupBy, MetricsReport, PeriodMetrics } from '../../server/core/metrics/compute-metrics';
import type { PeriodUnit } from '../../server/core/metrics/periods';
import type { SourceComparison } from '../../server/core/metrics/source-comparison';
import { isRecord, isText, isTextArray, onlyKeys } from '../message-guard';

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

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_ENVIRONMENT = 1000;

/** A query with every field as the page's controls make it. */
export function isMetricsQuery(value: unknown): value is MetricsQuery {
  return (
    isRecord(value) &&
    onlyKeys(value, ['from', 'to', 'by', 'group', 'environment']) &&
    isText(value.from, 10) &&
    (value.from === '' || DAY.test(value.from)) &&
    isText(value.to, 10) &&
    (value.to === '' || DAY.test(value.to)) &&
    (value.by === 'week' || value.by === 'month') &&
    (value.group === 'service' || value.group === 'team' || value.group === 'environment') &&
    isText(value.environment, MAX_ENVIRONMENT)
  );
}

function isFormat(value: unknown): value is 'markdown' | 'csv' {
  return value === 'markdown' || value === 'csv';
}

/** What the page may send, for the extension host: undefined for anything else. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return onlyKeys(value, ['type', 'query']) && (value.query === null || isMetricsQuery(value.query))
        ? { type: 'ready', query: value.query }
        : undefined;
    case 'query':
    case 'signInGitHub':
      return onlyKeys(value, ['type', 'query']) && isMetricsQuery(value.query)
        ? { type: value.type, query: value.query }
        : undefined;
    case 'export':
      return onlyKeys(value, ['type', 'format', 'query']) && isFormat(value.format) && isMetricsQuery(value.query)
        ? { type: 'export', format: value.format, query: value.query }
        : undefined;
    default:
      return undefined;
  }
}

function isGitHubFigures(value: unknown): value is GitHubFigures {
  if (!isRecord(value)) return false;
  if (value.state === 'shown') return isText(value.repository, 500) && isRecord(value.comparison);
  return (
    value.state === 'note' && isText(value.note) && (value.signIn === undefined || typeof value.signIn === 'boolean')
  );
}

function isPanelReport(value: unknown): value is PanelReport {
  return (
    isRecord(value) &&
    Array.isArray(value.periods) &&
    value.periods.every((p) => isRecord(p) && isRecord(p.metrics)) &&
    isRecord(value.total) &&
    Array.isArray(value.groups) &&
    (value.by === 'week' || value.by === 'month')
  );
}

/** What the extension host may send, for the page: undefined for anything else. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'report':
      return isMetricsQuery(value.query) &&
        isPanelReport(value.report) &&
        isTextArray(value.environments, MAX_ENVIRONMENT) &&
        (value.github === undefined || isGitHubFigures(value.github))
        ? {
            type: 'report',
            query: value.query,
            report: value.report,
            environments: value.environments,
            github: value.github,
          }
        : undefined;
    case 'error':
      return isMetricsQuery(value.query) && isText(value.message)
        ? { type: 'error', query: value.query, message: value.message }
        : undefined;
    case 'exported':
      return isFormat(value.format) && isText(value.file, 4096)
        ? { type: 'exported', format: value.format, file: value.file }
        : undefined;
    default:
      return undefined;
  }
}
