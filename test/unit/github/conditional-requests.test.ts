// The change status read again with If-None-Match: GitHub's 304 (no rate limit spent) answers
// from the kept copy, a changed issue is read anew, and writes are never conditional.
import { strict as assert } from 'node:assert';
import { fetchChangeStatus } from '../../../server/github/fetch-change-status';
import { ConditionalRequestCache } from '../../../server/github/conditional-requests';
import { clientFor, useStandIn } from './stand-in-fixture';

describe('conditional requests (stand-in)', () => {
  const s = useStandIn();

  it('answers an unchanged issue from the cache after a 304, and reads a changed one anew', async () => {
    const issue = s
      .get()
      .seedIssue('acme/releases', { title: '[change] Payments API 2.14.0', labels: ['change-request'] });
    const ticket = { owner: 'acme', repo: 'releases', number: issue.number };
    const cache = new ConditionalRequestCache();
    // A new client each time, as each refresh makes one: the cache is what is shared.
    const first = await fetchChangeStatus(clientFor(s.get(), undefined, { conditional: cache }), ticket);
    const second = await fetchChangeStatus(clientFor(s.get(), undefined, { conditional: cache }), ticket);
    assert.deepEqual(
      s
        .get()
        .requestsFor('issues/get')
        .map((r) => r.status),
      [200, 304],
    );
    assert.equal(cache.notModified, 1);
    assert.deepEqual({ ...second, fetchedAt: 0 }, { ...first, fetchedAt: 0 });
    assert.equal(second.cab, 'pending');

    s.get().seedLabel('acme/releases', 'cab:approved');
    issue.labels.push('cab:approved');
    const third = await fetchChangeStatus(clientFor(s.get(), undefined, { conditional: cache }), ticket);
    assert.equal(s.get().requestsFor('issues/get').at(-1)?.status, 200);
    assert.equal(third.cab, 'approved');
  });

  it('keeps a bounded number of answers', () => {
    const cache = new ConditionalRequestCache(2);
    const kept = (etag: string) => ({ etag, response: { status: 200, url: '', headers: {}, data: null } });
    cache.set('a', kept('"a"'));
    cache.set('b', kept('"b"'));
    cache.get('a');
    cache.set('c', kept('"c"'));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined, 'the least recently used went first');
    assert.ok(cache.get('a'));
  });

  it('leaves writes alone', async () => {
    const issue = s.get().seedIssue('acme/releases', { title: 'x' });
    const cache = new ConditionalRequestCache();
    const ctx = clientFor(s.get(), undefined, { conditional: cache });
    await ctx.client.rest.issues.createComment({
      owner: 'acme',
      repo: 'releases',
      issue_number: issue.number,
      body: 'one',
    });
    await ctx.client.rest.issues.createComment({
      owner: 'acme',
      repo: 'releases',
      issue_number: issue.number,
      body: 'two',
    });
    assert.equal(s.get().comments.comments('acme/releases', issue.number).length, 2);
    assert.equal(cache.size, 0);
  });
});
