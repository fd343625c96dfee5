// The Go/No-Go Review panel's handling of its page's messages (client/release/go-no-go-controller.ts):
// what it posts back, in which order, and what it offers afterwards. The page itself is tested in
// Chromium (test/webview-release); here the effects are recorded.
import { strict as assert } from 'node:assert';
import { GoNoGoController, GoNoGoEffects, GoNoGoRecordResult } from '../../../client/release/go-no-go-controller';
import type { ReleaseState } from '../../../server/core/release/release-state';
import type { HostMessage } from '../../../webview/release/go-no-go-protocol';

function controllerWith(record: GoNoGoRecordResult, posted?: string) {
  const events: string[] = [];
  const recorded: unknown[] = [];
  const effects: GoNoGoEffects = {
    post: (m: HostMessage) =>
      events.push(m.type === 'busy' ? `busy ${m.busy}` : m.type === 'result' ? `result ${m.ok} ${m.message}` : m.type),
    record: async (t) => {
      recorded.push(t);
      return record;
    },
    showView: async (how) => {
      events.push(`view (${how})`);
    },
    openRunbook: async () => {
      events.push('open');
    },
    postDecision: async () => posted,
    offerChangeRequestUpdate: async () => {
      events.push('offer update');
    },
    offerStartRelease: (state) => events.push(`offer start ${state.title}`),
    texts: { windowApplied: 'Applied.' },
  };
  return { controller: new GoNoGoController(effects), events, recorded };
}

const STATE = { title: 'Payments API 2.14' } as ReleaseState;

describe('Go/No-Go Review: what the panel does with its page messages', () => {
  it('a decision the server refuses: busy, the refusal capitalized, not busy; nothing posted, nothing offered', async () => {
    const { controller, events } = controllerWith({ ok: false, error: 'the gate "cab" fails' }, 'Posted.');
    await controller.receive({ type: 'decide', decision: 'go', reason: 'ok', waived: [] });
    assert.deepEqual(events, ['busy true', 'result false The gate "cab" fails', 'busy false']);
  });

  it('a GO: the post on the change request is told with the result, then the release is offered', async () => {
    const { controller, events, recorded } = controllerWith({ ok: true, state: STATE }, 'Posted on acme/releases#1.');
    await controller.receive({ type: 'decide', decision: 'go', reason: 'all green', waived: ['cab'] });
    assert.deepEqual(recorded, [
      { kind: 'review-decision', decision: 'go', reason: 'all green', waived: ['cab'], proposedWindow: undefined },
    ]);
    assert.deepEqual(events, [
      'busy true',
      'result true GO recorded in the runbook. Posted on acme/releases#1.',
      'busy false',
      'offer start Payments API 2.14',
    ]);
  });

  it('a NO-GO keeps its proposed window and offers no start', async () => {
    const { controller, events, recorded } = controllerWith({ ok: true, state: STATE });
    const proposedWindow = { start: '2026-12-09T22:00', end: '2026-12-10T00:00' };
    await controller.receive({ type: 'decide', decision: 'no-go', reason: 'CAB said no', waived: [], proposedWindow });
    assert.deepEqual((recorded[0] as { proposedWindow: unknown }).proposedWindow, proposedWindow);
    assert.deepEqual(events, ['busy true', 'result true NO-GO recorded in the runbook.', 'busy false']);
  });

  it('confirms, acknowledges and applies the window through records; the update is offered only once applied', async () => {
    const ok = controllerWith({ ok: true });
    await ok.controller.receive({ type: 'confirm', id: 'ci-green' });
    await ok.controller.receive({ type: 'apply-window' });
    assert.deepEqual(ok.recorded, [
      { kind: 'confirm-precondition', id: 'ci-green' },
      { kind: 'apply-proposed-window' },
    ]);
    assert.deepEqual(ok.events, [
      'busy true',
      'result true Confirmed ci-green.',
      'busy false',
      'busy true',
      'result true Applied.',
      'busy false',
      'offer update',
    ]);
    const refused = controllerWith({ ok: false, error: 'no NO-GO proposed a window' });
    await refused.controller.receive({ type: 'apply-window' });
    assert.deepEqual(refused.events, ['busy true', 'result false No NO-GO proposed a window', 'busy false']);
  });

  it('ready and refresh ask for the view; open-runbook opens it', async () => {
    const { controller, events } = controllerWith({ ok: true });
    await controller.receive({ type: 'ready' });
    await controller.receive({ type: 'refresh' });
    await controller.receive({ type: 'open-runbook' });
    assert.deepEqual(events, ['view (ready)', 'view (refresh)', 'open']);
  });
});
