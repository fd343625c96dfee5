// Messages between the Go/No-Go Review panel and the extension. Plain data only: the webview
// renders it with textContent, and the extension checks every message it receives.

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

export type ToWebview =
  | { type: 'view'; view: ReviewView }
  | { type: 'result'; ok: boolean; message: string }
  | { type: 'busy'; busy: boolean };

export type FromWebview =
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
export function readFromWebview(message: unknown): FromWebview | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  const text = (v: unknown, max = 10_000) => (typeof v === 'string' && v.length <= max ? v : undefined);
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
