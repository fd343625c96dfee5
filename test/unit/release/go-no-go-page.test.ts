// The Go/No-Go Review page and its messages: a strict Content-Security-Policy, nothing from the
// runbook in the page itself, and only well-formed requests accepted from the webview.
import { strict as assert } from 'node:assert';
import { goNoGoCsp, goNoGoHtml } from '../../../client/release/go-no-go-html';
import { parseWebviewMessage } from '../../../webview/release/go-no-go-protocol';

describe('Go/No-Go Review page', () => {
  it('allows nothing by default, and only its own nonce for script and style', () => {
    const html = goNoGoHtml({
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/release-go-no-go.js',
      title: 'Go/No-Go: x',
      nonce: 'n0nce',
    });
    assert.equal(
      goNoGoCsp('n0nce'),
      "default-src 'none'; script-src 'nonce-n0nce'; style-src 'nonce-n0nce'; base-uri 'none'; form-action 'none'",
    );
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-n0nce'; style-src 'nonce-n0nce'; base-uri 'none'; form-action 'none'">/,
    );
    assert.equal([...html.matchAll(/<script\b/g)].length, 1);
    assert.match(
      html,
      /<script nonce="n0nce" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/release-go-no-go\.js"><\/script>/,
    );
    assert.match(html, /<style nonce="n0nce">/);
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handlers');
  });

  it('escapes the title it is given', () => {
    const html = goNoGoHtml({ scriptUri: 'x.js', title: '"><img src=x onerror=alert(1)>', nonce: 'n' });
    assert.match(html, /<title>&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
  });

  it('accepts only the messages it knows, with their fields checked', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'confirm', id: 'ci-green' }), { type: 'confirm', id: 'ci-green' });
    assert.deepEqual(
      parseWebviewMessage({
        type: 'decide',
        decision: 'no-go',
        reason: 'CAB',
        waived: ['no-freeze', 7],
        proposedWindow: { start: 'a', end: 'b' },
      }),
      {
        type: 'decide',
        decision: 'no-go',
        reason: 'CAB',
        waived: ['no-freeze'],
        proposedWindow: { start: 'a', end: 'b' },
      },
    );
    for (const bad of [
      null,
      'go',
      { type: 'decide', decision: 'maybe', reason: 'x' },
      { type: 'decide', decision: 'go' },
      { type: 'confirm' },
      { type: 'run', command: 'rm -rf /' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
