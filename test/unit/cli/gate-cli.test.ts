// `runbook gate` in-process over the gate fixture workspace (test/fixtures/gate) and the GitHub
// stand-in: the decision table (each check failing alone, several at once), DST and zone edges of
// --at, an emergency in a freeze, a maintenance-only environment, the exit codes, the json and
// github formats, and GitHub faults, which answer 2 and never 0.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../server/cli/io';
import { runGateWith } from '../../../server/cli/gate';
import { main } from '../../../server/cli/main';
import { FAST, READ_TOKEN, useStandIn, WRITE_TOKEN } from '../github/stand-in-fixture';

const FIXTURE = path.join(__dirname, '../../fixtures/gate');
const PAYMENTS = 'payments-api-2-14.runbook.yaml';
const AT = '2026-12-02T22:30'; // Berlin: inside the payments window

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface JsonAnswer {
  allowed: boolean;
  runbook: string | null;
  environment: string;
  service: string;
  at: string;
  checks: { id: string; ok: boolean; skipped: boolean; message: string }[];
}

describe('runbook gate', () => {
  const s = useStandIn();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'runbook-gate-'));
    cpSync(FIXTURE, dir, { recursive: true });
    approve();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** acme/releases#1, the payments change request, with the board's approval label. */
  function approve(
    labels = ['change-request', 'cab:approved'],
    extra: { state?: 'open' | 'closed'; stateReason?: string | null } = {},
  ) {
    s.get().reset();
    for (const label of ['change-request', 'cab:approved', 'cab:rejected']) s.get().seedLabel('acme/releases', label);
    s.get().seedIssue('acme/releases', { title: '[change] Payments API 2.14.0', labels, ...extra });
  }

  const edit = (file: string, from: string | RegExp, to: string) => {
    const full = path.join(dir, file);
    const before = readFileSync(full, 'utf8');
    const after = before.replace(from, to);
    assert.notEqual(after, before, `the edit of ${file} changed nothing`);
    writeFileSync(full, after);
  };

  async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { GITHUB_TOKEN: READ_TOKEN, ...env },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runGateWith(args, io, FAST);
    return { code, stdout, stderr };
  }

  const gate = (
    extra: string[] = [],
    env: Record<string, string | undefined> = {},
    service = 'payments-api',
    environment = 'production',
  ) => run(['--environment', environment, '--service', service, '--api-url', s.get().url, '--at', AT, ...extra], env);

  async function json(
    extra: string[] = [],
    env: Record<string, string | undefined> = {},
    service?: string,
    environment?: string,
  ): Promise<{ code: number; answer: JsonAnswer; failing: string[]; stderr: string }> {
    const r = await gate([...extra, '--format', 'json'], env, service, environment);
    const answer = JSON.parse(r.stdout) as JsonAnswer;
    return { code: r.code, answer, failing: answer.checks.filter((c) => !c.ok).map((c) => c.id), stderr: r.stderr };
  }

  const check = (answer: JsonAnswer, id: string) => answer.checks.find((c) => c.id === id)!;

  describe('the decision table', () => {
    it('allows a deployment when every check passes, with the JSON shape of the issue', async () => {
      const { code, answer } = await json();
      assert.equal(code, 0);
      assert.deepEqual(Object.keys(answer), ['allowed', 'runbook', 'environment', 'service', 'at', 'checks']);
      assert.equal(answer.allowed, true);
      assert.equal(answer.runbook, 'payments-api-2-14');
      assert.equal(answer.environment, 'production');
      assert.equal(answer.service, 'payments-api');
      assert.equal(answer.at, '2026-12-02T21:30:00.000Z');
      assert.deepEqual(
        answer.checks.map((c) => c.id),
        ['window', 'lint', 'freeze', 'approval', 'go', 'dependencies', 'access'],
      );
      assert.equal(check(answer, 'access').message, 'The runbook asks for no access');
      assert.ok(answer.checks.every((c) => c.ok && !c.skipped && Object.keys(c).join() === 'id,ok,skipped,message'));
      assert.equal(
        check(answer, 'approval').message,
        'acme/releases#1 is approved (the approval label; no approval board is configured, so who added it is not checked)',
      );
      assert.deepEqual(
        s.get().requests.map((r) => r.operationId),
        ['issues/get'],
      );
    });

    it('window alone: no window contains the instant; the nearest runbook and its window are named', async () => {
      const { code, answer, failing } = await json(['--at', '2026-12-03T00:00']);
      assert.equal(code, 1);
      assert.equal(answer.runbook, null);
      assert.deepEqual(failing, ['window', 'lint', 'approval', 'go', 'dependencies', 'access']);
      assert.deepEqual(
        answer.checks.filter((c) => c.skipped).map((c) => c.id),
        ['lint', 'approval', 'go', 'dependencies', 'access'],
      );
      assert.match(
        check(answer, 'window').message,
        /nearest: payments-api-2-14, window 2026-12-02 22:00 Europe\/Berlin to 2026-12-03 00:00 Europe\/Berlin \(has ended\)/,
      );
      assert.equal(s.get().requests.length, 0, 'nothing to ask GitHub about');
    });

    it('window: a service with no runbook at all is blocked', async () => {
      const { code, answer } = await json([], {}, 'search-indexer');
      assert.equal(code, 1);
      assert.match(
        check(answer, 'window').message,
        /No runbook for service "search-indexer" in environment "production"/,
      );
    });

    it('lint alone: an error in the runbook (with --severity as lint takes it)', async () => {
      edit(PAYMENTS, 'title: Payments API 2.14.0 to production\n', '');
      let r = await json();
      assert.equal(r.code, 1);
      assert.deepEqual(r.failing, ['lint']);
      assert.match(check(r.answer, 'lint').message, /^1 error: payments-api-2-14\.runbook\.yaml:\d+ RB003 /);
      r = await json(['--severity', 'RB003=warning']);
      assert.equal(r.code, 0, 'a lowered severity is not an error');
    });

    it('lint: an error in the calendar blocks too (a broken freeze would otherwise be dropped silently)', async () => {
      edit('acme.calendar.yaml', 'start: 2026-12-21T00:00', 'start: 2026-12-21T25:00');
      const { code, failing, answer } = await json();
      assert.equal(code, 1);
      assert.deepEqual(failing, ['lint']);
      assert.match(check(answer, 'lint').message, /acme\.calendar\.yaml:\d+ RB004/);
    });

    it('freeze alone: a freeze that covers the instant (but not the whole window) blocks', async () => {
      edit(
        'acme.calendar.yaml',
        'freezes:\n',
        'freezes:\n  - id: incident\n    title: Incident freeze\n    start: 2026-12-02T22:15\n    end: 2026-12-02T22:45\n    environments: [production]\n',
      );
      const { code, failing, answer } = await json(['--severity', 'RB009=warning']);
      assert.equal(code, 1);
      assert.deepEqual(failing, ['freeze']);
      assert.match(
        check(answer, 'freeze').message,
        /^Freeze "incident" \(Incident freeze, 2026-12-02 22:15 Europe\/Berlin to 2026-12-02 22:45 Europe\/Berlin\) covers production/,
      );
      // Outside the freeze, still inside the window:
      assert.equal(
        (await json(['--severity', 'RB009=warning', '--at', '2026-12-02T22:45'])).code,
        0,
        'the end of a freeze is not in it',
      );
    });

    it('freeze: a justified emergency change may proceed inside a freeze; an unjustified one may not', async () => {
      edit(
        PAYMENTS,
        /start: 2026-12-02T22:00\n  end: 2026-12-03T00:00/,
        'start: 2026-12-22T10:00\n  end: 2026-12-22T11:00',
      );
      edit(PAYMENTS, 'type: normal', 'type: emergency\n  justification: Card payments fail for 3% of customers');
      let r = await json(['--at', '2026-12-22T10:30']);
      assert.equal(r.code, 0, JSON.stringify(r.answer.checks));
      assert.match(check(r.answer, 'freeze').message, /^Freeze "year-end" .* allowed as a justified emergency change$/);
      edit(PAYMENTS, '  justification: Card payments fail for 3% of customers\n', '');
      r = await json(['--at', '2026-12-22T10:30', '--severity', 'RB009=warning,RB015=off']);
      assert.equal(r.code, 1);
      assert.deepEqual(r.failing, ['freeze']);
    });

    it('freeze: the monthly close freeze, from its recurrence', async () => {
      edit(
        PAYMENTS,
        /start: 2026-12-02T22:00\n  end: 2026-12-03T00:00/,
        'start: 2026-11-30T19:00\n  end: 2026-11-30T20:00',
      );
      edit(PAYMENTS, 'at: 2026-12-02T21:50:00+01:00', 'at: 2026-11-30T18:50:00+01:00');
      const { code, failing, answer } = await json(['--at', '2026-11-30T19:30', '--severity', 'RB009=off,RB012=off']);
      assert.equal(code, 1);
      assert.deepEqual(failing, ['freeze']);
      assert.match(check(answer, 'freeze').message, /"month-end-close"/);
    });

    it('approval alone: not approved, rejected, or withdrawn', async () => {
      approve(['change-request']);
      let r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval']]);
      assert.equal(check(r.answer, 'approval').message, 'acme/releases#1 is not approved yet (no approval label)');
      approve(['cab:approved', 'cab:rejected']);
      r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval']]);
      assert.match(check(r.answer, 'approval').message, /rejected/);
      approve(['cab:approved'], { state: 'closed', stateReason: 'not_planned' });
      r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval']]);
      assert.match(check(r.answer, 'approval').message, /withdrawn/);
    });

    it('approval: a label in the issue title or body is not an approval', async () => {
      approve(['change-request']);
      s.get().issues()[0].title = 'cab:approved';
      s.get().issues()[0].body = 'labels: cab:approved';
      const r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval']]);
    });

    describe('approval with a board configured in the calendar', () => {
      const BOARD =
        'approvals:\n  approvers:\n    users: ["@alice", "@bob"]\n    teams: [acme/release-board]\n  required:\n    medium: 1\n    high: 2\n';
      beforeEach(() => {
        approve(['change-request']);
        writeFileSync(
          path.join(dir, 'acme.calendar.yaml'),
          `${readFileSync(path.join(dir, 'acme.calendar.yaml'), 'utf8')}\n${BOARD}`,
        );
      });

      it('an approval label added by someone who is not an approver does not count', async () => {
        s.get().labelAs('acme/releases', 1, 'cab:approved', 'mallory');
        const r = await json();
        assert.deepEqual([r.code, r.failing], [1, ['approval']]);
        assert.equal(
          check(r.answer, 'approval').message,
          'acme/releases#1 is not approved: 0 of 1 approval; not counted: @mallory is not an approver',
        );
        assert.deepEqual(
          s.get().requests.map((q) => q.operationId),
          ['issues/get', 'issues/list-events', 'issues/list-comments', 'teams/get-membership-for-user-in-org'],
        );
        assert.deepEqual(
          s.get().requests.filter((q) => q.problems.length),
          [],
        );
      });

      it('the label from a named approver, or from a member of a board team, counts and names who approved', async () => {
        s.get().labelAs('acme/releases', 1, 'cab:approved', 'alice');
        let r = await json();
        assert.equal(r.code, 0);
        assert.match(check(r.answer, 'approval').message, /^acme\/releases#1 is approved by @alice \(last at /);
        approve(['change-request']);
        s.get().events.addTeamMembers('acme', 'release-board', ['carol']);
        s.get().labelAs('acme/releases', 1, 'cab:approved', 'carol');
        r = await json();
        assert.equal(r.code, 0);
        assert.match(check(r.answer, 'approval').message, /approved by @carol/);
      });

      it('a high-risk change needs two different approvers; /approve comments count, repeated ones once', async () => {
        edit(PAYMENTS, 'risk: medium', 'risk: high');
        s.get().labelAs('acme/releases', 1, 'cab:approved', 'alice');
        s.get().comments.seedComment('acme/releases', 1, '/approve', 'alice');
        let r = await json();
        assert.deepEqual([r.code, r.failing], [1, ['approval']]);
        assert.match(check(r.answer, 'approval').message, /1 of 2 approvals \(@alice\)/);
        s.get().comments.seedComment('acme/releases', 1, '/approve\n', 'bob');
        r = await json();
        assert.equal(r.code, 0);
        assert.match(check(r.answer, 'approval').message, /approved by @alice, @bob/);
      });

      it('approvals before a withdrawal do not count: re-approval needed', async () => {
        s.get().labelAs('acme/releases', 1, 'cab:approved', 'alice');
        s.get().comments.seedComment(
          'acme/releases',
          1,
          '**Approval withdrawn**: the window changed since it was approved.',
          'release-bot',
        );
        const r = await json();
        assert.deepEqual([r.code, r.failing], [1, ['approval']]);
        assert.match(check(r.answer, 'approval').message, /re-approval needed: approvals were withdrawn at /);
      });
    });

    it('approval: no change request filed blocks without asking GitHub', async () => {
      edit(PAYMENTS, '  ticket: acme/releases#1\n', '');
      const r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval']]);
      assert.equal(s.get().requests.length, 0);
    });

    it('go alone: no decision, or a NO-GO after the GO; decisions after --at do not count', async () => {
      edit(
        PAYMENTS,
        /release:[\s\S]*$/,
        'release:\n  decisions:\n    - decision: go\n      by: "@alice"\n      at: 2026-12-02T21:50:00+01:00\n    - decision: no-go\n      by: "@alice"\n      at: 2026-12-02T22:20:00+01:00\n      reason: Error budget spent\n',
      );
      let r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['go']]);
      assert.equal(
        check(r.answer, 'go').message,
        'NO-GO given by @alice at 2026-12-02T22:20:00+01:00 after the GO: Error budget spent',
      );
      r = await json(['--at', '2026-12-02T22:10']);
      assert.equal(r.code, 0, 'at 22:10 only the GO had been given');
      edit(PAYMENTS, /release:[\s\S]*$/, '');
      r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['go']]);
      assert.equal(check(r.answer, 'go').message, 'No GO decision recorded');
    });

    it('dependencies alone: not finished, failed, in progress, or missing', async () => {
      const migration = 'orders-db-migration.runbook.yaml';
      edit(migration, 'result: success', 'result: rolled-back');
      let r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['dependencies']]);
      assert.match(check(r.answer, 'dependencies').message, /orders-db-migration ended rolled-back/);
      edit(
        migration,
        /outcome:[\s\S]*$/,
        'release:\n  steps:\n    - id: migrate\n      status: started\n      started: 2026-12-02T19:05:00+01:00\n',
      );
      r = await json();
      assert.match(check(r.answer, 'dependencies').message, /orders-db-migration is in progress \(0 of 1 steps done\)/);
      edit(migration, 'status: started', 'status: done');
      edit(migration, 'release:\n', 'release:\n  verification:\n    - id: table\n      result: pass\n');
      r = await json();
      assert.equal(r.code, 0, 'every step done and verification passed, outcome not yet written');
      rmSync(path.join(dir, migration));
      r = await json(['--severity', 'RB006=off']);
      assert.deepEqual([r.code, r.failing], [1, ['dependencies']]);
      assert.match(check(r.answer, 'dependencies').message, /orders-db-migration is not in the workspace/);
    });

    it('several checks failing at once are all reported', async () => {
      approve(['change-request']);
      edit(PAYMENTS, /release:[\s\S]*$/, '');
      edit('orders-db-migration.runbook.yaml', 'result: success', 'result: failed');
      const r = await json();
      assert.deepEqual([r.code, r.failing], [1, ['approval', 'go', 'dependencies']]);
    });
  });

  describe('--at: zones and daylight saving time', () => {
    it('the window is half-open, whatever the offset the instant is written in', async () => {
      assert.equal((await gate(['--at', '2026-12-02T21:00:00Z'])).code, 0, 'the start (22:00 Berlin) is inside');
      assert.equal((await gate(['--at', '2026-12-02T16:59:59-06:00'])).code, 0, '23:59:59 Berlin is inside');
      assert.equal((await gate(['--at', '2026-12-02T23:00:00Z'])).code, 1, 'the end (00:00 Berlin) is outside');
      assert.equal((await gate(['--at', '2026-12-02T20:59:59Z'])).code, 1, 'a second before the start is outside');
    });

    it('on the night the clocks go back, a local time means its first occurrence; the second one is outside the window', async () => {
      const first = await json(['--at', '2026-10-25T02:15'], {}, 'network', 'infrastructure');
      assert.equal(first.code, 0, JSON.stringify(first.answer.checks));
      assert.equal(first.answer.at, '2026-10-25T00:15:00.000Z');
      const second = await json(['--at', '2026-10-25T02:15+01:00'], {}, 'network', 'infrastructure');
      assert.equal(second.code, 1);
      assert.equal(second.answer.at, '2026-10-25T01:15:00.000Z');
      assert.match(check(second.answer, 'window').message, /nearest: network-dst.*\(has ended\)/);
    });

    it('a local time the clocks skip moves forward (02:30 on 2026-03-29 is 03:30 CEST)', async () => {
      const r = await json(['--at', '2026-03-29T02:30', '--offline']);
      assert.equal(r.answer.at, '2026-03-29T01:30:00.000Z');
    });
  });

  describe('a maintenance-only environment', () => {
    it('allows a standard change inside a maintenance window without asking GitHub (and without a token)', async () => {
      const r = await json(['--at', '2026-10-25T02:05'], { GITHUB_TOKEN: undefined }, 'network', 'infrastructure');
      assert.equal(r.code, 0, JSON.stringify(r.answer.checks));
      assert.match(check(r.answer, 'freeze').message, /^Inside maintenance window "sunday-infra"/);
      assert.equal(check(r.answer, 'approval').message, 'Standard change: pre-approved');
      assert.equal(s.get().requests.length, 0);
    });

    it('blocks an instant outside every maintenance window', async () => {
      edit(
        'network-dst.runbook.yaml',
        /start: 2026-10-25T02:00\n  end: 2026-10-25T02:30/,
        'start: 2026-10-24T23:00\n  end: 2026-10-25T03:00',
      );
      const r = await json(['--at', '2026-10-25T01:00', '--severity', 'RB019=off'], {}, 'network', 'infrastructure');
      assert.deepEqual([r.code, r.failing], [1, ['freeze']]);
      assert.match(
        check(r.answer, 'freeze').message,
        /takes changes only inside a maintenance window, and none is open at the instant/,
      );
    });
  });

  describe('access: release access granted for the window (the go/no-go gate decides)', () => {
    const ACCESS = [
      'access:',
      '  - id: alice-prod',
      '    who: "@alice"',
      '    environment: production',
      '    level: kubectl exec',
      '    from: 2026-12-02T21:30',
      '    until: 2026-12-03T01:00',
      '    ticket: acme/releases#2',
      '',
      'steps:',
    ].join('\n');
    /** The payments runbook asks for access; acme/releases#2 is its request, with these labels. */
    function askAccess(labels: string[], extra: { state?: 'open' | 'closed'; stateReason?: string | null } = {}) {
      edit(PAYMENTS, /^steps:/m, ACCESS);
      const issue = s.get().seedIssue('acme/releases', { title: '[access] alice-prod', labels, ...extra });
      assert.equal(issue.number, 2);
    }

    it('passes when the request is approved and holds the window; both issues are read', async () => {
      askAccess(['access-request', 'cab:approved']);
      const { code, answer } = await json();
      assert.equal(code, 0);
      assert.deepEqual(check(answer, 'access'), {
        id: 'access',
        ok: true,
        skipped: false,
        message: 'All 1 access request granted for the window',
      });
      assert.deepEqual(
        s.get().requests.map((r) => r.operationId),
        ['issues/get', 'issues/get'],
      );
    });

    it('blocks (1) when the request is pending, refused, withdrawn, not filed, or ends inside the window', async () => {
      const blocked = async (said: RegExp) => {
        const { code, answer, failing } = await json();
        assert.equal(code, 1);
        assert.deepEqual(failing, ['access']);
        assert.match(check(answer, 'access').message, said);
      };
      askAccess(['access-request']);
      await blocked(
        /^1 of 1 access request not granted: alice-prod \(@alice on production\): acme\/releases#2 is not approved yet$/,
      );
      s.get().reset();
      approve();
      s.get().seedIssue('acme/releases', { title: '[access] alice-prod', labels: ['access-request', 'cab:rejected'] });
      await blocked(/acme\/releases#2 was refused/);
      approve();
      s.get().seedIssue('acme/releases', {
        title: '[access] alice-prod',
        labels: ['access-request', 'cab:approved'],
        state: 'closed',
        stateReason: 'not_planned',
      });
      await blocked(/acme\/releases#2 was withdrawn/);
      approve();
      s.get().seedIssue('acme/releases', { title: '[access] alice-prod', labels: ['access-request', 'cab:approved'] });
      edit(PAYMENTS, 'until: 2026-12-03T01:00', 'until: 2026-12-02T23:00');
      await blocked(
        /granted 2026-12-02 21:30 Europe\/Berlin to 2026-12-02 23:00 Europe\/Berlin, which does not hold the window/,
      );
      approve();
      edit(PAYMENTS, '    ticket: acme/releases#2\n', '');
      await blocked(/alice-prod \(@alice on production\): not filed yet \(no ticket\)/);
      assert.deepEqual(
        s.get().requests.map((r) => r.operationId),
        ['issues/get'],
        'only the change request is read when no access request is filed',
      );
    });

    it('cannot decide (2) when the issue of a request cannot be read; never allowed', async () => {
      askAccess(['access-request', 'cab:approved']);
      edit(PAYMENTS, 'ticket: acme/releases#2', 'ticket: acme/releases#99');
      const { code, answer } = await json();
      assert.equal(code, 2);
      const access = check(answer, 'access');
      assert.deepEqual([access.ok, access.skipped], [false, false]);
      assert.match(access.message, /the status of acme\/releases#99 is not known \(.*acme\/releases#99/);
      const text = await gate();
      assert.match(text.stdout, /^ {2}unknown +access +1 of 1 access request not granted/m);
    });

    it('--offline skips it and says so; without access asked, offline passes it', async () => {
      askAccess(['access-request', 'cab:approved']);
      s.get().reset();
      const { code, answer } = await json(['--offline'], { GITHUB_TOKEN: undefined });
      assert.equal(code, 0);
      assert.deepEqual(check(answer, 'access'), {
        id: 'access',
        ok: false,
        skipped: true,
        message: 'Skipped (--offline): the access requests were not checked, so their approval is not known',
      });
      assert.equal(s.get().requests.length, 0);
    });
  });

  describe('--offline', () => {
    it('skips approval and says so: never passed, not asked', async () => {
      const r = await gate(['--offline'], { GITHUB_TOKEN: undefined });
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^ {2}skipped {2}approval {6}Skipped \(--offline\): the change request was not checked/m);
      assert.doesNotMatch(r.stdout, /^ {2}ok +approval/m);
      const j = await json(['--offline']);
      assert.deepEqual(check(j.answer, 'approval'), {
        id: 'approval',
        ok: false,
        skipped: true,
        message: 'Skipped (--offline): the change request was not checked, so its approval is not known',
      });
      assert.equal(s.get().requests.length, 0);
    });
  });

  describe('exit 2: could not decide', () => {
    it('bad arguments, an unknown environment, an unreadable path', async () => {
      for (const args of [
        ['--service', 'payments-api'],
        ['--environment', 'production'],
        ['--environment', 'production', '--service', 'payments-api', '--format', 'sarif'],
        ['--environment', 'production', '--service', 'payments-api', '--at', 'tomorrow'],
        ['--environment', 'production', '--service', 'payments-api', '--timeout', '0'],
        ['--environment', 'prod', '--service', 'payments-api'],
        ['--environment', 'production', '--service', 'payments-api', 'no-such-folder'],
        ['--environment', 'production', '--service', 'payments-api', '--bogus'],
      ]) {
        const r = await run(args);
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^runbook gate: .+\n$/, args.join(' '));
      }
      assert.match(
        (await run(['--environment', 'prod', '--service', 'payments-api'])).stderr,
        /environment "prod" is not defined by the calendar \(defined: staging, production, infrastructure\)/,
      );
    });

    it('no token: says how to give one, answers 2', async () => {
      const r = await json([], { GITHUB_TOKEN: undefined });
      assert.equal(r.code, 2);
      assert.match(check(r.answer, 'approval').message, /GITHUB_TOKEN is not set/);
    });

    it('refuses to send the token over plain HTTP to another host', async () => {
      const r = await run([
        '--environment',
        'production',
        '--service',
        'payments-api',
        '--at',
        AT,
        '--api-url',
        'http://github.invalid/api/v3',
      ]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /would send the token unencrypted; use https:\/\//);
    });

    const faults: [string, Parameters<ReturnType<typeof s.get>['inject']>[0], RegExp][] = [
      [
        '401 bad credentials',
        { operationId: 'issues/get', fault: { kind: 'status', status: 401, message: 'Bad credentials' } },
        /token|credentials/i,
      ],
      [
        '500 after every retry',
        { operationId: 'issues/get', times: 10, fault: { kind: 'status', status: 500 } },
        /GitHub/,
      ],
      [
        '502 after every retry',
        { operationId: 'issues/get', times: 10, fault: { kind: 'status', status: 502 } },
        /GitHub/,
      ],
      ['a timeout', { operationId: 'issues/get', times: 10, fault: { kind: 'hang' } }, /did not answer/],
      [
        'the primary rate limit',
        { operationId: 'issues/get', fault: { kind: 'rate-limit', resetInSeconds: 1800 } },
        /rate limit/i,
      ],
      ['a dropped connection', { operationId: 'issues/get', times: 10, fault: { kind: 'drop' } }, /GitHub/],
    ];
    for (const [name, rule, said] of faults) {
      it(`GitHub fault: ${name} answers 2 (never 0), and the token is never printed`, async () => {
        s.get().inject(rule);
        const r = await gate(['--format', 'json', '--timeout', '1'], { GITHUB_TOKEN: WRITE_TOKEN });
        assert.equal(r.code, 2, r.stdout);
        const answer = JSON.parse(r.stdout) as JsonAnswer;
        assert.equal(answer.allowed, false);
        const approval = check(answer, 'approval');
        assert.deepEqual([approval.ok, approval.skipped], [false, false]);
        assert.match(approval.message, said);
        assert.ok(!r.stdout.includes(WRITE_TOKEN) && !r.stderr.includes(WRITE_TOKEN));
      });
    }

    it('a fault with another check failing is blocked (1): it would not proceed either way', async () => {
      s.get().inject({ operationId: 'issues/get', fault: { kind: 'status', status: 401 } });
      edit(PAYMENTS, /release:[\s\S]*$/, '');
      assert.equal((await gate()).code, 1);
    });
  });

  describe('output', () => {
    it('text: a headline and one line per check', async () => {
      const r = await gate();
      assert.equal(r.code, 0);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(
        lines[0],
        'runbook gate: ALLOWED: payments-api to production at 2026-12-02T21:30:00.000Z (runbook payments-api-2-14)',
      );
      assert.deepEqual(
        lines.slice(1).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')),
        ['ok window', 'ok lint', 'ok freeze', 'ok approval', 'ok go', 'ok dependencies', 'ok access'],
      );
    });

    it('github: annotations for what failed or was skipped, and a job summary appended to $GITHUB_STEP_SUMMARY', async () => {
      approve(['change-request']);
      const summary = path.join(dir, 'summary.md');
      writeFileSync(summary, '# earlier step\n');
      const r = await gate(['--format', 'github', '--offline'], { GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^::warning title=runbook gate%3A approval::approval skipped: Skipped \(--offline\)/m);
      assert.match(r.stdout, /^window: ok: payments-api-2-14: window/m);
      const md = readFileSync(summary, 'utf8');
      assert.ok(md.startsWith('# earlier step\n### runbook gate: allowed\n'), md);
      assert.match(md, /^\| approval \| ⚪ skipped \| Skipped \(--offline\)/m);
      assert.match(md, /^\| go \| ✅ ok \| GO given by @alice/m);
    });

    it('text from files is escaped in every format: no forged workflow command, table cell, or terminal escape', async () => {
      const hostile = 'Evil\\r\\n::error::forged | cell \\u001b[31m<b>x</b>';
      edit(
        PAYMENTS,
        /release:[\s\S]*$/,
        `release:\n  decisions:\n    - decision: no-go\n      by: "@mallory"\n      at: 2026-12-02T21:50:00+01:00\n      reason: "${hostile}"\n`,
      );
      const summary = path.join(dir, 'summary.md');
      const gh = await gate(['--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
      assert.equal(gh.code, 1);
      assert.ok(
        gh.stdout.split('\n').every((line) => !line.startsWith('::error::')),
        gh.stdout,
      );
      assert.match(
        gh.stdout,
        /^::error title=runbook gate%3A go::go FAILED: NO-GO given by @mallory .*: Evil%0D%0A::error::forged \| cell U\+001B\[31m<b>x<\/b>$/m,
      );
      const md = readFileSync(summary, 'utf8');
      assert.match(
        md,
        /^\| go \| ❌ failed \| NO-GO given by @mallory .*: Evil ::error::forged \\\| cell U\+001B\\\[31m\\<b\\>x\\<\/b\\> \|$/m,
      );
      const text = await gate();
      assert.ok(!text.stdout.includes('\u001b') && !text.stdout.includes('\r'), text.stdout);
      assert.match(text.stdout, /Evil ::error::forged \| cell U\+001B\[31m/);
      const j = await json();
      assert.match(
        check(j.answer, 'go').message,
        /Evil\r\n::error::forged \| cell \u001b\[31m/,
        'JSON carries the text as it is, escaped by JSON',
      );
    });

    it('is wired into the runbook command', async () => {
      let stdout = '';
      const io: CliIO = { cwd: dir, env: {}, stdout: (t) => (stdout += t), stderr: () => undefined };
      assert.equal(
        await main(['gate', '--environment', 'production', '--service', 'payments-api', '--at', AT, '--offline'], io),
        0,
      );
      assert.match(stdout, /^runbook gate: ALLOWED/);
      stdout = '';
      assert.equal(await main(['--help'], io), 0);
      assert.match(stdout, /runbook gate \[PATHS\.\.\.\] --environment ENV --service SERVICE/);
    });
  });
});
