// What went wrong talking to GitHub, said so that the reader knows what to do next. Every
// message passes through `redact`, so a token can never reach a notification or a log.
import type { RepoRef, TicketRef } from './repository';
import { formatTicket, repositoryName } from './repository';

export type GitHubFailureKind =
  | 'auth'
  | 'permission'
  | 'rate-limit'
  | 'secondary-rate-limit'
  | 'not-found'
  | 'gone'
  | 'validation'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid-answer'
  | 'unknown';

export interface GitHubFailure {
  kind: GitHubFailureKind;
  status?: number;
  message: string;
  /** When the primary rate limit resets (x-ratelimit-reset). */
  resetAt?: Date;
  /** How long a secondary rate limit asked to wait (retry-after), in seconds. */
  retryAfterSeconds?: number;
}

/** Where the message will be read: the wording of "what to do" differs. */
export type Surface = 'cli' | 'editor';

export interface ErrorContext {
  /** What we were doing, as a verb phrase: "create the change request issue". */
  action: string;
  repository?: RepoRef;
  /** When the request was about one issue (change.ticket). */
  ticket?: TicketRef;
  /**
   * What the request addressed within the issue or repository, when not the issue itself: a 404
   * then names that (a comment that is gone), never the issue.
   */
  subject?: GitHubSubject;
  apiUrl: string;
  surface: Surface;
  /** The token, to scrub from the text. */
  secret?: string;
  timeoutMs?: number;
}

export type GitHubSubject =
  /** `what`: "the release status comment"; `recovery`: what happens next, or what to do. */
  { kind: 'comment'; what: string; id?: number | string; recovery?: string } | { kind: 'label'; name: string };

interface RequestErrorLike {
  status?: number;
  message?: string;
  name?: string;
  cause?: unknown;
  response?: { status: number; headers?: Record<string, string | undefined>; data?: unknown };
}

interface GitHubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: ({ resource?: string; field?: string; code?: string; message?: string } | string)[];
}

export function describeGitHubError(error: unknown, ctx: ErrorContext): GitHubFailure {
  const failure = classify(error as RequestErrorLike, ctx);
  return { ...failure, message: redact(failure.message, ctx.secret) };
}

function classify(error: RequestErrorLike, ctx: ErrorContext): GitHubFailure {
  const repo = ctx.repository ? repositoryName(ctx.repository) : 'the repository';
  const response = error?.response;
  const status = response?.status ?? error?.status;
  const body = (response?.data ?? {}) as GitHubErrorBody;
  const said = typeof body === 'object' && body && body.message ? String(body.message).split('\n')[0] : undefined;
  const headers = response?.headers ?? {};
  const cli = ctx.surface === 'cli';

  if (!response) {
    const cause = rootCause(error);
    if (cause.name === 'TimeoutError' || /aborted due to timeout/i.test(cause.message)) {
      const seconds = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 1000)} s` : '';
      return {
        kind: 'timeout',
        message: `GitHub (${ctx.apiUrl}) did not answer${seconds} while trying to ${ctx.action}. Try again; if it keeps happening, check the network or proxy${cli ? '' : ', or raise releaseRunbooks.github.requestTimeoutSeconds'}.`,
      };
    }
    if (status === undefined || status === 500 || status === 0) {
      return {
        kind: 'network',
        message: `Could not reach GitHub at ${ctx.apiUrl} to ${ctx.action}: ${cause.message || 'network error'}. Check the network or proxy, and the API URL (${cli ? '--api-url' : 'setting releaseRunbooks.github.apiUrl'}).`,
      };
    }
  }

  switch (status) {
    case 401:
      return {
        kind: 'auth',
        status,
        message: `GitHub did not accept the token (401 ${said ?? 'Bad credentials'}). ${
          cli
            ? 'Set GITHUB_TOKEN to a valid token with the "repo" scope (or, for a fine-grained token, Issues: read and write).'
            : 'Sign in to GitHub again, or store a new token with "Release Runbooks: Set GitHub Token".'
        }`,
      };
    case 403:
    case 429: {
      if (headers['x-ratelimit-remaining'] === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
        const when = resetAt
          ? ` It resets at ${resetAt.toISOString().replace(/\.\d{3}Z$/, 'Z')} (${minutesFromNow(resetAt)}).`
          : '';
        return {
          kind: 'rate-limit',
          status,
          resetAt,
          message: `GitHub's API rate limit for this token is used up (${status}).${when} Try again after that.`,
        };
      }
      if (/secondary rate limit|abuse/i.test(said ?? '') || status === 429) {
        const after = headers['retry-after'] ? ` GitHub asked to wait ${headers['retry-after']} s.` : '';
        const retryAfter = Number(headers['retry-after']);
        const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
        return {
          kind: 'secondary-rate-limit',
          status,
          retryAfterSeconds,
          message: `GitHub's secondary rate limit stopped the request to ${ctx.action}, and retrying did not help (${status}).${after} Wait a few minutes and try again.`,
        };
      }
      return {
        kind: 'permission',
        status,
        message: `The token may not ${ctx.action} in ${repo} (403${said ? `: ${said}` : ''}). It needs the "repo" scope (classic token) or Issues: read and write on ${repo} (fine-grained token); in an organization with SAML single sign-on, authorize the token for it.`,
      };
    }
    case 404:
      if (ctx.subject?.kind === 'comment') {
        const id = ctx.subject.id !== undefined ? ` (comment ${ctx.subject.id})` : '';
        const on = ctx.ticket ? ` on issue ${formatTicket(ctx.ticket)}` : '';
        return {
          kind: 'not-found',
          status,
          message: `${capitalize(ctx.subject.what)}${id}${on} is gone: it was deleted on GitHub, or the token cannot see it (404). The issue itself is not affected. ${ctx.subject.recovery ?? 'The next update posts a new one.'}`,
        };
      }
      if (ctx.subject?.kind === 'label') {
        return {
          kind: 'not-found',
          status,
          message: `Label "${ctx.subject.name}" was not found in ${ctx.ticket ? `${ctx.ticket.owner}/${ctx.ticket.repo}` : repo} (404). Create it in the repository's labels (or let a token with write access create it), or check the label setting.`,
        };
      }
      if (ctx.ticket) {
        return {
          kind: 'not-found',
          status,
          message: `Issue ${formatTicket(ctx.ticket)} (change.ticket) was not found, or the token cannot see it (404). If it was transferred to another repository, set change.ticket to its new place; if it was deleted, remove change.ticket from the runbook and submit again to file a new one.`,
        };
      }
      return {
        kind: 'not-found',
        status,
        message: `Repository ${repo} was not found, or the token has no access to it (404). Check the name (${cli ? '--repo or GITHUB_REPOSITORY' : 'setting releaseRunbooks.github.repository'}) and that the token can see it (private repositories need the "repo" scope).`,
      };
    case 410:
      if (ctx.ticket && !/disabled/i.test(said ?? '')) {
        return {
          kind: 'gone',
          status,
          message: `Issue ${formatTicket(ctx.ticket)} (change.ticket) was deleted (410). Remove change.ticket from the runbook and submit again to file a new one.`,
        };
      }
      return {
        kind: 'gone',
        status,
        message: `Issues are disabled in ${ctx.ticket ? `${ctx.ticket.owner}/${ctx.ticket.repo}` : repo} (410). Enable Issues in the repository's settings, or submit to another repository.`,
      };
    case 422:
      return {
        kind: 'validation',
        status,
        message: `GitHub refused to ${ctx.action} (422 ${said ?? 'Validation Failed'})${validationDetails(body)}.`,
      };
    default:
      if (status !== undefined && status >= 500) {
        return {
          kind: 'server',
          status,
          message: `GitHub failed with ${status}${said ? ` (${said})` : ''} while trying to ${ctx.action}, also on retry. Try again later; https://www.githubstatus.com shows outages.`,
        };
      }
      return {
        kind: 'unknown',
        status,
        message: `GitHub answered ${status ?? 'with an error'} while trying to ${ctx.action}${said ? `: ${said}` : error?.message ? `: ${error.message}` : ''}.`,
      };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function validationDetails(body: GitHubErrorBody): string {
  const list = Array.isArray(body.errors) ? body.errors : [];
  const parts = list.map((e) => {
    if (typeof e === 'string') return e;
    if (e.message) return e.message;
    return [e.resource, e.field, e.code?.replace(/_/g, ' ')].filter(Boolean).join(' ');
  });
  return parts.length ? `: ${parts.join('; ')}` : '';
}

function rootCause(error: RequestErrorLike): { name: string; message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown })?.cause;
    if (!next) break;
    current = next;
  }
  const c = current as { name?: string; message?: string; code?: string };
  return {
    name: c?.name ?? '',
    message: [c?.message, c?.code && !String(c.message).includes(c.code) ? `(${c.code})` : '']
      .filter(Boolean)
      .join(' '),
  };
}

function minutesFromNow(date: Date): string {
  const minutes = Math.max(0, Math.ceil((date.getTime() - Date.now()) / 60_000));
  return minutes <= 1 ? 'in about a minute' : `in ${minutes} minutes`;
}

const TOKEN_PATTERNS = [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g];

/** Removes the token (and anything shaped like a GitHub token) from a text. */
export function redact(text: string, secret?: string): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, '[REDACTED]');
  return out;
}

/** Whether a failed request may have reached GitHub and been stored: network trouble, timeouts, 5xx. */
export function mayHaveBeenStored(error: unknown): boolean {
  const e = error as RequestErrorLike;
  const status = e?.response?.status ?? e?.status;
  if (!e?.response) return true;
  return status !== undefined && status >= 500;
}
