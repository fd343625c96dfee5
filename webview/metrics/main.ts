// Entry of the release metrics webview bundle (dist/metrics.js).
import { vsCodeApi } from '../vscode-api';
import { MetricsApp } from './app';
import type { WebviewMessage } from './protocol';

const root = document.getElementById('app');
if (root) new MetricsApp(root, vsCodeApi<WebviewMessage>());
