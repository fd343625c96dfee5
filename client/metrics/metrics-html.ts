// The release metrics webview's page. Free of the `vscode` import, so the headless browser test
// loads exactly this page with exactly this Content-Security-Policy.
import { makeNonce, script, stylesheet, webviewCsp, webviewPage } from '../webview-page';

export interface MetricsHtmlOptions {
  /** `webview.cspSource`: where the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

/** Nothing by default; the script only with this page's nonce; styles only from the extension; no images (charts are inline SVG built through the DOM). */
export function metricsCsp(cspSource: string, nonce: string): string {
  return webviewCsp(nonce, { cspSource });
}

export function metricsHtml(options: MetricsHtmlOptions): string {
  const nonce = options.nonce ?? makeNonce();
  return webviewPage({
    csp: metricsCsp(options.cspSource, nonce),
    title: 'Release metrics',
    head: stylesheet(options.styleUri),
    body: `<div id="app" class="app"></div>\n${script(options.scriptUri, nonce)}`,
  });
}
