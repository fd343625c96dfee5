// The calendar webview: holds the view state, asks the host for the range in view, and draws the
// toolbar, filters, notices, the active view and the selected window's details. It never reads
// files or talks to the server itself.
import type { VsCodeApi } from '../vscode-api';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { dependencyState } from '../../server/core/calendar/dependency-state';
import { ageText } from '../../server/core/calendar/source-age';
import { renderDetails } from './details';
import { append, clear, h, icon } from '../dom';
import { relationsOf } from './event-view';
import { acceptMessage } from '../message-guard';
import {
  activeFilterCount,
  emptyFilters,
  Filters,
  filterOptions,
  NONE,
  ShownEvent,
  shownEvents,
  shownPeriods,
} from './view-model';
import { CalendarRange, HostMessage, parseHostMessage, WebviewMessage } from './protocol';
import { defaultState, restoreState, ViewState } from './state';
import { DateTime } from 'luxon';
import {
  dayKeyOf,
  dayLabel,
  isDayKey,
  localZone,
  numericDateOrder,
  parseDayInput,
  shiftDay,
  spanLabel,
  timeLabel,
  todayKey,
  ViewKind,
  viewSpan,
  ViewSpan,
} from './display-time';
import { AgendaView } from './views/agenda-view';
import { MonthView } from './views/month-view';
import { CalendarView, nextKey, ViewContext } from './views/view';
import { WeekView } from './views/week-view';

const DAY = 86_400_000;
const LOOKAHEAD_DAYS = 56;
const VIEW_NAMES: Record<ViewKind, string> = { agenda: 'Agenda', week: 'Week', month: 'Month' };
const SHIFT_WORDS: Record<ViewKind, string> = { agenda: '4 weeks', week: 'week', month: 'month' };

export class CalendarApp {
  private state: ViewState;
  private result: CalendarResult | null = null;
  private loaded: { start: number; end: number } | null = null;
  private pending: { id: number; start: number; end: number } | null = null;
  private requestSeq = 0;
  private lastApplied = -1;
  private error: string | null = null;
  private views: Record<ViewKind, CalendarView>;
  private saveTimer = 0;
  private filterSignature = '';

  // Chrome built once; the parts that change are updated in place.
  private readonly rangeLabel = h('h1', { class: 'range-label', id: 'range-label', 'aria-live': 'polite' });
  private readonly zoneLabel = h('p', { class: 'zone-label', id: 'zone-label' });
  private readonly viewButtons = new Map<ViewKind, HTMLElement>();
  private readonly prevButton: HTMLElement;
  private readonly nextButton: HTMLElement;
  private readonly dateField: HTMLElement & { value: string };
  private readonly zoneSelect: HTMLElement & { value: string };
  private readonly filters: HTMLElement & { open: boolean; description: string };
  private readonly filterBody = h('div', { class: 'filter-groups' });
  private readonly notices = h('div', { class: 'notices' });
  private readonly status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly scroller = h('div', { class: 'view-scroller', id: 'view' });
  private readonly detailsHost = h('div', { class: 'details-host' });

  constructor(
    private readonly root: HTMLElement,
    private readonly api: VsCodeApi<WebviewMessage>,
    host: 'view' | 'panel',
  ) {
    this.state = restoreState(api.getState(), defaultState(todayKey(localZone()), host === 'view'));
    this.views = {
      agenda: new AgendaView(this.scroller),
      week: new WeekView(this.scroller),
      month: new MonthView(this.scroller),
    };

    const today = this.button('Today', 'Go to today (T)', () => this.goToDay(todayKey(this.zone())));
    today.setAttribute('aria-keyshortcuts', 't');
    today.setAttribute('secondary', '');
    this.prevButton = this.button('', 'Previous', () => this.shift(-1), icon('chevron-left'));
    this.prevButton.setAttribute('aria-keyshortcuts', 'PageUp');
    this.nextButton = this.button('', 'Next', () => this.shift(1), icon('chevron-right'));
    this.nextButton.setAttribute('aria-keyshortcuts', 'PageDown');
    this.prevButton.setAttribute('secondary', '');
    this.nextButton.setAttribute('secondary', '');

    const switcher = h('div', { class: 'view-switch', role: 'group', 'aria-label': 'View' });
    for (const kind of ['agenda', 'week', 'month'] as ViewKind[]) {
      const b = this.button(VIEW_NAMES[kind], `${VIEW_NAMES[kind]} view`, () => this.setView(kind));
      b.dataset.view = kind;
      this.viewButtons.set(kind, b);
      switcher.appendChild(b);
    }

    // A text field, not type=date: Chromium shows a date input in the browser's locale (mm/dd/yyyy
    // in VS Code's en-US Chromium) while the calendar writes "2 Dec 2026". It shows that format and
    // takes it, ISO dates, and numeric dates in the user's own order.
    this.dateField = h('vscode-textfield', {
      id: 'jump-date',
      'aria-label': `Go to date, for example 4 Jan 2027 or ${numericExample(navigator.language)}`,
      title: `Go to date: 4 Jan 2027, 2027-01-04 or ${numericExample(navigator.language)}; Enter goes there`,
      placeholder: 'Go to date',
      class: 'jump-date',
    }) as HTMLElement & { value: string };
    const takeDate = () => {
      const typed = this.dateField.value;
      const day = parseDayInput(typed, navigator.language);
      this.dateField.toggleAttribute('invalid', !day && typed.trim() !== '');
      if (day) this.goToDay(day);
      else if (typed.trim() !== '')
        this.setStatus(
          `"${typed.slice(0, 40)}" is not a date; try 4 Jan 2027 or ${numericExample(navigator.language)}`,
        );
    };
    this.dateField.addEventListener('change', takeDate);
    this.dateField.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') takeDate();
    });

    this.zoneSelect = h('vscode-single-select', {
      id: 'zone-select',
      'aria-label': 'Time zone for times shown',
      class: 'zone-select',
    }) as HTMLElement & { value: string };
    this.zoneSelect.addEventListener('change', () => {
      const mode = this.zoneSelect.value === 'local' ? 'local' : 'calendar';
      if (mode === this.state.zoneMode) return;
      this.state.zoneMode = mode;
      this.resetScroll();
      this.refreshAll('restore');
      this.ensureData();
    });

    this.filters = h('vscode-collapsible', { heading: 'Filters', class: 'filters' }) as HTMLElement & {
      open: boolean;
      description: string;
    };
    this.filters.open = this.state.filtersOpen;
    this.filters.addEventListener('vsc-collapsible-toggle', (e) => {
      this.state.filtersOpen = !!(e as CustomEvent<{ open: boolean }>).detail?.open;
      this.save();
    });
    this.filters.appendChild(this.filterBody);

    append(
      root,
      h(
        'header',
        { class: 'toolbar', role: 'toolbar', 'aria-label': 'Calendar', 'aria-controls': 'view' },
        h('div', { class: 'toolbar-row nav' }, today, this.prevButton, this.nextButton, this.rangeLabel),
        h('div', { class: 'toolbar-row controls' }, switcher, this.dateField, this.zoneSelect),
      ),
      this.zoneLabel,
      this.filters,
      this.notices,
      this.status,
      this.scroller,
      this.detailsHost,
    );
    this.scroller.tabIndex = -1;
    this.scroller.addEventListener('keydown', (e) => this.onViewKey(e));
    document.addEventListener('keydown', (e) => this.onGlobalKey(e));
    window.addEventListener('message', (e) => this.onMessage(acceptMessage(parseHostMessage, e.data, 'calendar')));
    window.addEventListener('resize', () => this.currentView().kind === 'agenda' && this.renderView('keep'));

    this.refreshAll('restore');
    this.post({ type: 'ready' });
    this.ensureData();
  }

  // ---- data --------------------------------------------------------------------------------

  /** The zone times are shown in: the calendar's unless the user picked their own. */
  private zone(): string {
    return this.state.zoneMode === 'local' ? localZone() : (this.result?.timezone ?? 'UTC');
  }

  private span(): ViewSpan {
    return viewSpan(this.state.view, this.state.date, this.zone());
  }

  /** Asks for the view's range when the data in hand does not cover it; a day of margin covers any zone switch. */
  private ensureData(force = false): void {
    const span = this.span();
    // Eight weeks past the view as well, so an empty view can name the next window.
    const need = { start: span.start - DAY, end: span.end + LOOKAHEAD_DAYS * DAY };
    const covers = (r: { start: number; end: number } | null) => !!r && r.start <= need.start && r.end >= need.end;
    if (!force && (covers(this.loaded) || covers(this.pending))) return;
    const id = ++this.requestSeq;
    this.pending = { id, start: need.start - DAY, end: need.end + DAY };
    this.setStatus('Loading…');
    // Ask for a day more each side than needed, so switching zones or the first answer's zone needs no second trip.
    this.post({
      type: 'requestRange',
      requestId: id,
      from: new Date(need.start - DAY).toISOString(),
      to: new Date(need.end + DAY).toISOString(),
    });
  }

  private onMessage(message: HostMessage | undefined): void {
    if (!message) return;
    if (message.type === 'reveal') {
      this.goToDay(message.date);
      return;
    }
    if (message.type === 'error') {
      if (message.requestId !== 0 && message.requestId < this.lastApplied) return;
      this.error = message.message;
      if (this.pending?.id === message.requestId) this.pending = null;
      this.setStatus('');
      this.refreshAll('keep');
      return;
    }
    // Answers can cross: a refresh (id 0) always applies, an older request's answer does not.
    if (message.requestId !== 0 && message.requestId < this.lastApplied) return;
    if (message.requestId !== 0) this.lastApplied = message.requestId;
    if (this.pending && message.requestId >= this.pending.id) this.pending = null;
    const zoneBefore = this.zone();
    this.result = message.result;
    this.error = null;
    const start = Date.parse(message.result.from);
    const end = Date.parse(message.result.to);
    this.loaded = Number.isNaN(start) || Number.isNaN(end) ? null : { start, end };
    this.setStatus('');
    this.refreshAll(zoneBefore === this.zone() ? 'keep' : 'restore');
    this.ensureData();
  }

  // ---- navigation --------------------------------------------------------------------------

  private setView(kind: ViewKind): void {
    if (kind === this.state.view) return;
    this.state.scroll[this.state.view] = this.currentView().scrollPosition();
    this.state.view = kind;
    this.refreshAll('restore');
    this.ensureData();
    this.announce();
  }

  private shift(direction: 1 | -1): void {
    this.goToDay(shiftDay(this.state.view, this.state.date, direction));
  }

  private goToDay(day: string): void {
    if (!isDayKey(day)) return;
    this.state.date = day;
    this.resetScroll();
    this.refreshAll('restore');
    this.ensureData();
    this.announce();
  }

  private resetScroll(): void {
    this.state.scroll = { agenda: 0, week: -1, month: 0 };
  }

  private showDayInAgenda(day: string): void {
    this.state.scroll[this.state.view] = this.currentView().scrollPosition();
    this.state.view = 'agenda';
    this.goToDay(day);
  }

  // ---- rendering ---------------------------------------------------------------------------

  private currentView(): CalendarView {
    return this.views[this.state.view];
  }

  /** 'restore' puts the saved scroll position back (after a view or date change); 'keep' leaves it (refreshes). */
  private refreshAll(scroll: 'restore' | 'keep'): void {
    this.renderChrome();
    this.renderFilters();
    this.renderNotices();
    this.renderView(scroll);
    this.renderDetails();
    this.save();
  }

  private renderChrome(): void {
    const span = this.span();
    const zone = this.zone();
    this.rangeLabel.textContent = spanLabel(this.state.view, span, this.state.date);
    for (const [kind, b] of this.viewButtons) {
      const on = kind === this.state.view;
      b.toggleAttribute('secondary', !on);
      b.setAttribute('aria-pressed', String(on));
    }
    this.prevButton.setAttribute('aria-label', `Previous ${SHIFT_WORDS[this.state.view]}`);
    this.nextButton.setAttribute('aria-label', `Next ${SHIFT_WORDS[this.state.view]}`);
    this.dateField.value = DateTime.fromISO(this.state.date, { zone: 'UTC' }).toFormat('d LLL yyyy');
    this.dateField.removeAttribute('invalid');

    const calendarZone = this.result?.timezone ?? null;
    const local = localZone();
    const signature = `${calendarZone}|${local}`;
    if (this.zoneSelect.dataset.signature !== signature) {
      this.zoneSelect.dataset.signature = signature;
      clear(this.zoneSelect);
      this.zoneSelect.appendChild(
        h('vscode-option', { value: 'calendar' }, `Calendar time (${calendarZone ?? 'loading'})`),
      );
      this.zoneSelect.appendChild(h('vscode-option', { value: 'local' }, `My time (${local})`));
    }
    this.zoneSelect.value = this.state.zoneMode;
    const same = calendarZone !== null && calendarZone === local;
    this.zoneLabel.textContent =
      this.state.zoneMode === 'local'
        ? `Times in ${zone}, your local time zone${same ? ' (also the calendar’s)' : calendarZone ? `; the calendar uses ${calendarZone}` : ''}`
        : `Times in ${zone}, the calendar’s time zone${same ? ' (also yours)' : ''}`;
    this.root.classList.toggle('zone-local', this.state.zoneMode === 'local');
    this.root.dataset.view = this.state.view;
  }

  private renderFilters(): void {
    const options = filterOptions(this.result ?? undefined, this.state.filters);
    const signature = JSON.stringify([options, this.state.filters]);
    const count = activeFilterCount(this.state.filters);
    this.filters.description = count ? `${count} active` : 'all shown';
    if (signature === this.filterSignature) return;
    this.filterSignature = signature;
    clear(this.filterBody);
    const group = (legend: string, key: keyof Filters, values: string[]) => {
      if (values.length === 0) return null;
      const box = h('fieldset', { class: `filter-group filter-${key}` }, h('legend', {}, legend));
      for (const value of values) {
        const cb = h('vscode-checkbox', {
          label: value === NONE ? '(none)' : value,
          value,
          'data-filter': key,
        }) as HTMLElement & { checked: boolean };
        cb.checked = this.state.filters[key].includes(value);
        cb.addEventListener('change', () => this.toggleFilter(key, value, cb.checked));
        box.appendChild(cb);
      }
      return box;
    };
    append(
      this.filterBody,
      group('Environment', 'environments', options.environments),
      group('Team', 'teams', options.teams),
      group('Service', 'services', options.services),
    );
    if (count > 0) {
      const reset = this.button('Show everything', 'Clear all filters', () => {
        this.state.filters = emptyFilters();
        this.refreshAll('keep');
      });
      reset.setAttribute('secondary', '');
      this.filterBody.appendChild(reset);
    }
  }

  private toggleFilter(key: keyof Filters, value: string, on: boolean): void {
    const list = this.state.filters[key].filter((v) => v !== value);
    if (on) list.push(value);
    this.state.filters = { ...this.state.filters, [key]: list };
    this.refreshAll('keep');
    this.announce();
  }

  private renderNotices(): void {
    clear(this.notices);
    if (this.error) {
      const retry = this.button('Retry', 'Ask the language server again', () => this.ensureData(true));
      this.notices.appendChild(this.notice('error', `The calendar could not be loaded: ${this.error}`, retry));
    }
    const ws = this.result?.workspace;
    if (!ws || this.fullState()) return;
    const hint = this.nextWindowHint();
    if (hint) this.notices.appendChild(hint);
    if (ws.calendars === 0) {
      this.notices.appendChild(
        this.notice(
          'info',
          'No calendar file: times are in UTC and no freezes or maintenance windows are known.',
          this.createButton('calendar', 'Create a calendar'),
        ),
      );
    } else if (ws.runbooks === 0) {
      this.notices.appendChild(
        this.notice(
          'info',
          'No runbooks yet: only freezes and maintenance windows are shown.',
          this.createButton('runbook', 'Create a runbook'),
        ),
      );
    }
    if (ws.unreadableCount > 0) {
      const list = h(
        'ul',
        { class: 'unreadable-list' },
        ...ws.unreadable.map((u) =>
          h('li', {}, this.fileLink(u.uri, null), ` ${u.code ? `${u.code}: ` : ''}${u.message}`),
        ),
      );
      const summary = h(
        'summary',
        {},
        `${ws.unreadableCount} ${ws.unreadableCount === 1 ? 'file' : 'files'} could not be placed on the calendar`,
      );
      this.notices.appendChild(h('details', { class: 'notice warning' }, summary, list));
    }
    const sources = this.sourcesNotice();
    if (sources) this.notices.appendChild(sources);
  }

  /**
   * The calendar's `sources` (other repositories) that are missing or shown from an older copy, and
   * how old: the summary says it, the list says why for each.
   */
  private sourcesNotice(): HTMLElement | null {
    const sources = this.result?.sources;
    if (!sources) return null;
    const notes = [...sources.problems, ...sources.sources.flatMap((s) => (s.message ? [s.message] : []))];
    if (notes.length === 0) return null;
    const missing = sources.sources.filter((s) => s.state === 'missing').length;
    const cached = sources.sources.filter((s) => s.state === 'cached' && s.fetchedAt);
    const parts: string[] = [];
    if (missing > 0) parts.push(`${missing} of ${sources.sources.length} missing`);
    if (cached.length > 0) {
      const oldest = Math.min(...cached.map((s) => Date.parse(s.fetchedAt!)));
      parts.push(
        `${cached.length} shown as read ${ageText(Date.now() - oldest)} ago${cached.length > 1 ? ' or later' : ''}`,
      );
    }
    if (parts.length === 0) parts.push(`${notes.length} ${notes.length === 1 ? 'note' : 'notes'}`);
    const summary = h('summary', {}, `Calendar sources (other repositories): ${parts.join(', ')}`);
    const list = h('ul', { class: 'unreadable-list' }, ...notes.map((n) => h('li', {}, n)));
    return h('details', { class: 'notice warning sources-notice' }, summary, list);
  }

  /** An empty view says so and names the next window, one click away, instead of showing a bare grid. */
  private nextWindowHint(): HTMLElement | null {
    if (!this.result) return null;
    const span = this.span();
    const events = shownEvents(this.result, this.state.filters);
    if (events.some((e) => e.start < span.end && e.end > span.start)) return null;
    const what = this.state.view === 'agenda' ? 'these 4 weeks' : `this ${this.state.view}`;
    const next = events.filter((e) => e.start >= span.end).sort((a, b) => a.start - b.start)[0];
    if (!next) return this.notice('info', `No windows in ${what} or the ${LOOKAHEAD_DAYS / 7} weeks after it.`);
    const day = dayKeyOf(next.start, this.zone());
    const shortDay = dayLabel(day).replace(
      / \d{4}$/,
      day.slice(0, 4) === this.state.date.slice(0, 4) ? '' : ` ${day.slice(0, 4)}`,
    );
    const go = this.button(
      `Next window: ${shortDay}`,
      `Go to the next window, ${dayLabel(day)} ${timeLabel(next.start, this.zone())}`,
      () => {
        this.state.selected = next.key;
        this.goToDay(day);
        this.currentView().focusEvent(next.key);
      },
    );
    go.classList.add('next-window');
    return this.notice('info', `No windows in ${what}.`, go);
  }

  /** The workspace gives nothing to draw: say why and offer the way out instead of an empty grid. */
  private fullState(): 'empty' | 'broken' | null {
    const r = this.result;
    if (!r?.workspace) return null;
    const ws = r.workspace;
    if (ws.calendars === 0 && ws.runbooks === 0) return 'empty';
    const nothingElse = r.freezes.length === 0 && r.maintenance.length === 0;
    if (ws.runbooks > 0 && ws.placedRunbooks === 0 && nothingElse) return 'broken';
    return null;
  }

  private renderView(scroll: 'restore' | 'keep'): void {
    const r = this.result;
    this.root.classList.remove('state-empty', 'state-broken', 'state-loading');
    if (!r) {
      clear(this.scroller);
      this.root.classList.add('state-loading');
      if (!this.error)
        this.scroller.appendChild(h('div', { class: 'view-empty' }, h('p', {}, 'Loading the release calendar…')));
      return;
    }
    const full = this.fullState();
    this.filters.hidden = !!full;
    if (full) {
      this.root.classList.add(`state-${full}`);
      this.renderFullState(full);
      return;
    }
    const view = this.currentView();
    view.render(this.context(r), scroll === 'restore' ? this.state.scroll[this.state.view] : null);
  }

  private context(result: CalendarResult): ViewContext {
    const zone = this.zone();
    const events = shownEvents(result, this.state.filters);
    const selected = this.selectedEvent(events);
    return {
      zone,
      result,
      events,
      periods: shownPeriods(result, this.state.filters),
      span: this.span(),
      day: this.state.date,
      today: todayKey(zone),
      rel: relationsOf(
        selected?.key ?? null,
        selected ? dependencyState(selected.event, result.events, result.related) : null,
      ),
      activateEvent: (item) => this.activateEvent(item),
      activatePeriod: (item) => this.post({ type: 'open', uri: item.period.uri, range: item.period.range }),
      showDay: (day) => this.showDayInAgenda(day),
      scrolled: () => {
        this.state.scroll[this.state.view] = this.currentView().scrollPosition();
        this.save();
      },
    };
  }

  private selectedEvent(events?: ShownEvent[]): ShownEvent | null {
    const key = this.state.selected;
    if (!key || !this.result) return null;
    const list = events ?? shownEvents(this.result, this.state.filters);
    return list.find((e) => e.key === key) ?? null;
  }

  private renderFullState(kind: 'empty' | 'broken'): void {
    clear(this.scroller);
    const ws = this.result!.workspace;
    const box = h('div', { class: 'full-state', role: 'region', 'aria-labelledby': 'full-state-title' });
    if (kind === 'empty') {
      append(
        box,
        h('h2', { id: 'full-state-title' }, 'No runbooks or calendar yet'),
        h(
          'p',
          {},
          'The calendar shows the window of every *.runbook.yaml file in the workspace, with the freezes and maintenance windows of *.calendar.yaml files.',
        ),
        h(
          'div',
          { class: 'full-state-actions' },
          this.createButton('calendar', 'Create a starter calendar'),
          this.createButton('runbook', 'Create a starter runbook', true),
        ),
      );
    } else {
      append(
        box,
        h(
          'h2',
          { id: 'full-state-title' },
          ws.runbooks === 1
            ? 'The runbook cannot be placed on the calendar'
            : `None of the ${ws.runbooks} runbooks can be placed on the calendar`,
        ),
        h(
          'p',
          {},
          `${ws.runbooks === 1 ? 'It needs' : 'Each needs'} a readable window (window.start with window.end or window.duration, the end after the start). Open a file to see its problems:`,
        ),
        h(
          'ul',
          { class: 'unreadable-list' },
          ...ws.unreadable.map((u) =>
            h('li', {}, this.fileLink(u.uri, null), ` ${u.code ? `${u.code}: ` : ''}${u.message}`),
          ),
        ),
        h(
          'div',
          { class: 'full-state-actions' },
          this.createButton('runbook', 'Create a starter runbook'),
          ws.calendars === 0 ? this.createButton('calendar', 'Create a starter calendar', true) : null,
        ),
      );
    }
    this.scroller.appendChild(box);
  }

  private renderDetails(): void {
    clear(this.detailsHost);
    const r = this.result;
    const selected = this.selectedEvent();
    this.root.classList.toggle('has-selection', !!selected);
    if (!r || !selected || this.fullState()) return;
    const state = dependencyState(selected.event, r.events, r.related);
    this.detailsHost.appendChild(
      renderDetails(selected, state, this.zone(), {
        open: (item) => this.openEvent(item),
        close: () => this.select(null),
        goTo: (link) => {
          if (!link.uri) return;
          this.state.selected = link.uri;
          const start = link.start ? Date.parse(link.start) : NaN;
          const inView = !Number.isNaN(start) && start >= this.span().start && start < this.span().end;
          if (!Number.isNaN(start) && !inView) this.goToDay(dayKeyOf(start, this.zone()));
          else this.refreshAll('keep');
          this.currentView().focusEvent(link.uri);
        },
      }),
    );
  }

  // ---- actions -----------------------------------------------------------------------------

  /** A click previews the window in the details pane (the calendar keeps its size); a second click
   * on it soon after (a double click: the first re-renders the event), like "Open runbook", opens the file. */
  private activateEvent(item: ShownEvent): void {
    const now = Date.now();
    const again = this.lastActivation?.key === item.key && now - this.lastActivation.at < 500;
    this.lastActivation = again ? undefined : { key: item.key, at: now };
    if (again) this.openEvent(item);
    else this.select(item.key);
  }
  private lastActivation: { key: string; at: number } | undefined;

  private openEvent(item: ShownEvent): void {
    const range: CalendarRange = item.event.windowRange ?? item.event.range;
    this.post({ type: 'open', uri: item.event.uri, range });
  }

  private select(key: string | null): void {
    this.state.selected = key;
    this.renderView('keep');
    this.renderDetails();
    this.save();
    if (key) this.currentView().focusEvent(key);
  }

  private onViewKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const key = target.closest<HTMLElement>('[data-key]')?.dataset.key ?? null;
    if (e.key === 'Escape' && this.state.selected) {
      e.preventDefault();
      const was = this.state.selected;
      this.select(null);
      this.currentView().focusEvent(was);
      return;
    }
    if (!key && !['Home', 'End'].includes(e.key)) return;
    const next = nextKey(this.currentView().order(), key, e.key);
    if (next) {
      e.preventDefault();
      this.currentView().focusEvent(next);
    }
  }

  private onGlobalKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    if (target.closest('vscode-textfield, vscode-single-select, input, textarea, select')) return;
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      this.shift(e.key === 'PageUp' ? -1 : 1);
    } else if (e.key === 't' || e.key === 'T') {
      e.preventDefault();
      this.goToDay(todayKey(this.zone()));
    }
  }

  private announce(): void {
    if (!this.result) return;
    const span = this.span();
    const events = shownEvents(this.result, this.state.filters).filter((e) => e.start < span.end && e.end > span.start);
    const conflicts = events.filter((e) => (e.event.conflicts?.length ?? 0) > 0).length;
    this.setStatus(
      `${VIEW_NAMES[this.state.view]}, ${spanLabel(this.state.view, span, this.state.date)}: ${events.length} ${events.length === 1 ? 'window' : 'windows'}${conflicts ? `, ${conflicts} with conflicts` : ''}`,
    );
  }

  private setStatus(text: string): void {
    this.status.textContent = text;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => this.api.setState(this.state), 100);
  }

  private button(text: string, label: string, onClick: () => void, iconEl?: SVGSVGElement): HTMLElement {
    const b = h(
      'vscode-button',
      { 'aria-label': label, title: label, class: iconEl ? 'icon-button' : undefined },
      iconEl ?? null,
      text,
    );
    b.addEventListener('click', onClick);
    return b;
  }

  private createButton(what: 'calendar' | 'runbook', text: string, secondary = false): HTMLElement {
    const b = this.button(text, text, () => this.post({ type: 'create', what }));
    if (secondary) b.setAttribute('secondary', '');
    b.dataset.create = what;
    return b;
  }

  private notice(kind: 'info' | 'warning' | 'error', text: string, action?: HTMLElement): HTMLElement {
    return h(
      'div',
      { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : undefined },
      kind === 'info' ? null : icon('warning'),
      h('span', { class: 'notice-text' }, text),
      action ?? null,
    );
  }

  private fileLink(uri: string, range: CalendarRange | null): HTMLElement {
    const name = decodeURIComponent(uri.split('/').pop() ?? uri);
    const b = h('button', { class: 'link', type: 'button', title: uri }, name);
    b.addEventListener('click', () => this.post({ type: 'open', uri, range }));
    return b;
  }
}

/** A numeric example of the user's own date order, for the date field's hints: 04/01/2027 or 01/04/2027. */
function numericExample(locale: string): string {
  const parts: Record<string, string> = { d: '04', m: '01', y: '2027' };
  const sep = numericDateOrder(locale) === 'ymd' ? '-' : '/';
  return [...numericDateOrder(locale)].map((c) => parts[c]).join(sep);
}
