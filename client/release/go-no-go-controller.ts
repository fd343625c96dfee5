// What the Go/No-Go Review panel does with each message its page sends, and what it posts back in
// which order: busy, the result of a record, the GO/NO-GO with its post on the change request,
// the offers that follow. Free of `vscode`, so that the panel (go-no-go-review.ts) and the
// Chromium test's host run this same code; each wires in its own effects.
import type { ReviewDecision } from '../../protocol/requests';
import type { ReleaseState } from '../../server/core/release/release-state';
import type { Transition } from '../../server/core/release/transitions';
import type { HostMessage, WebviewMessage } from '../../webview/release/go-no-go-protocol';
import { capitalize } from './capitalize';

/** A record's answer, as the record writer (the language server) gives it. */
export type GoNoGoRecordResult = { ok: true; state?: ReleaseState } | { ok: false; error: string };

/** What the decision needs beside the page's message: the evidence only the host knows is added by `record`. */
export type GoNoGoDecision = Omit<ReviewDecision, 'evidence'>;

export interface GoNoGoEffects {
  post(message: HostMessage): void;
  /** Writes a transition or a decision into the runbook. */
  record(transition: Transition | GoNoGoDecision): Promise<GoNoGoRecordResult>;
  /** The page asked for the view: `refresh` also reads the board and the change request again. */
  showView(how: 'ready' | 'refresh'): Promise<void>;
  openRunbook(): Promise<void>;
  /** Posts the recorded decision on the change request; what to tell about it, if anything. */
  postDecision(): Promise<string | undefined>;
  /** After the proposed window was applied: offer to submit the change request again. */
  offerChangeRequestUpdate(): Promise<void>;
  /** After a GO: offer to start the release. */
  offerStartRelease(state: ReleaseState): void;
  /** The texts the page shows after a record, in the user's language. */
  texts: { windowApplied: string };
}

export class GoNoGoController {
  constructor(private readonly effects: GoNoGoEffects) {}

  async receive(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        await this.effects.showView(message.type);
        return;
      case 'open-runbook':
        await this.effects.openRunbook();
        return;
      case 'confirm':
        await this.busy({ kind: 'confirm-precondition', id: message.id }, `Confirmed ${message.id}.`);
        return;
      case 'acknowledge':
        await this.busy({ kind: 'acknowledge-notified' }, 'Recorded that the notify list was told.');
        return;
      case 'decide':
        await this.decide(message);
        return;
      case 'apply-window':
        if (await this.busy({ kind: 'apply-proposed-window' }, this.effects.texts.windowApplied))
          await this.effects.offerChangeRequestUpdate();
        return;
    }
  }

  /** Busy while the record is written, then its result; whether it was written. */
  private async busy(transition: Transition, success: string): Promise<boolean> {
    const { post } = this.effects;
    post({ type: 'busy', busy: true });
    try {
      const result = await this.effects.record(transition);
      post({ type: 'result', ok: result.ok, message: result.ok ? success : capitalize(result.error) });
      return result.ok;
    } finally {
      post({ type: 'busy', busy: false });
    }
  }

  private async decide(message: Extract<WebviewMessage, { type: 'decide' }>): Promise<void> {
    const { post } = this.effects;
    const word = message.decision === 'go' ? 'GO' : 'NO-GO';
    let state: ReleaseState | undefined;
    post({ type: 'busy', busy: true });
    try {
      // The server judges the gates as they stand now, applies the waivers and checks the proposed window.
      const result = await this.effects.record({
        kind: 'review-decision',
        decision: message.decision,
        reason: message.reason,
        waived: message.waived,
        proposedWindow: message.decision === 'no-go' ? message.proposedWindow : undefined,
      });
      if (!result.ok) {
        post({ type: 'result', ok: false, message: capitalize(result.error) });
        return;
      }
      state = result.state;
      const posted = await this.effects.postDecision();
      post({ type: 'result', ok: true, message: `${word} recorded in the runbook.${posted ? ` ${posted}` : ''}` });
    } finally {
      post({ type: 'busy', busy: false });
    }
    if (message.decision === 'go' && state) this.effects.offerStartRelease(state);
  }
}
