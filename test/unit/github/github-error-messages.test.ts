// Every GitHub failure on release day says what failed (the issue, a comment, a label, the token,
// its permission, the rate limit) and what to do, one case each against the stand-in. A status
// comment that is gone is posted anew, and the issue is never called missing because of it.
import { strict as assert } from 'node:assert';
import { statusMarker } from '../../../server/core/release/status-text';
import { describeGitHubError, ErrorContext, GitHubSubject } from '../../../server/github/github-errors';
import { readIssueBody, ReleaseCommentError, upsertMarkedComment } from '../../../server/github/release-comments';
import type { TicketRef } from '../../../server/github/repository';
import { clientFor, READ_TOKEN, useStandIn } from './stand-in-fixture';

const MARKER = statusMarker('payments-api-2-14');
const body = (line: string) => `### Release status: Payments API 2.14.0\n\n**${line}**\n\n${MARKER}`;

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the request succeeded');
}

describe('GitHub error messages on release day (stand-in)', () => {
  const s = useStandIn();
  let ticket: TicketRef;

  beforeEach(() => {
    const issue = s.get().seedIssue('acme/releases', { title: '[change] Payments API 2.14.0', body: 'x' });
    ticket = { owner: 'acme', repo: 'releases', number: issue.number };
  });

  const comments = () => s.get().comments.comments('acme/releases', ticket.number);
  const context = (action: string, subject?: GitHubSubject): ErrorContext => ({
    action,
    repository: ticket,
    ticket,
    subject,
    apiUrl: s.get().url,
    surface: 'editor',
  });

  it('status comment deleted on GitHub: posts a new one with a new id, no warning about the issue', async () => {
    const ctx = clientFor(s.get());
    const first = await upsertMarkedComment(ctx, ticket, MARKER, body('GO given.'));
    // Deleted on GitHub by someone (through the API, as a person would on the web page).
    await ctx.client.rest.issues.deleteComment({ owner: 'acme', repo: 'releases', comment_id: first.comment.id });
    assert.equal(comments().length, 0);
    const again = await upsertMarkedComment(ctx, ticket, MARKER, body('Step 1 of 3 done.'), first.comment.id);
    assert.equal(again.action, 'created');
    assert.notEqual(again.comment.id, first.comment.id, 'the new id, for the record');
    assert.deepEqual(
      comments().map((c) => [c.id, c.body]),
      [[again.comment.id, body('Step 1 of 3 done.')]],
    );
  });

  it('status comment deleted between finding it and editing it: posted anew, once', async () => {
    const seeded = s.get().comments.seedComment('acme/releases', ticket.number, body('GO given.'), 'release-bot');
    s.get().onHandled = (request) => {
      if (request.operationId === 'issues/list-comments') s.get().comments.deleteComment('acme/releases', seeded.id);
    };
    const outcome = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('Step 2 of 3 in progress.'));
    assert.equal(outcome.action, 'created');
    assert.equal(comments().length, 1);
    assert.equal(comments()[0].id, outcome.comment.id);
  });

  it('comment: a 404 for a comment names the comment, says the issue is fine and what happens next', async () => {
    const error = await failureOf(
      clientFor(s.get()).client.rest.issues.updateComment({
        owner: 'acme',
        repo: 'releases',
        comment_id: 424242,
        body: 'x',
      }),
    );
    const failure = describeGitHubError(
      error,
      context('update the release status comment', { kind: 'comment', what: 'the release status comment', id: 424242 }),
    );
    assert.equal(failure.kind, 'not-found');
    assert.match(
      failure.message,
      /^The release status comment \(comment 424242\) on issue acme\/releases#\d+ is gone: it was deleted on GitHub, or the token cannot see it \(404\)\. The issue itself is not affected\. The next update posts a new one\.$/,
    );
    assert.doesNotMatch(failure.message, /change\.ticket/);
  });

  it('issue: a change request that is gone names the issue and change.ticket', async () => {
    const error = (await failureOf(
      readIssueBody(clientFor(s.get()), { ...ticket, number: 999 }),
    )) as ReleaseCommentError;
    assert.equal(error.failure?.kind, 'not-found');
    assert.match(
      error.message,
      /^Issue acme\/releases#999 \(change\.ticket\) was not found, or the token cannot see it \(404\)\. If it was transferred .* set change\.ticket to its new place; if it was deleted, remove change\.ticket .* submit again/,
    );
  });

  it('label: a label that is not there names the label and where to create it', async () => {
    const error = await failureOf(
      clientFor(s.get()).client.rest.issues.getLabel({ owner: 'acme', repo: 'releases', name: 'cab:approved' }),
    );
    const failure = describeGitHubError(
      error,
      context('read the label cab:approved', { kind: 'label', name: 'cab:approved' }),
    );
    assert.equal(failure.kind, 'not-found');
    assert.match(
      failure.message,
      /^Label "cab:approved" was not found in acme\/releases \(404\)\. Create it in the repository's labels/,
    );
  });

  it('permission: a token that may not edit says which scope it needs', async () => {
    const mine = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('GO given.'));
    const error = (await failureOf(
      upsertMarkedComment(clientFor(s.get(), READ_TOKEN), ticket, MARKER, body('Step 1 done.'), mine.comment.id),
    )) as ReleaseCommentError;
    assert.equal(error.failure?.kind, 'permission');
    assert.match(
      error.message,
      /^The token may not update the release status comment on acme\/releases#\d+ in acme\/releases \(403: Resource not accessible by personal access token\)\. It needs the "repo" scope/,
    );
  });

  it('401: a token GitHub does not accept says how to sign in again', async () => {
    const error = (await failureOf(
      readIssueBody(clientFor(s.get(), 'ghp_not_a_token_the_stand_in_knows_000000'), ticket),
    )) as ReleaseCommentError;
    assert.equal(error.failure?.kind, 'auth');
    assert.match(
      error.message,
      /^GitHub did not accept the token \(401 Bad credentials\)\. Sign in to GitHub again, or store a new token with "Release Runbooks: Set GitHub Token"\.$/,
    );
    assert.doesNotMatch(error.message, /ghp_not_a_token/);
  });

  it('rate limit: says when it resets and to try again then', async () => {
    s.get().inject({ operationId: 'issues/get', fault: { kind: 'rate-limit', resetInSeconds: 600 } });
    const error = (await failureOf(readIssueBody(clientFor(s.get()), ticket))) as ReleaseCommentError;
    assert.equal(error.failure?.kind, 'rate-limit');
    assert.ok(error.failure?.resetAt, 'the reset time, for the refresh back-off');
    assert.match(
      error.message,
      /^GitHub's API rate limit for this token is used up \(403\)\. It resets at \S+Z \(in (9|10) minutes\)\. Try again after that\.$/,
    );
  });

  it('secondary rate limit: says how long GitHub asked to wait', async () => {
    s.get().inject({
      operationId: 'issues/get',
      times: 3,
      fault: { kind: 'rate-limit', secondary: true, retryAfterSeconds: 600 },
    });
    const error = (await failureOf(
      readIssueBody(clientFor(s.get(), undefined, { maxRateLimitWaitSeconds: 1 }), ticket),
    )) as ReleaseCommentError;
    assert.equal(error.failure?.kind, 'secondary-rate-limit');
    assert.match(error.message, /GitHub asked to wait 600 s\. Wait a few minutes and try again\.$/);
  });
});
