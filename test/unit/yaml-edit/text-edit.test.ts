// The YAML edit toolkit's one edit type and one line-ending rule: new lines take the file's own
// line ending, whichever feature writes them (ticket write-back, release records, quick fixes).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { withTicketAndSubmitted } from '../../../server/core/change-request/set-submitted';
import { setTicketEdit } from '../../../server/core/change-request/set-ticket';
import { quickFixes } from '../../../server/core/editor/code-actions';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { setIn } from '../../../server/core/yaml-edit/set-in';
import {
  applyEdit,
  insertLinesAfter,
  insertLinesAfterLine,
  lineEnding,
  minimalRangeEdit,
} from '../../../server/core/yaml-edit/text-edit';
import { applyEdits } from '../../helpers/lsp-client';

const RB016 = path.join(__dirname, '../../fixtures/rules/rb016-rb017-fire/a.runbook.yaml');

/** Whether every line end in the text is CR LF. */
function allCrlf(text: string): boolean {
  return !/(^|[^\r])\n/.test(text);
}

describe('YAML edit toolkit: text edits', () => {
  it('takes CR LF for new lines when the file has one, else LF', () => {
    assert.equal(lineEnding('a: 1\r\nb: 2\r\n'), '\r\n');
    assert.equal(lineEnding('a: 1\nb: 2\n'), '\n');
    assert.equal(lineEnding('a: 1'), '\n');
  });

  it('inserts whole lines after the line an offset stands on, comments included', () => {
    const text = 'a: 1 # one\nb: 2';
    // Offset inside line 0: the lines go after its comment.
    assert.equal(applyEdit(text, insertLinesAfter(text, 2, ['x: 0'])), 'a: 1 # one\nx: 0\nb: 2');
    // At the start of a line: before it.
    assert.equal(applyEdit(text, insertLinesAfter(text, 11, ['x: 0'])), 'a: 1 # one\nx: 0\nb: 2');
    // On the last line without a final newline: after it, with one.
    assert.equal(applyEdit(text, insertLinesAfter(text, 13, ['x: 0'])), 'a: 1 # one\nb: 2\nx: 0');
    const crlf = 'a: 1\r\nb: 2\r\n';
    assert.equal(applyEdit(crlf, insertLinesAfter(crlf, 1, ['x: 0', 'y: 1'])), 'a: 1\r\nx: 0\r\ny: 1\r\nb: 2\r\n');
  });

  it('gives the editor the same insertion as a range edit', () => {
    const crlf = 'a: 1\r\nb: 2\r\n';
    const edit = insertLinesAfterLine(crlf, 0, ['x: 0']);
    assert.deepEqual(edit, {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: 'x: 0\r\n',
    });
    assert.equal(applyEdits('a: 1', [insertLinesAfterLine('a: 1', 0, ['x: 0'])]), 'a: 1\nx: 0');
    const changed = minimalRangeEdit(crlf, 'a: 1\r\nb: 3\r\n');
    assert.deepEqual(changed, {
      range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } },
      newText: '3',
    });
  });

  it('keeps a CR LF file CR LF in ticket write-back, release records and quick fixes alike', () => {
    const text = readFileSync(RB016, 'utf8').replace(/\n/g, '\r\n');
    const ticket = withTicketAndSubmitted(
      text,
      (t) => setTicketEdit(t, 'acme/releases#7'),
      '2026-12-01T10:00:00+01:00',
    );
    assert.ok(ticket.ok && ticket.changed);
    assert.ok(allCrlf(ticket.text), 'ticket and submitted lines end in CR LF');
    assert.match(
      ticket.text,
      /\r\nchange:\r\n {2}ticket: acme\/releases#7\r\n {2}submitted: 2026-12-01T10:00:00\+01:00/,
    );

    const record = setIn(text, ['release', 'decision'], { decision: 'go', by: '@alice' });
    assert.ok(record.ok);
    assert.ok(allCrlf(record.text), 'release record lines end in CR LF');

    const uri = 'file:///w/a.runbook.yaml';
    const index = new WorkspaceIndex();
    index.set(uri, text);
    const diagnostics = lintFile(index, uri).filter((d) => d.code === 'RB016');
    assert.equal(diagnostics.length, 1, 'the fixture lacks a verification');
    const fixes = quickFixes(index, uri, diagnostics);
    assert.ok(fixes.length > 0, 'a quick fix for RB016');
    for (const fix of fixes) {
      const fixed = applyEdits(text, fix.edit.changes[uri]);
      assert.notEqual(fixed, text);
      assert.ok(allCrlf(fixed), `${fix.title}: inserted lines end in CR LF`);
    }
  });
});
