// Entry of the release metrics webview bundle (dist/metrics.js).
import { MetricsApp } from './app';
import { acquireApi } from '../vscode-api';
import type { WebviewMessage } from './protocol';

const root = document.getElementById('app');
if (root) new MetricsApp(root, acquireApi<WebviewMessage>());
