// Headless Chromium around the built calendar webview: the page is the client's own HTML (same
// CSP) served from 127.0.0.1, `acquireVsCodeApi` is a stand-in that records what the webview posts
// and answers `requestRange` the way the extension host does, from a real `runbook/calendar` query.
import { existsSync, mkdirSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, normalize, extname } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { calendarHtml } from '../../client/calendar/webview-html';
import { calendarQuery, CalendarParamsError } from '../../server/core/calendar/calendar-query';
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { lintFile } from '../../server/core/lint';
import type { WorkspaceIndex } from '../../server/core/workspace-index';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import { THEMES, ThemeName } from './themes';

export const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const BUNDLE = join(ROOT, 'dist', 'webview.js');

/** Builds dist/webview.js when it is missing or older than the sources, with esbuild.mjs's settings. */
export async function ensureBundle(): Promise<void> {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((t, d) => {
      const p = join(dir, d.name);
      return Math.max(t, d.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(join(ROOT, 'webview')), newest(join(ROOT, 'server', 'core', 'calendar')));
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= sources) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { webview: join(ROOT, 'webview', 'main.ts') },
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

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

export interface Harness {
  browser: Browser;
  origin: string;
  /** Every path the pages asked the server for. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  await ensureBundle();
  mkdirSync(ARTIFACTS, { recursive: true });
  const requests: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    if (url.pathname === '/calendar.html') {
      const host = url.searchParams.get('host') === 'panel' ? 'panel' : 'view';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(calendarHtml({ cspSource: origin, scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/calendar.css`, host }));
      return;
    }
    // Only dist/ and media/ are served, as localResourceRoots allows in the editor.
    const path = normalize(url.pathname).replace(/^\/+/, '');
    if (!/^(dist|media)\//.test(path) || path.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    const file = join(ROOT, path);
    if (!existsSync(file)) {
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
    requests,
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

/** Answers range requests from a workspace index, with the linter's diagnostics, as the server does. */
export function indexResponder(index: () => WorkspaceIndex, decorate?: (r: CalendarResult) => CalendarResult): Responder {
  return (message) => {
    if (message.type !== 'requestRange') return undefined;
    try {
      const idx = index();
      const result = calendarQuery(idx, { from: message.from, to: message.to }, (uri) => lintFile(idx, uri));
      return { type: 'calendar', requestId: message.requestId, result: decorate ? decorate(result) : result };
    } catch (error) {
      if (error instanceof CalendarParamsError) return { type: 'error', requestId: message.requestId, message: error.message };
      throw error;
    }
  };
}

export interface OpenOptions {
  theme?: ThemeName;
  host?: 'view' | 'panel';
  width?: number;
  height?: number;
  /** What getState() returns at start, as after a reload. */
  state?: unknown;
  /** Browser clock, so "today" is fixed. */
  now?: string;
  timezoneId?: string;
  respond: Responder;
}

/** acquireVsCodeApi as VS Code provides it, recording posts and state; and what VS Code does to every webview's page. */
function standInScript(initial: unknown, vars: Record<string, string>, bodyClass: string, host: string): string {
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
    root.style.background = 'var(--vscode-${host === 'view' ? 'sideBar' : 'editor'}-background)';
  };
  theme();
  new MutationObserver(theme).observe(document, { childList: true, subtree: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  const body = () => { if (document.body) { document.body.classList.add(${JSON.stringify(bodyClass)}); return true; } return false; };
  if (!body()) new MutationObserver((_, o) => body() && o.disconnect()).observe(document, { childList: true, subtree: true });
})();`;
}

export interface CalendarPage {
  page: Page;
  context: BrowserContext;
  /** Messages the webview posted, in order. */
  posted(): Promise<WebviewMessage[]>;
  /** Waits until the webview has posted a message matching the predicate, and returns it. */
  waitForPosted(predicate: (m: WebviewMessage) => boolean): Promise<WebviewMessage>;
  /** Sends a host message into the webview. */
  send(message: HostMessage): Promise<void>;
  /** The last state the webview saved with setState. */
  savedState(): Promise<unknown>;
  dialogs: string[];
  errors: string[];
  cspViolations(): Promise<string[]>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openCalendar(h: Harness, options: OpenOptions): Promise<CalendarPage> {
  const theme = THEMES[options.theme ?? 'dark'];
  const context = await h.browser.newContext({
    viewport: { width: options.width ?? 420, height: options.height ?? 900 },
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    locale: 'en-GB',
    colorScheme: options.theme === 'light' ? 'light' : 'dark',
  });
  const page = await context.newPage();
  if (options.now) await page.clock.setFixedTime(new Date(options.now));
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    if (m.location().url.endsWith('/favicon.ico')) return;
    errors.push(`${m.type()}: ${m.text()}`);
  });
  await page.exposeBinding('__toHost', async (_source, message: WebviewMessage) => {
    const answer = options.respond(message);
    if (answer) await page.evaluate((m) => window.postMessage(m, '*'), answer as unknown as Record<string, unknown>);
  });
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await page.addInitScript({ content: standInScript(options.state ?? null, theme.vars, theme.bodyClass, options.host ?? 'view') });
  await page.goto(`${h.origin}/calendar.html?host=${options.host ?? 'view'}`);

  const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  return {
    page,
    context,
    posted,
    async waitForPosted(predicate) {
      return waitUntil(async () => (await posted()).find(predicate), 'a posted message matching ' + predicate.toString());
    },
    async send(message) {
      await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
    },
    savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
    dialogs,
    errors,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async screenshot(name) {
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => context.close(),
  };
}
