// Headless Chromium around the built metrics webview, as test/webview/harness.ts does for the
// calendar: the client's own HTML (same CSP) served from 127.0.0.1, a stand-in acquireVsCodeApi
// that records what the page posts and answers queries the way the extension host does.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { metricsHtml } from '../../client/metrics/metrics-html';
import type { HostMessage, WebviewMessage } from '../../webview/metrics/protocol';
import { THEMES, ThemeName } from '../webview/themes';

export const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts', 'metrics');
const BUNDLE = join(ROOT, 'dist', 'metrics.js');

/** Builds dist/metrics.js when it is missing or older than its sources, with esbuild.mjs's browser settings. */
export async function ensureBundle(): Promise<void> {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((t, d) => {
      const p = join(dir, d.name);
      return Math.max(t, d.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(join(ROOT, 'webview', 'metrics')), newest(join(ROOT, 'server', 'core', 'metrics')), statSync(join(ROOT, 'webview', 'dom.ts')).mtimeMs);
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { metrics: join(ROOT, 'webview', 'metrics', 'main.ts') },
    outdir: join(ROOT, 'dist'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface Harness {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await ensureBundle();
  mkdirSync(ARTIFACTS, { recursive: true });
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/metrics.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(metricsHtml({ cspSource: origin, scriptUri: `${origin}/dist/metrics.js`, styleUri: `${origin}/media/metrics.css` }));
      return;
    }
    // Only dist/ and media/, as localResourceRoots allows in the editor.
    const path = normalize(url.pathname).replace(/^\/+/, '');
    const file = join(ROOT, path);
    if (!/^(dist|media)\//.test(path) || path.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    origin,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls a condition until it holds (no fixed sleeps); fails with `what` after the timeout. */
export async function waitUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type Responder = (message: WebviewMessage) => HostMessage | undefined;

function standInScript(initial: unknown, vars: Record<string, string>, bodyClass: string): string {
  return `(() => {
  const w = window;
  w.__posted = [];
  w.__state = ${JSON.stringify(initial)};
  w.__csp = [];
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage: (m) => { const copy = JSON.parse(JSON.stringify(m)); w.__posted.push(copy); w.__toHost(copy); },
      getState: () => w.__state,
      setState: (s) => { w.__state = JSON.parse(JSON.stringify(s)); },
    };
  };
  const vars = ${JSON.stringify(vars)};
  const theme = () => {
    const root = document.documentElement;
    if (!root || root.dataset.themed) return;
    root.dataset.themed = '1';
    for (const [k, v] of Object.entries(vars)) root.style.setProperty('--vscode-' + k, v);
  };
  theme();
  new MutationObserver(theme).observe(document, { childList: true, subtree: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  const body = () => { if (document.body) { document.body.classList.add(${JSON.stringify(bodyClass)}); return true; } return false; };
  if (!body()) new MutationObserver((_, o) => body() && o.disconnect()).observe(document, { childList: true, subtree: true });
})();`;
}

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  state?: unknown;
  respond: Responder;
}

export interface MetricsPage {
  page: Page;
  context: BrowserContext;
  posted(): Promise<WebviewMessage[]>;
  waitForPosted(predicate: (m: WebviewMessage) => boolean): Promise<WebviewMessage>;
  savedState(): Promise<unknown>;
  errors: string[];
  cspViolations(): Promise<string[]>;
  screenshot(name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openMetrics(h: Harness, options: OpenOptions): Promise<MetricsPage> {
  const theme = THEMES[options.theme ?? 'dark'];
  const context = await h.browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    colorScheme: options.theme === 'light' ? 'light' : 'dark',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.type()}: ${m.text()}`);
  });
  await page.exposeBinding('__toHost', async (_source, message: WebviewMessage) => {
    const answer = options.respond(message);
    if (answer) await page.evaluate((m) => window.postMessage(m, '*'), answer as unknown as Record<string, unknown>);
  });
  await page.addInitScript({ content: standInScript(options.state ?? null, theme.vars, theme.bodyClass) });
  await page.goto(`${h.origin}/metrics.html`);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  return {
    page,
    context,
    posted,
    waitForPosted: (predicate) => waitUntil(async () => (await posted()).find(predicate), `a posted message matching ${predicate.toString()}`),
    savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
    errors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async screenshot(name, fullPage = true) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage });
      return path;
    },
    close: () => context.close(),
  };
}
