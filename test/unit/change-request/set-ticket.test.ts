// Writing change.ticket back keeps every other byte: comments, quoting, indentation, line ends.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { withTicketAndSubmitted } from '../../../server/core/change-request/set-submitted';
import { setTicketEdit } from '../../../server/core/change-request/set-ticket';
import { applyEdit, OffsetEdit, rangeEdit } from '../../../server/core/yaml-edit/text-edit';

/** The text with the ticket written, as the submit flows write it (no change.submitted here). */
function withTicket(text: string, ticket = TICKET) {
  return withTicketAndSubmitted(text, (t) => setTicketEdit(t, ticket));
}

const FIXTURES = path.join(__dirname, '../../fixtures/change-request/set-ticket');
const TICKET = 'acme/releases#12';

function ticketOf(text: string): unknown {
  return parseDocument(text).getIn(['change', 'ticket']);
}

/** Offsets of an LSP position, to check that the edit's range and offsets agree. */
function offsetOf(text: string, position: { line: number; character: number }): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

function expectEdit(text: string): OffsetEdit {
  const result = setTicketEdit(text, TICKET);
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.ok(result.edit, 'an edit');
  const { range } = rangeEdit(text, result.edit);
  assert.equal(offsetOf(text, range.start), result.edit.start);
  assert.equal(offsetOf(text, range.end), result.edit.end);
  return result.edit;
}

const CASES: [string, string][] = [
  ['comments', 'inserts into the change map at its indentation, after a nested list, keeping every comment'],
  ['four-space-indent', 'follows a 4-space indentation and ends a block scalar cleanly'],
  ['flow-map', 'adds the ticket inside a flow map'],
  ['flow-map-spaced', 'adds the ticket inside a spaced flow map with a trailing comma'],
  ['no-change-block', 'adds a change block after the window'],
  ['no-window-no-newline', 'adds a change block at the end of a file without a final newline'],
  ['empty-change', 'fills an empty change key, keeping its comment'],
  ['existing-ticket-quoted', 'replaces an existing ticket in its own quotes, keeping the comment'],
  ['empty-ticket-value', 'fills an empty ticket value'],
];

describe('setTicketEdit', () => {
  for (const [name, what] of CASES) {
    it(`${what} (${name}.yaml)`, () => {
      const input = readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8');
      const output = applyEdit(input, expectEdit(input));
      const expectedFile = path.join(FIXTURES, `${name}.expected.yaml`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, output);
      assert.ok(existsSync(expectedFile), `missing ${name}.expected.yaml; run with UPDATE_GOLDEN=1 and review it`);
      assert.equal(output, readFileSync(expectedFile, 'utf8'));
      assert.equal(ticketOf(output), TICKET);
      assert.equal(parseDocument(output).errors.length, 0);
      // Written once, it is not written again.
      const again = setTicketEdit(output, TICKET);
      assert.ok(again.ok && again.edit === null);
    });
  }

  it('only inserts: every line of the original is still there, in order', () => {
    const input = readFileSync(path.join(FIXTURES, 'comments.yaml'), 'utf8');
    const output = applyEdit(input, expectEdit(input));
    const added = output.split('\n').filter((line) => !input.split('\n').includes(line));
    assert.deepEqual(added, ['  ticket: acme/releases#12']);
  });

  it('keeps CRLF line ends', () => {
    const input = 'runbook: a\r\nchange:\r\n  type: normal\r\nsteps:\r\n  - id: x\r\n';
    const result = withTicket(input);
    assert.ok(result.ok);
    assert.equal(
      result.text,
      'runbook: a\r\nchange:\r\n  type: normal\r\n  ticket: acme/releases#12\r\nsteps:\r\n  - id: x\r\n',
    );
  });

  it('replaces a different ticket and leaves an equal one alone', () => {
    const changed = withTicket('change:\n  ticket: acme/old#1\n');
    assert.ok(changed.ok && changed.changed);
    assert.equal(changed.ok && changed.text, 'change:\n  ticket: acme/releases#12\n');
    const same = withTicket('change:\n  ticket: acme/releases#12\n');
    assert.ok(same.ok && !same.changed);
  });

  it('refuses, with a reason, when change is not a map or the YAML is broken', () => {
    const scalar = setTicketEdit('runbook: a\nchange: yes\n', TICKET);
    assert.ok(!scalar.ok);
    assert.match(scalar.ok ? '' : scalar.error, /"change" on line 2 is not a map/);
    const broken = setTicketEdit('runbook: a\nchange: [\n', TICKET);
    assert.ok(!broken.ok);
    assert.match(broken.ok ? '' : broken.error, /YAML error.*add "ticket: acme\/releases#12"/);
  });

  it('quotes a ticket that plain YAML would misread', () => {
    const result = withTicket('change:\n  type: normal\n', 'acme/releases #3: odd');
    assert.ok(result.ok);
    assert.equal(ticketOf(result.ok ? result.text : ''), 'acme/releases #3: odd');
  });
});
