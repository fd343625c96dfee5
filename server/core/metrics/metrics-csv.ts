// The metrics report as CSV (RFC 4180) for spreadsheets: one row per period for all deployments
// ("(all)"), one per period and group, and "total" rows over the whole range. Durations in hours,
// rates as fractions; an empty cell means there was nothing to measure.
import type { MetricsReport } from './compute-metrics';
import { hours } from './format-values';
import type { Metrics } from './metric-definitions';
import { dateOf } from './periods';

const HEADER = [
  'period',
  'first_day',
  'last_day',
  'partial',
  'group_by',
  'group',
  'deployments',
  'successes',
  'rolled_back',
  'failed',
  'emergency',
  'deployments_per_week',
  'change_fail_rate',
  'rework_rate',
  'lead_time_median_hours',
  'lead_time_count',
  'commit_lead_time_median_hours',
  'commit_lead_time_count',
  'recovery_time_median_hours',
  'recovery_count',
  'recovery_open',
];

export const ALL_GROUP = '(all)';

export function metricsCsv(report: MetricsReport): string {
  const rows: string[][] = [HEADER];
  const row = (period: string, first: string, last: string, partial: boolean, group: string, m: Metrics) =>
    rows.push([
      period,
      first,
      last,
      partial ? 'yes' : 'no',
      report.group,
      group,
      String(m.deployments),
      String(m.successes),
      String(m.rolledBack),
      String(m.failed),
      String(m.emergency),
      fraction(m.deploymentsPerWeek, 2),
      fraction(m.changeFailRate),
      fraction(m.reworkRate),
      hours(m.leadTime.medianMs),
      String(m.leadTime.count),
      hours(m.commitLeadTime.medianMs),
      String(m.commitLeadTime.count),
      hours(m.recoveryTime.medianMs),
      String(m.recoveryTime.count),
      String(m.recoveryTime.open),
    ]);
  for (const p of report.periods) {
    const first = dateOf(p.start, report.zone);
    const last = dateOf(p.end - 1, report.zone);
    row(p.key, first, last, p.partial, ALL_GROUP, p.metrics);
    for (const g of p.groups) row(p.key, first, last, p.partial, g.name, g.metrics);
  }
  if (report.from && report.to) {
    row('total', report.from, report.to, false, ALL_GROUP, report.total);
    for (const g of report.groups) row('total', report.from, report.to, false, g.name, g.metrics);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function fraction(value: number | null, digits = 4): string {
  return value === null || !Number.isFinite(value) ? '' : String(Number(value.toFixed(digits)));
}

/** Quoted when it holds a comma, quote or line break; a leading formula character is defused for spreadsheets. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
