// Release-day comments on the change request: one status comment per release, created once and
// then edited in place (stakeholders watch one comment, not a flood); a comment per go/no-go
// decision; the closing summary, after which the issue is closed. Each comment carries a hidden
// marker line, so a comment whose creation answer was lost is found again instead of posted
// twice: before creating, and after any failure that may have stored it, the issue's comments
// are searched for the marker.
import { hasCommentMarker } from '../core/change-request/marker';
import type { ClientContext } from './github-client';
import { describeGitHubError, GitHubFailure, GitHubSubject, mayHaveBeenStored, Surface } from './github-errors';
import { formatTicket, TicketRef } from './repository';

export interface PostedComment {
  id: number;
  url: string;
}

export interface CommentOutcome {
  /** updated: the known comment; found: a comment found by its marker (then updated); created: a new one. */
  action: 'updated' | 'found' | 'created';
  comment: PostedComment;
}

export interface CommentOptions {
  surface?: Surface;
  /** Attempts at creating (each after looking for the marker again). */
  createAttempts?: number;
}

export class ReleaseCommentError extends Error {
  constructor(
    message: string,
    readonly failure: GitHubFailure | undefined,
  ) {
    super(message);
    this.name = 'ReleaseCommentError';
  }
}

interface CommentData {
  id: number;
  html_url: string;
  body?: string | null;
}

/**
 * Writes `body` into the release's one comment marked `marker`: the comment `knownId` when it
 * still exists, else the one carrying the marker, else a new one.
 */
export async function upsertMarkedComment(
  ctx: ClientContext,
  ticket: TicketRef,
  marker: string,
  body: string,
  knownId?: string | number,
  options: CommentOptions = {},
): Promise<CommentOutcome> {
  if (!hasCommentMarker(body, marker))
    throw new ReleaseCommentError(
      'the comment has no marker line, so it could not be found again; it was not posted',
      undefined,
    );
  const id = knownId === undefined ? NaN : Number(knownId);
  if (Number.isSafeInteger(id) && id > 0) {
    try {
      const { data } = await ctx.client.rest.issues.updateComment({
        owner: ticket.owner,
        repo: ticket.repo,
        comment_id: id,
        body,
      });
      return { action: 'updated', comment: toComment(data as CommentData) };
    } catch (error) {
      // Deleted on GitHub (or never there): look for the marker, then create. The caller records the new id.
      if (status(error) !== 404)
        failWith(
          ctx,
          ticket,
          options.surface,
          commentSubject(id),
        )(error, `update the release status comment on ${formatTicket(ticket)}`);
    }
  }
  return postMarkedComment(ctx, ticket, marker, body, options, true);
}

/** Posts a comment once: when a comment with `marker` exists it is brought up to date instead. */
export async function postCommentOnce(
  ctx: ClientContext,
  ticket: TicketRef,
  marker: string,
  body: string,
  options: CommentOptions = {},
): Promise<CommentOutcome> {
  if (!hasCommentMarker(body, marker))
    throw new ReleaseCommentError(
      'the comment has no marker line, so it could not be found again; it was not posted',
      undefined,
    );
  return postMarkedComment(ctx, ticket, marker, body, options, true);
}

/** The issue's body (the change request), for the preconditions ticked on its task list. */
export async function readIssueBody(
  ctx: ClientContext,
  ticket: TicketRef,
  options: CommentOptions = {},
): Promise<string> {
  try {
    const { data } = await ctx.client.rest.issues.get({
      owner: ticket.owner,
      repo: ticket.repo,
      issue_number: ticket.number,
    });
    return data.body ?? '';
  } catch (error) {
    return failWith(ctx, ticket, options.surface)(error, `read ${formatTicket(ticket)}`);
  }
}

/** Closes the change request once the release finished: completed, or not planned when cancelled. */
export async function closeChangeRequest(
  ctx: ClientContext,
  ticket: TicketRef,
  reason: 'completed' | 'not_planned',
  options: CommentOptions = {},
): Promise<void> {
  try {
    await ctx.client.rest.issues.update({
      owner: ticket.owner,
      repo: ticket.repo,
      issue_number: ticket.number,
      state: 'closed',
      state_reason: reason,
    });
  } catch (error) {
    failWith(ctx, ticket, options.surface)(error, `close ${formatTicket(ticket)}`);
  }
}

// ---------------------------------------------------------------------------------------------

async function postMarkedComment(
  ctx: ClientContext,
  ticket: TicketRef,
  marker: string,
  body: string,
  options: CommentOptions,
  lookFirst: boolean,
): Promise<CommentOutcome> {
  const fail = failWith(ctx, ticket, options.surface);
  const issue = { owner: ticket.owner, repo: ticket.repo, issue_number: ticket.number };
  if (lookFirst) {
    const existing = await findByMarker(ctx, ticket, marker).catch((e) =>
      fail(e, `read the comments of ${formatTicket(ticket)}`),
    );
    if (existing) {
      if ((existing.body ?? '') === body) return { action: 'found', comment: toComment(existing) };
      try {
        const { data } = await ctx.client.rest.issues.updateComment({
          owner: ticket.owner,
          repo: ticket.repo,
          comment_id: existing.id,
          body,
        });
        return { action: 'found', comment: toComment(data as CommentData) };
      } catch (error) {
        // Deleted between listing and editing: post it anew below.
        if (status(error) !== 404)
          failWith(
            ctx,
            ticket,
            options.surface,
            commentSubject(existing.id),
          )(error, `update a comment on ${formatTicket(ticket)}`);
      }
    }
  }
  const attempts = Math.max(1, options.createAttempts ?? 3);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // Never resent by the retry plugin: a lost answer must not become a second comment.
      const { data } = await ctx.client.rest.issues.createComment({ ...issue, body, request: { retries: 0 } });
      return { action: 'created', comment: toComment(data as CommentData) };
    } catch (error) {
      if (!mayHaveBeenStored(error)) fail(error, `comment on ${formatTicket(ticket)}`);
      lastError = error;
    }
    await delay(ctx.retryBaseMs * attempt * attempt);
    let found: CommentData | undefined;
    try {
      found = await findByMarker(ctx, ticket, marker);
    } catch {
      const failure = describe(ctx, ticket, options.surface, lastError, `comment on ${formatTicket(ticket)}`);
      throw new ReleaseCommentError(
        `${failure.message} GitHub may have stored the comment anyway; the next update finds it by its marker.`,
        failure,
      );
    }
    if (found) return { action: 'created', comment: toComment(found) };
  }
  const failure = describe(ctx, ticket, options.surface, lastError, `comment on ${formatTicket(ticket)}`);
  throw new ReleaseCommentError(
    `${failure.message} If GitHub stored the comment anyway, the next update finds it by its marker.`,
    failure,
  );
}

/** The oldest comment of the issue carrying the marker. */
async function findByMarker(ctx: ClientContext, ticket: TicketRef, marker: string): Promise<CommentData | undefined> {
  const pages = ctx.client.paginate.iterator(ctx.client.rest.issues.listComments, {
    owner: ticket.owner,
    repo: ticket.repo,
    issue_number: ticket.number,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const comment of page.data as CommentData[]) if (hasCommentMarker(comment.body, marker)) return comment;
  }
  return undefined;
}

function failWith(ctx: ClientContext, ticket: TicketRef, surface: Surface | undefined, subject?: GitHubSubject) {
  return (error: unknown, action: string): never => {
    if (error instanceof ReleaseCommentError) throw error;
    const failure = describe(ctx, ticket, surface, error, action, subject);
    throw new ReleaseCommentError(failure.message, failure);
  };
}

/** A comment the release wrote earlier: when it is gone, the next update posts it anew. */
function commentSubject(id: number): GitHubSubject {
  return {
    kind: 'comment',
    what: 'the release comment',
    id,
    recovery: 'The next update posts a new one and records its id; nothing in the runbook needs to change.',
  };
}

function describe(
  ctx: ClientContext,
  ticket: TicketRef,
  surface: Surface | undefined,
  error: unknown,
  action: string,
  subject?: GitHubSubject,
): GitHubFailure {
  return describeGitHubError(error, {
    action,
    repository: ticket,
    ticket,
    subject,
    apiUrl: ctx.apiUrl,
    surface: surface ?? 'editor',
    secret: ctx.secret,
    timeoutMs: ctx.timeoutMs,
  });
}

function status(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: number } };
  return e?.response?.status ?? e?.status;
}

function toComment(data: CommentData): PostedComment {
  return { id: data.id, url: data.html_url };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
