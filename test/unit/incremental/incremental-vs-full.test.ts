// Incremental re-parsing must give the file a full parse gives: the same YAML tree and offsets,
// line starts, model and diagnostics, after every edit of long seeded sequences of the edits
// people make (typing, deleting, breaking and mending the syntax, copying and removing steps).
import * as assert from 'node:assert/strict';
import { calendarText, generateLargeRunbook, generateWorkspace, seededRandom } from '../../../bench/generate-workspace';
import { reparseFile, setIncrementally } from '../../../server/core/incremental/update-file';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { diagnosticsSnapshot, fileSnapshot } from './file-snapshot';
import { applyEdit, randomEdit, TextEdit } from './random-edits';

const RUNBOOK = 'file:///ws/release.runbook.yaml';
const CALENDAR = 'file:///ws/acme.calendar.yaml';

function workspaces(text: string): { incremental: WorkspaceIndex; full: WorkspaceIndex } {
  const incremental = new WorkspaceIndex();
  const full = new WorkspaceIndex();
  for (const index of [incremental, full]) {
    index.set(CALENDAR, calendarText());
    index.set(RUNBOOK, text);
  }
  return { incremental, full };
}

/** Runs `count` seeded edits; after each, the incremental file must equal the full parse. Returns how many were incremental. */
function replay(start: string, seed: number, count: number): { incremental: number; total: number } {
  const random = seededRandom(seed);
  const { incremental, full } = workspaces(start);
  let text = start;
  let lastClean = text;
  let incrementalCount = 0;
  for (let i = 0; i < count; i++) {
    // Broken text is usually mended soon: go back to the last clean text now and then.
    const broken = full.get(RUNBOOK)!.source.syntaxProblems.length > 0;
    const edit: TextEdit =
      broken && random() < 0.5
        ? { kind: 'undo', start: 0, end: text.length, text: lastClean }
        : randomEdit(text, random);
    const next = applyEdit(text, edit);
    const outcome = reparseFile(incremental.get(RUNBOOK)!, next);
    incremental.put(outcome.file);
    full.set(RUNBOOK, next);
    if (outcome.incremental) incrementalCount++;
    const where = `seed ${seed}, edit ${i} (${edit.kind} at ${edit.start}, ${outcome.incremental ? 'incremental' : `full: ${outcome.reason}`})`;
    assert.deepEqual(fileSnapshot(outcome.file), fileSnapshot(full.get(RUNBOOK)!), `file differs after ${where}`);
    assert.deepEqual(
      diagnosticsSnapshot(lintFile(incremental, RUNBOOK)),
      diagnosticsSnapshot(lintFile(full, RUNBOOK)),
      `diagnostics differ after ${where}`,
    );
    text = next;
    if (full.get(RUNBOOK)!.source.syntaxProblems.length === 0) lastClean = text;
  }
  return { incremental: incrementalCount, total: count };
}

describe('incremental re-parsing', () => {
  for (const seed of [1, 2, 3]) {
    it(`matches a full parse after 250 random edits of a 40-step runbook (seed ${seed})`, () => {
      const { incremental, total } = replay(generateLargeRunbook(40, seed), seed, 250);
      // Most edits stay inside one step: the shortcut must actually be taken.
      assert.ok(incremental > total / 2, `only ${incremental} of ${total} edits were incremental`);
    });

    it(`matches a full parse after 250 random edits of an ordinary runbook (seed ${seed})`, () => {
      replay(generateWorkspace(3, seed)[2].text, seed + 100, 250);
    });
  }

  it('re-parses only the step an edit touches in a 2,000-step runbook', () => {
    const text = generateLargeRunbook(2000, 1);
    const { incremental, full } = workspaces(text);
    const at = text.indexOf('    title: Move partition 1234 ');
    const eol = text.indexOf('\n', at);
    const next = `${text.slice(0, eol)} now${text.slice(eol)}`;
    const outcome = reparseFile(incremental.get(RUNBOOK)!, next);
    assert.equal(outcome.incremental, true, outcome.reason);
    full.set(RUNBOOK, next);
    assert.deepEqual(fileSnapshot(outcome.file), fileSnapshot(full.get(RUNBOOK)!));
  });

  it('keeps re-parsing one step while that step has a syntax error, and reports it like a full parse', () => {
    const text = generateLargeRunbook(200, 1);
    const { incremental, full } = workspaces(text);
    const at = text.indexOf('    run: ./reshard.sh -p 100 ');
    // Typing a new key letter by letter: `    n`, `    no` are broken until the colon comes.
    let current = text;
    for (const typed of ['    n\n', '    no\n', '    not\n', '    note\n', '    notes:\n', '    notes: x\n']) {
      const next = current.slice(0, at) + typed + text.slice(at);
      const outcome = reparseFile(incremental.get(RUNBOOK)!, next);
      incremental.put(outcome.file);
      full.set(RUNBOOK, next);
      assert.equal(outcome.incremental, true, `${JSON.stringify(typed)}: ${outcome.reason}`);
      assert.deepEqual(
        diagnosticsSnapshot(lintFile(incremental, RUNBOOK)),
        diagnosticsSnapshot(lintFile(full, RUNBOOK)),
      );
      current = next;
    }
    const codes = lintFile(incremental, RUNBOOK).map((d) => d.code);
    assert.ok(codes.includes('RB002'), 'the finished unknown key "notes" is reported');
  });

  it('parses the whole file when an edit is not local: an anchor, a second document, a top-level key given twice', () => {
    const text = generateLargeRunbook(50, 1);
    const cases: [string, (t: string) => string][] = [
      ['an anchor', (t) => t.replace('  - id: partition-00010\n', '  - &ten\n    id: partition-00010\n')],
      ['a second document', (t) => `${t}---\nrunbook: other\n`],
      ['a top-level key given twice', (t) => t.replace('team: ledger\n', 'team: ledger\ntitle: Again\n')],
    ];
    for (const [what, change] of cases) {
      const { incremental, full } = workspaces(text);
      const next = change(text);
      const outcome = reparseFile(incremental.get(RUNBOOK)!, next);
      full.set(RUNBOOK, next);
      assert.equal(outcome.incremental, false, what);
      incremental.put(outcome.file);
      assert.deepEqual(fileSnapshot(outcome.file), fileSnapshot(full.get(RUNBOOK)!), what);
      assert.deepEqual(
        diagnosticsSnapshot(lintFile(incremental, RUNBOOK)),
        diagnosticsSnapshot(lintFile(full, RUNBOOK)),
        what,
      );
    }
  });

  it('setIncrementally stands in for index.set', () => {
    const text = generateLargeRunbook(30, 2);
    const { incremental, full } = workspaces(text);
    const next = text.replace('    timeout: 1m\n', '    timeout: soon\n');
    setIncrementally(incremental, RUNBOOK, next);
    full.set(RUNBOOK, next);
    assert.deepEqual(diagnosticsSnapshot(lintFile(incremental, RUNBOOK)), diagnosticsSnapshot(lintFile(full, RUNBOOK)));
    assert.ok(lintFile(incremental, RUNBOOK).some((d) => d.code === 'RB004' && d.message.includes('soon')));
  });
});
