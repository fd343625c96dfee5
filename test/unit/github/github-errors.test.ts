import { strict as assert } from 'node:assert';
import { describeGitHubError, redact } from '../../../server/github/github-errors';

const ctx = {
  action: 'create the change request issue',
  repository: { owner: 'acme', repo: 'releases' },
  apiUrl: 'https://api.github.com',
  surface: 'editor' as const,
};
const failure = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  status,
  message: 'x',
  response: { status, headers, data },
});

describe('describeGitHubError', () => {
  it('tells the editor user to sign in again on 401', () => {
    const f = describeGitHubError(failure(401, { message: 'Bad credentials' }), ctx);
    assert.equal(f.kind, 'auth');
    assert.match(f.message, /Sign in to GitHub again, or store a new token with "Release Runbooks: Set GitHub Token"/);
  });

  it('tells apart missing permission and rate limits on 403', () => {
    const permission = describeGitHubError(
      failure(403, { message: 'Resource not accessible by personal access token' }),
      ctx,
    );
    assert.equal(permission.kind, 'permission');
    assert.match(
      permission.message,
      /may not create the change request issue in acme\/releases \(403: Resource not accessible by personal access token\)\. It needs the "repo" scope/,
    );
    const reset = Math.floor(Date.now() / 1000) + 600;
    const limit = describeGitHubError(
      failure(
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      ),
      ctx,
    );
    assert.equal(limit.kind, 'rate-limit');
    assert.equal(limit.resetAt?.getTime(), reset * 1000);
    assert.match(limit.message, /in 10 minutes/);
    const secondary = describeGitHubError(
      failure(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '60' }),
      ctx,
    );
    assert.equal(secondary.kind, 'secondary-rate-limit');
    assert.match(secondary.message, /asked to wait 60 s/);
  });

  it('points editor users at the repository setting on 404', () => {
    assert.match(
      describeGitHubError(failure(404, { message: 'Not Found' }), ctx).message,
      /setting releaseRunbooks\.github\.repository/,
    );
  });

  it("lists GitHub's validation errors on 422", () => {
    const f = describeGitHubError(
      failure(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }],
      }),
      ctx,
    );
    assert.match(f.message, /\(422 Validation Failed\): Issue title missing field\./);
  });

  it('never lets the token through, even when a message quotes it', () => {
    const token = 'gho_16C7e42F292c6912E7710c838347Ae178B4a';
    const f = describeGitHubError(
      { message: `boom ${token}`, cause: new Error(`connect to ${token}`) },
      { ...ctx, secret: token },
    );
    assert.ok(!f.message.includes(token), f.message);
    assert.equal(redact(`a ${token} b`), 'a [REDACTED] b');
    assert.equal(redact('custom-secret-value here', 'custom-secret-value'), '[REDACTED] here');
  });
});
