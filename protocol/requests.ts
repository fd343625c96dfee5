// The language server's custom requests and notifications: each method's name with its parameter
// and result types, in one table (`Requests`), so the client, the server and the tests agree by
// construction. Types only at run time: nothing here pulls the language core into a bundle.
import type { CalendarParams, CalendarResult, CalendarSources } from '../server/core/calendar/calendar-types';
import type { Announcement, AnnounceMoment } from '../server/core/announce/announce-message';
import type { ChannelConfig } from '../server/core/announce/announce-plan';
import type { ChangeRequest } from '../server/core/change-request/render-change-request';
import type { NoteCommit, NotePull } from '../server/core/release-notes/release-notes';
import type { BoardRequirement, ChangeStatus, ChangeStatusInput } from './change-status';
import type { RequestToFile } from '../server/core/change-request/render-access-request';
import type { OutcomeResult } from '../server/core/release/release-record';
import type { ReleaseState } from '../server/core/release/release-state';
import type { StepList, Transition } from '../server/core/release/transitions';
import type { ReviewView } from '../webview/release/go-no-go-protocol';
import type { MetricsQuery, PanelReport } from '../webview/metrics/protocol';
import type { GitHubDeployment } from '../server/core/metrics/github-deployments';
import type { SourceComparison } from '../server/core/metrics/source-comparison';

export const CALENDAR_REQUEST = 'runbook/calendar';
export const CALENDAR_ICS_REQUEST = 'runbook/calendarIcs';
export const CHANGE_REQUEST_REQUEST = 'runbook/changeRequest';
export const TICKET_EDIT_REQUEST = 'runbook/ticketEdit';
export const ACCESS_REQUESTS_REQUEST = 'runbook/accessRequests';
export const RELEASE_STATE_REQUEST = 'runbook/releaseState';
export const RELEASE_TRANSITION_REQUEST = 'runbook/releaseTransition';
export const GO_NO_GO_REQUEST = 'runbook/goNoGo';
export const METRICS_REQUEST = 'runbook/metrics';
export const STATUS_REPORT_REQUEST = 'runbook/statusReport';
export const FINISHED_RELEASES_REQUEST = 'runbook/finishedReleases';
export const RETROSPECTIVE_REQUEST = 'runbook/retrospective';
export const ANNOUNCEMENT_REQUEST = 'runbook/announcement';
export const ANNOUNCEMENT_RECORD_REQUEST = 'runbook/announcementRecord';
export const RELEASE_NOTES_REQUEST = 'runbook/releaseNotes';
export const STATUS_REPORT_ANNOUNCEMENT_REQUEST = 'runbook/statusReportAnnouncement';

export const TICKETS_REQUEST = 'runbook/tickets';

export const REFRESH_SOURCES_REQUEST = 'runbook/refreshSources';
export const SOURCE_TEXT_REQUEST = 'runbook/sourceText';

export const INDEX_CHANGED_NOTIFICATION = 'runbook/indexChanged';
export const CHANGE_STATUSES_NOTIFICATION = 'runbook/changeStatuses';
export const GITHUB_TOKEN_NOTIFICATION = 'runbook/githubToken';

/** Every answer read from the workspace says whether the server had read all of it yet. */
export interface Completeness {
  /** True while the server is still reading the workspace: the answer is from the files read so far. */
  partial: boolean;
}

/** A `runbook/calendar` answer (with the ticket statuses the extension host merged in) as an RFC 5545 file. */
export interface CalendarIcsParams {
  calendar: CalendarResult;
}

export interface CalendarIcsResult {
  ics: string;
}

export interface RunbookParams {
  /** The runbook's URI as the client names it. */
  uri: string;
}

/** After a submission: the edit that writes the ticket (and, on a first filing, when) into the runbook. */
export interface TicketEditParams extends RunbookParams {
  /** The runbook's text as it was read for the submission: the edit is refused when the runbook holds anything else now. */
  text: string;
  /** The ticket to write into change.ticket, `owner/repo#number`. */
  ticket: string;
  /** On the first filing: written as change.submitted, the instant (epoch ms) in the runbook's zone. */
  submitted?: { at: number };
  /** An access or provisioning request's ticket instead (`access[id].ticket`); no `submitted` then. */
  request?: { section: 'access' | 'provisioning'; id: string };
}

export type TicketEditResult =
  | { ok: true; /** The one span to replace in `text`; absent when the ticket is already there. */ edit?: TextEditAt }
  | { ok: false; error: string };

/** Every runbook's change.ticket as written, for the extension to read their status on GitHub. */
export interface TicketsResult extends Completeness {
  /** `approval`: the board the change request answers to (the calendar's `approvals:`); absent: the label decides. */
  tickets: { uri: string; ticket: string; approval?: BoardRequirement }[];
}

/** What the extension read of the change requests on GitHub: the ticket lens and hover show it. */
export interface ChangeStatusesParams {
  /** Every status known; the list replaces the one sent before. */
  statuses: ChangeStatus[];
  /** Why the last refresh failed; absent after a clean one. */
  lastError?: string;
}

// Calendar sources -------------------------------------------------------------------------------

/**
 * Where the server reads the calendar's `sources` and with which token (the client's GitHub
 * sign-in). Until the first of these the server uses its cache only; `token: null` reads without
 * one (public repositories). Sent again whenever the sign-in changes.
 */
export interface GitHubTokenParams {
  apiUrl: string;
  token: string | null;
}

/** The text of a file read from a source, for the read-only document that shows it. */
export interface SourceTextParams {
  /** A runbook-source: URI, as the server gave it (calendar, go to definition). */
  uri: string;
}

export interface SourceTextResult {
  text: string;
  /** `owner/name@ref:path`. */
  display: string;
}

// Release day ------------------------------------------------------------------------------------

/** An item of the Release Tracking view, as the client passes it back to step commands. */
export type ReleaseNode =
  | { kind: 'header'; uri: string }
  | { kind: 'note'; uri: string; text: string; severity: 'warning' | 'problem' | 'info' }
  | { kind: 'group'; uri: string; group: 'steps' | 'rollback' | 'verification' }
  | { kind: 'step'; uri: string; list: StepList; id: string }
  | { kind: 'check'; uri: string; key: string };

/** A tree item drawn: everything the view shows, computed by the server. */
export interface ReleaseTreeItem {
  node: ReleaseNode;
  id: string;
  label: string;
  description?: string;
  /** `plain`: a string; `text`: Markdown made of this plain text (escaped); `markdown`: Markdown as is. */
  tooltip?: { text: string; format: 'plain' | 'text' | 'markdown' };
  icon?: { id: string; color?: string };
  contextValue?: string;
  collapsible: 'none' | 'expanded' | 'collapsed';
  children: ReleaseTreeItem[];
}

export interface ReleaseStateParams extends RunbookParams {
  /** The time the answer is for (epoch ms); the server's clock when omitted. */
  now?: number;
  /** What only the extension host knows needs attention (GitHub failures on the change request), drawn as notes of the tree. */
  attention?: string[];
}

export interface ReleaseStateResult extends Completeness {
  state: ReleaseState;
  /** The runbook's rollback.trigger, when it names one. */
  rollbackTrigger?: string;
  /** The step list being worked through, its running step and its next one. */
  activeList: StepList;
  currentStepId?: string;
  nextStepId?: string;
  /** Why each outcome cannot be written now; absent for those that can. */
  finishProblems: Partial<Record<OutcomeResult, string>>;
  /** The Release Tracking view's items, top level first. */
  tree: ReleaseTreeItem[];
  /** The change request's comments for this state, each found again by its marker. */
  comments: {
    status: MarkedComment;
    summary: MarkedComment;
    /** The latest go/no-go decision's. */ decision?: MarkedComment;
  };
}

export interface MarkedComment {
  marker: string;
  body: string;
}

/** The evidence of the gates that only the extension host can read (GitHub). */
export interface GateEvidence {
  change?: ChangeStatusInput;
  /** Why the change request's status is not known, when `change` is absent. */
  changeUnknownReason: string;
  /** The change request's body as GitHub has it: its task list ticks preconditions. */
  issueBody?: string;
  /** Known statuses of access requests' issues (the access gate reads those of the runbook's `access`). */
  access?: ChangeStatusInput[];
}

/** A GO or NO-GO from the review panel: the server judges the gates and writes them with it. */
export interface ReviewDecision {
  kind: 'review-decision';
  decision: 'go' | 'no-go';
  reason: string;
  waived: string[];
  proposedWindow?: { start: string; end: string };
  evidence: GateEvidence;
}

export interface ReleaseTransitionParams extends RunbookParams {
  /** The runbook's text the transition is applied to (the editor's). */
  text: string;
  transition: Transition | ReviewDecision;
  /** A GitHub handle with its @. */
  by: string;
  now: number;
}

export interface TextEditAt {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export type ReleaseTransitionResult =
  | {
      ok: true;
      changed: boolean;
      state: ReleaseState;
      /** The one span to replace in `text`, when it changed. */ edit?: TextEditAt;
    }
  | {
      ok: false;
      error: string;
      /** The step would start outside the approved window: an override with a reason (`windowOverride`) lifts the refusal. */ needsWindowOverride?: boolean;
    };

export interface GoNoGoParams extends RunbookParams, GateEvidence {
  now?: number;
}

export interface GoNoGoResult extends Completeness {
  view: Omit<ReviewView, 'user'>;
  /** The runbook's change.ticket, whose status `change` is (the client asks again when it sent another's). */
  ticket?: string;
}

// Metrics ----------------------------------------------------------------------------------------

export interface MetricsParams {
  /** The page's filters as it sent them; checked field by field by the server. */
  query: unknown;
  readGitHistory: boolean;
  /** Also the report as a file to save: Markdown or CSV. */
  export?: 'markdown' | 'csv';
  /** GitHub's deployment records the extension host read, to be counted beside the runbooks' figures. */
  github?: GitHubDeploymentsInput;
}

export interface GitHubDeploymentsInput {
  /** OWNER/NAME, as the panel names it. */
  repository: string;
  deployments: GitHubDeployment[];
  /** The service of a deployment no rule matches (the repository's name). */
  service: string;
  /** The setting releaseRunbooks.metrics.deploymentServices as written; the server checks it rule by rule. */
  services: unknown;
  /** What the host could not read (pages cut short, rules left out). */
  problems: string[];
}

export type MetricsResult = Completeness &
  (
    | {
        type: 'report';
        query: MetricsQuery;
        report: PanelReport;
        environments: string[];
        /** When asked for. */
        exported?: string;
        /** When `github` was given: both sources per environment over the same range. */
        githubComparison?: SourceComparison;
      }
    | { type: 'error'; query: MetricsQuery; message: string }
  );

export interface RetrospectiveText {
  /** Where the reader finds it (a link relative to the document written, or the workspace). */
  path: string;
  text: string;
}

export interface StatusReportParams {
  now: number;
  /** The board's decision per change request (the ticket trimmed and lowercased), as GitHub said. */
  cab: Record<string, 'approved' | 'rejected' | 'pending'>;
  retrospectives: RetrospectiveText[];
  metricWeeks: number;
  readGitHistory: boolean;
}

export type StatusReportResult = Completeness & ({ ok: true; text: string } | { ok: false; reason: 'no-runbooks' });

export interface FinishedRelease {
  uri: string;
  title: string;
  id: string;
  result: string;
}

export type FinishedReleasesResult = Completeness & { releases: FinishedRelease[] };

export interface RetrospectiveParams extends RunbookParams {
  now: number;
  /** Link from the new document to the runbook. */
  runbookLink?: string;
  /** Earlier retrospectives, their paths relative to the new document's folder. */
  earlier?: RetrospectiveText[];
}

export type RetrospectiveResult =
  | { ok: true; id: string; title: string; text: string }
  | { ok: false; reason: 'no-id'; message: string }
  | { ok: false; reason: 'not-finished'; id: string; title: string; message: string };

// Announcements and release notes ------------------------------------------------------------------

export interface AnnouncementParams extends RunbookParams {
  moment: AnnounceMoment;
}

export interface AnnouncementTarget {
  channel: ChannelConfig;
  /** From the latest record of this moment and channel: `send` (never sent, or failed), `done` (sent), `unknown` (a send began and never ended). */
  state: 'send' | 'done' | 'unknown';
  /** The latest failure's reason, when the last try failed. */
  lastError?: string;
}

export interface AnnouncementResult extends Completeness {
  announcement: Announcement;
  /** The calendar channels that want this moment of this runbook. */
  targets: AnnouncementTarget[];
  /** Whether any record of this moment exists: the preview is shown before the first send only. */
  triedBefore: boolean;
  /** The preview's Markdown: the announcement, then its subject and the channels it is sent to now. */
  preview: string;
  /** Calendar channels left out, and why. */
  problems: string[];
}

export interface AnnouncementRecordParams extends RunbookParams {
  /** The runbook's text the record is added to (the editor's). */
  text: string;
  moment: AnnounceMoment;
  channel: string;
  /** `sending` before the send; `sent` or `failed` after it. */
  result: 'sending' | 'sent' | 'failed';
  error?: string;
  now?: number;
}

export type RecordEditResult =
  { ok: true; /** The one span to replace in `text`. */ edit?: TextEditAt } | { ok: false; error: string };

export interface ReleaseNotesParams extends RunbookParams {
  /** What GitHub said for the range; without it, the answer names the range only. */
  fetched?: { from: string; to: string; commits: NoteCommit[]; pulls: NotePull[] };
  /** With `fetched`: the runbook's text to store the notes in, as `release.notes`. */
  storeIn?: string;
}

export interface ReleaseNotesResult {
  /** `change.commits` of the runbook. */
  range: { from?: string; to?: string };
  markdown?: string;
  /** With `storeIn`: the edit that stores the notes in `release.notes`, or why it cannot. */
  store?: RecordEditResult;
}

export interface StatusReportAnnouncementParams {
  /** The weekly status report (Markdown), as `runbook/statusReport` wrote it. */
  text: string;
  now: number;
}

export interface StatusReportAnnouncementResult {
  announcement: Announcement;
  /** The ISO week in the calendar's zone (`2026-W49`): the report goes once per week and channel. */
  week: string;
  /** The calendar's Slack, Teams and email channels. */
  channels: ChannelConfig[];
  problems: string[];
}
/** The runbook's access and provisioning requests as they would be filed, or why they cannot be. */
export type AccessRequestsResult = { ok: true; requests: RequestToFile[] } | { ok: false; error: string };

/** Each method with its parameters and result. */
export interface Requests {
  [CALENDAR_REQUEST]: { params: CalendarParams; result: CalendarResult };
  [CALENDAR_ICS_REQUEST]: { params: CalendarIcsParams; result: CalendarIcsResult };
  [CHANGE_REQUEST_REQUEST]: { params: RunbookParams; result: ChangeRequest };
  [TICKET_EDIT_REQUEST]: { params: TicketEditParams; result: TicketEditResult };
  [TICKETS_REQUEST]: { params: Record<string, never>; result: TicketsResult };
  [ACCESS_REQUESTS_REQUEST]: { params: RunbookParams; result: AccessRequestsResult };
  [RELEASE_STATE_REQUEST]: { params: ReleaseStateParams; result: ReleaseStateResult };
  [RELEASE_TRANSITION_REQUEST]: { params: ReleaseTransitionParams; result: ReleaseTransitionResult };
  [GO_NO_GO_REQUEST]: { params: GoNoGoParams; result: GoNoGoResult };
  [METRICS_REQUEST]: { params: MetricsParams; result: MetricsResult };
  [STATUS_REPORT_REQUEST]: { params: StatusReportParams; result: StatusReportResult };
  [FINISHED_RELEASES_REQUEST]: { params: Record<string, never>; result: FinishedReleasesResult };
  [RETROSPECTIVE_REQUEST]: { params: RetrospectiveParams; result: RetrospectiveResult };
  [ANNOUNCEMENT_REQUEST]: { params: AnnouncementParams; result: AnnouncementResult };
  [ANNOUNCEMENT_RECORD_REQUEST]: { params: AnnouncementRecordParams; result: RecordEditResult };
  [RELEASE_NOTES_REQUEST]: { params: ReleaseNotesParams; result: ReleaseNotesResult };
  [STATUS_REPORT_ANNOUNCEMENT_REQUEST]: {
    params: StatusReportAnnouncementParams;
    result: StatusReportAnnouncementResult;
  };
  /** Reads the sources again now (conditional requests), answering when done. */
  [REFRESH_SOURCES_REQUEST]: { params: Record<string, never>; result: CalendarSources };
  [SOURCE_TEXT_REQUEST]: { params: SourceTextParams; result: SourceTextResult };
}

export type RequestMethod = keyof Requests;

export interface Notifications {
  [INDEX_CHANGED_NOTIFICATION]: { version: number };
  [CHANGE_STATUSES_NOTIFICATION]: ChangeStatusesParams;
  [GITHUB_TOKEN_NOTIFICATION]: GitHubTokenParams;
}

/** Whatever sends requests: the language client, or a test's client over stdio. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

/** A typed request. */
export function request<M extends RequestMethod>(
  sender: RequestSender,
  method: M,
  params: Requests[M]['params'],
): Promise<Requests[M]['result']> {
  return sender.sendRequest<Requests[M]['result']>(method, params);
}

export type NotificationMethod = keyof Notifications;

/** Whatever sends notifications: the language client, or a test's client over stdio. */
export interface NotificationSender {
  sendNotification(method: string, params: unknown): Promise<void> | void;
}

/** A typed notification. */
export function notify<M extends NotificationMethod>(
  sender: NotificationSender,
  method: M,
  params: Notifications[M],
): Promise<void> | void {
  return sender.sendNotification(method, params);
}
