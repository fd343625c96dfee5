// Entry of the calendar webview bundle (dist/webview.js). Only the components used are imported,
// so the bundle carries no more of @vscode-elements/elements than it needs.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { vsCodeApi } from '../vscode-api';
import { CalendarApp } from './app';
import type { WebviewMessage } from './protocol';

const root = document.getElementById('app');
if (root) {
  const host = document.body.dataset.host === 'panel' ? 'panel' : 'view';
  new CalendarApp(root, vsCodeApi<WebviewMessage>(), host);
}
