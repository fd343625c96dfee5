// A trend over the report's periods: stacked bars (deployments, split into successful and failed)
// or a line with points (a rate or a median), gaps where a period has nothing to measure. Axis
// labels, values on the marks when they fit, and an aria-label that says the same in words.
import { niceScale, svg } from './svg';

export interface TrendPoint {
  label: string;
  /** The full period name, for tooltips. */
  title: string;
}

export type TrendSeries =
  | { kind: 'bars'; stacks: { name: string; className: string; values: number[] }[] }
  | { kind: 'line'; className: string; values: (number | null)[] };

export interface TrendChartOptions {
  width: number;
  height?: number;
  points: TrendPoint[];
  series: TrendSeries;
  /** Axis and value text. */
  format: (value: number) => string;
  /** The smallest top of the axis, so that a small value does not fill the chart. */
  minimumTop?: number;
  /** How the axis is divided; default round numbers. */
  scale?: (max: number, minimumTop?: number) => { top: number; ticks: number[] };
  label: string;
}

const MARGIN = { left: 52, right: 12, top: 16, bottom: 26 };

export function trendChart(options: TrendChartOptions): SVGSVGElement {
  const width = Math.max(240, Math.floor(options.width));
  const height = options.height ?? 170;
  const root = svg('svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart trend',
    role: 'img',
    'aria-label': options.label,
  });
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const n = options.points.length;
  const values =
    options.series.kind === 'bars'
      ? options.series.stacks[0].values.map((_, i) =>
          sumAt(options.series as Extract<TrendSeries, { kind: 'bars' }>, i),
        )
      : options.series.values.map((v) => v ?? 0);
  const { top, ticks } = (options.scale ?? niceScale)(Math.max(0, ...values), options.minimumTop ?? 1);
  const y = (v: number) => MARGIN.top + plotH - (v / top) * plotH;
  const band = n ? plotW / n : plotW;
  const x = (i: number) => MARGIN.left + band * i + band / 2;

  for (const t of ticks) {
    root.appendChild(
      svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(t), y2: y(t), class: t === 0 ? 'axis' : 'grid' }),
    );
    root.appendChild(
      svg(
        'text',
        { x: MARGIN.left - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' },
        t === 0 ? '0' : options.format(t),
      ),
    );
  }
  // Period labels: every one when they fit, else every k-th (and always the last).
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 46))));
  options.points.forEach((p, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    root.appendChild(svg('text', { x: x(i), y: height - 8, class: 'tick', 'text-anchor': 'middle' }, p.label));
  });
  const showValues = band >= 22;

  if (options.series.kind === 'bars') {
    const barW = Math.max(3, Math.min(36, band * 0.62));
    options.points.forEach((p, i) => {
      let base = 0;
      const group = svg('g', { class: 'bar' });
      group.appendChild(
        svg(
          'title',
          {},
          `${p.title}: ${(options.series as Extract<TrendSeries, { kind: 'bars' }>).stacks.map((s) => `${s.values[i]} ${s.name}`).join(', ')}`,
        ),
      );
      for (const stack of (options.series as Extract<TrendSeries, { kind: 'bars' }>).stacks) {
        const v = stack.values[i];
        if (v > 0)
          group.appendChild(
            svg('rect', {
              x: x(i) - barW / 2,
              y: y(base + v),
              width: barW,
              height: Math.max(1, y(base) - y(base + v)),
              class: stack.className,
            }),
          );
        base += v;
      }
      if (showValues && base > 0)
        group.appendChild(
          svg('text', { x: x(i), y: y(base) - 4, class: 'value', 'text-anchor': 'middle' }, options.format(base)),
        );
      root.appendChild(group);
    });
  } else {
    const line = options.series;
    // Solid between neighbouring periods; dashed across periods with nothing to measure, so the
    // trend still reads while the gap stays visible.
    let d = '';
    let gaps = '';
    let previous: number | undefined;
    line.values.forEach((v, i) => {
      if (v === null) return;
      const at = `${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      if (previous === undefined) d += `M${at}`;
      else if (previous === i - 1) d += `L${at}`;
      else {
        gaps += `M${x(previous).toFixed(1)},${y(line.values[previous]!).toFixed(1)}L${at}`;
        d += `M${at}`;
      }
      previous = i;
    });
    if (gaps) root.appendChild(svg('path', { d: gaps, class: `line gap ${line.className}` }));
    if (d) root.appendChild(svg('path', { d, class: `line ${line.className}` }));
    line.values.forEach((v, i) => {
      if (v === null) return;
      const point = svg('g', { class: 'point' });
      point.appendChild(svg('title', {}, `${options.points[i].title}: ${options.format(v)}`));
      point.appendChild(svg('circle', { cx: x(i), cy: y(v), r: 3.5, class: `dot ${line.className}` }));
      if (showValues)
        point.appendChild(
          svg('text', { x: x(i), y: y(v) - 8, class: 'value', 'text-anchor': 'middle' }, options.format(v)),
        );
      root.appendChild(point);
    });
  }
  if (
    !n ||
    values.every((v) => v === 0 && options.series.kind === 'bars') ||
    (options.series.kind === 'line' && options.series.values.every((v) => v === null))
  ) {
    root.appendChild(
      svg(
        'text',
        { x: MARGIN.left + plotW / 2, y: MARGIN.top + plotH / 2, class: 'empty', 'text-anchor': 'middle' },
        'Nothing to measure in this range',
      ),
    );
  }
  return root;
}

function sumAt(series: Extract<TrendSeries, { kind: 'bars' }>, i: number): number {
  return series.stacks.reduce((sum, s) => sum + s.values[i], 0);
}
