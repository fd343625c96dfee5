// The release's comments on the change request, against the GitHub stand-in: one status comment
// edited in place, never a second one (not even when an answer is lost), one comment per
// decision, the closing summary and the closed issue.
import { strict as assert } from 'node:assert';
import { preconditionTasks } from '../../../server/core/release/issue-tasks';
import { decisionMarker, statusMarker } from '../../../server/core/release/status-text';
import {
  closeChangeRequest,
  postCommentOnce,
  readIssueBody,
  ReleaseCommentError,
  upsertMarkedComment,
} from '../../../server/github/release-comments';
import { clientFor, READ_TOKEN, useStandIn } from '../github/stand-in-fixture';

const MARKER = statusMarker('payments-api-2-14');
const body = (line: string) => `### Release status: Payments API 2.14.0\n\n**${line}**\n\n${MARKER}`;

async function rejects(promise: Promise<unknown>): Promise<ReleaseCommentError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof ReleaseCommentError,
      `expected a ReleaseCommentError, got ${(error as Error)?.stack ?? error}`,
    );
    return error;
  }
  assert.fail('the request succeeded');
}

describe('Release comments on the change request', () => {
  const s = useStandIn();
  let ticket: { owner: string; repo: string; number: number };

  beforeEach(() => {
    const issue = s.get().seedIssue('acme/releases', {
      title: '[change] Payments API 2.14.0',
      body: '### Preconditions\n\n- [x] **ci-green**: Acceptance tests pass\n- [ ] **staging-soak**: 48 hours in staging\n\n<!-- runbook:payments-api-2-14 -->',
      labels: ['change-request'],
    });
    ticket = { owner: 'acme', repo: 'releases', number: issue.number };
  });

  const comments = () => s.get().comments.comments('acme/releases', ticket.number);

  it('creates the status comment once, then edits the same comment in place', async () => {
    const ctx = clientFor(s.get());
    const first = await upsertMarkedComment(ctx, ticket, MARKER, body('GO given by @alice.'));
    assert.equal(first.action, 'created');
    const second = await upsertMarkedComment(
      ctx,
      ticket,
      MARKER,
      body('Step 1 of 3 done: canary; next: rollout; on schedule.'),
      first.comment.id,
    );
    assert.equal(second.action, 'updated');
    assert.equal(second.comment.id, first.comment.id);
    assert.equal(comments().length, 1);
    assert.match(comments()[0].body, /Step 1 of 3 done/);
    assert.equal(s.get().requestsFor('issues/update-comment').length, 1);
    assert.match(first.comment.url, /\/acme\/releases\/issues\/\d+#issuecomment-\d+$/);
  });

  it('finds the comment by its marker when the id was never written back', async () => {
    const earlier = s.get().comments.seedComment('acme/releases', ticket.number, body('GO given.'), 'release-bot');
    s.get().comments.seedComment('acme/releases', ticket.number, 'Looks good to me', 'bob');
    const outcome = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('Step 1 of 3 in progress.'));
    assert.deepEqual([outcome.action, outcome.comment.id], ['found', earlier.id]);
    assert.equal(comments().length, 2);
    assert.equal(s.get().requestsFor('issues/create-comment').length, 0);
  });

  it('creates a new one when the stored comment was deleted', async () => {
    const outcome = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('Rolling back.'), 123456);
    assert.equal(outcome.action, 'created');
    assert.equal(comments().length, 1);
  });

  it('never posts twice when the answer to creating it is lost', async () => {
    s.get().inject({ operationId: 'issues/create-comment', fault: { kind: 'drop', afterHandling: true } });
    const outcome = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('GO given.'));
    assert.equal(outcome.action, 'created');
    assert.equal(comments().length, 1, 'the stored comment was found by its marker');
    assert.equal(outcome.comment.id, comments()[0].id);
    assert.equal(s.get().requestsFor('issues/create-comment').length, 1);
  });

  it('tries again after a failure that stored nothing', async () => {
    s.get().inject({ operationId: 'issues/create-comment', fault: { kind: 'status', status: 502 } });
    const outcome = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('GO given.'));
    assert.equal(outcome.action, 'created');
    assert.equal(comments().length, 1);
    assert.equal(s.get().requestsFor('issues/create-comment').length, 2);
  });

  it('posts each decision once, however often it is sent', async () => {
    const ctx = clientFor(s.get());
    const decision = `**GO** decided by @alice.\n\n${decisionMarker('payments-api-2-14', 0)}`;
    const first = await postCommentOnce(ctx, ticket, decisionMarker('payments-api-2-14', 0), decision);
    const again = await postCommentOnce(ctx, ticket, decisionMarker('payments-api-2-14', 0), decision);
    assert.deepEqual([first.action, again.action], ['created', 'found']);
    const nogo = `**NO-GO** decided by @alice.\n\n${decisionMarker('payments-api-2-14', 1)}`;
    await postCommentOnce(ctx, ticket, decisionMarker('payments-api-2-14', 1), nogo);
    assert.equal(comments().length, 2);
  });

  it('reads the ticked preconditions and closes the issue when the release is over', async () => {
    const ctx = clientFor(s.get());
    assert.deepEqual(
      [...preconditionTasks(await readIssueBody(ctx, ticket))],
      [
        ['ci-green', true],
        ['staging-soak', false],
      ],
    );
    await closeChangeRequest(ctx, ticket, 'completed');
    const issue = s
      .get()
      .issues()
      .find((i) => i.number === ticket.number)!;
    assert.deepEqual([issue.state, issue.stateReason], ['closed', 'completed']);
  });

  it('says what to do when GitHub refuses', async () => {
    const mine = await upsertMarkedComment(clientFor(s.get()), ticket, MARKER, body('GO given.'));
    const refused = await rejects(
      upsertMarkedComment(clientFor(s.get(), READ_TOKEN), ticket, MARKER, body('Step 1 done.'), mine.comment.id),
    );
    assert.equal(refused.failure?.kind, 'permission');
    assert.match(
      refused.message,
      /The token may not update the release status comment on acme\/releases#\d+ in acme\/releases \(403/,
    );
    const missing = await rejects(
      upsertMarkedComment(clientFor(s.get()), { ...ticket, number: 999 }, MARKER, body('x')),
    );
    assert.match(missing.message, /Issue acme\/releases#999 \(change.ticket\) was not found/);
  });

  it('refuses a body without its marker: it could not be found again', async () => {
    const refused = await rejects(upsertMarkedComment(clientFor(s.get()), ticket, MARKER, 'no marker here'));
    assert.match(refused.message, /has no marker line/);
    assert.equal(s.get().requests.length, 0);
  });
});
