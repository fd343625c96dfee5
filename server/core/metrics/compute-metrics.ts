// The metrics report: the five metrics over a date range, per week or month (in the calendar's
// zone, empty periods included) and per service, team or environment. What the CLI prints, the
// webview charts and the weekly status report quotes.
import { isoWithOffset } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import { ChangeRecord, changeRecords, deploymentsOf } from './change-records';
import { Deployment, DeploymentFacts, deploymentFacts, Metrics, metricsOf, OldestCommits } from './metric-definitions';
import { dateOf, endOfDay, Period, PeriodUnit, periodKey, periodsBetween, periodStart, startOfDate } from './periods';

export type GroupBy = 'service' | 'team' | 'environment';
export const GROUP_BYS: readonly GroupBy[] = ['service', 'team', 'environment'];
export const PERIOD_UNITS: readonly PeriodUnit[] = ['week', 'month'];

export interface MetricsOptions {
  /** First local date counted (`2026-11-01`), in the zone; default: the first day of the period (week or month) of the first deployment. */
  from?: string;
  /** Last local date counted, inclusive; default: the last day of the period of the last deployment. */
  to?: string;
  by?: PeriodUnit;
  group?: GroupBy;
  /** Only these environments; default all. */
  environments?: string[];
  /** Oldest commit time per runbook id, read from git by the caller. */
  oldestCommits?: OldestCommits;
  /** Default: the calendar's zone. */
  zone?: string;
}

export class MetricsOptionsError extends Error {}

export interface GroupMetrics {
  name: string;
  metrics: Metrics;
}

export interface PeriodMetrics extends Period {
  metrics: Metrics;
  /** The same period per group, in the order of the report's groups. */
  groups: GroupMetrics[];
}

export interface DeploymentRow {
  runbook: string;
  title: string;
  service: string | null;
  team: string | null;
  environment: string | null;
  type: string | null;
  result: string;
  /** ISO 8601 with the zone's offset. */
  finished: string;
  /** Whether `finished` is the window's end because the outcome has no `finished`. */
  finishedFromWindow: boolean;
  period: string;
  ticket: string | null;
  leadTimeMs: number | null;
  commitLeadTimeMs: number | null;
  recoveryMs: number | null;
  /** rollback, next-deployment, open (failed and not yet recovered) or null (not a failure). */
  recoveredBy: 'rollback' | 'next-deployment' | 'open' | null;
  /** Only when some work ran outside the approved window or without a GO: what a board asks about. */
  unauthorized?: { outOfWindow: string[]; withoutGo: boolean };
}

export interface MetricsReport {
  zone: string;
  by: PeriodUnit;
  group: GroupBy;
  /** The local dates counted, inclusive; null when there is nothing to count. */
  from: string | null;
  to: string | null;
  environments: string[] | null;
  total: Metrics;
  periods: PeriodMetrics[];
  groups: GroupMetrics[];
  deployments: DeploymentRow[];
  problems: string[];
}

export function metricsReport(index: WorkspaceIndex, options: MetricsOptions = {}): MetricsReport {
  const { changes, problems } = changeRecords(index);
  return computeMetrics(changes, { zone: index.calendar().zone, ...options }, problems);
}

export function computeMetrics(
  changes: ChangeRecord[],
  options: MetricsOptions & { zone: string },
  problems: string[] = [],
): MetricsReport {
  const zone = options.zone;
  const by = options.by ?? 'week';
  const group = options.group ?? 'service';
  if (!PERIOD_UNITS.includes(by)) throw new MetricsOptionsError(`"${by}" is not a period; use week or month`);
  if (!GROUP_BYS.includes(group))
    throw new MetricsOptionsError(`"${group}" is not a grouping; use service, team or environment`);
  const wanted = options.environments?.length ? new Set(options.environments) : undefined;
  const all = deploymentsOf(changes).filter(
    (d) => !wanted || (d.environment !== undefined && wanted.has(d.environment)),
  );
  const notes = [...problems];
  const facts = deploymentFacts(all, options.oldestCommits, notes);

  const range = rangeOf(options, all, by, zone);
  const inRange = range
    ? facts.filter((f) => f.deployment.finishedAt >= range.start && f.deployment.finishedAt < range.end)
    : [];
  inRange.sort(
    (a, b) => a.deployment.finishedAt - b.deployment.finishedAt || compare(a.deployment.id, b.deployment.id),
  );
  const spanMs = range ? range.end - range.start : 0;

  // One pass puts every deployment in its group and period; the metrics are then taken per bucket.
  const periodList = range ? periodsBetween(range.start, range.end, by, zone) : [];
  const byGroup = new Map<string, DeploymentFacts[]>();
  const byPeriod = periodList.map(() => ({
    all: [] as DeploymentFacts[],
    groups: new Map<string, DeploymentFacts[]>(),
  }));
  const periodOf = new Map<DeploymentFacts, string>();
  for (const f of inRange) {
    const name = groupName(f.deployment, group);
    push(byGroup, name, f);
    const index = periodIndex(periodList, f.deployment.finishedAt);
    if (index < 0) continue;
    periodOf.set(f, periodList[index].key);
    byPeriod[index].all.push(f);
    push(byPeriod[index].groups, name, f);
  }
  const groups = [...byGroup]
    .map(([name, list]) => ({ name, metrics: metricsOf(list, spanMs) }))
    .sort((a, b) => b.metrics.deployments - a.metrics.deployments || compare(a.name, b.name));

  const periods: PeriodMetrics[] = periodList.map((period, i) => {
    const periodSpan = period.end - period.start;
    return {
      ...period,
      metrics: metricsOf(byPeriod[i].all, periodSpan),
      groups: groups.map((g) => ({
        name: g.name,
        metrics: metricsOf(byPeriod[i].groups.get(g.name) ?? [], periodSpan),
      })),
    };
  });

  return {
    zone,
    by,
    group,
    from: range ? dateOf(range.start, zone) : null,
    to: range ? dateOf(range.end - 1, zone) : null,
    environments: wanted ? [...wanted].sort() : null,
    total: metricsOf(inRange, spanMs),
    periods,
    groups,
    deployments: inRange.map((f) => rowOf(f, periodOf.get(f) ?? periodKey(f.deployment.finishedAt, by, zone), zone)),
    problems: notes,
  };
}

// Without bounds the range is the whole periods holding the deployments, so that a rate is taken
// over the period a reader sees (two deployments on one day are 2 in a week, not 14 a week).
function rangeOf(
  options: MetricsOptions,
  deployments: Deployment[],
  by: PeriodUnit,
  zone: string,
): { start: number; end: number } | undefined {
  const date = (text: string, flag: string) => {
    const parsed = startOfDate(text, zone);
    if (!parsed.ok) throw new MetricsOptionsError(`${flag}: ${parsed.error}`);
    return parsed.value;
  };
  const times = deployments.map((d) => d.finishedAt);
  const periodFrom = (ms: number) => periodStart(ms, by, zone).toMillis();
  const periodTo = (ms: number) =>
    periodStart(ms, by, zone)
      .plus(by === 'week' ? { weeks: 1 } : { months: 1 })
      .toMillis();
  let start = options.from ? date(options.from, '--from') : times.length ? periodFrom(Math.min(...times)) : undefined;
  let end = options.to
    ? endOfDay(date(options.to, '--to'), zone)
    : times.length
      ? periodTo(Math.max(...times))
      : undefined;
  if (start === undefined && end === undefined) return undefined;
  if (options.from && options.to && end! <= start!)
    throw new MetricsOptionsError(`--to ${options.to} is before --from ${options.from}`);
  // A bound given on one side only: the range reaches at least to the end (or from the start) of that day's period.
  if (!options.to) end = Math.max(end ?? -Infinity, periodTo(start!));
  if (!options.from) start = Math.min(start ?? Infinity, periodFrom(end! - 1));
  return { start: start!, end: end! };
}

export function groupName(d: ChangeRecord, group: GroupBy): string {
  const value = group === 'service' ? d.service : group === 'team' ? d.team : d.environment;
  return value ?? `(no ${group})`;
}

function rowOf(f: DeploymentFacts, period: string, zone: string): DeploymentRow {
  const d = f.deployment;
  const recovery = f.recovery;
  return {
    runbook: d.id,
    title: d.title,
    service: d.service ?? null,
    team: d.team ?? null,
    environment: d.environment ?? null,
    type: d.type ?? null,
    result: d.result,
    finished: isoWithOffset(d.finishedAt, zone),
    finishedFromWindow: d.finishedFromWindow,
    period,
    ticket: d.ticket ?? null,
    leadTimeMs: f.leadTimeMs ?? null,
    commitLeadTimeMs: f.commitLeadTimeMs ?? null,
    recoveryMs: recovery && recovery !== 'open' ? recovery.to - recovery.from : null,
    recoveredBy: recovery === undefined ? null : recovery === 'open' ? 'open' : recovery.by,
    ...(d.unauthorized ? { unauthorized: d.unauthorized } : {}),
  };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The period holding an instant (periods are in order and do not overlap), or -1. */
function periodIndex(periods: Period[], ms: number): number {
  let low = 0;
  let high = periods.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (ms < periods[mid].start) high = mid - 1;
    else if (ms >= periods[mid].end) low = mid + 1;
    else return mid;
  }
  return -1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
