// Dependency arrows on the week for the selected window: from the end of each runbook it depends on
// to its start, and from its end to the start of each runbook that depends on it, so the order reads
// along the arrows. An arrow whose order is broken (the earlier one ends after the later one starts)
// is drawn dashed in the error colour. Drawn as an SVG over the grid that takes no clicks; the words
// are in each window's label and the details pane, so the SVG is hidden from screen readers.
import type { OrderState } from '../../../server/core/calendar/dependency-state';
import { relationOf, Relations } from '../event-view';
import type { ShownEvent } from '../view-model';

const SVG = 'http://www.w3.org/2000/svg';

/** A window's boxes on the grid: the segment it starts in and the one it ends in (a window over midnight has one per day). */
export interface EventBoxes {
  item: ShownEvent;
  first: HTMLElement;
  last: HTMLElement;
}

export interface Arrow {
  from: string;
  to: string;
  order: OrderState;
}

/** The arrows to draw for the selection: only between windows shown in this week. */
export function arrowsFor(boxes: Map<string, EventBoxes>, rel: Relations): Arrow[] {
  if (!rel.selectedKey || !boxes.has(rel.selectedKey)) return [];
  const arrows: Arrow[] = [];
  for (const [key, { item }] of boxes) {
    const { relation, order } = relationOf(item, rel);
    if (relation === 'dependency') arrows.push({ from: key, to: rel.selectedKey, order: order ?? 'unknown' });
    else if (relation === 'dependent') arrows.push({ from: rel.selectedKey, to: key, order: order ?? 'unknown' });
  }
  return arrows;
}

/** Draws `arrows` into `layer` (an SVG the size of `grid`), from the boxes' places on the page now. */
export function drawArrows(
  layer: SVGSVGElement,
  grid: HTMLElement,
  boxes: Map<string, EventBoxes>,
  arrows: Arrow[],
): void {
  while (layer.firstChild) layer.removeChild(layer.firstChild);
  const area = grid.getBoundingClientRect();
  layer.setAttribute('width', String(Math.round(area.width)));
  layer.setAttribute('height', String(Math.round(area.height)));
  layer.setAttribute('viewBox', `0 0 ${Math.round(area.width)} ${Math.round(area.height)}`);
  if (!arrows.length) return;
  const defs = el('defs');
  for (const kind of ['holds', 'broken']) {
    const marker = el('marker', {
      id: `arrow-head-${kind}`,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto-start-reverse',
    });
    marker.appendChild(el('path', { d: 'M0 0 10 5 0 10Z', class: `arrow-head ${kind}` }));
    defs.appendChild(marker);
  }
  layer.appendChild(defs);
  for (const arrow of arrows) {
    const from = boxes.get(arrow.from)!.last.getBoundingClientRect();
    const to = boxes.get(arrow.to)!.first.getBoundingClientRect();
    // From the bottom middle of the earlier window to the top middle of the later one.
    const ax = from.left + from.width / 2 - area.left;
    const ay = from.bottom - area.top;
    const bx = to.left + to.width / 2 - area.left;
    const by = to.top - area.top;
    const bend = Math.max(28, Math.abs(by - ay) / 2);
    const broken = arrow.order === 'broken' || arrow.order === 'missing';
    const path = el('path', {
      d: `M${r(ax)} ${r(ay)} C${r(ax)} ${r(ay + bend)} ${r(bx)} ${r(by - bend)} ${r(bx)} ${r(by)}`,
      class: `dependency-arrow ${broken ? 'broken' : 'holds'}`,
      'marker-end': `url(#arrow-head-${broken ? 'broken' : 'holds'})`,
      'data-from': arrow.from,
      'data-to': arrow.to,
    });
    layer.appendChild(path);
  }
}

export function arrowLayer(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'dependency-arrows');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  return svg;
}

function el(tag: string, attrs: Record<string, string> = {}): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function r(n: number): string {
  return n.toFixed(1);
}
