// What the webview keeps through hiding, reloading and refreshes (VS Code's getState/setState):
// the view, the date, the zone choice, filters, the selection and scroll positions. A restored
// state is read as untrusted input: anything malformed falls back to the default.
import type { Filters } from './view-model';
import { isDayKey, ViewKind } from './display-time';

export type ZoneMode = 'calendar' | 'local';

export interface ViewState {
  version: 1;
  view: ViewKind;
  date: string;
  zoneMode: ZoneMode;
  filters: Filters;
  filtersOpen: boolean;
  /** Key of the selected event (its runbook's uri). */
  selected: string | null;
  scroll: Record<ViewKind, number>;
}

export function defaultState(today: string, narrow: boolean): ViewState {
  return {
    version: 1,
    // The side panel is narrow: the agenda reads best there; the editor panel opens on the week.
    view: narrow ? 'agenda' : 'week',
    date: today,
    zoneMode: 'calendar',
    filters: { environments: [], teams: [], services: [] },
    filtersOpen: false,
    selected: null,
    scroll: { agenda: 0, week: -1, month: 0 },
  };
}

const VIEWS: ViewKind[] = ['agenda', 'week', 'month'];

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.length <= 200).slice(0, 500)
    : [];
}

function scrollOf(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= -1 && value < 10_000_000 ? value : fallback;
}

export function restoreState(saved: unknown, fallback: ViewState): ViewState {
  if (!saved || typeof saved !== 'object') return fallback;
  const s = saved as Record<string, unknown>;
  if (s.version !== 1) return fallback;
  const filters = (s.filters && typeof s.filters === 'object' ? s.filters : {}) as Record<string, unknown>;
  const scroll = (s.scroll && typeof s.scroll === 'object' ? s.scroll : {}) as Record<string, unknown>;
  return {
    version: 1,
    view: VIEWS.includes(s.view as ViewKind) ? (s.view as ViewKind) : fallback.view,
    date: isDayKey(s.date) ? s.date : fallback.date,
    zoneMode: s.zoneMode === 'local' ? 'local' : 'calendar',
    filters: {
      environments: strings(filters.environments),
      teams: strings(filters.teams),
      services: strings(filters.services),
    },
    filtersOpen: s.filtersOpen === true,
    selected: typeof s.selected === 'string' && s.selected.length <= 4096 ? s.selected : null,
    scroll: {
      agenda: scrollOf(scroll.agenda, 0),
      week: scrollOf(scroll.week, -1),
      month: scrollOf(scroll.month, 0),
    },
  };
}
