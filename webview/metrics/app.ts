// The release metrics page: the filters, the five numbers at a glance, a trend chart per metric
// with its numbers beside it, deployments per group, and the numbers per period as a table. The
// host computes the report; this page only draws it, and asks again when a filter changes.
import type { GroupBy } from '../../server/core/metrics/compute-metrics';
import { decimal, humanDuration, NONE, percent, plural, rangeLength } from '../../server/core/metrics/format-values';
import type { Metrics } from '../../server/core/metrics/metric-definitions';
import { METRICS, MetricId } from '../../server/core/metrics/metric-glossary';
import { clear, h } from '../dom';
import { githubSection } from './github-section';
import { groupChart } from './group-chart';
import { acceptMessage } from '../message-guard';
import type { VsCodeApi } from '../vscode-api';
import {
  DEFAULT_QUERY,
  GitHubFigures,
  HostMessage,
  isMetricsQuery,
  MetricsQuery,
  PanelPeriod,
  PanelReport,
  parseHostMessage,
  WebviewMessage,
} from './protocol';
import { durationScale, niceScale } from './svg';
import { trendChart, TrendSeries } from './trend-chart';

interface Shown {
  report: PanelReport;
  environments: string[];
  github?: GitHubFigures;
}

const GROUP_NOUNS: Record<GroupBy, string> = { service: 'service', team: 'team', environment: 'environment' };

export class MetricsApp {
  private query: MetricsQuery;
  private shown: Shown | undefined;
  private readonly status: HTMLElement;
  private readonly scope: HTMLElement;
  private readonly body: HTMLElement;
  private readonly controls: {
    by: HTMLSelectElement;
    group: HTMLSelectElement;
    environment: HTMLSelectElement;
    from: HTMLInputElement;
    to: HTMLInputElement;
  };
  private lastWidth = 0;

  constructor(
    root: HTMLElement,
    private readonly vscode: VsCodeApi<WebviewMessage>,
  ) {
    // The state is the page's own, but it may come from an older version of the page: checked too.
    const kept = (vscode.getState() as { query?: unknown } | undefined)?.query;
    const saved = isMetricsQuery(kept) ? kept : undefined;
    this.query = { ...DEFAULT_QUERY, ...(saved ?? {}) };
    const select = (id: string, options: [string, string][]) =>
      h('select', { id }, ...options.map(([value, text]) => h('option', { value }, text)));
    this.controls = {
      by: select('by', [
        ['week', 'Week'],
        ['month', 'Month'],
      ]) as HTMLSelectElement,
      group: select('group', [
        ['service', 'Service'],
        ['team', 'Team'],
        ['environment', 'Environment'],
      ]) as HTMLSelectElement,
      environment: select('environment', [['', 'All environments']]) as HTMLSelectElement,
      from: h('input', { id: 'from', type: 'date', 'aria-label': 'First day' }),
      to: h('input', { id: 'to', type: 'date', 'aria-label': 'Last day' }),
    };
    const exportMarkdown = h(
      'button',
      {
        id: 'export-markdown',
        class: 'secondary',
        type: 'button',
        title: 'Save the numbers as Markdown for the weekly status report',
      },
      'Export Markdown',
    );
    const exportCsv = h(
      'button',
      { id: 'export-csv', class: 'secondary', type: 'button', title: 'Save the numbers as CSV for a spreadsheet' },
      'Export CSV',
    );
    const allTime = h(
      'button',
      { id: 'all-time', class: 'secondary', type: 'button', title: 'From the first to the last recorded deployment' },
      'All dates',
    );
    this.scope = h('p', { class: 'scope' }, 'Reading the runbooks…');
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.body = h('main', { class: 'body' });
    const label = (text: string, control: HTMLElement) =>
      h('label', { class: 'control' }, h('span', {}, text), control);
    root.append(
      h(
        'header',
        { class: 'head' },
        h('h1', {}, 'Release metrics'),
        this.scope,
        h(
          'div',
          { class: 'controls' },
          label('Per', this.controls.by),
          label('By', this.controls.group),
          label('Environment', this.controls.environment),
          label('From', this.controls.from),
          label('To', this.controls.to),
          allTime,
          h('span', { class: 'spacer' }),
          exportMarkdown,
          exportCsv,
        ),
        this.status,
      ),
      this.body,
    );
    this.showQuery();
    for (const control of Object.values(this.controls)) control.addEventListener('change', () => this.ask());
    allTime.addEventListener('click', () => {
      this.controls.from.value = '';
      this.controls.to.value = '';
      this.ask();
    });
    exportMarkdown.addEventListener('click', () =>
      this.vscode.postMessage({ type: 'export', format: 'markdown', query: this.query }),
    );
    exportCsv.addEventListener('click', () =>
      this.vscode.postMessage({ type: 'export', format: 'csv', query: this.query }),
    );
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = acceptMessage(parseHostMessage, event.data, 'release metrics');
      if (message) this.receive(message);
    });
    // Charts are drawn to the width they get; redraw when the panel is resized.
    new ResizeObserver(() => {
      const width = this.body.clientWidth;
      if (this.shown && Math.abs(width - this.lastWidth) > 4) this.render();
    }).observe(this.body);
    this.vscode.postMessage({ type: 'ready', query: saved ?? null });
  }

  private showQuery(): void {
    this.controls.by.value = this.query.by;
    this.controls.group.value = this.query.group;
    this.controls.environment.value = this.query.environment;
    this.controls.from.value = this.query.from;
    this.controls.to.value = this.query.to;
  }

  private ask(): void {
    const from = this.controls.from.value;
    const to = this.controls.to.value;
    if (from && to && to < from) {
      this.status.textContent = 'The last day is before the first day.';
      this.status.className = 'status error';
      return;
    }
    this.query = {
      by: this.controls.by.value === 'month' ? 'month' : 'week',
      group: (['service', 'team', 'environment'].includes(this.controls.group.value)
        ? this.controls.group.value
        : 'service') as GroupBy,
      environment: this.controls.environment.value,
      from,
      to,
    };
    this.vscode.setState({ query: this.query });
    this.status.textContent = 'Updating…';
    this.status.className = 'status';
    this.vscode.postMessage({ type: 'query', query: this.query });
  }

  private receive(message: HostMessage): void {
    if (message.type === 'report') {
      this.query = message.query;
      this.shown = { report: message.report, environments: message.environments, github: message.github };
      this.fillEnvironments(message.environments);
      this.showQuery();
      this.vscode.setState({ query: this.query });
      this.status.textContent = '';
      this.status.className = 'status';
      this.render();
    } else if (message.type === 'error') {
      this.status.textContent = message.message;
      this.status.className = 'status error';
    } else if (message.type === 'exported') {
      this.status.textContent = `Saved ${message.format === 'csv' ? 'CSV' : 'Markdown'} to ${message.file}.`;
      this.status.className = 'status';
    }
  }

  private fillEnvironments(names: string[]): void {
    const select = this.controls.environment;
    clear(select);
    select.append(h('option', { value: '' }, 'All environments'), ...names.map((n) => h('option', { value: n }, n)));
    if (this.query.environment && !names.includes(this.query.environment))
      select.append(h('option', { value: this.query.environment }, this.query.environment));
  }

  private render(): void {
    const { report, github } = this.shown!;
    const width = this.body.clientWidth || 800;
    this.lastWidth = width;
    this.scope.textContent = scopeText(report);
    clear(this.body);
    const t = report.total;
    this.body.append(
      h(
        'section',
        { class: 'cards', 'aria-label': 'The five metrics over the whole range' },
        ...METRICS.map((m) =>
          card(m.id, t, report.from && report.to ? rangeLength(report.from, report.to) : undefined),
        ),
      ),
    );
    if (github) {
      this.body.append(
        githubSection(github, () => {
          this.status.textContent = 'Signing in to GitHub…';
          this.status.className = 'status';
          this.vscode.postMessage({ type: 'signInGitHub', query: this.query });
        }),
      );
    }

    // Charts get the width left beside the numbers, or the whole width when the panel is narrow.
    const chartWidth = width >= 700 ? width - 250 : width - 8;
    const points = report.periods.map((p) => ({ label: p.short, title: `${p.label}${p.partial ? ' (part)' : ''}` }));
    const periodsOf = (pick: (m: Metrics) => number | null) => report.periods.map((p) => pick(p.metrics));
    const unit = report.by;
    const durationAxis = (v: number) => humanDuration(v);

    const sections: [MetricId, TrendSeries, (v: number) => string, number | undefined, HTMLElement, boolean?][] = [
      [
        'deploymentFrequency',
        {
          kind: 'bars',
          stacks: [
            { name: 'successful', className: 'ok', values: report.periods.map((p) => p.metrics.successes) },
            {
              name: 'rolled back or failed',
              className: 'failed',
              values: report.periods.map((p) => p.metrics.rolledBack + p.metrics.failed),
            },
          ],
        },
        (v) => String(Math.round(v)),
        1,
        numbers([
          ['Deployments', String(t.deployments)],
          ['Per week', decimal(t.deploymentsPerWeek)],
          ['Successful', String(t.successes)],
          ['Rolled back', String(t.rolledBack)],
          ['Failed', String(t.failed)],
          busiest(report.periods, unit),
        ]),
      ],
      [
        'leadTime',
        { kind: 'line', className: 'lead', values: periodsOf((m) => m.leadTime.medianMs) },
        durationAxis,
        3_600_000,
        numbers([
          ['Median from request', humanDuration(t.leadTime.medianMs)],
          ['Changes measured', String(t.leadTime.count)],
          ['Median from oldest commit', humanDuration(t.commitLeadTime.medianMs)],
          ['Changes measured', String(t.commitLeadTime.count)],
          latest(report.periods, unit, (m) =>
            m.leadTime.medianMs === null ? null : humanDuration(m.leadTime.medianMs),
          ),
        ]),
        true,
      ],
      [
        'changeFailRate',
        { kind: 'line', className: 'fail', values: periodsOf((m) => m.changeFailRate) },
        (v) => percent(v),
        0.25,
        numbers([
          ['Overall', percent(t.changeFailRate)],
          ['Rolled back or failed', `${t.rolledBack + t.failed} of ${t.deployments}`],
          latest(report.periods, unit, (m) => (m.changeFailRate === null ? null : percent(m.changeFailRate))),
        ]),
      ],
      [
        'recoveryTime',
        { kind: 'line', className: 'recovery', values: periodsOf((m) => m.recoveryTime.medianMs) },
        durationAxis,
        3_600_000,
        numbers([
          ['Median', humanDuration(t.recoveryTime.medianMs)],
          ['Recovered', String(t.recoveryTime.count)],
          ['Not yet recovered', String(t.recoveryTime.open)],
          latest(report.periods, unit, (m) =>
            m.recoveryTime.medianMs === null ? null : humanDuration(m.recoveryTime.medianMs),
          ),
        ]),
        true,
      ],
      [
        'reworkRate',
        { kind: 'line', className: 'rework', values: periodsOf((m) => m.reworkRate) },
        (v) => percent(v),
        0.25,
        numbers([
          ['Overall', percent(t.reworkRate)],
          ['Emergency changes', `${t.emergency} of ${t.deployments}`],
          latest(report.periods, unit, (m) => (m.reworkRate === null ? null : percent(m.reworkRate))),
        ]),
      ],
    ];
    for (const [id, series, format, minimumTop, aside, duration] of sections) {
      const meta = METRICS.find((m) => m.id === id)!;
      const scale = duration
        ? durationScale
        : series.kind === 'bars'
          ? (max: number) => niceScale(max, 3, true)
          : undefined;
      const chart = trendChart({
        width: chartWidth,
        points,
        series,
        format,
        minimumTop,
        scale,
        label: `${meta.name} per ${unit}: ${describeSeries(
          series,
          points.map((p) => p.label),
          format,
        )}`,
      });
      this.body.append(
        h(
          'section',
          { class: 'metric', id: `metric-${id}`, 'aria-labelledby': `title-${id}` },
          h('h2', { id: `title-${id}` }, `${meta.name} per ${unit}`),
          h('p', { class: 'meaning' }, meta.meaning),
          h('div', { class: 'metric-row' }, h('div', { class: 'chart-box' }, chart), aside),
        ),
      );
    }

    const noun = GROUP_NOUNS[report.group];
    this.body.append(
      h(
        'section',
        { class: 'metric', id: 'by-group', 'aria-labelledby': 'title-groups' },
        h('h2', { id: 'title-groups' }, `Deployments by ${noun}`),
        h(
          'p',
          { class: 'meaning' },
          'Successful deployments in green, rolled back or failed in red; the change fail rate beside each bar.',
        ),
        h('div', { class: 'chart-box wide' }, groupChart(report.groups, width - 8, noun)),
      ),
    );
    this.body.append(periodTable(report));
    if (report.problems.length) {
      this.body.append(
        h(
          'section',
          { class: 'problems' },
          h('h2', {}, 'Not counted'),
          h('ul', {}, ...report.problems.map((p) => h('li', {}, p))),
        ),
      );
    }
  }
}

function scopeText(report: PanelReport): string {
  const envs = report.environments ? report.environments.join(', ') : 'all environments';
  if (!report.from || !report.to)
    return `No deployments recorded (${envs}). A deployment is a runbook whose outcome is success, rolled-back or failed.`;
  return `${plural(report.total.deployments, 'deployment')} from ${report.from} to ${report.to}, ${envs}; times in ${report.zone}.`;
}

/** `period`: the length of the range the rate is taken over, stated under it. */
function card(id: MetricId, t: Metrics, period: string | undefined): HTMLElement {
  const meta = METRICS.find((m) => m.id === id)!;
  const [value, detail] = {
    deploymentFrequency: [
      decimal(t.deploymentsPerWeek),
      `a week; ${plural(t.deployments, 'deployment')}${period ? ` in ${period}` : ''}`,
    ],
    leadTime: [
      humanDuration(t.leadTime.medianMs),
      t.leadTime.count ? `median over ${plural(t.leadTime.count, 'change')}` : 'no change request times recorded',
    ],
    changeFailRate: [
      percent(t.changeFailRate),
      t.deployments ? `${t.rolledBack + t.failed} of ${t.deployments} deployments` : 'no deployments',
    ],
    recoveryTime: [
      humanDuration(t.recoveryTime.medianMs),
      t.rolledBack + t.failed
        ? `median over ${t.recoveryTime.count} recovered${t.recoveryTime.open ? `, ${t.recoveryTime.open} open` : ''}`
        : 'no failed deployment',
    ],
    reworkRate: [
      percent(t.reworkRate),
      t.deployments ? `${t.emergency} of ${t.deployments} were emergencies` : 'no deployments',
    ],
  }[id];
  return h(
    'div',
    { class: 'card', id: `card-${id}`, title: meta.meaning },
    h('div', { class: 'card-name' }, meta.name),
    h('div', { class: 'card-value' }, value),
    h('div', { class: 'card-detail' }, detail),
  );
}

function numbers(rows: ([string, string] | undefined)[]): HTMLElement {
  const list = h('dl', { class: 'numbers' });
  for (const row of rows) {
    if (!row) continue;
    list.append(h('dt', {}, row[0]), h('dd', {}, row[1]));
  }
  return h('aside', { class: 'numbers-box' }, list);
}

function busiest(periods: PanelPeriod[], unit: string): [string, string] | undefined {
  const top = [...periods].sort((a, b) => b.metrics.deployments - a.metrics.deployments)[0];
  return top && top.metrics.deployments ? [`Busiest ${unit}`, `${top.short} (${top.metrics.deployments})`] : undefined;
}

function latest(
  periods: PanelPeriod[],
  unit: string,
  pick: (m: Metrics) => string | null,
): [string, string] | undefined {
  for (let i = periods.length - 1; i >= 0; i--) {
    const value = pick(periods[i].metrics);
    if (value !== null) return [`Latest ${unit} (${periods[i].short})`, value];
  }
  return [`Latest ${unit}`, NONE];
}

function describeSeries(series: TrendSeries, labels: string[], format: (v: number) => string): string {
  if (series.kind === 'bars')
    return (
      labels.map((l, i) => `${l} ${format(series.stacks.reduce((s, st) => s + st.values[i], 0))}`).join(', ') ||
      'no periods'
    );
  return (
    labels.map((l, i) => `${l} ${series.values[i] === null ? 'none' : format(series.values[i]!)}`).join(', ') ||
    'no periods'
  );
}

function periodTable(report: PanelReport): HTMLElement {
  const head = ['Period', 'Deployments', 'Change fail rate', 'Rework rate', 'Lead time', 'Recovery time'];
  const rows = report.periods.map((p) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, `${p.label}${p.partial ? ' (part)' : ''}`),
      h('td', {}, String(p.metrics.deployments)),
      h('td', {}, percent(p.metrics.changeFailRate)),
      h('td', {}, percent(p.metrics.reworkRate)),
      h('td', {}, humanDuration(p.metrics.leadTime.medianMs)),
      h('td', {}, humanDuration(p.metrics.recoveryTime.medianMs)),
    ),
  );
  return h(
    'details',
    { class: 'table-box' },
    h('summary', {}, `The numbers per ${report.by}`),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows),
    ),
  );
}
