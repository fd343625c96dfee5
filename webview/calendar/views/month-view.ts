// The month: whole weeks, Monday first. Freezes shade the days they cover and run as bars across
// the week; each day lists its first windows and a "+N more" that opens the day in the agenda.
import { clear, h, icon } from '../../dom';
import {
  conflictMark,
  conflictWords,
  eventAriaLabel,
  eventClasses,
  outcomeKind,
  outcomeMark,
  titleOf,
} from '../event-view';
import { monthModel, MonthWeek, ShownEvent } from '../view-model';
import { dayKeyOf, longDayLabel, spanLabel, timeLabel } from '../display-time';
import { focusButton } from './view';
import type { CalendarView, ViewContext } from './view';
import { laneChip } from './week-view';

const LANE_HEIGHT = 18;
const DATE_HEIGHT = 22;
const MAX_LANES = 3;
const MAX_EVENTS = 3;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export class MonthView implements CalendarView {
  readonly kind = 'month' as const;
  private ctx!: ViewContext;
  private buttons = new Map<string, HTMLElement>();
  private ordered: ShownEvent[] = [];

  constructor(private readonly scroller: HTMLElement) {
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  dispose(): void {
    this.scroller.removeEventListener('scroll', this.onScroll);
  }

  private readonly onScroll = () => this.ctx?.scrolled();

  render(ctx: ViewContext, scroll: number | null): void {
    this.ctx = ctx;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.key ?? null;
    const month = Number(ctx.day.slice(5, 7));
    const weeks = monthModel(ctx.events, ctx.periods, ctx.span, month, ctx.zone);
    this.buttons.clear();
    clear(this.scroller);
    const root = h('div', {
      class: 'month',
      role: 'grid',
      'aria-label': spanLabel('month', ctx.span, ctx.day),
      'aria-readonly': 'true',
    });
    const head = h('div', { class: 'month-head', role: 'row' });
    for (const d of WEEKDAYS) head.appendChild(h('div', { class: 'month-weekday', role: 'columnheader' }, d));
    root.appendChild(head);
    const seen = new Map<string, ShownEvent>();
    for (const week of weeks) root.appendChild(this.week(week, seen));
    this.scroller.appendChild(root);

    this.ordered = [...seen.values()].sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
    const tabKey =
      focused && this.buttons.has(focused)
        ? focused
        : ctx.rel.selectedKey && this.buttons.has(ctx.rel.selectedKey)
          ? ctx.rel.selectedKey
          : this.ordered.find((e) => this.buttons.has(e.key))?.key;
    if (tabKey) this.buttons.get(tabKey)!.tabIndex = 0;
    if (scroll !== null) this.scroller.scrollTop = Math.max(0, scroll);
    if (focused && this.buttons.has(focused)) this.buttons.get(focused)!.focus({ preventScroll: true });
  }

  private week(week: MonthWeek, seen: Map<string, ShownEvent>): HTMLElement {
    const ctx = this.ctx;
    const row = h('div', { class: 'month-week', role: 'row' });
    const laneCount = Math.min(
      MAX_LANES,
      week.lanes.reduce((n, l) => Math.max(n, l.lane + 1), 0),
    );
    const lanes = h('div', { class: 'month-lanes' });
    lanes.style.top = `${DATE_HEIGHT}px`;
    for (const lane of week.lanes)
      if (lane.lane < MAX_LANES) lanes.appendChild(laneChip(lane, ctx, 7, LANE_HEIGHT, 'month-chip'));
    for (const cell of week.cells) {
      const classes = ['month-cell'];
      if (!cell.inMonth) classes.push('out');
      if (cell.day === ctx.today) classes.push('today');
      if (cell.day === ctx.day) classes.push('chosen');
      if (cell.freeze) classes.push(`freeze-${cell.freeze}`);
      if (cell.maintenance) classes.push('maintenance');
      const label = [longDayLabel(cell.day)];
      if (cell.day === ctx.today) label.push('today');
      if (cell.freeze) label.push(cell.freeze === 'full' ? 'in a freeze' : 'partly in a freeze');
      if (cell.maintenance) label.push('has a maintenance window');
      label.push(cell.events.length === 1 ? '1 window' : `${cell.events.length} windows`);
      const el = h(
        'div',
        { class: classes.join(' '), role: 'gridcell', 'aria-label': label.join(', ') },
        h('div', { class: 'month-date', 'aria-hidden': 'true' }, String(Number(cell.day.slice(8, 10)))),
      );
      el.style.paddingTop = `${DATE_HEIGHT + laneCount * LANE_HEIGHT}px`;
      const list = h('div', { class: 'month-events' });
      const shown = cell.events.length > MAX_EVENTS ? MAX_EVENTS - 1 : MAX_EVENTS;
      for (const item of cell.events.slice(0, shown)) {
        const continued = dayKeyOf(item.start, ctx.zone) !== cell.day;
        const btn = h(
          'button',
          {
            class: eventClasses(item, ctx.rel, 'month-event'),
            type: 'button',
            'data-key': item.key,
            'aria-label': eventAriaLabel(item, ctx.zone, ctx.rel),
            'aria-pressed': ctx.rel.selectedKey === item.key ? 'true' : 'false',
            title: titleOf(item.event),
          },
          h('span', { class: 'swatch', 'aria-hidden': 'true' }),
          h('span', { class: 'time' }, continued ? '…' : timeLabel(item.start, ctx.zone)),
          h('span', { class: 'title' }, titleOf(item.event)),
          outcomeMark(item.event),
          conflictMark(item.event),
        );
        btn.tabIndex = -1;
        btn.addEventListener('click', () => ctx.activateEvent(item));
        if (!this.buttons.has(item.key)) this.buttons.set(item.key, btn);
        seen.set(item.key, item);
        list.appendChild(btn);
      }
      if (cell.events.length > shown) {
        // What "+N more" hides is not hidden when it is a problem: a marker and the words say so.
        const hidden = cell.events.slice(shown);
        const problems = hidden.filter(
          (e) =>
            (e.event.conflicts?.length ?? 0) > 0 ||
            outcomeKind(e.event.outcome) === 'failed' ||
            outcomeKind(e.event.outcome) === 'rolled-back',
        );
        const words = [
          ...new Set(
            problems.flatMap((e) =>
              [
                conflictWords(e.event),
                outcomeKind(e.event.outcome) === 'failed'
                  ? 'failed'
                  : outcomeKind(e.event.outcome) === 'rolled-back'
                    ? 'rolled back'
                    : '',
              ].filter(Boolean),
            ),
          ),
        ].join(', ');
        const label = `${hidden.length} more windows on ${longDayLabel(cell.day)}${problems.length ? `, ${problems.length} with problems (${words})` : ''}, show the day in the agenda`;
        const more = h(
          'button',
          {
            class: `month-more${problems.length ? ' has-problems' : ''}`,
            type: 'button',
            'aria-label': label,
            title: label,
          },
          problems.length ? icon('warning') : null,
          `+${hidden.length} more`,
        );
        more.addEventListener('click', () => ctx.showDay(cell.day));
        list.appendChild(more);
      }
      el.appendChild(list);
      row.appendChild(el);
    }
    row.appendChild(lanes);
    return row;
  }

  order(): ShownEvent[] {
    return this.ordered.filter((e) => this.buttons.has(e.key));
  }

  focusEvent(key: string): boolean {
    return focusButton(this.buttons, key);
  }

  scrollPosition(): number {
    return this.scroller.scrollTop;
  }
}
