// The frame every webview page of the extension shares: a nonce, a Content-Security-Policy that
// allows nothing by default, and the HTML around a page's own head and body. Free of the `vscode`
// import, so the headless browser tests load exactly the pages the editor shows.
import { randomBytes } from 'node:crypto';

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Text for an HTML attribute or element: nothing in it can close the one it sits in. */
export function escapeHtml(text: string): string {
  return escapeAttribute(text).replace(/'/g, '&#39;');
}

/** Text for a double-quoted attribute or an element (a CSP keeps its quotes as written). */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Nothing by default; scripts only with the page's nonce; styles (and fonts, images when asked)
 * only from the extension's files, or styles only with the nonce for a page with inline style.
 */
export function webviewCsp(nonce: string, from: { cspSource: string; images?: boolean } | 'inline-style'): string {
  const own =
    from === 'inline-style'
      ? [`style-src 'nonce-${nonce}'`]
      : [
          `style-src ${from.cspSource}`,
          `font-src ${from.cspSource}`,
          ...(from.images ? [`img-src ${from.cspSource}`] : []),
        ];
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, ...own, "base-uri 'none'", "form-action 'none'"].join(
    '; ',
  );
}

export interface WebviewPage {
  csp: string;
  title: string;
  /** What follows the title in <head>: a stylesheet link, a nonce'd style. */
  head: string;
  /** Attributes of <body>, already escaped. */
  bodyAttributes?: string;
  body: string;
}

export function webviewPage(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(page.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(page.title)}</title>
${page.head}
</head>
<body${page.bodyAttributes ? ` ${page.bodyAttributes}` : ''}>
${page.body}
</body>
</html>`;
}

/** The stylesheet and script of a page built as a bundle. */
export function stylesheet(href: string): string {
  return `<link rel="stylesheet" href="${escapeAttribute(href)}">`;
}

export function script(src: string, nonce: string): string {
  return `<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(src)}"></script>`;
}
