// The idempotent create/update flow against the GitHub stand-in, including its faults:
// whatever happens, one runbook has one issue.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { markerFor } from '../../../server/core/change-request/marker';
import { bodyFingerprint, fingerprintLine } from '../../../server/core/change-request/material-fingerprint';
import { createGitHubClient } from '../../../server/github/github-client';
import { submitChangeRequest, SubmitError, SubmitOutcome } from '../../../server/github/change-request-issue';
import { clientFor, fixtureRequest, READ_TOKEN, REPO, useStandIn, WRITE_TOKEN } from './stand-in-fixture';

async function rejects(promise: Promise<unknown>): Promise<SubmitError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SubmitError, `expected a SubmitError, got ${(error as Error)?.stack ?? error}`);
    return error;
  }
  assert.fail('the submission succeeded');
}

describe('submitChangeRequest', () => {
  const s = useStandIn();

  async function submit(request = fixtureRequest('full', ''), token = WRITE_TOKEN): Promise<SubmitOutcome> {
    return submitChangeRequest(clientFor(s.get(), token), {
      repository: REPO,
      request: { ...request, ticket: request.ticket || null },
    });
  }

  describe('without faults', () => {
    it('creates one issue with the title, labels and body, creating the labels with colours', async () => {
      const request = fixtureRequest('full', '');
      const outcome = await submit(request);
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#1');
      assert.ok(outcome.ticketChanged);
      assert.equal(outcome.issue.url, `${s.get().url}/acme/releases/issues/1`);
      const [issue] = s.get().issues();
      assert.equal(s.get().issues().length, 1);
      assert.equal(issue.title, request.title);
      assert.equal(issue.body, request.body);
      assert.deepEqual(issue.labels, ['change-request', 'env:production', 'risk:medium', 'type:normal']);
      const colours = Object.fromEntries(
        s
          .get()
          .labels()
          .map((l) => [l.name, l.color]),
      );
      assert.deepEqual(colours, {
        'change-request': '5319e7',
        'env:production': 'b60205',
        'risk:medium': 'fbca04',
        'type:normal': 'bfd4f2',
      });
    });

    it("updates the ticket's issue on a second submission, replacing stale labels and keeping the board's", async () => {
      await submit();
      const issue = s.get().issues()[0];
      issue.labels.push('cab:approved');
      s.get().seedLabel('acme/releases', 'cab:approved', '0e8a16');
      const changed = fixtureRequest('full', 'acme/releases#1');
      const outcome = await submit({
        ...changed,
        labels: changed.labels.map((l) => (l === 'risk:medium' ? 'risk:high' : l)),
        body: changed.body.replace('Synthetic checkout succeeds', 'Synthetic checkout v2 succeeds'),
      });
      assert.equal(outcome.action, 'updated');
      assert.equal(outcome.ticketChanged, false);
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 1, 'created once, by the first submission');
      assert.ok(s.get().requestsFor('issues/update').length >= 1);
      assert.match(issue.body!, /Synthetic checkout v2 succeeds/);
      assert.deepEqual([...issue.labels].sort(), [
        'cab:approved',
        'change-request',
        'env:production',
        'risk:high',
        'type:normal',
      ]);
    });

    it('a material change withdraws the approval: the label goes, a comment says what changed; a wording change does not', async () => {
      const first = fixtureRequest('full', '');
      const fingerprint = bodyFingerprint(first.body)!;
      assert.ok(fingerprint, 'the rendered body carries the material fingerprint');
      await submit(first);
      s.get().labelAs('acme/releases', 1, 'cab:approved', 'alice');
      const again = fixtureRequest('full', 'acme/releases#1');
      await submit({
        ...again,
        body: again.body.replace('Synthetic checkout succeeds', 'Synthetic checkout v2 succeeds'),
      });
      assert.ok(
        s.get().issues()[0].labels.includes('cab:approved'),
        'wording outside the material fields keeps the approval',
      );
      assert.equal(s.get().comments.comments('acme/releases', 1).length, 0);
      const moved = again.body.replace(
        fingerprintLine(fingerprint),
        fingerprintLine({ ...fingerprint, window: '0123456789ab', risk: 'ba9876543210' }),
      );
      const outcome = await submit({ ...again, body: moved });
      assert.ok(!s.get().issues()[0].labels.includes('cab:approved'), 'the approval label was removed');
      const [comment] = s.get().comments.comments('acme/releases', 1);
      assert.equal(
        comment.body,
        '**Approval withdrawn**: the window and the risk changed in this submission. Approvals given before it no longer count; the change advisory board must approve the change again.',
      );
      assert.match(
        outcome.warnings.join('\n'),
        /Approval withdrawn: the window and the risk changed since acme\/releases#1 was approved/,
      );
      const events = s
        .get()
        .events.events('acme/releases', 1)
        .map((e) => `${e.kind} ${e.label} by ${e.actor}`);
      assert.deepEqual(events.slice(-2), ['labeled cab:approved by alice', 'unlabeled cab:approved by release-bot']);
      assert.deepEqual(
        s.get().requests.filter((r) => r.problems.length),
        [],
      );
    });

    it('finds an open issue by its marker when the runbook has no ticket, and updates it', async () => {
      await submit();
      const outcome = await submit(fixtureRequest('full', ''));
      assert.equal(outcome.action, 'found');
      assert.equal(outcome.ticket, 'acme/releases#1');
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 1);
    });

    it('finds the marker on a later page of a long list', async () => {
      await submit();
      for (let i = 0; i < 150; i++)
        s.get().seedIssue('acme/releases', {
          title: `other ${i}`,
          body: `x\n\n${markerFor(`other-${i}`)}`,
          labels: ['change-request'],
        });
      const outcome = await submit(fixtureRequest('full', ''));
      assert.equal(outcome.action, 'found');
      assert.equal(outcome.ticket, 'acme/releases#1');
      const lists = s.get().requestsFor('issues/list-for-repo');
      assert.ok(
        lists.some((r) => r.query.page === '2'),
        'followed the Link header to page 2',
      );
      assert.equal(s.get().requestsFor('issues/create').length, 1);
    });

    it('never takes over an unlabelled issue that ends with the marker: anyone can open one, only collaborators label', async () => {
      const request = fixtureRequest('minimal', '');
      s.get().seedIssue('acme/releases', {
        title: 'planted by an outsider',
        body: request.body,
        labels: [],
        author: 'outsider',
      });
      const outcome = await submit(request);
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#2');
      assert.equal(s.get().issues()[0].body, request.body, 'the planted issue is left alone');
    });

    it('never takes over a labelled issue that carries the marker anywhere but its last line', async () => {
      const request = fixtureRequest('minimal', '');
      const marker = request.body.split('\n').pop()!;
      // What a multi-line `run:` carrying the marker used to produce: the marker inside, another runbook's at the end.
      s.get().seedIssue('acme/releases', {
        title: 'attacker',
        body: `x\n\n\`\`\`\n${marker}\n\`\`\`\n\n${markerFor('attacker')}`,
        labels: ['change-request', 'cab:approved'],
      });
      const outcome = await submit(request);
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#2');
    });

    it('does not reuse a closed issue: it files a new one', async () => {
      const request = fixtureRequest('minimal', '');
      s.get().seedIssue('acme/releases', {
        title: 'old',
        body: request.body,
        labels: ['change-request'],
        state: 'closed',
      });
      const outcome = await submit(request);
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#2');
    });

    it('files without labels, and says so, when the token may not create labels', async () => {
      const outcome = await submit(fixtureRequest('full', ''), READ_TOKEN);
      assert.equal(outcome.action, 'created');
      assert.deepEqual(s.get().issues()[0].labels, []);
      assert.equal(s.get().labels().length, 0);
      assert.ok(
        outcome.warnings.some((w) => /may not create labels in acme\/releases \(403\).*filed without labels/.test(w)),
        outcome.warnings.join('\n'),
      );
    });

    it('never takes over an issue linked to another runbook: a ticket naming it is refused, nothing changed', async () => {
      const other = fixtureRequest('full', '');
      await submit({
        ...other,
        body: other.body.replace(/<!-- runbook:[a-z0-9-]+ -->\s*$/, markerFor('someone-elses-runbook')),
      });
      const before = { ...s.get().issues()[0], labels: [...s.get().issues()[0].labels] };
      const error = await rejects(submit(fixtureRequest('full', 'acme/releases#1')));
      assert.match(error.message, /acme\/releases#1, which is the change request of runbook "someone-elses-runbook"/);
      assert.equal(s.get().issues()[0].body, before.body);
      assert.deepEqual(s.get().issues()[0].labels, before.labels);
      assert.equal(s.get().requestsFor('issues/update').length, 0);
    });

    it('refuses a ticket that is not owner/repo#number, sending nothing', async () => {
      const error = await rejects(submit(fixtureRequest('full', 'JIRA-42')));
      assert.match(error.message, /change.ticket "JIRA-42" is not of the form owner\/repo#number/);
      assert.equal(s.get().requests.length, 0);
    });
  });

  describe('faults', () => {
    it('retries a 500 when listing and still files one issue', async () => {
      s.get().inject({ operationId: 'issues/list-for-repo', times: 2, fault: { kind: 'status', status: 500 } });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.equal(s.get().issues().length, 1);
      assert.equal(
        s
          .get()
          .requestsFor('issues/list-for-repo')
          .filter((r) => r.status === 500).length,
        2,
      );
    });

    it('files with labels when the labels cannot be listed (5xx): GitHub creates missing ones itself', async () => {
      s.get().inject({ operationId: 'issues/list-labels-for-repo', times: 10, fault: { kind: 'status', status: 500 } });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.deepEqual(s.get().issues()[0].labels, ['change-request', 'env:production', 'risk:medium', 'type:normal']);
      assert.equal(s.get().requestsFor('issues/create-label').length, 0);
    });

    it('after a 502 on create, checks for the marker and creates once', async () => {
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'status', status: 502 } });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 2);
    });

    it('gives up after repeated 503s with a message that says what to do, and files nothing', async () => {
      s.get().inject({ operationId: 'issues/create', times: 10, fault: { kind: 'status', status: 503 } });
      const error = await rejects(submit());
      assert.equal(error.failure?.kind, 'server');
      assert.match(error.message, /GitHub failed with 503 \(Service Unavailable\).*Try again later/);
      assert.match(error.message, /next submission finds it by its marker/);
      assert.equal(s.get().issues().length, 0);
    });

    it('waits out a secondary rate limit and files one issue', async () => {
      s.get().inject({
        operationId: 'issues/create',
        fault: { kind: 'rate-limit', secondary: true, retryAfterSeconds: 1 },
      });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.equal(s.get().issues().length, 1);
      assert.equal(
        s
          .get()
          .requestsFor('issues/create')
          .filter((r) => r.status === 403).length,
        1,
      );
    });

    it('reports a primary rate limit with its reset time, filing nothing', async () => {
      s.get().inject({
        operationId: 'issues/list-labels-for-repo',
        fault: { kind: 'rate-limit', resetInSeconds: 1800 },
      });
      const error = await rejects(submit());
      assert.equal(error.failure?.kind, 'rate-limit');
      assert.match(
        error.message,
        /rate limit for this token is used up \(403\)\. It resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 30 minutes\)\. Try again after that\./,
      );
      assert.equal(s.get().issues().length, 0);
    });

    it('retries a request that timed out', async () => {
      s.get().inject({ operationId: 'issues/list-for-repo', fault: { kind: 'hang' } });
      const outcome = await submitChangeRequest(clientFor(s.get(), WRITE_TOKEN, { timeoutMs: 300 }), {
        repository: REPO,
        request: fixtureRequest('full', ''),
      });
      assert.equal(outcome.action, 'created');
      assert.equal(s.get().issues().length, 1);
    });

    it('a create that timed out after GitHub stored it yields one issue, found by its marker', async () => {
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'hang', afterHandling: true } });
      const outcome = await submitChangeRequest(clientFor(s.get(), WRITE_TOKEN, { timeoutMs: 300 }), {
        repository: REPO,
        request: fixtureRequest('full', ''),
      });
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#1');
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 1, 'the create was not sent again');
      assert.ok(outcome.warnings.some((w) => /answer .* was lost; the issue was found by its marker/.test(w)));
    });

    it('a connection dropped after the issue was stored yields one issue, found by its marker', async () => {
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.equal(outcome.ticket, 'acme/releases#1');
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 1);
    });

    it('a connection dropped before the issue was stored is retried once, yielding one issue', async () => {
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'drop' } });
      const outcome = await submit();
      assert.equal(outcome.action, 'created');
      assert.equal(s.get().issues().length, 1);
      assert.equal(s.get().requestsFor('issues/create').length, 2);
    });

    it('when the check after a dropped create fails too, says the issue may exist; the next run finds it', async () => {
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
      s.get().onHandled = (r) => {
        if (r.operationId === 'issues/create')
          s.get().inject({ operationId: 'issues/list-for-repo', times: 100, fault: { kind: 'status', status: 500 } });
      };
      const error = await rejects(submit());
      assert.match(
        error.message,
        /may have stored the issue anyway, and checking failed too; submit again: the issue is found by its marker, never filed twice/,
      );
      assert.equal(s.get().issues().length, 1);
      s.get().onHandled = undefined;
      s.get().clearFaults();
      const outcome = await submit();
      assert.equal(outcome.action, 'found');
      assert.equal(outcome.ticket, 'acme/releases#1');
      assert.equal(s.get().issues().length, 1);
    });
  });

  describe('errors a user can act on', () => {
    it('401: says the token was not accepted, never showing it', async () => {
      const token = 'ghp_notARealToken1234567890abcdefghijklmn';
      const error = await rejects(submit(fixtureRequest('full', ''), token));
      assert.equal(error.failure?.kind, 'auth');
      assert.match(error.message, /GitHub did not accept the token \(401 Bad credentials\)\. Set GITHUB_TOKEN/);
      assert.ok(!error.message.includes(token));
      assert.equal(s.get().issues().length, 0);
    });

    it('404: names the repository and where to fix it', async () => {
      const error = await rejects(
        submitChangeRequest(clientFor(s.get()), {
          repository: { owner: 'acme', repo: 'nope' },
          request: fixtureRequest('full', ''),
        }),
      );
      assert.equal(error.failure?.kind, 'not-found');
      assert.match(
        error.message,
        /Repository acme\/nope was not found, or the token has no access to it \(404\)\. Check the name \(--repo or GITHUB_REPOSITORY\)/,
      );
    });

    it('404 on the ticket: says to remove change.ticket, and files nothing new', async () => {
      const error = await rejects(submit(fixtureRequest('full', 'acme/releases#99')));
      assert.match(error.message, /Issue acme\/releases#99 \(change.ticket\) was not found.*remove change.ticket/);
      assert.equal(s.get().requestsFor('issues/create').length, 0);
    });

    it('410: says issues are disabled', async () => {
      s.get().setHasIssues('acme/releases', false);
      const error = await rejects(submit());
      assert.equal(error.failure?.kind, 'gone');
      assert.match(error.message, /Issues are disabled in acme\/releases \(410\)\. Enable Issues/);
    });

    it("422: passes on GitHub's own validation message", async () => {
      const request = fixtureRequest('full', '');
      const error = await rejects(
        submit({ ...request, body: `${'x'.repeat(70_000)}\n${markerFor('payments-api-2-14')}` }),
      );
      assert.equal(error.failure?.kind, 'validation');
      assert.match(
        error.message,
        /GitHub refused to create the change request issue \(422 Validation Failed\): body is too long \(maximum is 65536 characters\)\./,
      );
    });

    it('network failure: says GitHub could not be reached and which URL was tried', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const ctx = createGitHubClient({
        token: WRITE_TOKEN,
        apiUrl: `http://127.0.0.1:${port}`,
        retryBaseMs: 1,
        spaceWrites: false,
        timeoutMs: 1000,
      });
      const error = await rejects(submitChangeRequest(ctx, { repository: REPO, request: fixtureRequest('full', '') }));
      assert.equal(error.failure?.kind, 'network');
      assert.match(
        error.message,
        new RegExp(
          `Could not reach GitHub at http://127.0.0.1:${port} .*ECONNREFUSED.*Check the network or proxy, and the API URL \\(--api-url\\)`,
        ),
      );
    });
  });
});
