// The agenda: upcoming windows grouped by day. A year of 2,000 runbooks is thousands of rows, so
// only the rows in (and just around) the visible part of the scroll area exist in the DOM.
import { clear, h, icon } from '../../dom';
import {
  badges,
  conflictWord,
  envChip,
  eventAriaLabel,
  eventClasses,
  outcomeMark,
  periodAriaLabel,
  periodIcon,
  periodLabel,
  periodRange,
  periodClass,
  periodKindText,
  relationTag,
  timeRange,
  titleOf,
} from '../event-view';
import {
  AGENDA_COMPACT_WIDTH,
  AGENDA_MAX_CONFLICT_LINES,
  AgendaModel,
  agendaModel,
  AgendaRow,
  rowsInView,
  ShownEvent,
} from '../view-model';
import { addDays, dayLabel, longDayLabel, spanLabel } from '../display-time';
import type { CalendarView, ViewContext } from './view';

const OVERSCAN = 400;

export class AgendaView implements CalendarView {
  readonly kind = 'agenda' as const;
  private ctx!: ViewContext;
  private model: AgendaModel = { rows: [], height: 0, events: [] };
  private list: HTMLElement | null = null;
  private rendered = new Map<string, HTMLElement>();
  private focusKey: string | null = null;
  private frame = 0;

  constructor(private readonly scroller: HTMLElement) {
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  dispose(): void {
    this.scroller.removeEventListener('scroll', this.onScroll);
    cancelAnimationFrame(this.frame);
  }

  private readonly onScroll = () => {
    if (!this.list) return;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.paint();
      this.ctx.scrolled();
    });
  };

  render(ctx: ViewContext, scroll: number | null): void {
    this.ctx = ctx;
    const compact = this.scroller.clientWidth > 0 && this.scroller.clientWidth < AGENDA_COMPACT_WIDTH;
    this.model = agendaModel(ctx.events, ctx.periods, ctx.span, ctx.zone, compact);
    const hadFocus = this.list?.contains(document.activeElement) ?? false;
    clear(this.scroller);
    this.rendered.clear();
    if (this.model.rows.length === 0) {
      this.list = null;
      this.scroller.appendChild(
        h(
          'div',
          { class: 'view-empty' },
          h(
            'p',
            {},
            `Nothing scheduled from ${dayLabel(ctx.span.firstDay)} to ${dayLabel(addDays(ctx.span.endDay, -1))}.`,
          ),
        ),
      );
      return;
    }
    this.list = h('div', {
      class: compact ? 'agenda compact' : 'agenda',
      'aria-label': `Agenda, ${spanLabel('agenda', ctx.span, ctx.day)}`,
    });
    this.list.style.height = `${this.model.height}px`;
    this.scroller.appendChild(this.list);
    // The range's last day is always named, so a short list never reads as a cut-off one.
    this.scroller.appendChild(
      h(
        'p',
        { class: 'agenda-end' },
        `End of the agenda: nothing more through ${dayLabel(addDays(ctx.span.endDay, -1))}.`,
      ),
    );
    if (scroll !== null) this.scroller.scrollTop = scroll;
    if (this.focusKey && !this.model.events.some((e) => e.key === this.focusKey)) this.focusKey = null;
    this.paint();
    if (hadFocus && this.focusKey) this.focusEvent(this.focusKey);
  }

  order(): ShownEvent[] {
    return this.model.events;
  }

  scrollPosition(): number {
    return this.scroller.scrollTop;
  }

  focusEvent(key: string): boolean {
    const row = this.model.rows.find((r) => r.kind === 'event' && r.item.key === key);
    if (!row) return false;
    this.focusKey = key;
    const top = this.scroller.scrollTop;
    const bottom = top + this.scroller.clientHeight;
    if (row.top < top) this.scroller.scrollTop = Math.max(0, row.top - 40);
    else if (row.top + row.height > bottom)
      this.scroller.scrollTop = row.top + row.height - this.scroller.clientHeight + 8;
    this.paint();
    this.rendered.get(rowKey(row))?.focus({ preventScroll: true });
    return true;
  }

  /** Keeps the rows that stay in view, adds the ones that came in, drops the rest. */
  private paint(): void {
    if (!this.list) return;
    const top = this.scroller.scrollTop - OVERSCAN;
    const bottom = this.scroller.scrollTop + Math.max(this.scroller.clientHeight, 200) + OVERSCAN;
    const visible = rowsInView(this.model.rows, top, bottom);
    const keep = new Set(visible.map(rowKey));
    for (const [key, el] of this.rendered) {
      if (!keep.has(key) && !el.contains(document.activeElement)) {
        el.remove();
        this.rendered.delete(key);
      }
    }
    for (const row of visible) {
      const key = rowKey(row);
      if (this.rendered.has(key)) continue;
      const el = this.row(row);
      el.style.top = `${row.top}px`;
      el.style.height = `${row.height}px`;
      this.rendered.set(key, el);
      this.list.appendChild(el);
    }
    // One event in the list is reachable with Tab; arrows move from there (roving tabindex).
    const tabKey =
      this.focusKey && [...this.rendered.keys()].includes(`event:${this.focusKey}`)
        ? `event:${this.focusKey}`
        : firstEventKey(visible);
    for (const [key, el] of this.rendered) if (key.startsWith('event:')) el.tabIndex = key === tabKey ? 0 : -1;
  }

  private row(row: AgendaRow): HTMLElement {
    const ctx = this.ctx;
    if (row.kind === 'day') {
      const today = row.day === ctx.today;
      return h(
        'div',
        {
          class: `agenda-row agenda-day${today ? ' today' : ''}`,
          role: 'heading',
          'aria-level': 3,
          'aria-label': `${longDayLabel(row.day)}${today ? ', today' : ''}, ${countLabel(row.events)}`,
        },
        h('span', { class: 'day-label' }, dayLabel(row.day)),
        today ? h('span', { class: 'today-tag' }, 'Today') : null,
        h('span', { class: 'day-count' }, countLabel(row.events)),
      );
    }
    if (row.kind === 'period') {
      const p = row.item;
      const el = h(
        'button',
        {
          class: `agenda-row agenda-period period ${periodClass(p)}`,
          type: 'button',
          'data-period': p.key,
          'aria-label': periodAriaLabel(p, ctx.zone),
          title: periodAriaLabel(p, ctx.zone),
        },
        periodIcon(p),
        h('span', { class: 'period-kind' }, periodKindText(p)),
        h('span', { class: 'period-title' }, periodLabel(p)),
        h('span', { class: 'period-time' }, periodRange(p, ctx.zone, row.day)),
      );
      // A tab stop of its own: freezes are few, and their definition is one Enter away.
      el.addEventListener('click', () => ctx.activatePeriod(p));
      return el;
    }
    const item = row.item;
    const e = item.event;
    const conflicts = e.conflicts ?? [];
    const lines: HTMLElement[] = [];
    const shown =
      conflicts.length > AGENDA_MAX_CONFLICT_LINES ? AGENDA_MAX_CONFLICT_LINES - 1 : AGENDA_MAX_CONFLICT_LINES;
    for (const c of conflicts.slice(0, shown)) {
      lines.push(
        h(
          'span',
          { class: 'conflict-line' },
          icon('warning'),
          h('span', { class: 'conflict-word' }, conflictWord(c.code)),
          ' · ',
          h('span', { class: 'code' }, c.code),
          ' ',
          c.message,
        ),
      );
    }
    if (conflicts.length > shown)
      lines.push(h('span', { class: 'conflict-line more' }, `and ${conflicts.length - shown} more conflicts`));
    const el = h(
      'button',
      {
        class: eventClasses(item, ctx.rel, 'agenda-row agenda-event'),
        type: 'button',
        'data-key': item.key,
        'aria-label': eventAriaLabel(item, ctx.zone, ctx.rel),
        'aria-pressed': ctx.rel.selectedKey === item.key ? 'true' : 'false',
      },
      h('span', { class: 'stripe', 'aria-hidden': 'true' }),
      h(
        'span',
        { class: 'line line-1' },
        h('span', { class: 'time' }, timeRange(item, ctx.zone, row.day)),
        h('span', { class: 'title' }, titleOf(e)),
        outcomeMark(e),
      ),
      h(
        'span',
        { class: 'line line-2' },
        envChip(e.environment),
        e.service ? h('span', { class: 'service' }, e.version ? `${e.service} ${e.version}` : e.service) : null,
        e.team ? h('span', { class: 'team' }, e.team) : null,
      ),
      h('span', { class: 'line line-3' }, ...badges(e), relationTag(item, ctx.rel)),
      ...lines,
    );
    el.addEventListener('click', () => {
      this.focusKey = item.key;
      ctx.activateEvent(item);
    });
    el.addEventListener('focus', () => (this.focusKey = item.key));
    return el;
  }
}

function rowKey(row: AgendaRow): string {
  if (row.kind === 'event') return `event:${row.item.key}`;
  if (row.kind === 'period') return `period:${row.day}:${row.item.key}`;
  return `day:${row.day}`;
}

function firstEventKey(rows: AgendaRow[]): string | null {
  const r = rows.find((x) => x.kind === 'event');
  return r ? rowKey(r) : null;
}

function countLabel(n: number): string {
  return n === 0 ? 'no windows' : n === 1 ? '1 window' : `${n} windows`;
}
