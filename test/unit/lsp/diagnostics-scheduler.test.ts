import { strict as assert } from 'node:assert';
import { ALL_RULES } from '../../../server/core/rules';
import type { Rule } from '../../../server/core/rules/rule';
import { DiagnosticsScheduler } from '../../../server/lsp/diagnostics-scheduler';
import { DocumentStore } from '../../../server/lsp/document-store';
import type { LspDiagnostic } from '../../../server/lsp/lsp-convert';

function scheduler() {
  const store = new DocumentStore();
  const published: { uri: string; diagnostics: LspDiagnostic[] }[] = [];
  const faults: string[] = [];
  const versions: number[] = [];
  const s = new DiagnosticsScheduler(
    store,
    {
      publish: (uri, diagnostics) => published.push({ uri, diagnostics }),
      indexChanged: (v) => versions.push(v),
      ruleError: (rule, file) => faults.push(`${rule.code} ${file.uri}`),
      error: (m) => faults.push(m),
    },
    0,
    Promise.resolve(),
  );
  return { store, s, published, faults, versions };
}

const bad =
  'runbook: a\ntitle: A\nenvironment: staging\nwindow:\n  start: 2026-12-02T10:00\n  end: 2026-12-02T09:00\nsteps:\n  - id: x\n';

describe('diagnostics scheduler', () => {
  it('publishes once per change of result, and an empty list when the problem is fixed', async () => {
    const { store, s, published, versions } = scheduler();
    store.didOpen('file:///w/a.runbook.yaml', 'runbook', 1, bad);
    await s.run();
    assert.deepEqual(
      published.map((p) => p.diagnostics.map((d) => d.code)),
      [['RB007']],
    );
    store.didChange('file:///w/a.runbook.yaml', 2, [{ text: bad + '# a comment\n' }]);
    await s.run();
    assert.equal(published.length, 1, 'same diagnostics: nothing new published');
    store.didChange('file:///w/a.runbook.yaml', 3, [{ text: bad.replace('09:00', '11:00') }]);
    await s.run();
    assert.deepEqual(published[1].diagnostics, []);
    assert.ok(versions.length >= 2, 'runbook/indexChanged after changes');
  });

  it('logs a rule that throws, and the other rules still report', async () => {
    const broken: Rule = {
      code: 'RB999',
      severity: 'error',
      description: 'throws',
      appliesTo: 'both',
      check: () => {
        throw new Error('boom');
      },
    };
    (ALL_RULES as Rule[]).push(broken);
    try {
      const { store, s, published, faults } = scheduler();
      store.didOpen('file:///w/a.runbook.yaml', 'runbook', 1, bad);
      await s.run();
      assert.deepEqual(faults, ['RB999 file:///w/a.runbook.yaml']);
      assert.deepEqual(
        published[0].diagnostics.map((d) => d.code),
        ['RB007'],
      );
    } finally {
      (ALL_RULES as Rule[]).splice((ALL_RULES as Rule[]).indexOf(broken), 1);
    }
  });

  it('publishes an empty list for a file that is gone', async () => {
    const { store, s, published } = scheduler();
    store.setFromDisk('file:///w/a.runbook.yaml', bad);
    await s.run();
    store.deleteFromDisk('file:///w/a.runbook.yaml');
    await s.run();
    assert.deepEqual(
      published.map((p) => p.diagnostics.length),
      [1, 0],
    );
  });

  it('uses a swapped parse step for every parse', async () => {
    const { store, s } = scheduler();
    const seen: string[] = [];
    const full = store.parseStep;
    store.parseStep = (index, input) => {
      seen.push(`${input.edits ? 'edits' : 'full'}:${input.previousText === undefined ? 'new' : 'known'}`);
      full(index, input);
    };
    store.didOpen('file:///w/a.runbook.yaml', 'runbook', 1, bad);
    store.didChange('file:///w/a.runbook.yaml', 2, [
      { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } }, text: 'b' },
    ]);
    await s.run();
    assert.deepEqual(seen, ['full:new', 'edits:known']);
    assert.equal(
      store.index.get('file:///w/a.runbook.yaml')!.model.kind === 'runbook' &&
        (store.index.get('file:///w/a.runbook.yaml')!.model as { id?: { text: string } }).id?.text,
      'b',
    );
  });
});
