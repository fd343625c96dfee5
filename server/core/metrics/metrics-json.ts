// The metrics report as JSON for scripts: the report's own shape (compute-metrics.ts), with
// instants as ISO 8601 with the zone's offset, durations in milliseconds (`...Ms`), rates as
// fractions, and null where nothing was measured.
import { isoWithOffset } from '../time';
import type { MetricsReport } from './compute-metrics';

export const METRICS_JSON_VERSION = 1;

export function metricsJson(report: MetricsReport): string {
  const periods = report.periods.map((p) => ({
    ...p,
    start: isoWithOffset(p.start, report.zone),
    end: isoWithOffset(p.end, report.zone),
  }));
  return `${JSON.stringify({ version: METRICS_JSON_VERSION, definitions: 'docs/runbook-dsl.md#13-release-metrics', ...report, periods }, null, 2)}\n`;
}
