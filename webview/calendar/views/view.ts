// What the three views share: the data they draw and the callbacks they report through.
import type { CalendarResult } from '../../../server/core/calendar/calendar-types';
import type { Relations } from '../event-view';
import type { ShownEvent, ShownPeriod } from '../view-model';
import type { DayKey, ViewKind, ViewSpan } from '../display-time';

export interface ViewContext {
  zone: string;
  result: CalendarResult;
  events: ShownEvent[];
  periods: ShownPeriod[];
  span: ViewSpan;
  day: DayKey;
  today: DayKey;
  rel: Relations;
  activateEvent(item: ShownEvent): void;
  activatePeriod(item: ShownPeriod): void;
  /** "+3 more" in the month: show that day in the agenda. */
  showDay(day: DayKey): void;
  scrolled(): void;
}

export interface CalendarView {
  readonly kind: ViewKind;
  /** Draws everything; `scroll` restores a saved position (null keeps the current one). */
  render(ctx: ViewContext, scroll: number | null): void;
  /** Events in the order arrow keys walk them. */
  order(): ShownEvent[];
  /** Moves keyboard focus to an event, scrolling it into view; false when it is not in this view. */
  focusEvent(key: string): boolean;
  scrollPosition(): number;
}

/** Arrow keys, Home and End walk the view's events; returns the key to focus, if any. */
export function nextKey(order: ShownEvent[], current: string | null, key: string): string | null {
  if (order.length === 0) return null;
  const i = current ? order.findIndex((e) => e.key === current) : -1;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return order[Math.min(order.length - 1, i + 1)].key;
    case 'ArrowUp':
    case 'ArrowLeft':
      return order[Math.max(0, i === -1 ? 0 : i - 1)].key;
    case 'Home':
      return order[0].key;
    case 'End':
      return order[order.length - 1].key;
    default:
      return null;
  }
}

/**
 * Moves the keyboard focus to an event's button (the only one in the tab order, as a roving
 * tab index), scrolled into view; false when the event is not drawn.
 */
export function focusButton(buttons: Map<string, HTMLElement>, key: string): boolean {
  const btn = buttons.get(key);
  if (!btn) return false;
  for (const b of buttons.values()) b.tabIndex = -1;
  btn.tabIndex = 0;
  btn.focus({ preventScroll: true });
  btn.scrollIntoView({ block: 'nearest' });
  return true;
}
