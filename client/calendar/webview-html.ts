// The calendar webview's page. Kept free of the `vscode` import so the headless browser tests load
// exactly this page, with exactly this Content-Security-Policy.
import { escapeAttribute, makeNonce, script, stylesheet, webviewCsp, webviewPage } from '../webview-page';

export interface CalendarHtmlOptions {
  /** `webview.cspSource`: where the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
  /** The side panel view or the full-size editor panel; the default view differs. */
  host: 'view' | 'panel';
}

/**
 * Nothing by default; scripts only with this page's nonce; styles and fonts only from the
 * extension; no images at all (the icons are inline SVG built through the DOM). No inline styles or handlers: the webview sets positions through the CSSOM.
 */
export function calendarCsp(cspSource: string, nonce: string): string {
  return webviewCsp(nonce, { cspSource });
}

export function calendarHtml(options: CalendarHtmlOptions): string {
  const nonce = options.nonce ?? makeNonce();
  return webviewPage({
    csp: calendarCsp(options.cspSource, nonce),
    title: 'Release calendar',
    head: stylesheet(options.styleUri),
    bodyAttributes: `data-host="${escapeAttribute(options.host)}"`,
    body: `<div id="app" class="app"></div>\n${script(options.scriptUri, nonce)}`,
  });
}
