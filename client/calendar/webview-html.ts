// The calendar webview's page. Kept free of the `vscode` import so the headless browser tests load
// exactly this page, with exactly this Content-Security-Policy.
import { randomBytes } from 'node:crypto';

export interface CalendarHtmlOptions {
  /** `webview.cspSource`: where the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
  /** The side panel view or the full-size editor panel; the default view differs. */
  host: 'view' | 'panel';
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Nothing by default; scripts only with this page's nonce; styles and fonts only from the
 * extension; no images at all (the icons are inline SVG built through the DOM). No inline styles or handlers: the webview sets positions through the CSSOM.
 */
export function calendarCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function calendarHtml(options: CalendarHtmlOptions): string {
  const nonce = options.nonce ?? makeNonce();
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(calendarCsp(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>Release calendar</title>
</head>
<body data-host="${options.host}">
<div id="app" class="app"></div>
<script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}
