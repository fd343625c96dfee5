import { strict as assert } from 'node:assert';
import {
  formatTicket,
  parseRepository,
  parseTicket,
  repositoryFromRemote,
  webHostOf,
} from '../../../server/github/repository';

describe('repository names, tickets and remotes', () => {
  it('reads owner/name and refuses anything else', () => {
    assert.deepEqual(parseRepository('acme/releases'), { owner: 'acme', repo: 'releases' });
    assert.deepEqual(parseRepository(' acme/re.leases_1 '), { owner: 'acme', repo: 're.leases_1' });
    for (const bad of [
      'acme',
      'acme/',
      '/releases',
      'acme/releases/x',
      '-acme/r',
      'acme/..',
      'https://github.com/acme/releases',
    ]) {
      assert.equal(parseRepository(bad), undefined, bad);
    }
  });

  it('reads tickets, with #n relative to a repository', () => {
    assert.deepEqual(parseTicket('acme/releases#123'), { owner: 'acme', repo: 'releases', number: 123 });
    assert.deepEqual(parseTicket('#7', { owner: 'acme', repo: 'ops' }), { owner: 'acme', repo: 'ops', number: 7 });
    assert.equal(parseTicket('#7'), undefined);
    for (const bad of ['JIRA-42', 'acme/releases#', 'acme/releases#0', 'acme/releases#12a', 'acme/releases 12'])
      assert.equal(parseTicket(bad), undefined, bad);
    assert.equal(formatTicket({ owner: 'acme', repo: 'releases', number: 9 }), 'acme/releases#9');
  });

  it('finds the repository in git remotes on the GitHub host only', () => {
    const host = 'github.com';
    assert.deepEqual(repositoryFromRemote('https://github.com/acme/releases.git', host), {
      owner: 'acme',
      repo: 'releases',
    });
    assert.deepEqual(repositoryFromRemote('https://github.com/acme/releases', host), {
      owner: 'acme',
      repo: 'releases',
    });
    assert.deepEqual(repositoryFromRemote('git@github.com:acme/releases.git', host), {
      owner: 'acme',
      repo: 'releases',
    });
    assert.deepEqual(repositoryFromRemote('ssh://git@github.com/acme/releases.git', host), {
      owner: 'acme',
      repo: 'releases',
    });
    assert.equal(repositoryFromRemote('git@gitlab.com:acme/releases.git', host), undefined);
    assert.deepEqual(repositoryFromRemote('ssh://git@ghe.acme.com:2222/ops/runbooks.git', 'ghe.acme.com'), {
      owner: 'ops',
      repo: 'runbooks',
    });
    assert.equal(webHostOf('https://api.github.com'), 'github.com');
    assert.equal(webHostOf('https://ghe.acme.com/api/v3'), 'ghe.acme.com');
  });
});
