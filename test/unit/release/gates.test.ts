// The go/no-go gates: each one passing with its evidence, and each one failing for the reasons a
// coordinator meets on release day.
import { strict as assert } from 'node:assert';
import { lintFile } from '../../../server/core/run-rules';
import {
  approvalVerdict,
  ApprovalVerdict,
  IssueComment,
  LabelEvent,
} from '../../../server/core/change-request/approval-verdict';
import {
  canGo,
  ChangeStatusInput,
  evaluateGates,
  GateEvaluation,
  GateInputs,
  gatesForRecord,
} from '../../../server/core/release/gates';
import type { GateId } from '../../../server/core/release/release-record';
import { berlin, fixtureText, PAYMENTS, record, runbookIn, uriOf, workspace } from './release-fixture';

const APPROVED: ChangeStatusInput = {
  ticket: 'acme/releases#1',
  state: 'open',
  cab: 'approved',
  cabLabel: 'cab:approved',
};
const READY = record(
  fixtureText(PAYMENTS),
  [{ kind: 'confirm-precondition', id: 'ci-green' }, '@alice', '2026-12-02T21:10'],
  [{ kind: 'confirm-precondition', id: 'staging-soak' }, '@bob', '2026-12-02T21:12'],
  [{ kind: 'acknowledge-notified' }, '@alice', '2026-12-02T21:15'],
);

function gates(
  text = READY,
  extra: Partial<GateInputs> = {},
  files: Record<string, string> = {},
): Map<GateId, GateEvaluation> {
  const index = workspace({ [PAYMENTS]: text, ...files });
  const runbook = runbookIn(index);
  const inputs: GateInputs = {
    index,
    runbook,
    diagnostics: lintFile(index, uriOf(PAYMENTS)),
    change: APPROVED,
    now: berlin('2026-12-02T21:30'),
    ...extra,
  };
  return new Map(evaluateGates(inputs).map((g) => [g.id, g]));
}

function failing(result: Map<GateId, GateEvaluation>): GateId[] {
  return [...result.values()].filter((g) => g.state === 'fail').map((g) => g.id);
}

describe('Go/no-go gates', () => {
  it('all pass for a ready release, each with its evidence', () => {
    const result = gates();
    assert.deepEqual(failing(result), []);
    assert.deepEqual(
      [...result.values()].map((g) => `${g.title}: ${g.evidence}`),
      [
        'No errors in the runbook: No errors in the runbook',
        'Every precondition confirmed: All 2 confirmed',
        'Rollback plan documented: Trigger: Error rate above 2% for 5 minutes, or any failed verification; 2 steps with a rollback step; irreversible: purge-cache',
        'Change advisory board approved: acme/releases#1 carries cab:approved',
        'Window outside every freeze: No freeze covers production from 2026-12-02 22:00 Europe/Berlin to 2026-12-03 00:00 Europe/Berlin',
        'Every dependency finished successfully: All 1 finished successfully: orders-db-migration',
        'Owner and on-call named: Owner @alice, on-call @bob',
        'Downstream notified: @alice confirmed at 2026-12-02 21:15 that #payments-releases, @finance-ops were told',
        'Window now or upcoming and still valid: The window 2026-12-02 22:00 Europe/Berlin to 2026-12-03 00:00 Europe/Berlin opens in 30m',
        'No clash with the same service (RB014): No other change to the same service and environment overlaps the window',
        'Release access granted for the window: The runbook asks for no access',
      ],
    );
    assert.deepEqual(result.get('preconditions')!.details, [
      'ci-green: confirmed by @alice at 2026-12-02 21:10',
      'staging-soak: confirmed by @bob at 2026-12-02 21:12',
    ]);
  });

  it('no-errors fails on a lint error and names it', () => {
    const result = gates(READY.replace('    rollback: rollback-canary\n', '    rollback: rollback-canery\n'));
    assert.equal(result.get('no-errors')!.state, 'fail');
    assert.match(result.get('no-errors')!.evidence, /^1 error in the runbook: line \d+: RB006 /);
  });

  it('preconditions fail until confirmed in the panel or ticked on the change request', () => {
    const fresh = fixtureText(PAYMENTS);
    assert.equal(gates(fresh).get('preconditions')!.evidence, '2 of 2 not confirmed: ci-green, staging-soak');
    const ticked = gates(fresh, {
      issueTasks: new Map([
        ['ci-green', true],
        ['staging-soak', false],
      ]),
    }).get('preconditions')!;
    assert.equal(ticked.evidence, '1 of 2 not confirmed: staging-soak');
    assert.deepEqual(ticked.details, [
      'ci-green: ticked on acme/releases#1',
      'staging-soak: not confirmed: 2.14.0 has run 48 hours in staging without new alerts',
    ]);
  });

  it('rollback-plan fails without a trigger, or with a step nothing undoes', () => {
    assert.match(
      gates(READY.replace(/  trigger: .*\n/, '')).get('rollback-plan')!.evidence,
      /^rollback.trigger is missing/,
    );
    const unprotected = READY.replace('    irreversible: true   # the cache refills on its own\n', '');
    assert.equal(
      gates(unprotected).get('rollback-plan')!.evidence,
      'purge-cache has no rollback step and is not marked irreversible',
    );
  });

  it("cab-approval follows the board's label, the ticket and the change type", () => {
    assert.equal(
      gates(READY, { change: { ...APPROVED, cab: 'pending', cabLabel: null } }).get('cab-approval')!.evidence,
      'The board has not decided on acme/releases#1 (no approval label)',
    );
    assert.equal(
      gates(READY, { change: { ...APPROVED, cab: 'rejected', cabLabel: 'cab:rejected' } }).get('cab-approval')!
        .evidence,
      'The board rejected acme/releases#1 (cab:rejected)',
    );
    assert.equal(
      gates(READY, { change: undefined, changeUnknownReason: 'not signed in to GitHub' }).get('cab-approval')!.evidence,
      'The status of acme/releases#1 is not known (not signed in to GitHub): refresh the change status',
    );
    assert.match(
      gates(READY.replace('  ticket: acme/releases#1\n', ''), { change: undefined }).get('cab-approval')!.evidence,
      /^No change request filed yet/,
    );
    const standard = gates(READY.replace('  type: normal\n', '  type: standard\n'), { change: undefined }).get(
      'cab-approval',
    )!;
    assert.deepEqual(
      [standard.state, standard.evidence],
      ['pass', 'Standard change: pre-approved, no board decision needed'],
    );
  });

  it("cab-approval follows the board's verdict when the calendar configures a board", () => {
    const verdictOf = (events: LabelEvent[], comments: IssueComment[] = []) =>
      approvalVerdict({
        board: { users: ['alice'], teams: [], required: {} },
        needed: 1,
        approvalLabel: 'cab:approved',
        events,
        comments,
        isTeamMember: () => false,
      });
    const label = (actor: string, at: string): LabelEvent => ({ kind: 'labeled', label: 'cab:approved', actor, at });
    const judged = (verdict: ApprovalVerdict) => {
      const gate = gates(READY, { change: { ...APPROVED, verdict } }).get('cab-approval')!;
      return [gate.state, gate.evidence];
    };
    // The label is on the issue, but the one who set it is not an approver.
    assert.deepEqual(judged(verdictOf([label('mallory', '2026-12-01T09:00:00Z')])), [
      'fail',
      'acme/releases#1: cab:approved set by @mallory, who is not an approver',
    ]);
    // Times in the runbook's zone (Europe/Berlin).
    assert.deepEqual(judged(verdictOf([label('alice', '2026-12-01T09:00:00Z')])), [
      'pass',
      'acme/releases#1: Approved by @alice (2026-12-01 10:00)',
    ]);
    const withdrawn = {
      author: 'release-bot',
      body: '**Approval withdrawn**: the window changed in this submission.',
      at: '2026-12-01T10:00:00Z',
    };
    assert.deepEqual(judged(verdictOf([label('alice', '2026-12-01T09:00:00Z')], [withdrawn])), [
      'fail',
      'acme/releases#1: Re-approval needed: window changed since approval',
    ]);
  });

  it('no-freeze fails when the window overlaps a freeze of its environment', () => {
    const frozen = READY.replace('start: 2026-12-02T22:00', 'start: 2026-12-22T22:00').replace(
      'end: 2026-12-03T00:00',
      'end: 2026-12-23T00:00',
    );
    const gate = gates(frozen).get('no-freeze')!;
    assert.equal(gate.state, 'fail');
    assert.equal(
      gate.evidence,
      'The window overlaps year-end (Year-end code freeze, 2026-12-21 00:00 Europe/Berlin to 2027-01-04 00:00 Europe/Berlin)',
    );
    const staging = gates(frozen.replace('environment: production', 'environment: staging')).get('no-freeze')!;
    assert.equal(staging.state, 'pass');
  });

  it('dependencies fail until each has finished with success', () => {
    const dependency = fixtureText('orders-db-migration.runbook.yaml');
    assert.equal(
      gates(
        READY,
        {},
        { 'orders-db-migration.runbook.yaml': dependency.replace('result: success', 'result: rolled-back') },
      ).get('dependencies')!.evidence,
      'Not finished successfully: orders-db-migration: ended rolled-back',
    );
    assert.equal(
      gates(READY, {}, { 'orders-db-migration.runbook.yaml': dependency.replace(/outcome:[\s\S]*$/, '') }).get(
        'dependencies',
      )!.evidence,
      'Not finished successfully: orders-db-migration: not finished (no outcome recorded)',
    );
    assert.equal(
      gates(READY.replace('  - orders-db-migration\n', '  - ledger-cutover\n')).get('dependencies')!.evidence,
      'Not finished successfully: ledger-cutover: not in the workspace',
    );
  });

  it('owner-on-call fails when either is missing', () => {
    assert.equal(gates(READY.replace('on-call: "@bob"\n', '')).get('owner-on-call')!.evidence, 'No on-call named');
    assert.equal(
      gates(READY.replace('owner: "@alice"\n', '').replace('on-call: "@bob"\n', '')).get('owner-on-call')!.evidence,
      'No owner and on-call named',
    );
  });

  it('notified fails until acknowledged, and again when notify grows', () => {
    assert.equal(
      gates(fixtureText(PAYMENTS)).get('notified')!.evidence,
      'Not acknowledged yet: #payments-releases, @finance-ops',
    );
    const grown = READY.replace(
      'notify: ["#payments-releases", "@finance-ops"]',
      'notify: ["#payments-releases", "@finance-ops", "#support"]',
    );
    assert.equal(
      gates(grown).get('notified')!.evidence,
      'Not acknowledged: #support (added to notify after @alice confirmed the others)',
    );
    assert.equal(
      gates(READY.replace(/notify: .*\n/, '')).get('notified')!.evidence,
      'Nobody to notify (notify is empty)',
    );
  });

  it('notified passes on a scheduled announcement sent (release.announcements), not on one still sending or failed', () => {
    const base = fixtureText(PAYMENTS);
    assert.ok(!/^release:/m.test(base));
    const announced = (entries: string) => `${base.trimEnd()}\nrelease:\n  announcements:\n${entries}`;
    const sent = announced(
      '    - { moment: scheduled, channel: payments-slack, at: "2026-12-02T20:00:00+01:00", result: sent }\n' +
        '    - { moment: scheduled, channel: support-mail, at: "2026-12-02T20:01:00+01:00", result: failed, error: "550" }\n',
    );
    const gate = gates(sent).get('notified')!;
    assert.equal(gate.state, 'pass');
    assert.equal(gate.evidence, 'Announced as scheduled to payments-slack at 2026-12-02 20:00 (release.announcements)');
    const pending = announced(
      '    - { moment: scheduled, channel: payments-slack, at: "2026-12-02T20:00:00+01:00", result: sending }\n',
    );
    assert.equal(gates(pending).get('notified')!.state, 'fail');
    const otherMoment = announced(
      '    - { moment: started, channel: payments-slack, at: "2026-12-02T22:00:00+01:00", result: sent }\n',
    );
    assert.equal(
      gates(otherMoment).get('notified')!.evidence,
      'Not acknowledged yet: #payments-releases, @finance-ops',
    );
  });

  it('window fails once the window is over, and while it is not valid (outside the maintenance window of a maintenance-only environment)', () => {
    assert.equal(
      gates(READY, { now: berlin('2026-12-02T23:00') }).get('window')!.evidence,
      'The window 2026-12-02 22:00 Europe/Berlin to 2026-12-03 00:00 Europe/Berlin is open now, 1h00m left',
    );
    const over = gates(READY, { now: berlin('2026-12-03T01:00') }).get('window')!;
    assert.equal(over.state, 'fail');
    assert.match(over.evidence, /is over \(closed 1h00m ago\): move it, or record a NO-GO with a proposed window$/);
    const infra = gates(READY.replace('environment: production', 'environment: infrastructure')).get('window')!;
    assert.equal(infra.state, 'fail');
    assert.match(
      infra.evidence,
      /is not valid: RB019 Environment "infrastructure" takes changes only inside a maintenance window/,
    );
  });

  it('no-clash fails while another change to the same service overlaps the window, until waived', () => {
    const other = fixtureText(PAYMENTS)
      .replace('runbook: payments-api-2-14', 'runbook: payments-api-hotfix')
      .replace('start: 2026-12-02T22:00', 'start: 2026-12-02T23:00')
      .replace(/^depends-on:\n(  - .*\n)+/m, '');
    const result = gates(READY, {}, { 'payments-api-hotfix.runbook.yaml': other });
    const clash = result.get('no-clash')!;
    assert.equal(clash.state, 'fail');
    assert.match(
      clash.evidence,
      /^A clash with the same service: .*payments-api-hotfix.*; move the window or waive this gate$/,
    );
    assert.equal(canGo([...result.values()], []), false);
    assert.equal(canGo([...result.values()], ['no-clash']), true);
  });

  it('GO needs every gate to pass or be waived; the record keeps waived gates as waived', () => {
    const result = [...gates(READY, { change: { ...APPROVED, cab: 'pending' } }).values()];
    assert.equal(canGo(result, []), false);
    assert.equal(canGo(result, ['cab-approval']), true);
    const recorded = gatesForRecord(result, ['cab-approval', 'notified']);
    assert.equal(recorded['cab-approval'].state, 'waived');
    assert.equal(recorded.notified.state, 'pass', 'a passing gate is never recorded as waived');
  });
});
