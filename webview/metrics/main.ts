// Entry of the release metrics webview bundle (dist/metrics.js).
import { MetricsApp } from './app';
import type { VsCodeApi } from './protocol';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new MetricsApp(root, acquireVsCodeApi());
