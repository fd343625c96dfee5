import { strict as assert } from 'node:assert';
import { acceptMessage } from '../../../webview/message-guard';
import { parseHostMessage, parseWebviewMessage } from '../../../webview/metrics/protocol';

// The metrics panel's messages are checked on the page's side (what the host sends) and the host's
// side (what the page sends): a message that is unknown or malformed is ignored and logged.
describe('metrics panel protocol', () => {
  const query = { from: '2026-11-01', to: '', by: 'week', group: 'service', environment: '' };

  it('reads what the page may send, and nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'query', query }), { type: 'query', query });
    assert.deepEqual(parseWebviewMessage({ type: 'ready', query: null }), { type: 'ready', query: null });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'csv', query }), {
      type: 'export',
      format: 'csv',
      query,
    });
    for (const bad of [
      null,
      'query',
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'query', query: { ...query, by: 'year' } },
      { type: 'query', query: { ...query, from: '1.12.2026' } },
      { type: 'query', query, extra: true },
      { type: 'export', format: 'html', query },
    ])
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
  });

  it('reads what the host may send; a report with the wrong shape is refused', () => {
    assert.deepEqual(parseHostMessage({ type: 'exported', format: 'markdown', file: '/tmp/m.md' }), {
      type: 'exported',
      format: 'markdown',
      file: '/tmp/m.md',
    });
    assert.deepEqual(parseHostMessage({ type: 'error', query, message: 'no runbooks' }), {
      type: 'error',
      query,
      message: 'no runbooks',
    });
    for (const bad of [
      { type: 'report', query, report: 'not a report', environments: [] },
      { type: 'error', query, message: 42 },
      { type: 'exported', format: 'markdown', file: 'x'.repeat(5000) },
      { type: 'eval', code: 'alert(1)' },
    ])
      assert.equal(parseHostMessage(bad), undefined, JSON.stringify(bad).slice(0, 80));
  });

  it('acceptMessage passes a known message on, and logs and drops the rest (a throwing parser too)', () => {
    const warnings: string[] = [];
    const warn = (text: string) => warnings.push(text);
    assert.deepEqual(acceptMessage(parseWebviewMessage, { type: 'query', query }, 'metrics', warn), {
      type: 'query',
      query,
    });
    assert.equal(acceptMessage(parseWebviewMessage, { type: 'evil<script>' }, 'metrics', warn), undefined);
    const throwing = () => {
      throw new Error('odd input');
    };
    assert.equal(acceptMessage(throwing, {}, 'metrics', warn), undefined);
    assert.deepEqual(warnings, [
      '[release-runbooks] metrics: ignored a malformed message of type "evil?script?"',
      '[release-runbooks] metrics: ignored a malformed message',
    ]);
  });
});
