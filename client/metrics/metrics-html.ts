// The release metrics webview's page. Free of the `vscode` import, so the headless browser test
// loads exactly this page with exactly this Content-Security-Policy.
import { randomBytes } from 'node:crypto';

export interface MetricsHtmlOptions {
  /** `webview.cspSource`: where the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

/** Nothing by default; the script only with this page's nonce; styles only from the extension; no images (charts are inline SVG built through the DOM). */
export function metricsCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, "base-uri 'none'", "form-action 'none'"].join('; ');
}

export function metricsHtml(options: MetricsHtmlOptions): string {
  const nonce = options.nonce ?? randomBytes(18).toString('base64url');
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(metricsCsp(options.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>Release metrics</title>
</head>
<body>
<div id="app" class="app"></div>
<script nonce="${attr(nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}
