// The Go/No-Go Review panel's page: nothing by default, its script and its style only with this
// page's nonce. Free of the `vscode` import so that tests can read exactly this page.
import { escapeAttribute, makeNonce, script, webviewCsp, webviewPage } from '../webview-page';

export function goNoGoCsp(nonce: string): string {
  return webviewCsp(nonce, 'inline-style');
}

export function goNoGoHtml(options: { scriptUri: string; title: string; nonce?: string }): string {
  const nonce = options.nonce ?? makeNonce();
  return webviewPage({
    csp: goNoGoCsp(nonce),
    title: options.title,
    head: `<style nonce="${escapeAttribute(nonce)}">${STYLE}</style>`,
    body: `<main id="app" aria-live="polite"><p class="muted">Evaluating the gates…</p></main>\n${script(options.scriptUri, nonce)}`,
  });
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 20px 24px; max-width: 980px; }
h1 { font-size: 1.4em; margin: 16px 0 4px; }
h2 { font-size: 1.1em; margin: 22px 0 8px; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: 4px; }
.muted { color: var(--vscode-descriptionForeground); }
.notice { background: var(--vscode-inputValidation-warningBackground); border: 1px solid var(--vscode-inputValidation-warningBorder); padding: 6px 10px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
.state { font-weight: 600; white-space: nowrap; }
.pass { color: var(--vscode-testing-iconPassed); }
.fail { color: var(--vscode-testing-iconFailed); }
.waived { color: var(--vscode-editorWarning-foreground); }
ul.details { margin: 4px 0 0; padding-left: 18px; color: var(--vscode-descriptionForeground); }
button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; font: inherit; }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
textarea, input[type=text] { width: 100%; box-sizing: border-box; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 4px 6px; font: inherit; }
textarea { min-height: 4em; }
.row { display: flex; gap: 8px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.field { display: flex; gap: 8px; align-items: center; flex: 1 1 20em; min-width: 0; }
.field label { white-space: nowrap; }
.field input[type=text] { flex: 1 1 auto; width: auto; min-width: 0; }
.result { margin-top: 10px; font-weight: 600; }
.result.error { color: var(--vscode-errorForeground); }
`;
