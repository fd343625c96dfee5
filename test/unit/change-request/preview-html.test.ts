// The preview page: exactly the body that would be sent, rendered without raw HTML, under a CSP
// that allows nothing but the page's own nonce script and the extension's styles.
import { strict as assert } from 'node:assert';
import { previewCsp, previewHtml, renderMarkdown } from '../../../client/change-request/preview-html';
import { fixtureRequest } from '../github/stand-in-fixture';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

describe('change request preview page', () => {
  const html = previewHtml({
    cspSource: CSP_SOURCE,
    styleUri: `${CSP_SOURCE}/media/change-request-preview.css`,
    nonce: 'n0nce',
    request: fixtureRequest('hostile'),
    destination: 'Submitting files a new issue in acme/releases.',
  });

  it("declares the calendar's CSP rules: nothing by default, scripts by nonce, styles from the extension", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    assert.equal(csp, previewCsp(CSP_SOURCE, 'n0nce'));
    assert.match(
      csp!,
      /^default-src 'none'; script-src 'nonce-n0nce'; style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net;/,
    );
    assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="n0nce">']);
    // Text is escaped, so every `<` opens a real tag: none may carry a style or an event handler.
    assert.doesNotMatch(html, /<[^>]*\s(style|on[a-z]+)=/i, 'no inline styles or handlers');
  });

  it('renders the body without raw HTML, even from hostile runbook text', () => {
    const main = /<main class="markdown-body">([\s\S]*)<\/main>/.exec(html)![1];
    assert.doesNotMatch(main, /<script|<img|<b>|<details|<!--/);
    assert.match(main, /&lt;details&gt;/, 'HTML in a description is shown as text');
    assert.match(main, /<td>svc \| name<\/td>/);
  });

  it('shows the exact Markdown that would be sent', () => {
    const request = fixtureRequest('full');
    const page = previewHtml({ cspSource: CSP_SOURCE, styleUri: 'x', request, destination: '' });
    const source = /<summary>Markdown sent to GitHub<\/summary><pre>([\s\S]*?)<\/pre>/
      .exec(page)![1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    assert.equal(source, request.body);
  });

  it('shows task list items as boxes', () => {
    assert.match(
      renderMarkdown('- [ ] **ci-green**: tests pass\n- [x] done'),
      /<li>☐ <strong>ci-green<\/strong>: tests pass<\/li>\n<li>☑ done<\/li>/,
    );
  });

  it('renders only http(s) and mailto links; command:, vscode:, file: and javascript: stay text', () => {
    const out = renderMarkdown(
      '[a](command:workbench.action.terminal.new) [b](vscode:extension/x) [c](file:///etc/passwd) [d](javascript:alert(1)) [e](./relative) ![i](file:///x.png) vscode://x.y/z\n\n[ok](https://example.invalid/x) [m](mailto:cab@example.invalid) <https://example.invalid/auto>',
    );
    const hrefs = [...out.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(hrefs, [
      'https://example.invalid/x',
      'mailto:cab@example.invalid',
      'https://example.invalid/auto',
    ]);
    assert.match(out, /\[a\]\(command:workbench\.action\.terminal\.new\)/, 'shown as text');
  });
});
