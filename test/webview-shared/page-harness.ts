// What every headless-Chromium webview suite needs, whatever the page: its esbuild bundle kept
// fresh, a static server on 127.0.0.1 that serves the client's own HTML (same CSP) and only dist/
// and media/ (as localResourceRoots allows in the editor), Debian's chromium, and a page whose
// `acquireVsCodeApi` is a stand-in that records what the webview posts and hands it to a
// responder answering as the extension host does. Theme variables are put on <html> as VS Code
// does. Used by test/webview (the calendar), test/webview-metrics and test/webview-release.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { THEMES, ThemeName } from './themes';
import { waitFor } from '../helpers/wait-for';

/** The repository: the nearest folder up with a package.json (the bench runs this file bundled, from bench/work/bin). */
export const ROOT = (function repository(dir: string): string {
  return existsSync(join(dir, 'package.json')) || dirname(dir) === dir ? dir : repository(dirname(dir));
})(__dirname);

/** The Chromium every page suite (and the bench's calendar measure) drives: Debian's, or
 * RUNBOOK_CHROMIUM, the same choice as scripts/code-server.mjs makes for the real-editor suites. */
export const CHROMIUM = process.env.RUNBOOK_CHROMIUM || '/usr/bin/chromium';

export interface BundleSpec {
  /** The output name: dist/<name>.js. */
  name: string;
  /** The entry point, relative to the repository. */
  entry: string;
  /** Files and folders (relative to the repository) whose changes make the bundle stale. */
  sources: string[];
}

/** Builds dist/<name>.js when it is missing or older than its sources, with esbuild.mjs's browser settings. */
export async function ensureBundle(spec: BundleSpec): Promise<void> {
  const newest = (path: string): number => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return readdirSync(path).reduce((t, name) => Math.max(t, newest(join(path, name))), stat.mtimeMs);
  };
  const bundle = join(ROOT, 'dist', `${spec.name}.js`);
  const sources = Math.max(...spec.sources.map((s) => newest(join(ROOT, s))));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: { [spec.name]: join(ROOT, spec.entry) },
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

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface HarnessOptions {
  bundles: BundleSpec[];
  /** Pages by path ("/metrics.html"): the HTML the client would give the webview, for this origin. */
  pages: Record<string, (origin: string, url: URL) => string>;
  /** Where screenshots go. */
  artifacts: string;
}

export interface Harness {
  browser: Browser;
  origin: string;
  artifacts: string;
  /** Every path the pages asked the server for. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  for (const bundle of options.bundles) await ensureBundle(bundle);
  mkdirSync(options.artifacts, { recursive: true });
  const requests: string[] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    const page = options.pages[url.pathname];
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(origin, url));
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
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    browser,
    origin,
    artifacts: options.artifacts,
    requests,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Polls a condition until it holds (test/helpers/wait-for.ts), for a page: any value but undefined
 * or false counts (a count of 0, an empty text), and a page answers within 5 s.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const held = await waitFor(
    async () => {
      const value = await check();
      return value !== undefined && value !== false ? { value } : undefined;
    },
    what,
    timeoutMs,
    20,
  );
  return held.value as T;
}

/** Answers one message from the webview as the extension host would: nothing, one message, or several in order. */
export type Responder<FromPage, ToPage> = (
  message: FromPage,
) => ToPage | ToPage[] | undefined | Promise<ToPage | ToPage[] | undefined>;

/** acquireVsCodeApi as VS Code provides it, recording posts and state; and what VS Code does to every webview's page. */
function standInScript(
  initial: unknown,
  vars: Record<string, string>,
  bodyClass: string,
  background: string | undefined,
): string {
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
  const background = ${JSON.stringify(background ?? null)};
  const theme = () => {
    const root = document.documentElement;
    if (!root || root.dataset.themed) return;
    root.dataset.themed = '1';
    for (const [k, v] of Object.entries(vars)) root.style.setProperty('--vscode-' + k, v);
    if (background) root.style.background = 'var(--vscode-' + background + ')';
  };
  theme();
  new MutationObserver(theme).observe(document, { childList: true, subtree: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  const body = () => { if (document.body) { document.body.classList.add(${JSON.stringify(bodyClass)}); return true; } return false; };
  if (!body()) new MutationObserver((_, o) => body() && o.disconnect()).observe(document, { childList: true, subtree: true });
})();`;
}

export interface OpenOptions<FromPage, ToPage> {
  /** The page's path on the server, with its query. */
  path: string;
  theme?: ThemeName;
  /** Variables the page reads that the shared theme tables do not carry, by theme. */
  extraVars?: Partial<Record<ThemeName, Record<string, string>>>;
  /** The theme colour VS Code paints behind the page ("editor-background" for a panel); none when unset. */
  background?: string;
  width?: number;
  height?: number;
  /** What getState() returns at start, as after a reload. */
  state?: unknown;
  /** Browser clock, so "today" is fixed. */
  now?: string;
  timezoneId?: string;
  respond: Responder<FromPage, ToPage>;
  /** Full-page screenshots unless false. */
  fullPage?: boolean;
}

export interface WebviewPage<FromPage, ToPage> {
  page: Page;
  context: BrowserContext;
  /** Messages the webview posted, in order. */
  posted(): Promise<FromPage[]>;
  /** Waits until the webview has posted a message matching the predicate, and returns it. */
  waitForPosted(predicate: (m: FromPage) => boolean): Promise<FromPage>;
  /** Sends a host message into the webview. */
  send(message: ToPage): Promise<void>;
  /** The last state the webview saved with setState. */
  savedState(): Promise<unknown>;
  /** Messages of alert/confirm/prompt dialogs the page opened (each dismissed). */
  dialogs: string[];
  errors: string[];
  /** Every URL the page's frame requested, the page itself included. */
  requests: string[];
  cspViolations(): Promise<string[]>;
  screenshot(name: string, fullPage?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function openPage<FromPage, ToPage>(
  h: Harness,
  options: OpenOptions<FromPage, ToPage>,
): Promise<WebviewPage<FromPage, ToPage>> {
  const themeName = options.theme ?? 'dark';
  const theme = THEMES[themeName];
  const context = await h.browser.newContext({
    viewport: { width: options.width ?? 1100, height: options.height ?? 900 },
    locale: 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Berlin',
    colorScheme: themeName === 'light' ? 'light' : 'dark',
  });
  const page = await context.newPage();
  if (options.now) await page.clock.setFixedTime(new Date(options.now));
  const dialogs: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !m.location().url.endsWith('/favicon.ico'))
      errors.push(`${m.type()}: ${m.text()}`);
  });
  const send = async (message: ToPage) => {
    await page.evaluate((m) => window.postMessage(m, '*'), message as unknown as Record<string, unknown>);
  };
  await page.exposeBinding('__toHost', async (_source, message: FromPage) => {
    const answer = await options.respond(message);
    for (const m of answer === undefined ? [] : Array.isArray(answer) ? answer : [answer]) await send(m);
  });
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  const vars = { ...theme.vars, ...options.extraVars?.[themeName] };
  await page.addInitScript({
    content: standInScript(options.state ?? null, vars, theme.bodyClass, options.background),
  });
  await page.goto(`${h.origin}${options.path}`);
  const posted = () =>
    page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted) as Promise<FromPage[]>;
  return {
    page,
    context,
    posted,
    waitForPosted: (predicate) =>
      waitUntil(async () => (await posted()).find(predicate), `a posted message matching ${predicate.toString()}`),
    send,
    savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
    dialogs,
    errors,
    requests,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async screenshot(name, fullPage = options.fullPage ?? true) {
      const path = join(h.artifacts, `${name}.png`);
      await page.screenshot({ path, fullPage });
      return path;
    },
    close: () => context.close(),
  };
}
