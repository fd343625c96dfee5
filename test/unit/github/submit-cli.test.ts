// `runbook submit` end to end, in-process, against the GitHub stand-in: what a pipeline sees on
// stdout and stderr, its exit status, the issue on "GitHub", and the runbook file afterwards.
import { strict as assert } from 'node:assert';
import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { CliIO } from '../../../server/cli/io';
import { runSubmitWith } from '../../../server/cli/submit';
import { FAST, READ_TOKEN, useStandIn, WRITE_TOKEN } from './stand-in-fixture';

const FIXTURE = path.join(__dirname, '../../fixtures/change-request/cli');
const RUNBOOK = 'payments-api-2-14.runbook.yaml';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('runbook submit', () => {
  const s = useStandIn();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-submit-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[], env: Record<string, string | undefined> = {}, cwd = dir): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd,
      env: { GITHUB_TOKEN: WRITE_TOKEN, ...env },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runSubmitWith(args, io, FAST);
    return { code, stdout, stderr };
  }
  const submit = (extra: string[] = [], env: Record<string, string | undefined> = {}, file = RUNBOOK) =>
    run([file, '--repo', 'acme/releases', '--api-url', s.get().url, ...extra], env);
  const read = (file = RUNBOOK) => readFileSync(path.join(dir, file), 'utf8');
  const ticketIn = (file = RUNBOOK) => parseDocument(read(file)).getIn(['change', 'ticket']);

  it('--dry-run prints the title, labels and body and sends nothing, even without a token', async () => {
    const before = read();
    const r = await run([RUNBOOK, '--dry-run', '--repo', 'acme/releases', '--api-url', s.get().url], {
      GITHUB_TOKEN: undefined,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^Title: \[change\] Payments API 2\.14\.0 to production — 2026-12-02 22:00 Europe\/Berlin \(production\)$/m,
    );
    assert.match(r.stdout, /^Labels: change-request, env:production, risk:medium, type:normal$/m);
    assert.match(r.stdout, /^- \[ \] \*\*ci-green\*\*: Acceptance tests pass on tag v2\.14\.0$/m);
    assert.match(r.stdout, /`orders-db-migration` \(acme\/releases#500\)/);
    assert.match(r.stdout, /<!-- runbook:payments-api-2-14 -->\n$/);
    assert.equal(s.get().requests.length, 0, 'the stand-in saw no request');
    assert.equal(read(), before);
  });

  it('escapes control characters and line breaks from the file in what it prints', async () => {
    const name = 'evil\n::error file=x::forged.runbook.yaml';
    writeFileSync(
      path.join(dir, name),
      read().replace('title: Payments API 2.14.0 to production', 'title: "\\e[31mRED\\e[0m \\x07bell"'),
    );
    const r = await run([name, '--dry-run', '--repo', 'acme/releases']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Title: \[change\] \\u001b\[31mRED\\u001b\[0m \\u0007bell — /m);
    assert.doesNotMatch(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    const missing = await run(['gone\n::error::x.runbook.yaml', '--repo', 'a/b']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /gone\\n::error::x\.runbook\.yaml: no such file/);
    assert.doesNotMatch(missing.stderr, /^::error/m);
  });

  it('files the change request, prints its URL and writes the ticket back, changing nothing else', async () => {
    const before = read();
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${s.get().url}/acme/releases/issues/1\n`);
    assert.match(r.stderr, /Filed acme\/releases#1/);
    const [issue] = s.get().issues();
    assert.equal(s.get().issues().length, 1);
    assert.equal(
      issue.title,
      '[change] Payments API 2.14.0 to production — 2026-12-02 22:00 Europe/Berlin (production)',
    );
    assert.deepEqual(issue.labels, ['change-request', 'env:production', 'risk:medium', 'type:normal']);
    assert.match(issue.body!, /^- \[ \] \*\*ci-green\*\*: Acceptance tests pass on tag v2\.14\.0$/m);
    assert.equal(issue.body!.split('\n').pop(), '<!-- runbook:payments-api-2-14 -->');
    assert.equal(ticketIn(), 'acme/releases#1');
    // The ticket, and when the change request was first filed (the start of change lead time).
    const written = read();
    const submitted = /\n  submitted: (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})\n/.exec(written);
    assert.ok(submitted, written);
    assert.ok(Math.abs(Date.parse(submitted[1]) - Date.now()) < 10 * 60_000, submitted[1]);
    assert.equal(
      written.replace(`  submitted: ${submitted[1]}\n`, ''),
      before.replace('  risk: medium\n', '  risk: medium\n  ticket: acme/releases#1\n'),
    );
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('updates the same issue on a second submission', async () => {
    assert.equal((await submit()).code, 0);
    writeFileSync(path.join(dir, RUNBOOK), read().replace('risk: medium', 'risk: high'));
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${s.get().url}/acme/releases/issues/1\n`);
    assert.match(r.stderr, /Updated acme\/releases#1/);
    assert.equal(s.get().issues().length, 1);
    assert.equal(s.get().requestsFor('issues/create').length, 1);
    assert.ok(
      s
        .get()
        .requestsFor('issues/update')
        .some((req) => (req.body as { body?: string }).body !== undefined),
      'the body was sent with PATCH',
    );
    assert.ok(s.get().issues()[0].labels.includes('risk:high'));
    assert.ok(!s.get().issues()[0].labels.includes('risk:medium'));
  });

  it('a copy of the runbook without the ticket finds the issue by its marker', async () => {
    const original = read();
    assert.equal((await submit()).code, 0);
    mkdirSync(path.join(dir, 'copy'));
    for (const f of ['acme.calendar.yaml', 'orders-db-migration.runbook.yaml'])
      cpSync(path.join(dir, f), path.join(dir, 'copy', f));
    writeFileSync(path.join(dir, 'copy', RUNBOOK), original);
    const r = await run([RUNBOOK, '--repo', 'acme/releases', '--api-url', s.get().url], {}, path.join(dir, 'copy'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Updated \(found by its marker\) acme\/releases#1/);
    assert.equal(s.get().issues().length, 1);
    assert.equal(s.get().requestsFor('issues/create').length, 1);
    assert.equal(
      parseDocument(readFileSync(path.join(dir, 'copy', RUNBOOK), 'utf8')).getIn(['change', 'ticket']),
      'acme/releases#1',
    );
  });

  it('a copy without the ticket beside the original finds the issue too (the shared id only warns)', async () => {
    const original = read();
    assert.equal((await submit()).code, 0);
    writeFileSync(path.join(dir, 'payments-copy.runbook.yaml'), original);
    const r = await submit([], {}, 'payments-copy.runbook.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning RB005 Runbook id "payments-api-2-14" is also used by/);
    assert.equal(s.get().issues().length, 1);
    assert.equal(ticketIn('payments-copy.runbook.yaml'), 'acme/releases#1');
  });

  it('a bad token exits 1 with a clear message and leaves the file untouched', async () => {
    const token = 'ghp_badToken0000000000000000000000000000';
    const before = readFileSync(path.join(dir, RUNBOOK));
    const r = await submit([], { GITHUB_TOKEN: token });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /runbook submit: GitHub did not accept the token \(401 Bad credentials\)\. Set GITHUB_TOKEN to a valid token/,
    );
    assert.equal(r.stdout, '');
    assert.ok(!r.stderr.includes(token));
    assert.ok(readFileSync(path.join(dir, RUNBOOK)).equals(before), 'same bytes');
    assert.equal(s.get().issues().length, 0);
  });

  it('a dropped connection after the issue was stored yields one issue and the ticket in the file', async () => {
    s.get().inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(s.get().issues().length, 1);
    assert.equal(ticketIn(), 'acme/releases#1');
    assert.match(r.stderr, /answer to creating acme\/releases#1 was lost; the issue was found by its marker/);
    // And the next run updates it.
    const again = await submit();
    assert.equal(again.code, 0, again.stderr);
    assert.equal(s.get().issues().length, 1);
  });

  it('a create answered after --timeout (GitHub stored it) yields one issue, found by its marker, and the ticket in the file', async () => {
    s.get().inject({ operationId: 'issues/create', fault: { kind: 'hang', afterHandling: true } });
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: WRITE_TOKEN },
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
    };
    // FAST without its timeoutMs, which would stand in for --timeout.
    const fastWithoutTimeout = Object.fromEntries(Object.entries(FAST).filter(([key]) => key !== 'timeoutMs'));
    const code = await runSubmitWith(
      [RUNBOOK, '--repo', 'acme/releases', '--api-url', s.get().url, '--timeout', '0.3'],
      io,
      fastWithoutTimeout,
    );
    const r = { code, stderr };
    assert.equal(r.code, 0, r.stderr);
    assert.equal(s.get().issues().length, 1);
    assert.equal(s.get().requestsFor('issues/create').length, 1, 'the create was not sent again');
    assert.equal(ticketIn(), 'acme/releases#1');
    assert.match(r.stderr, /answer to creating acme\/releases#1 was lost; the issue was found by its marker/);
  });

  it('when GitHub cannot be asked again after a dropped create, exits 1; the next run writes the ticket and files nothing twice', async () => {
    const before = read();
    s.get().inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
    s.get().onHandled = (req) => {
      if (req.operationId === 'issues/create')
        s.get().inject({ operationId: 'issues/list-for-repo', times: 100, fault: { kind: 'status', status: 500 } });
    };
    const r = await submit();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /GitHub may have stored the issue anyway.*submit again/);
    assert.equal(read(), before);
    s.get().onHandled = undefined;
    s.get().clearFaults();
    const next = await submit();
    assert.equal(next.code, 0, next.stderr);
    assert.equal(s.get().issues().length, 1);
    assert.equal(ticketIn(), 'acme/releases#1');
  });

  it('writes through a symlink to its target, keeping the mode (0664 stays 0664)', async () => {
    const real = path.join(dir, 'real');
    mkdirSync(real);
    renameSync(path.join(dir, RUNBOOK), path.join(real, RUNBOOK));
    symlinkSync(path.join('real', RUNBOOK), path.join(dir, RUNBOOK));
    chmodSync(path.join(real, RUNBOOK), 0o664);
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.ok(lstatSync(path.join(dir, RUNBOOK)).isSymbolicLink(), 'still a symlink');
    assert.equal(statSync(path.join(real, RUNBOOK)).mode & 0o7777, 0o664);
    assert.equal(ticketIn(), 'acme/releases#1');
    assert.deepEqual(
      readdirSync(real).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary file left behind',
    );
  });

  it('refuses a read-only (0444) runbook with a clear message before sending anything', async () => {
    const before = read();
    chmodSync(path.join(dir, RUNBOOK), 0o444);
    const r = await submit();
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /payments-api-2-14\.runbook\.yaml: the file is read-only; make it writable \(chmod u\+w\).*\(nothing was sent\)/,
    );
    assert.equal(s.get().requests.length, 0);
    assert.equal(read(), before);
    assert.equal(statSync(path.join(dir, RUNBOOK)).mode & 0o7777, 0o444);
  });

  it('writes the ticket only into the file as it was submitted: another runbook put in its place stays untouched', async () => {
    const other = read().replace('runbook: payments-api-2-14', 'runbook: other-runbook');
    s.get().onHandled = (req) => {
      if (req.operationId === 'issues/create') writeFileSync(path.join(dir, RUNBOOK), other);
    };
    const r = await submit();
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /acme\/releases#1 .* is filed, but change\.ticket could not be written into payments-api-2-14\.runbook\.yaml: the file changed since it was read/,
    );
    assert.equal(read(), other);
  });

  for (const [what, raw, contentType] of [
    [
      "a captive portal's HTML page",
      '<html><body>Sign in to the hotel Wi-Fi</body></html>',
      'text/html; charset=utf-8',
    ],
    ['{}', '{}', 'application/json; charset=utf-8'],
  ]) {
    it(`a 2xx answer to the create that is not an issue (${what}) exits 2 and writes nothing`, async () => {
      const before = read();
      s.get().inject({ operationId: 'issues/create', fault: { kind: 'answer', status: 201, raw, contentType } });
      const r = await submit();
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        /answered the request to create the change request issue with something that is not GitHub's answer/,
      );
      assert.doesNotMatch(r.stdout + r.stderr, /undefined/);
      assert.equal(r.stdout, '');
      assert.equal(read(), before);
      assert.equal(s.get().requestsFor('issues/create').length, 1, 'not filed again');
    });
  }

  it('a 2xx non-issue answer after GitHub stored the issue: found by its marker, one issue', async () => {
    s.get().inject({
      operationId: 'issues/create',
      fault: { kind: 'answer', status: 201, raw: '{}', contentType: 'application/json', afterHandling: true },
    });
    const r = await submit();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(s.get().issues().length, 1);
    assert.equal(ticketIn(), 'acme/releases#1');
  });

  it('names the issue when the ticket cannot be written back', async () => {
    s.get().onHandled = (req) => {
      // The runbook is broken by someone else while the issue is being filed.
      if (req.operationId === 'issues/create') writeFileSync(path.join(dir, RUNBOOK), 'runbook: [broken\n');
    };
    const r = await submit();
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `${s.get().url}/acme/releases/issues/1\n`);
    assert.match(
      r.stderr,
      /acme\/releases#1 \(http:\/\/127\.0\.0\.1:\d+\/acme\/releases\/issues\/1\) is filed, but change\.ticket could not be written into payments-api-2-14\.runbook\.yaml: the file changed since it was read.*the next submission finds the issue by its marker/,
    );
    assert.equal(read(), 'runbook: [broken\n');
  });

  it('refuses an invalid runbook with its errors, exit 2, sending nothing', async () => {
    writeFileSync(path.join(dir, RUNBOOK), read().replace('    rollback: rollback-release\n', ''));
    const r = await submit();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /payments-api-2-14\.runbook\.yaml:\d+:\d+ error RB010 /);
    assert.match(r.stderr, /has an error; fix it before submitting \(nothing was sent\)/);
    assert.equal(s.get().requests.length, 0);
  });

  it('takes the repository from GITHUB_REPOSITORY and serves GitHub Enterprise Server under /api/v3', async () => {
    const r = await run([RUNBOOK, '--api-url', `${s.get().url}/api/v3/`], { GITHUB_REPOSITORY: 'acme/releases' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(s.get().issues().length, 1);
    assert.ok(s.get().requests.every((req) => req.path.startsWith('/repos/acme/releases/')));
  });

  it('files without labels and says so when the token may not create them', async () => {
    const r = await submit([], { GITHUB_TOKEN: READ_TOKEN });
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: The token may not create labels in acme\/releases \(403\), so the issue was filed without labels/,
    );
    assert.deepEqual(s.get().issues()[0].labels, []);
  });

  describe('bad arguments exit 2 with a message', () => {
    const cases: [string, string[], Record<string, string | undefined>, RegExp][] = [
      ['no FILE', ['--repo', 'acme/releases'], {}, /FILE is missing/],
      ['two files', ['a.runbook.yaml', 'b.runbook.yaml'], {}, /one runbook at a time/],
      ['an unknown option', [RUNBOOK, '--force'], {}, /unknown option "--force"/],
      ['a bad repository', [RUNBOOK, '--repo', 'acme'], {}, /"acme" is not a repository; use OWNER\/NAME/],
      ['a bad API URL', [RUNBOOK, '--repo', 'a/b', '--api-url', 'not a url'], {}, /"not a url" is not a URL/],
      [
        'plain http to another host (--api-url)',
        [RUNBOOK, '--repo', 'a/b', '--api-url', 'http://github.example.invalid/api/v3'],
        {},
        /"http:\/\/github\.example\.invalid\/api\/v3" would send the token unencrypted; use https:\/\//,
      ],
      [
        'plain http to another host (GITHUB_API_URL)',
        [RUNBOOK, '--repo', 'a/b'],
        { GITHUB_API_URL: 'http://10.0.0.1:8080' },
        /"http:\/\/10\.0\.0\.1:8080" would send the token unencrypted/,
      ],
      [
        'no repository',
        [RUNBOOK],
        { GITHUB_REPOSITORY: undefined },
        /no repository for the change request; pass --repo OWNER\/NAME or set GITHUB_REPOSITORY/,
      ],
      ['no token', [RUNBOOK, '--repo', 'acme/releases'], { GITHUB_TOKEN: undefined }, /GITHUB_TOKEN is not set/],
      ['a calendar instead of a runbook', ['acme.calendar.yaml', '--repo', 'a/b'], {}, /not a runbook file/],
      ['a missing file', ['gone.runbook.yaml', '--repo', 'a/b'], {}, /gone\.runbook\.yaml: no such file or folder/],
    ];
    for (const [what, args, env, message] of cases) {
      it(what, async () => {
        const r = await run(args, env);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.equal(s.get().requests.length, 0);
      });
    }
  });
});
