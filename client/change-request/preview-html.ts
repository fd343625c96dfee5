// The change request preview's page: the body exactly as it would be sent, rendered with
// markdown-it with raw HTML off, under the calendar's Content-Security-Policy rules (nothing by
// default, scripts only with this page's nonce, styles only from the extension). No `vscode`
// import, so tests load this page as it is.
import { escapeHtml, makeNonce, stylesheet, webviewCsp, webviewPage } from '../webview-page';
import MarkdownIt from 'markdown-it';
import type { ChangeRequest } from '../../server/core/change-request/render-change-request';

export interface PreviewHtmlOptions {
  cspSource: string;
  styleUri: string;
  nonce?: string;
  request: ChangeRequest;
  /** Where it would go and what would happen, e.g. "Updates acme/releases#12". */
  destination: string;
}

export function previewCsp(cspSource: string, nonce: string): string {
  return webviewCsp(nonce, { cspSource, images: true });
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// Runbook text is data: only web and mail links are rendered as links; `command:`, `vscode:`,
// `file:`, `javascript:` and relative links stay text, so a click can never run anything.
markdown.validateLink = (url) => isSafeLink(url);

export function isSafeLink(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url.trim());
}
// GitHub shows `- [ ]` as a checkbox; a ballot box keeps the page free of raw HTML.
markdown.core.ruler.after('inline', 'task-list-boxes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'inline' || !token.children?.length) continue;
    const first = token.children[0];
    if (first.type === 'text' && /^\[[ xX]\] /.test(first.content)) {
      first.content = `${/^\[ \]/.test(first.content) ? '☐' : '☑'} ${first.content.slice(4)}`;
    }
  }
});

export function renderMarkdown(body: string): string {
  return markdown.render(body);
}

export function previewHtml(options: PreviewHtmlOptions): string {
  const nonce = options.nonce ?? makeNonce();
  const { request } = options;
  const labels = request.labels.map((l) => `<span class="label">${escapeHtml(l)}</span>`).join(' ');
  return webviewPage({
    csp: previewCsp(options.cspSource, nonce),
    title: request.title,
    head: stylesheet(options.styleUri),
    body: `<header class="issue-header">
<h1 class="issue-title">${escapeHtml(request.title)}</h1>
<p class="labels">${labels}</p>
<p class="destination">${escapeHtml(options.destination)}</p>
<button id="submit" type="button">Submit Change Request</button>
</header>
<main class="markdown-body">
${renderMarkdown(request.body)}
</main>
<details class="source"><summary>Markdown sent to GitHub</summary><pre>${escapeHtml(request.body)}</pre></details>
<script nonce="${escapeHtml(nonce)}">
const vscode = acquireVsCodeApi();
document.getElementById('submit').addEventListener('click', () => vscode.postMessage({ type: 'submit' }));
</script>`,
  });
}

/** The panel while there is nothing to preview, or when the runbook cannot be rendered: one line saying why. */
export function previewMessageHtml(options: {
  cspSource: string;
  styleUri: string;
  message: string;
  nonce?: string;
}): string {
  return webviewPage({
    csp: previewCsp(options.cspSource, options.nonce ?? makeNonce()),
    title: 'Change request preview',
    head: stylesheet(options.styleUri),
    body: `<p>${escapeHtml(options.message)}</p>`,
  });
}
