// One Octokit for GitHub and GitHub Enterprise Server, with GitHub's recommended retry and
// throttling behaviour and a per-request timeout. Pure Node: the CLI and the extension host
// both use it. The token goes into the Authorization header and nowhere else: Octokit's own
// log is silenced, and what we log is the method and path only.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { ConditionalRequestCache, useConditionalRequests } from './conditional-requests';
import { checkApiUrl, normalizeApiUrl } from './api-url';

export { checkApiUrl, DEFAULT_API_URL, isLoopback, normalizeApiUrl } from './api-url';

export const DEFAULT_TIMEOUT_MS = 30_000;

const GitHubOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GitHubOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** REST API root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  apiUrl?: string;
  /** Each request (with its response body) must finish within this time. */
  timeoutMs?: number;
  /** Retries of a request that failed with 5xx or a network error (not used for creating issues). */
  retries?: number;
  /** Base of the retry back-off, in ms: retry n waits n² × this. Tests make it small. */
  retryBaseMs?: number;
  /** Longest wait, in seconds, that a secondary rate limit may ask for before we give up. */
  maxRateLimitWaitSeconds?: number;
  /**
   * GitHub asks integrators to space out writes (1 s, 3 s for notifying ones). Tests turn the
   * spacing off so that a suite of submissions does not take minutes.
   */
  spaceWrites?: boolean;
  userAgent?: string;
  /** Repeated reads: GETs become conditional (ETag), and a 304 is answered from this cache. */
  conditional?: ConditionalRequestCache;
  /** Debug lines (method, path, status); never the token. */
  log?: (line: string) => void;
}

export interface ClientContext {
  client: GitHubClient;
  apiUrl: string;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  /** The token, kept only to scrub it from any text we show. */
  secret: string;
}

export function createGitHubClient(options: GitHubClientOptions): ClientContext {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  // The last guard before the token leaves: every caller (CLI, editor settings) ends up here.
  const unusable = checkApiUrl(apiUrl);
  if (unusable) throw new Error(unusable);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const log = options.log ?? (() => undefined);
  const quiet = () => undefined;

  // A timeout per request; a caller's own abort signal still works.
  const timedFetch: typeof fetch = (input, init = {}) => {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (init.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };

  const throttle: Record<string, unknown> = {
    retryAfterBaseValue: retryBaseMs,
    onRateLimit: (retryAfter: number, request: { method: string; url: string }) => {
      // The primary limit resets on GitHub's clock, often an hour away: report it instead of waiting.
      log(`rate limit reached on ${request.method} ${request.url}; resets in ${retryAfter}s`);
      return false;
    },
    onSecondaryRateLimit: (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      log(`secondary rate limit on ${request.method} ${request.url}; retry ${retryCount + 1} after ${retryAfter}s`);
      return retryCount < 2 && retryAfter <= maxWait;
    },
  };
  if (options.spaceWrites === false) {
    // The plugin reads these limiter groups from its options (undocumented); a pass-through
    // group lets writes go immediately. Production keeps GitHub's spacing.
    const passThrough = {
      key: () => ({ schedule: (_opts: unknown, fn: (...a: unknown[]) => unknown, ...args: unknown[]) => fn(...args) }),
    };
    throttle.write = passThrough;
    throttle.notifications = passThrough;
  }

  const client = new GitHubOctokit({
    auth: options.token,
    baseUrl: apiUrl,
    userAgent: options.userAgent ?? 'release-runbooks',
    // Retries live in the plugin's state: a `retries` request default would make the plugin
    // retry 4xx answers too.
    request: { fetch: timedFetch },
    retry: { retries, retryAfterBaseValue: retryBaseMs },
    throttle: throttle as never,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  client.hook.after('request', (response, request) =>
    log(`${request.method} ${pathOf(request.url)} → ${response.status}`),
  );
  client.hook.error('request', (error, request) => {
    log(`${request.method} ${pathOf(request.url)} → ${(error as { status?: number }).status ?? 'failed'}`);
    throw error;
  });
  if (options.conditional) useConditionalRequests(client, options.conditional);
  return { client, apiUrl, timeoutMs, retries, retryBaseMs, secret: options.token };
}

function pathOf(url: string): string {
  try {
    return new URL(url, 'http://x').pathname;
  } catch {
    return url;
  }
}
