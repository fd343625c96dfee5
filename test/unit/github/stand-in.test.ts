// The stand-in itself: it must fail loudly on requests GitHub would read differently, and answer
// with GitHub's status codes and error bodies. Otherwise the submit tests would prove little.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { GitHubStandIn, startGitHubStandIn } from '../../github-stand-in/stand-in';
import { WRITE_TOKEN } from './stand-in-fixture';

describe('GitHub stand-in', () => {
  let standIn: GitHubStandIn;
  before(async function () {
    this.timeout(30_000);
    standIn = await startGitHubStandIn();
  });
  beforeEach(() => standIn.reset());
  after(() => standIn.close());

  const call = (method: string, route: string, body?: unknown, token: string | null = WRITE_TOKEN) =>
    fetch(`${standIn.url}${route}`, {
      method,
      headers: {
        ...(token ? { authorization: `token ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('records and refuses a query parameter GitHub does not know', async () => {
    const res = await call('GET', '/repos/acme/releases/issues?state=open&label=change-request');
    assert.equal(res.status, 422);
    assert.deepEqual(standIn.problems(), [
      'GET /repos/acme/releases/issues: /query must NOT have additional properties {"additionalProperty":"label"}',
    ]);
  });

  it('records and refuses a parameter value outside the description', async () => {
    const res = await call('GET', '/repos/acme/releases/issues?state=opened');
    assert.equal(res.status, 422);
    assert.match(standIn.problems()[0], /\/query\/state must be equal to one of the allowed values/);
  });

  it('records and refuses a body without a required field or with an unknown one', async () => {
    assert.equal((await call('POST', '/repos/acme/releases/issues', { body: 'no title' })).status, 422);
    assert.equal((await call('POST', '/repos/acme/releases/issues', { title: 't', label: ['x'] })).status, 422);
    const problems = standIn.problems();
    assert.match(problems[0], /must have required property 'title'/);
    assert.match(problems[1], /unknown body field "label"/);
    assert.equal(standIn.issues().length, 0);
  });

  it('records a route GitHub does not have', async () => {
    const res = await call('POST', '/repos/acme/releases/issue', { title: 't' });
    assert.equal(res.status, 404);
    assert.match(standIn.problems()[0], /no operation POST \/repos\/acme\/releases\/issue/);
  });

  it("answers a bad token with 401 Bad credentials in GitHub's error shape", async () => {
    const res = await call('GET', '/repos/acme/releases/labels', undefined, 'ghp_wrong');
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), ['documentation_url', 'message', 'status']);
    assert.equal(body.message, 'Bad credentials');
  });

  it("answers GitHub's validation errors for an issue body over 65536 characters", async () => {
    const res = await call('POST', '/repos/acme/releases/issues', { title: 't', body: 'x'.repeat(65537) });
    assert.equal(res.status, 422);
    const body = await res.json();
    assert.equal(body.message, 'Validation Failed');
    assert.deepEqual(body.errors, [
      { resource: 'Issue', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' },
    ]);
    assert.deepEqual(standIn.problems(), [], "valid by the description; refused by GitHub's own rules");
  });

  it('pages lists with an absolute Link header', async () => {
    for (let i = 0; i < 3; i++) standIn.seedIssue('acme/releases', { title: `i${i}` });
    const res = await call('GET', '/repos/acme/releases/issues?per_page=2');
    assert.equal((await res.json()).length, 2);
    assert.match(
      res.headers.get('link') ?? '',
      new RegExp(`<${standIn.url}/repos/acme/releases/issues\\?per_page=2&page=2>; rel="next"`),
    );
  });

  it('drops the connection after storing the issue when told to', async () => {
    standIn.inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
    await assert.rejects(call('POST', '/repos/acme/releases/issues', { title: 't' }));
    assert.equal(standIn.issues().length, 1);
    assert.equal(standIn.requests[0].outcome, 'dropped');
  });

  it('runs as a process and prints its URL', async function () {
    this.timeout(90_000); // compiles with tsx and loads the description in a new process
    const root = path.join(__dirname, '../../..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/github-stand-in/main.ts', '--port', '0', '--repo', 'acme/ops'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
      });
      const res = await fetch(`${url}/repos/acme/ops/labels`, { headers: { authorization: `token ${WRITE_TOKEN}` } });
      assert.equal(res.status, 200);
      const state = await (await fetch(`${url}/_stand-in/state`)).json();
      assert.equal(state.requests.length, 1);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
