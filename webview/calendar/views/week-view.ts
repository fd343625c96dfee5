// The week: seven day columns on a 24-hour grid. Windows are placed by their wall-clock time in the
// display zone (clipped at midnight), freezes and maintenance windows are shaded bands behind them,
// and the bar row above the grid names each band and opens its definition.
import { clear, h } from '../../dom';
import {
  conflictMark,
  outcomeMark,
  eventAriaLabel,
  eventClasses,
  periodAriaLabel,
  periodIcon,
  periodClass,
  periodLabel,
  timeRange,
  titleOf,
} from '../event-view';
import { Lane, ShownEvent, ShownPeriod, weekModel } from '../view-model';
import { longDayLabel, shortDayLabel, spanLabel, timeLabel } from '../display-time';
import { arrowLayer, arrowsFor, drawArrows, EventBoxes } from './dependency-arrows';
import { focusButton } from './view';
import type { CalendarView, ViewContext } from './view';

export const HOUR_HEIGHT = 48;
const MIN_EVENT_HEIGHT = 20;
const LANE_HEIGHT = 22;
const MAX_LANES = 4;

export class WeekView implements CalendarView {
  readonly kind = 'week' as const;
  private ctx!: ViewContext;
  private buttons = new Map<string, HTMLElement>();
  private ordered: ShownEvent[] = [];
  /** Redraws the dependency arrows when the grid's width changes (event boxes are placed in percent). */
  private resize: ResizeObserver | undefined;

  constructor(private readonly scroller: HTMLElement) {
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  dispose(): void {
    this.resize?.disconnect();
    this.scroller.removeEventListener('scroll', this.onScroll);
  }

  private readonly onScroll = () => this.ctx?.scrolled();

  render(ctx: ViewContext, scroll: number | null): void {
    this.ctx = ctx;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.key ?? null;
    const model = weekModel(ctx.events, ctx.periods, ctx.span, ctx.zone);
    this.buttons.clear();
    this.resize?.disconnect();
    this.resize = undefined;
    const boxes = new Map<string, EventBoxes>();
    clear(this.scroller);

    const root = h('div', {
      class: 'week',
      role: 'group',
      'aria-label': `Week of ${spanLabel('week', ctx.span, ctx.day)}`,
    });
    const head = h('div', { class: 'week-head' });
    head.appendChild(h('div', { class: 'week-corner', 'aria-hidden': 'true' }));
    for (const day of model.days) {
      // Weekday over the day number, as narrow as a side panel column allows.
      head.appendChild(
        h(
          'div',
          {
            class: `week-day-head${day === ctx.today ? ' today' : ''}${day === ctx.day ? ' chosen' : ''}`,
            'aria-label': `${longDayLabel(day)}${day === ctx.today ? ', today' : ''}`,
          },
          h('span', { class: 'weekday', 'aria-hidden': 'true' }, shortDayLabel(day).slice(0, 3)),
          h('span', { class: 'day-number', 'aria-hidden': 'true' }, String(Number(day.slice(8, 10)))),
        ),
      );
    }
    head.appendChild(this.lanes(model.lanes));
    root.appendChild(head);

    const body = h('div', { class: 'week-body' });
    const hours = h('div', { class: 'week-hours', 'aria-hidden': 'true' });
    for (let hour = 0; hour < 24; hour++)
      hours.appendChild(h('div', { class: 'hour-label' }, `${String(hour).padStart(2, '0')}:00`));
    body.appendChild(hours);
    for (const column of model.columns) {
      const col = h('div', {
        class: `week-col${column.day === ctx.today ? ' today' : ''}`,
        role: 'group',
        'aria-label': `${longDayLabel(column.day)}, ${column.events.length === 1 ? '1 window' : `${column.events.length} windows`}`,
      });
      col.style.height = `${24 * HOUR_HEIGHT}px`;
      for (const seg of column.periods) {
        // Bookings are chips in the lanes above; shading the day would read as a rule for everyone.
        if (seg.item.period.kind === 'booking' || seg.item.period.kind === 'access') continue;
        const band = h('div', {
          class: `band ${seg.item.period.kind}`,
          title: periodAriaLabel(seg.item, ctx.zone),
          'aria-hidden': 'true',
          'data-period': seg.item.key,
        });
        band.style.top = `${(seg.startMinute / 60) * HOUR_HEIGHT}px`;
        band.style.height = `${Math.max(2, ((seg.endMinute - seg.startMinute) / 60) * HOUR_HEIGHT)}px`;
        band.addEventListener('click', () => ctx.activatePeriod(seg.item));
        col.appendChild(band);
      }
      for (const seg of column.events) {
        const item = seg.item;
        const btn = h(
          'button',
          {
            class: eventClasses(item, ctx.rel, 'week-event'),
            type: 'button',
            'data-key': item.key,
            'aria-label': eventAriaLabel(item, ctx.zone, ctx.rel),
            'aria-pressed': ctx.rel.selectedKey === item.key ? 'true' : 'false',
            title: `${titleOf(item.event)}\n${timeRange(item, ctx.zone)}`,
          },
          // One inner box: a button centres its content vertically, an event reads from the top.
          h(
            'span',
            { class: 'inner' },
            // First in the box so it floats to the top right corner with the text flowing around it.
            conflictMark(item.event),
            outcomeMark(item.event),
            h(
              'span',
              { class: 'time' },
              seg.continuesBefore
                ? `…–${seg.continuesAfter ? '…' : timeLabel(item.end, ctx.zone)}`
                : timeRange(item, ctx.zone, column.day),
            ),
            h('span', { class: 'title' }, titleOf(item.event)),
          ),
        );
        btn.style.top = `${(seg.startMinute / 60) * HOUR_HEIGHT}px`;
        btn.style.height = `${Math.max(MIN_EVENT_HEIGHT, ((seg.endMinute - seg.startMinute) / 60) * HOUR_HEIGHT - 2)}px`;
        btn.style.left = `calc(${(seg.column / seg.columns) * 100}% + 2px)`;
        btn.style.width = `calc(${100 / seg.columns}% - 4px)`;
        if (seg.continuesBefore) btn.classList.add('continues-before');
        if (seg.continuesAfter) btn.classList.add('continues-after');
        btn.tabIndex = -1;
        btn.addEventListener('click', () => ctx.activateEvent(item));
        // A window over midnight has a segment per day; the first one takes the focus.
        if (!this.buttons.has(item.key)) this.buttons.set(item.key, btn);
        const known = boxes.get(item.key);
        if (known) known.last = btn;
        else boxes.set(item.key, { item, first: btn, last: btn });
        col.appendChild(btn);
      }
      body.appendChild(col);
    }
    root.appendChild(body);
    this.scroller.appendChild(root);
    const arrows = arrowsFor(boxes, ctx.rel);
    if (arrows.length) {
      const layer = arrowLayer();
      body.appendChild(layer);
      drawArrows(layer, body, boxes, arrows);
      let width = body.clientWidth;
      this.resize = new ResizeObserver(() => {
        if (body.clientWidth === width) return;
        width = body.clientWidth;
        drawArrows(layer, body, boxes, arrows);
      });
      this.resize.observe(body);
    }

    this.ordered = [
      ...new Map(model.columns.flatMap((c) => c.events.map((s) => [s.item.key, s.item] as const))).values(),
    ].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
    const tabKey =
      focused && this.buttons.has(focused)
        ? focused
        : ctx.rel.selectedKey && this.buttons.has(ctx.rel.selectedKey)
          ? ctx.rel.selectedKey
          : this.ordered[0]?.key;
    if (tabKey) this.buttons.get(tabKey)!.tabIndex = 0;

    if (scroll !== null) {
      // -1: first show of this week; start an hour before the first window, at 07:00 at the latest.
      const auto = Math.max(0, (((model.firstMinute ?? 8 * 60) - 60) / 60) * HOUR_HEIGHT);
      this.scroller.scrollTop = scroll < 0 ? Math.min(auto, 7 * HOUR_HEIGHT) : scroll;
    }
    if (focused && this.buttons.has(focused)) this.buttons.get(focused)!.focus({ preventScroll: true });
  }

  private lanes(lanes: Lane<ShownPeriod>[]): HTMLElement {
    const count = Math.min(
      MAX_LANES,
      lanes.reduce((n, l) => Math.max(n, l.lane + 1), 0),
    );
    const row = h('div', {
      class: 'week-lanes',
      role: 'group',
      'aria-label': lanes.length
        ? 'Freezes and maintenance windows this week'
        : 'No freezes or maintenance windows this week',
    });
    row.style.height = `${Math.max(1, count) * LANE_HEIGHT + 4}px`;
    for (const lane of lanes) {
      if (lane.lane >= MAX_LANES) continue;
      row.appendChild(laneChip(lane, this.ctx, 7, LANE_HEIGHT, 'week-chip'));
    }
    return row;
  }

  order(): ShownEvent[] {
    return this.ordered;
  }

  focusEvent(key: string): boolean {
    return focusButton(this.buttons, key);
  }

  scrollPosition(): number {
    return this.scroller.scrollTop;
  }
}

/** A freeze or maintenance bar over a row of `days` day columns. */
export function laneChip(
  lane: Lane<ShownPeriod>,
  ctx: ViewContext,
  days: number,
  laneHeight: number,
  cls: string,
): HTMLElement {
  const p = lane.item;
  const chip = h(
    'button',
    {
      class: `${cls} period ${periodClass(p)}`,
      type: 'button',
      'data-period': p.key,
      'aria-label': periodAriaLabel(p, ctx.zone),
      title: periodAriaLabel(p, ctx.zone),
    },
    periodIcon(p),
    h('span', { class: 'chip-label' }, periodLabel(p)),
  );
  if (lane.continuesBefore) chip.classList.add('continues-before');
  if (lane.continuesAfter) chip.classList.add('continues-after');
  chip.style.left = `${(lane.firstColumn / days) * 100}%`;
  chip.style.width = `${((lane.lastColumn - lane.firstColumn + 1) / days) * 100}%`;
  chip.style.top = `${lane.lane * laneHeight}px`;
  chip.style.height = `${laneHeight - 2}px`;
  chip.addEventListener('click', () => ctx.activatePeriod(p));
  return chip;
}
