// Messages between the Go/No-Go Review panel and the extension. Plain data only: the webview
// renders it with textContent; each side reads what it receives with this module's parsers
// (webview/message-guard.ts).
import { isRecord, isText, isTextArray } from '../message-guard';

export interface GateView {
  id: string;
  title: string;
  state: 'pass' | 'fail';
  evidence: string;
  details: string[];
}

export interface PreconditionView {
  id: string;
  check: string;
  /** "confirmed by @bob at 21:12", "ticked on acme/releases#12", or undefined when open. */
  confirmed?: string;
}

export interface DecisionView {
  decision: 'go' | 'no-go';
  by: string;
  at: string;
  reason: string;
}

export interface ReviewView {
  runbookId: string;
  title: string;
  window: string;
  phase: string;
  /** Who the record will name. */
  user?: string;
  gates: GateView[];
  preconditions: PreconditionView[];
  notify: { channels: string[]; acknowledged?: string };
  decisions: DecisionView[];
  /** Decisions are taken before the first step. */
  canDecide: boolean;
  /** For a NO-GO: the next free window, editable. */
  proposed?: { start: string; end: string };
  proposedProblem?: string;
  /** The last NO-GO's proposed window, still to be written into the runbook ("Apply the Proposed Window"). */
  applicable?: {
    window: string;
    /** The runbook has a change request, which is offered an update after. */ updatesChangeRequest: boolean;
  };
  /** Things the reader should know: the change status is not known, the record has problems. */
  notices: string[];
}

export type HostMessage =
  | { type: 'view'; view: ReviewView }
  | { type: 'result'; ok: boolean; message: string }
  | { type: 'busy'; busy: boolean };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'confirm'; id: string }
  | { type: 'acknowledge' }
  | {
      type: 'decide';
      decision: 'go' | 'no-go';
      reason: string;
      waived: string[];
      proposedWindow?: { start: string; end: string };
    }
  | { type: 'open-runbook' }
  | { type: 'apply-window' };

/** The message, when it is one the panel understands; undefined otherwise. */
export function parseWebviewMessage(message: unknown): WebviewMessage | undefined {
  if (!isRecord(message)) return undefined;
  const m = message;
  const text = (v: unknown, max = 10_000) => (isText(v, max) ? v : undefined);
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'acknowledge':
    case 'open-runbook':
    case 'apply-window':
      return { type: m.type };
    case 'confirm': {
      const id = text(m.id, 200);
      return id ? { type: 'confirm', id } : undefined;
    }
    case 'decide': {
      const reason = text(m.reason);
      if ((m.decision !== 'go' && m.decision !== 'no-go') || reason === undefined) return undefined;
      const waived = Array.isArray(m.waived)
        ? m.waived.filter((w): w is string => typeof w === 'string' && w.length < 50)
        : [];
      const w = m.proposedWindow as Record<string, unknown> | undefined;
      const start = w && text(w.start, 60);
      const end = w && text(w.end, 60);
      return {
        type: 'decide',
        decision: m.decision,
        reason,
        waived,
        proposedWindow: start && end ? { start, end } : undefined,
      };
    }
    default:
      return undefined;
  }
}

function isGate(value: unknown): value is GateView {
  return (
    isRecord(value) &&
    isText(value.id, 200) &&
    isText(value.title) &&
    (value.state === 'pass' || value.state === 'fail') &&
    isText(value.evidence) &&
    isTextArray(value.details)
  );
}

function isPrecondition(value: unknown): value is PreconditionView {
  return (
    isRecord(value) &&
    isText(value.id, 200) &&
    isText(value.check) &&
    (value.confirmed === undefined || isText(value.confirmed))
  );
}

function isDecision(value: unknown): value is DecisionView {
  return (
    isRecord(value) &&
    (value.decision === 'go' || value.decision === 'no-go') &&
    isText(value.by) &&
    isText(value.at) &&
    isText(value.reason)
  );
}

function isWindow(value: unknown): value is { start: string; end: string } {
  return isRecord(value) && isText(value.start, 60) && isText(value.end, 60);
}

function isReview(value: unknown): value is ReviewView {
  if (!isRecord(value)) return false;
  const { notify, applicable } = value;
  return (
    isText(value.runbookId, 500) &&
    isText(value.title) &&
    isText(value.window) &&
    isText(value.phase) &&
    (value.user === undefined || isText(value.user)) &&
    Array.isArray(value.gates) &&
    value.gates.every(isGate) &&
    Array.isArray(value.preconditions) &&
    value.preconditions.every(isPrecondition) &&
    isRecord(notify) &&
    isTextArray(notify.channels) &&
    (notify.acknowledged === undefined || isText(notify.acknowledged)) &&
    Array.isArray(value.decisions) &&
    value.decisions.every(isDecision) &&
    typeof value.canDecide === 'boolean' &&
    (value.proposed === undefined || isWindow(value.proposed)) &&
    (value.proposedProblem === undefined || isText(value.proposedProblem)) &&
    (applicable === undefined ||
      (isRecord(applicable) && isText(applicable.window) && typeof applicable.updatesChangeRequest === 'boolean')) &&
    isTextArray(value.notices)
  );
}

/** The extension's message, when it has the shape the page draws; undefined otherwise. */
export function parseHostMessage(message: unknown): HostMessage | undefined {
  if (!isRecord(message)) return undefined;
  switch (message.type) {
    case 'view':
      return isReview(message.view) ? { type: 'view', view: message.view } : undefined;
    case 'result':
      return typeof message.ok === 'boolean' && isText(message.message)
        ? { type: 'result', ok: message.ok, message: message.message }
        : undefined;
    case 'busy':
      return typeof message.busy === 'boolean' ? { type: 'busy', busy: message.busy } : undefined;
    default:
      return undefined;
  }
}
