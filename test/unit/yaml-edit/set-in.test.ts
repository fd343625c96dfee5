// The record is written into the user's file: every edit must leave the rest of the text byte for
// byte as it was, follow the file's indentation, and read back as intended.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { appendIn, EditResult, scalarText, setIn } from '../../../server/core/yaml-edit/set-in';
import { applyEdit, minimalEdit } from '../../../server/core/yaml-edit/text-edit';

const FIXTURES = path.join(__dirname, '../../fixtures/release');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

function ok(result: EditResult): string {
  if (!result.ok) assert.fail(result.error);
  return result.text;
}

describe('YAML edits of the release record', () => {
  it('adds a release block at the end, leaving every byte before it alone', () => {
    const before = fixture('payments-api-2-14.runbook.yaml');
    const after = ok(
      appendIn(before, ['release', 'steps'], {
        id: 'canary',
        status: 'started',
        by: '@alice',
        started: '2026-12-02T22:03:00+01:00',
      }),
    );
    const edit = minimalEdit(before, after)!;
    assert.equal(edit.start, edit.end, 'nothing of the original text is replaced');
    assert.equal(
      edit.newText,
      [
        'release:',
        '  steps:',
        '    - id: canary',
        '      status: started',
        '      by: "@alice"',
        '      started: 2026-12-02T22:03:00+01:00',
        '',
      ].join('\n'),
    );
    // After the last runbook key, before the file's closing comment.
    assert.ok(after.endsWith('started: 2026-12-02T22:03:00+01:00\n# end of the runbook\n'));
  });

  it('updates the latest entry of an id in place, keeping its comments', () => {
    let text =
      'runbook: x\nrelease:\n  steps:\n    - id: a\n      status: failed   # first try\n    - id: a\n      status: started  # second try\n';
    text = ok(setIn(text, ['release', 'steps', { key: 'id', equals: 'a' }, 'status'], 'done'));
    text = ok(setIn(text, ['release', 'steps', { key: 'id', equals: 'a' }, 'note'], 'went fine'));
    assert.equal(
      text,
      'runbook: x\nrelease:\n  steps:\n    - id: a\n      status: failed   # first try\n    - id: a\n      status: done  # second try\n      note: went fine\n',
    );
  });

  it('follows four-space maps and zero-indented lists', () => {
    const before = fixture('four-spaces.runbook.yaml');
    const after = ok(appendIn(before, ['release', 'steps'], { id: 'reindex', status: 'started', by: '@erin' }));
    assert.ok(after.startsWith(before));
    assert.equal(
      after.slice(before.length),
      ['    steps:', '    -   id: reindex', '        status: started', '        by: "@erin"', ''].join('\n'),
    );
    const more = ok(
      appendIn(after, ['release', 'decisions'], {
        decision: 'no-go',
        reason: 'Index too slow',
        gates: { 'no-errors': { state: 'pass' } },
      }),
    );
    assert.match(
      more,
      /        reason: All green\n    -   decision: no-go\n        reason: Index too slow\n        gates:\n            no-errors:\n                state: pass\n    steps:/,
    );
  });

  it('keeps CRLF line ends and a missing final newline', () => {
    const before = 'runbook: x\r\nsteps:\r\n  - id: a';
    const after = ok(setIn(before, ['release', 'status-comment'], 42));
    assert.equal(after, 'runbook: x\r\nsteps:\r\n  - id: a\r\nrelease:\r\n  status-comment: 42');
  });

  it('fills an empty key and keeps the comment on its line', () => {
    const after = ok(
      appendIn('runbook: x\nrelease:   # the record\nsteps: []\n', ['release', 'steps'], { id: 'a', status: 'done' }),
    );
    assert.equal(after, 'runbook: x\nrelease:   # the record\n  steps:\n    - id: a\n      status: done\nsteps: []\n');
  });

  it('rewrites a flow map it has to write into as a block', () => {
    const after = ok(
      appendIn('runbook: x\nrelease: {status-comment: 7}\n', ['release', 'steps'], { id: 'a', status: 'started' }),
    );
    assert.deepEqual(parse(after), {
      runbook: 'x',
      release: { 'status-comment': 7, steps: [{ id: 'a', status: 'started' }] },
    });
  });

  it('replaces a map value (a new acknowledgement) without touching its neighbours', () => {
    const before = 'release:\n  notified:\n    by: "@a"\n    channels:\n      - "#x"\n  steps: []   # none yet\n';
    const after = ok(setIn(before, ['release', 'notified'], { by: '@b', channels: ['#x', '@y'] }));
    assert.equal(
      after,
      'release:\n  notified:\n    by: "@b"\n    channels:\n      - "#x"\n      - "@y"\n  steps: []   # none yet\n',
    );
  });

  it('refuses to write into a file with a YAML error, saying where', () => {
    const result = setIn('runbook: x\nsteps: [\n', ['release', 'status-comment'], 1);
    assert.equal(result.ok, false);
    assert.match((result as { error: string }).error, /YAML error on line \d+/);
  });

  it('refuses to add to something that is not a list', () => {
    const result = appendIn('runbook: x\nrelease:\n  steps: none\n', ['release', 'steps'], { id: 'a' });
    assert.equal(result.ok, false);
    assert.match((result as { error: string }).error, /"steps" on line 3 is not a list/);
  });

  it('refuses to update an entry that is not there', () => {
    const result = setIn(
      'release:\n  steps:\n    - id: a\n',
      ['release', 'steps', { key: 'id', equals: 'b' }, 'status'],
      'done',
    );
    assert.equal(result.ok, false);
  });

  it('writes any text so that it reads back the same', () => {
    const samples = [
      '@alice',
      '#payments',
      'plain words',
      '2.14.0',
      '0042',
      'true',
      'null',
      '1e3',
      'a: b',
      'x #y',
      '- item',
      'line one\nline two',
      ' padded ',
      'quote " and \\ back',
      'ünïcödé ✅',
      '',
      '*alias',
      '{not: a map}',
      'ends with colon:',
    ];
    let text = 'runbook: x\n';
    for (const [i, sample] of samples.entries())
      text = ok(appendIn(text, ['release', 'verification'], { id: `c${i}`, result: 'pass', note: sample }));
    const notes = (parse(text).release.verification as { note: string }[]).map((v) => v.note);
    assert.deepEqual(notes, samples);
    for (const sample of samples)
      assert.equal(scalarText(sample).includes('\n'), false, `${JSON.stringify(sample)} stays on one line`);
  });

  it('gives the one edit between two texts', () => {
    const before = 'a\nb\nc\n';
    const after = 'a\nb\nB\nc\n';
    const edit = minimalEdit(before, after)!;
    assert.deepEqual(edit, { start: 4, end: 4, newText: 'B\n' });
    assert.equal(applyEdit(before, edit), after);
    assert.equal(minimalEdit(before, before), null);
  });
});
