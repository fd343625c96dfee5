// The `runbook/calendar` result (docs/runbook-dsl.md, "The editor protocol") and the additions the calendar view uses.
// Types only, shared by the server, the extension host and the webview bundle.

export interface CalendarPosition {
  line: number;
  character: number;
}

export interface CalendarRange {
  start: CalendarPosition;
  end: CalendarPosition;
}

export interface CalendarParams {
  /** ISO 8601 instant; without an offset it is read in the calendar's zone. */
  from: string;
  to: string;
}

/** A diagnostic that makes an event collide with something (RB009, RB012, RB013, RB014, RB019). */
export interface EventConflict {
  code: string;
  message: string;
}

/**
 * Another runbook named in `depends-on`, or one that names this runbook; given once per answer in
 * `CalendarResult.related`, whichever events link to it.
 */
export interface DependencyRef {
  runbook: string;
  /** null when no runbook with that id exists in the workspace. */
  title: string | null;
  start: string | null;
  end: string | null;
  uri: string | null;
  range: CalendarRange | null;
}

/** What the change-request helper knows of a ticket; merged in by the extension host. */
export interface TicketStatus {
  state: string | null;
  cabLabel: string | null;
  /** With an approval board, its verdict in words (protocol/change-status.ts `approvalText`): "Approved by @alice (…)". */
  approval?: string | null;
  assignees: string[];
}

export interface CalendarEvent {
  // docs/runbook-dsl.md, `runbook/calendar`.
  runbook: string | null;
  title: string | null;
  service: string | null;
  environment: string | null;
  start: string;
  end: string;
  type: string | null;
  risk: string | null;
  ticket: string | null;
  dependsOn: string[];
  codes: string[];
  uri: string;
  range: CalendarRange;
  // Additions.
  team: string | null;
  version: string | null;
  owner: string | null;
  /** The zone the runbook's window was written in (its own `timezone`, else the calendar's). */
  zone: string;
  /** Where the window is written (`window:` key), for "open the runbook at its window". */
  windowRange: CalendarRange;
  conflicts: EventConflict[];
  /**
   * Runbooks whose `depends-on` names this one, as keys of `CalendarResult.related`: the runbook's
   * id, or its uri when the id does not name it (it has none, or shares it with another runbook).
   * What this runbook depends on is `dependsOn`, also resolved through `related`.
   */
  dependents: string[];
  /** `outcome.result` once recorded. */
  outcome: string | null;
  /** Filled by the extension host from the change-request status store; absent from the server. */
  ticketStatus?: TicketStatus | null;
}

export interface PeriodOccurrence {
  // docs/runbook-dsl.md, `runbook/calendar`.
  id: string;
  title: string;
  start: string;
  end: string;
  environments: string[] | null;
  uri: string;
  range: CalendarRange;
  // Additions.
  kind: 'freeze' | 'maintenance';
  /** The RRULE when the entry recurs, else null. */
  rrule: string | null;
}

/** An occurrence of a booking: a team's reservation of a shared environment. */
export interface BookingOccurrence {
  kind: 'booking';
  id: string;
  /** The purpose, else the id. */
  title: string;
  start: string;
  end: string;
  environment: string;
  team: string;
  purpose: string | null;
  contact: string | null;
  /** Nobody else may change the environment meanwhile (RB038 is an error then). */
  exclusive: boolean;
  uri: string;
  range: CalendarRange;
  rrule: string | null;
}

/** A runbook's access request (`access:`): who may do what in an environment, from when until when. */
export interface AccessOccurrence {
  kind: 'access';
  /** The request's id, unique among its runbook's access requests. */
  id: string;
  /** The runbook that asks for it (its id, else null) and its title. */
  runbook: string | null;
  runbookTitle: string | null;
  /** "Access for @alice: kubectl exec". */
  title: string;
  start: string;
  end: string;
  who: string;
  environment: string;
  level: string | null;
  why: string | null;
  /** The request's issue, once filed. */
  ticket: string | null;
  /** Its `until` has passed and the entry is still there (RB041): the access must be revoked. */
  ended: boolean;
  uri: string;
  range: CalendarRange;
  /** Filled by the extension host from the change-request status store; absent from the server. */
  ticketStatus?: TicketStatus | null;
}

/** A workspace file the calendar could not place, for the view's broken state. */
export interface UnreadableFile {
  uri: string;
  kind: 'runbook' | 'calendar';
  /** The first error's code and message, or why the window could not be read. */
  code: string | null;
  message: string;
}

export interface WorkspaceSummary {
  calendars: number;
  runbooks: number;
  /** Runbooks whose window could be read (in or out of the range). */
  placedRunbooks: number;
  unreadable: UnreadableFile[];
  /** How many unreadable files there are in all; `unreadable` is capped. */
  unreadableCount: number;
  /** Every environment, team and service named in the workspace (not only in the range), for filters. */
  environments: string[];
  teams: string[];
  services: string[];
}

export interface CalendarResult {
  timezone: string;
  events: CalendarEvent[];
  freezes: PeriodOccurrence[];
  maintenance: PeriodOccurrence[];
  // Additions.
  /** Environment bookings meeting the range (absent from answers of servers before bookings). */
  bookings?: BookingOccurrence[];
  /** Runbooks' access requests meeting the range (absent from answers of servers before access requests). */
  access?: AccessOccurrence[];
  /** The range asked about, as ISO instants in the calendar zone. */
  from: string;
  to: string;
  workspace: WorkspaceSummary;
  /**
   * Runbooks named by an event's `dependsOn` or `dependents` key that no event of this answer
   * describes (most often: outside the range), once each, by that key; an id no runbook has maps
   * to a ref with `title` and `uri` null. A key not here is the first event with that `runbook`
   * id, else the event with that `uri` (linkResolver in dependency-state.ts).
   */
  related: Record<string, DependencyRef>;
  /** The calendar's `sources` as the editor last read them (absent: none named, or the CLI). */
  sources?: CalendarSources;
}

/** Other repositories' runbooks and calendars (`sources:`): what was read, from where, how old. */
export interface CalendarSources {
  sources: CalendarSourceStatus[];
  /** Entries of `sources` that could not be used (bad repository name, too many). */
  problems: string[];
}

export interface CalendarSourceStatus {
  repository: string;
  ref: string | null;
  path: string;
  /** fresh: read now; unchanged: GitHub said so; cached: GitHub could not be asked, the last copy is used; missing: nothing to show. */
  state: 'fresh' | 'unchanged' | 'cached' | 'missing';
  files: number;
  /** When the files were last confirmed against GitHub (ISO instant); null: never. */
  fetchedAt: string | null;
  /** What a person should know (why the cache is used and how old it is, why it is missing); null: all is well. */
  message: string | null;
}

export const CONFLICT_CODES: readonly string[] = ['RB009', 'RB012', 'RB013', 'RB014', 'RB019'];
