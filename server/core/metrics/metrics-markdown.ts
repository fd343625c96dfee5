// The metrics report as Markdown, for the weekly status report and for `runbook metrics --format
// markdown`: the five numbers with what they mean, then per period, per group and per deployment.
import { DateTime } from 'luxon';
import { inlineText } from '../change-request/markdown-text';
import type { GroupMetrics, MetricsReport } from './compute-metrics';
import { decimal, humanDuration, NONE, percent, plural, rangeLength } from './format-values';
import type { Metrics } from './metric-definitions';
import { METRICS, MetricId } from './metric-glossary';

export interface MetricsMarkdownOptions {
  /** Heading level of the title (1 for a document of its own, 2 inside the status report). */
  level?: number;
  /** Leave out the list of deployments (the status report lists what shipped itself). */
  deployments?: boolean;
  /** Default: "Release metrics". */
  title?: string;
}

export function metricsMarkdown(report: MetricsReport, options: MetricsMarkdownOptions = {}): string {
  const level = options.level ?? 1;
  const h = (depth: number) => '#'.repeat(Math.min(6, level + depth));
  const lines: string[] = [`${h(0)} ${options.title ?? 'Release metrics'}`, '', scopeLine(report), ''];
  if (!report.periods.length) {
    lines.push(
      'No deployment is recorded in this range: no runbook has an `outcome` other than `cancelled` with a finish in it.',
      '',
    );
  }
  lines.push(
    ...summaryTable(report.total, report.from && report.to ? rangeLength(report.from, report.to) : undefined),
    '',
  );

  const unit = report.by === 'week' ? 'Week' : 'Month';
  if (report.periods.length) {
    lines.push(`${h(1)} By ${report.by}`, '');
    lines.push(
      `| ${unit} | Days counted | Deployments | Change fail rate | Rework rate | Lead time (median) | Recovery time (median) |`,
    );
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const p of report.periods) {
      const m = p.metrics;
      lines.push(
        `| ${p.key} | ${daySpan(p.start, p.end, report.zone)}${p.partial ? ' (part)' : ''} | ${m.deployments} | ${rateCell(m.changeFailRate, m.rolledBack + m.failed, m.deployments)} | ${rateCell(m.reworkRate, m.emergency, m.deployments)} | ${humanDuration(m.leadTime.medianMs)} | ${humanDuration(m.recoveryTime.medianMs)} |`,
      );
    }
    lines.push('');
  }

  if (report.groups.length) {
    const title = report.group[0].toUpperCase() + report.group.slice(1);
    lines.push(`${h(1)} By ${report.group}`, '');
    lines.push(
      `| ${title} | Deployments | Rolled back or failed | Change fail rate | Rework rate | Lead time (median) | Recovery time (median) |`,
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const g of report.groups) lines.push(groupRow(g));
    lines.push('');
  }

  if (options.deployments !== false && report.deployments.length) {
    lines.push(`${h(1)} Deployments`, '');
    lines.push('| Finished | Runbook | Service | Environment | Type | Result | Lead time | Recovery time |');
    lines.push('| --- | --- | --- | --- | --- | --- | ---: | ---: |');
    for (const d of report.deployments) {
      const finished =
        DateTime.fromISO(d.finished, { setZone: true }).toFormat('yyyy-MM-dd HH:mm') +
        (d.finishedFromWindow ? ' (window end)' : '');
      const recovery =
        d.recoveredBy === 'open'
          ? 'not yet recovered'
          : d.recoveredBy
            ? `${humanDuration(d.recoveryMs)} (${d.recoveredBy === 'rollback' ? 'rollback' : 'next deployment'})`
            : NONE;
      const lead =
        d.leadTimeMs !== null
          ? humanDuration(d.leadTimeMs)
          : d.commitLeadTimeMs !== null
            ? `${humanDuration(d.commitLeadTimeMs)} from commit`
            : NONE;
      const flags = d.unauthorized
        ? [
            d.unauthorized.outOfWindow.length ? 'out of window' : '',
            d.unauthorized.withoutGo ? 'unapproved' : '',
          ].filter(Boolean)
        : [];
      const result = flags.length ? `${d.result} (${flags.join(', ')})` : d.result;
      lines.push(
        `| ${finished} | ${cell(d.runbook)} | ${cell(d.service)} | ${cell(d.environment)} | ${cell(d.type)} | ${result} | ${lead} | ${recovery} |`,
      );
    }
    lines.push('');
  }

  if (report.problems.length) {
    lines.push(`${h(1)} Not counted`, '');
    for (const problem of report.problems) lines.push(`- ${inlineText(problem)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function scopeLine(report: MetricsReport): string {
  const envs = report.environments
    ? `environment${report.environments.length === 1 ? '' : 's'} ${report.environments.join(', ')}`
    : 'all environments';
  if (!report.from || !report.to) return `No deployments recorded (${envs}); times in ${report.zone}.`;
  return `${plural(report.total.deployments, 'deployment')} from ${longDate(report.from)} to ${longDate(report.to)}, ${envs}; times in ${report.zone}; by ${report.by} and ${report.group}.`;
}

/** `3 – 8 Nov`, `30 Nov – 3 Dec`, `1 Dec`: the local days of [start, end). */
export function daySpan(start: number, end: number, zone: string): string {
  const first = DateTime.fromMillis(start, { zone }).setLocale('en-GB');
  const last = DateTime.fromMillis(end - 1, { zone }).setLocale('en-GB');
  if (first.hasSame(last, 'day')) return first.toFormat('d LLL');
  return first.hasSame(last, 'month')
    ? `${first.day} – ${last.toFormat('d LLL')}`
    : `${first.toFormat('d LLL')} – ${last.toFormat('d LLL')}`;
}

function longDate(date: string): string {
  return DateTime.fromISO(date).setLocale('en-GB').toFormat('d LLL yyyy');
}

/** The five metrics as a table with the meaning of each, for readers who do not know DORA. */
/** `period` is the length of the range the rate is taken over (`5 weeks`), stated beside the rate. */
export function summaryTable(m: Metrics, period?: string): string[] {
  const value: Record<MetricId, string> = {
    deploymentFrequency: `${plural(m.deployments, 'deployment')}${period ? ` in ${period}` : ''}, ${decimal(m.deploymentsPerWeek)} a week`,
    leadTime: leadTimeText(m),
    changeFailRate: m.deployments
      ? `${percent(m.changeFailRate)} (${m.rolledBack + m.failed} of ${m.deployments})`
      : NONE,
    recoveryTime: recoveryText(m),
    reworkRate: m.deployments ? `${percent(m.reworkRate)} (${m.emergency} of ${m.deployments})` : NONE,
  };
  return [
    '| Metric | Value | What it means |',
    '| --- | --- | --- |',
    ...METRICS.map((d) => `| ${d.name} | ${value[d.id]} | ${d.meaning} |`),
  ];
}

function leadTimeText(m: Metrics): string {
  const parts: string[] = [];
  if (m.leadTime.count)
    parts.push(`${humanDuration(m.leadTime.medianMs)} from change request (${plural(m.leadTime.count, 'change')})`);
  if (m.commitLeadTime.count)
    parts.push(
      `${humanDuration(m.commitLeadTime.medianMs)} from oldest commit (${plural(m.commitLeadTime.count, 'change')})`,
    );
  return parts.length ? parts.join('; ') : NONE;
}

function recoveryText(m: Metrics): string {
  const failures = m.rolledBack + m.failed;
  if (!failures) return NONE;
  const open = m.recoveryTime.open ? `, ${m.recoveryTime.open} not yet recovered` : '';
  if (!m.recoveryTime.count) return `not known (${failures} failed${open})`;
  return `${humanDuration(m.recoveryTime.medianMs)} (${m.recoveryTime.count} recovered${open})`;
}

function rateCell(rate: number | null, count: number, of: number): string {
  return of ? `${percent(rate)} (${count})` : NONE;
}

function groupRow(g: GroupMetrics): string {
  const m = g.metrics;
  return `| ${cell(g.name)} | ${m.deployments} | ${m.rolledBack + m.failed} | ${percent(m.changeFailRate)} | ${percent(m.reworkRate)} | ${humanDuration(m.leadTime.medianMs)} | ${humanDuration(m.recoveryTime.medianMs)} |`;
}

function cell(text: string | null): string {
  return text ? inlineText(text) : NONE;
}
