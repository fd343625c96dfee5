// Deployments per group (service, team or environment) as horizontal bars, successful and failed
// stacked, with the count and the change fail rate written at the end of each bar.
import type { GroupMetrics } from '../../server/core/metrics/compute-metrics';
import { percent } from '../../server/core/metrics/format-values';
import { svg } from './svg';

const ROW = 26;
const LABEL = 150;

export function groupChart(groups: GroupMetrics[], width: number, noun: string): SVGSVGElement {
  const w = Math.max(280, Math.floor(width));
  const height = Math.max(1, groups.length) * ROW + 8;
  const label = groups
    .map((g) => `${g.name}: ${g.metrics.deployments} deployments, ${percent(g.metrics.changeFailRate)} failed`)
    .join('; ');
  const root = svg('svg', {
    width: w,
    height,
    viewBox: `0 0 ${w} ${height}`,
    class: 'chart groups',
    role: 'img',
    'aria-label': `Deployments by ${noun}: ${label || 'none'}`,
  });
  const max = Math.max(1, ...groups.map((g) => g.metrics.deployments));
  const barSpace = w - LABEL - 150;
  groups.forEach((g, i) => {
    const y = 4 + i * ROW;
    const m = g.metrics;
    const failed = m.rolledBack + m.failed;
    const ok = m.deployments - failed;
    const row = svg('g', { class: 'group-row' });
    row.appendChild(
      svg(
        'title',
        {},
        `${g.name}: ${m.successes} successful, ${m.rolledBack} rolled back, ${m.failed} failed, ${m.emergency} emergency`,
      ),
    );
    row.appendChild(
      svg('text', { x: LABEL - 8, y: y + ROW / 2 + 4, class: 'name', 'text-anchor': 'end' }, clip(g.name, 22)),
    );
    const okW = (ok / max) * barSpace;
    const failW = (failed / max) * barSpace;
    if (ok > 0)
      row.appendChild(svg('rect', { x: LABEL, y: y + 4, width: Math.max(1, okW), height: ROW - 10, class: 'ok' }));
    if (failed > 0)
      row.appendChild(
        svg('rect', { x: LABEL + okW, y: y + 4, width: Math.max(1, failW), height: ROW - 10, class: 'failed' }),
      );
    const text = `${m.deployments} · ${percent(m.changeFailRate)} failed${m.emergency ? ` · ${m.emergency} emergency` : ''}`;
    row.appendChild(svg('text', { x: LABEL + okW + failW + 6, y: y + ROW / 2 + 4, class: 'value' }, text));
    root.appendChild(row);
  });
  if (!groups.length) root.appendChild(svg('text', { x: 8, y: 18, class: 'empty' }, 'No deployments in this range'));
  return root;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
