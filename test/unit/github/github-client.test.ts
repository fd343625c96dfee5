// The token only over HTTPS, plain HTTP to this machine alone: every client goes through here.
import { strict as assert } from 'node:assert';
import { checkApiUrl, createGitHubClient } from '../../../server/github/github-client';

describe('GitHub API URL', () => {
  for (const url of [
    'https://api.github.com',
    'https://ghe.example.invalid/api/v3',
    'http://127.0.0.1:8080',
    'http://127.1.2.3',
    'http://localhost:3000/api/v3',
    'http://[::1]:9000',
  ]) {
    it(`accepts ${url}`, () => assert.equal(checkApiUrl(url), undefined));
  }
  for (const url of [
    'http://api.github.com',
    'http://10.0.0.1',
    'http://[::2]',
    'http://localhost.example.invalid',
    'http://128.0.0.1',
  ]) {
    it(`refuses plain http to ${url}`, () => {
      assert.match(checkApiUrl(url) ?? '', /would send the token unencrypted/);
      assert.throws(() => createGitHubClient({ token: 'ghp_x', apiUrl: url }), /would send the token unencrypted/);
    });
  }
});
