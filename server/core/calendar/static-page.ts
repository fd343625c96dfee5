// The frame of a page of the published calendar site: nothing from other hosts, no inline script
// or style (`'self'` only), text escaped by the caller. The editor's webviews have their own frame
// (client/webview-page.ts) with a nonce and the webview's resource root instead of 'self'.
import { escapeHtml } from '../announce/announce-message';

export interface StaticPage {
  title: string;
  /** Stylesheets of the site, in order. */
  styles: string[];
  /** Scripts of the site, in order; none for a page without script. */
  scripts?: string[];
  /** Attributes of <body>, already escaped. */
  bodyAttributes?: string;
  body: string;
}

export function staticPage(page: StaticPage): string {
  const scripts = page.scripts ?? [];
  const csp = [
    "default-src 'none'",
    ...(scripts.length ? ["script-src 'self'"] : []),
    "style-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
${page.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n')}
</head>
<body${page.bodyAttributes ? ` ${page.bodyAttributes}` : ''}>
${page.body}
${scripts.map((src) => `<script src="${escapeHtml(src)}"></script>`).join('\n')}
</body>
</html>
`;
}
