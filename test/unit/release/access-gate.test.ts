// The go/no-go gate "Release access granted for the window": the access the runbook asks for is
// filed, approved (the approval label, read as for the change request) and holds the window.
import { strict as assert } from 'node:assert';
import { lintFile } from '../../../server/core/run-rules';
import { ChangeStatusInput, evaluateGates, GateEvaluation, GateInputs } from '../../../server/core/release/gates';
import { berlin, fixtureText, PAYMENTS, runbookIn, uriOf, workspace } from './release-fixture';

const ACCESS = `
access:
  - id: alice-prod
    who: "@alice"
    environment: production
    level: kubectl exec
    from: 2026-12-02T21:30
    until: 2026-12-03T01:00
    ticket: acme/ops#41
`;
const status = (cab: ChangeStatusInput['cab'], extra: Partial<ChangeStatusInput> = {}): ChangeStatusInput => ({
  ticket: 'acme/ops#41',
  state: 'open',
  cab,
  cabLabel: cab === 'approved' ? 'cab:approved' : cab === 'rejected' ? 'cab:rejected' : null,
  ...extra,
});

function accessGate(access: string, extra: Partial<GateInputs> = {}): GateEvaluation {
  const index = workspace({ [PAYMENTS]: fixtureText(PAYMENTS).replace(/\nsteps:/, `${access}\nsteps:`) });
  const runbook = runbookIn(index);
  const inputs: GateInputs = {
    index,
    runbook,
    diagnostics: lintFile(index, uriOf(PAYMENTS)),
    now: berlin('2026-12-02T21:30'),
    ...extra,
  };
  return evaluateGates(inputs).find((g) => g.id === 'access')!;
}

describe('Go/no-go gate: release access granted for the window', () => {
  it('passes when the runbook asks for no access', () => {
    const gate = accessGate('');
    assert.equal(gate.state, 'pass');
    assert.equal(gate.evidence, 'The runbook asks for no access');
  });

  it('passes when every access request is approved and holds the window', () => {
    const gate = accessGate(ACCESS, { access: [status('approved')] });
    assert.equal(gate.title, 'Release access granted for the window');
    assert.equal(gate.state, 'pass');
    assert.equal(gate.evidence, 'All 1 access request granted for the window');
    assert.deepEqual(gate.details, ['alice-prod (@alice on production): granted, acme/ops#41 carries cab:approved']);
  });

  it('fails until the request is filed, while its status is unknown, pending, refused or withdrawn', () => {
    assert.match(
      accessGate(ACCESS.replace('    ticket: acme/ops#41\n', '')).evidence,
      /alice-prod \(@alice on production\): not filed yet \(no ticket\)/,
    );
    assert.match(
      accessGate(ACCESS, { changeUnknownReason: 'no GitHub token' }).evidence,
      /the status of acme\/ops#41 is not known \(no GitHub token\)/,
    );
    assert.match(accessGate(ACCESS, { access: [status('pending')] }).evidence, /acme\/ops#41 is not approved yet/);
    assert.match(accessGate(ACCESS, { access: [status('rejected')] }).evidence, /acme\/ops#41 was refused/);
    assert.match(
      accessGate(ACCESS, { access: [status('approved', { state: 'closed', stateReason: 'not_planned' })] }).evidence,
      /acme\/ops#41 was withdrawn/,
    );
    for (const cab of ['pending', 'rejected'] as const)
      assert.equal(accessGate(ACCESS, { access: [status(cab)] }).state, 'fail');
  });

  it('fails when approved access to the environment ends before the window does', () => {
    const gate = accessGate(ACCESS.replace('until: 2026-12-03T01:00', 'until: 2026-12-02T23:00'), {
      access: [status('approved')],
    });
    assert.equal(gate.state, 'fail');
    assert.match(
      gate.evidence,
      /granted 2026-12-02 21:30 Europe\/Berlin to 2026-12-02 23:00 Europe\/Berlin, which does not hold the window/,
    );
  });
});
