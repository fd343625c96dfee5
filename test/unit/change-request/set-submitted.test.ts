// change.submitted, written once by the submit flows beside the first change.ticket.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { setSubmittedEdit, submittedInstant } from '../../../server/core/change-request/set-submitted';
import { applyEdit } from '../../../server/core/yaml-edit/text-edit';

const AT = '2026-11-20T10:15:00+01:00';

function apply(text: string): string {
  const result = setSubmittedEdit(text, AT);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return applyEdit(text, result.edit);
}

describe('change.submitted', () => {
  it('goes right after the ticket, leaving every other byte alone', () => {
    const text =
      'runbook: a # the id\nchange:\n  type: normal   # CAB\n  ticket: acme/releases#1\n  approvers: ["@cab"]\nsteps: []\n';
    assert.equal(
      apply(text),
      'runbook: a # the id\nchange:\n  type: normal   # CAB\n  ticket: acme/releases#1\n  submitted: 2026-11-20T10:15:00+01:00\n  approvers: ["@cab"]\nsteps: []\n',
    );
  });

  it('is written once: an existing value stays', () => {
    const text = 'change:\n  ticket: acme/releases#1\n  submitted: 2026-11-01T09:00:00+01:00\n';
    assert.deepEqual(setSubmittedEdit(text, AT), { ok: true, edit: null });
  });

  it('follows four-space indentation, CRLF line ends, flow maps and a missing change block', () => {
    assert.equal(
      apply('change:\r\n    ticket: a/b#1\r\nsteps: []\r\n'),
      'change:\r\n    ticket: a/b#1\r\n    submitted: 2026-11-20T10:15:00+01:00\r\nsteps: []\r\n',
    );
    assert.equal(
      apply('change: {type: normal, ticket: a/b#1}\n'),
      'change: {type: normal, ticket: a/b#1, submitted: 2026-11-20T10:15:00+01:00}\n',
    );
    const created = apply('runbook: a\nwindow:\n  start: 2026-12-01T10:00\n  duration: 1h\nsteps: []\n');
    assert.deepEqual(parse(created).change, { submitted: AT });
    // A new change block in a four-space file is indented by four, like the ticket's.
    assert.equal(
      apply('runbook: a\nwindow:\n    start: 2026-12-01T10:00\n    duration: 1h\n'),
      'runbook: a\nwindow:\n    start: 2026-12-01T10:00\n    duration: 1h\nchange:\n    submitted: 2026-11-20T10:15:00+01:00\n',
    );
    assert.equal(apply('change:\nsteps: []\n'), 'change:\n  submitted: 2026-11-20T10:15:00+01:00\nsteps: []\n');
  });

  it('refuses a file with a YAML error and says why', () => {
    const result = setSubmittedEdit('change: [unclosed\n', AT);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error : '', /YAML error/);
  });

  it("writes the instant to the second with the offset of the runbook's zone", () => {
    assert.equal(
      submittedInstant(Date.parse('2026-11-20T09:15:42.345Z'), 'Europe/Berlin'),
      '2026-11-20T10:15:42+01:00',
    );
    assert.equal(submittedInstant(Date.parse('2026-07-01T09:15:00Z'), 'America/New_York'), '2026-07-01T05:15:00-04:00');
  });
});
