import { strict as assert } from 'node:assert';
import { mergeTicketStatuses, TicketStatusSource } from '../../../client/calendar/ticket-status';
import { approvalVerdict, ApprovalVerdict } from '../../../server/core/change-request/approval-verdict';
import { changeStatusFrom, ChangeStatus } from '../../../protocol/change-status';
import { calendarCsp, calendarHtml } from '../../../client/calendar/webview-html';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import { parseHostMessage, parseWebviewMessage } from '../../../webview/calendar/protocol';
import { defaultState, restoreState } from '../../../webview/calendar/state';
import { loadWorkspace } from '../../helpers/index-folder';
import { ACCESS_WORKSPACE, FIXTURE_WORKSPACE } from '../../fixtures/calendar/workspaces';

const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };

describe('calendar webview protocol', () => {
  it('accepts the messages the webview sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(
      parseWebviewMessage({
        type: 'requestRange',
        requestId: 3,
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-08T00:00:00+01:00',
      }),
      {
        type: 'requestRange',
        requestId: 3,
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-08T00:00:00+01:00',
      },
    );
    assert.deepEqual(parseWebviewMessage({ type: 'open', uri: 'file:///ws/a.runbook.yaml', range }), {
      type: 'open',
      uri: 'file:///ws/a.runbook.yaml',
      range,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'open', uri: 'file:///ws/a.runbook.yaml', range: null }), {
      type: 'open',
      uri: 'file:///ws/a.runbook.yaml',
      range: null,
    });
    assert.deepEqual(parseWebviewMessage({ type: 'create', what: 'runbook' }), { type: 'create', what: 'runbook' });
  });

  it('rejects anything else', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'ready', extra: 1 },
      { type: 'exec', command: 'rm -rf /' },
      { type: 'requestRange', requestId: -1, from: '2026-12-01T00:00Z', to: '2026-12-02T00:00Z' },
      { type: 'requestRange', requestId: 1.5, from: '2026-12-01T00:00Z', to: '2026-12-02T00:00Z' },
      { type: 'requestRange', requestId: 1, from: 'yesterday', to: '2026-12-02T00:00Z' },
      { type: 'requestRange', requestId: 1, from: '2026-12-01T00:00', to: '2026-12-02T00:00' },
      { type: 'requestRange', requestId: 1, from: '2026-12-02T00:00Z', to: '2026-12-01T00:00Z' },
      { type: 'open', uri: 'javascript-no-colon', range },
      { type: 'open', uri: '', range },
      { type: 'open', uri: 'file:///a', range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
      { type: 'open', uri: 'file:///a', range: { start: { line: 0, character: 0 } } },
      { type: 'open', uri: 'file:///a', range: { start: { line: '1', character: 0 }, end: { line: 0, character: 0 } } },
      { type: 'open', uri: 'file:///a' },
      { type: 'open', uri: `file:///${'a'.repeat(5000)}`, range },
      { type: 'create', what: 'script' },
    ];
    for (const message of bad)
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message)?.slice(0, 80));
  });

  it('checks host messages in the webview too', () => {
    assert.equal(parseHostMessage({ type: 'calendar', requestId: 1, result: { timezone: 'UTC' } }), undefined);
    assert.equal(parseHostMessage({ type: 'reveal', date: '2026-12-02<script>' }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'reveal', date: '2026-12-02' }), { type: 'reveal', date: '2026-12-02' });
  });

  it('restores a saved state only when it is well formed', () => {
    const fallback = defaultState('2026-12-02', true);
    assert.equal(fallback.view, 'agenda');
    assert.equal(defaultState('2026-12-02', false).view, 'week');
    assert.deepEqual(restoreState(undefined, fallback), fallback);
    assert.deepEqual(restoreState({ version: 2, view: 'month' }, fallback), fallback);
    const restored = restoreState(
      {
        version: 1,
        view: 'month',
        date: '2027-01-31',
        zoneMode: 'local',
        filters: { teams: ['a', 3] },
        selected: 'file:///x',
        scroll: { month: 120, week: 'x' },
      },
      fallback,
    );
    assert.deepEqual(restored, {
      version: 1,
      view: 'month',
      date: '2027-01-31',
      zoneMode: 'local',
      filters: { environments: [], teams: ['a'], services: [] },
      filtersOpen: false,
      selected: 'file:///x',
      scroll: { agenda: 0, week: -1, month: 120 },
    });
    assert.equal(restoreState({ version: 1, view: 'year', date: '2027-02-30' }, fallback).view, 'agenda');
    assert.equal(restoreState({ version: 1, date: '2027-02-30' }, fallback).date, '2026-12-02');
  });

  it('builds the page with a strict CSP: nothing by default, scripts by nonce, styles and fonts from the extension', () => {
    const html = calendarHtml({
      cspSource: 'https://x.vscode-cdn.net',
      scriptUri: 'https://x.vscode-cdn.net/dist/webview.js',
      styleUri: 'https://x.vscode-cdn.net/media/calendar.css',
      nonce: 'abc123',
      host: 'view',
    });
    assert.equal(
      calendarCsp('https://x.vscode-cdn.net', 'abc123'),
      "default-src 'none'; script-src 'nonce-abc123'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; base-uri 'none'; form-action 'none'",
    );
    assert.ok(html.includes(`content="default-src 'none'; script-src 'nonce-abc123';`));
    assert.ok(html.includes('<script nonce="abc123" src="https://x.vscode-cdn.net/dist/webview.js"></script>'));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|style=|<style/);
  });

  it('merges ticket statuses from the change-status store into the events, with the board verdict in words', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2026-12-08T00:00' }, () => []);
    const status: ChangeStatus = {
      ticket: 'acme/releases#123',
      url: '',
      title: 'Payments',
      state: 'open',
      stateReason: null,
      cab: 'approved',
      cabLabel: 'cab:approved',
      labels: ['cab:approved'],
      assignees: ['alice'],
      fetchedAt: 0,
    };
    const board: { verdict?: ApprovalVerdict } = {};
    const store: TicketStatusSource = {
      get: (ticket: string) => (ticket === 'acme/releases#123' ? { ...status, ...board } : undefined),
      onDidChange: () => ({ dispose() {} }),
      refresh: async () => undefined,
    };
    let merged = mergeTicketStatuses(result, store);
    const payments = () => merged.events.find((e) => e.runbook === 'payments-api-2-14')!;
    assert.deepEqual(payments().ticketStatus, {
      state: 'open',
      cabLabel: 'cab:approved',
      approval: null,
      assignees: ['alice'],
    });
    assert.equal(merged.events.find((e) => e.runbook === 'orders-db-migration')!.ticketStatus, undefined);
    assert.equal(mergeTicketStatuses(result, undefined), result);
    // With a board: the label set by someone who is not an approver does not make it approved.
    board.verdict = approvalVerdict({
      board: { users: ['alice'], teams: [], required: {} },
      needed: 1,
      approvalLabel: 'cab:approved',
      events: [{ kind: 'labeled', label: 'cab:approved', actor: 'mallory', at: '2026-12-03T13:05:00Z' }],
      comments: [],
      isTeamMember: () => false,
    });
    merged = mergeTicketStatuses(result, store);
    assert.equal(payments().ticketStatus?.approval, 'cab:approved set by @mallory, who is not an approver');
  });

  it('merges ticket statuses into the access requests too (their issues are in the same store)', () => {
    const index = loadWorkspace(FIXTURE_WORKSPACE, ACCESS_WORKSPACE);
    const result = calendarQuery(index, { from: '2026-12-01T00:00', to: '2026-12-08T00:00' }, () => []);
    const status = changeStatusFrom({
      ticket: 'acme/ops#41',
      state: 'open',
      cab: 'approved',
      cabLabel: 'cab:approved',
      labels: ['cab:approved'],
      assignees: [],
    });
    assert.ok(status);
    const store: TicketStatusSource = {
      get: (ticket: string) => (ticket === 'acme/ops#41' ? status : undefined),
      onDidChange: () => ({ dispose() {} }),
      refresh: async () => undefined,
    };
    const merged = mergeTicketStatuses(result, store);
    assert.deepEqual(
      merged.access?.map((a) => [a.id, a.ticketStatus]),
      [
        ['bob-staging', undefined],
        ['alice-prod', { state: 'open', cabLabel: 'cab:approved', approval: null, assignees: [] }],
      ],
    );
  });
});
