// Headless Chromium around the built metrics webview (test/webview-shared/page-harness.ts): the
// client's own HTML (same CSP) served from 127.0.0.1, a stand-in acquireVsCodeApi that records
// what the page posts and answers queries the way the extension host does.
import { join } from 'node:path';
import { metricsHtml } from '../../client/metrics/metrics-html';
import type { HostMessage, WebviewMessage } from '../../webview/metrics/protocol';
import type { ThemeName } from '../webview-shared/themes';
import * as shared from '../webview-shared/page-harness';

export { ROOT, waitUntil } from '../webview-shared/page-harness';
export type Harness = shared.Harness;
export const ARTIFACTS = join(shared.ROOT, 'test', 'artifacts', 'metrics');

export const METRICS_BUNDLE: shared.BundleSpec = {
  name: 'metrics',
  entry: 'webview/metrics/main.ts',
  sources: ['webview/metrics', 'server/core/metrics', 'webview/dom.ts'],
};

export function startHarness(): Promise<Harness> {
  return shared.startHarness({
    bundles: [METRICS_BUNDLE],
    artifacts: ARTIFACTS,
    pages: {
      '/metrics.html': (origin) =>
        metricsHtml({
          cspSource: origin,
          scriptUri: `${origin}/dist/metrics.js`,
          styleUri: `${origin}/media/metrics.css`,
        }),
    },
  });
}

export type Responder = shared.Responder<WebviewMessage, HostMessage>;

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  state?: unknown;
  respond: Responder;
}

export type MetricsPage = shared.WebviewPage<WebviewMessage, HostMessage>;

export function openMetrics(h: Harness, options: OpenOptions): Promise<MetricsPage> {
  return shared.openPage(h, { ...options, path: '/metrics.html' });
}
