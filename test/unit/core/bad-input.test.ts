// Hostile and broken files: each gets diagnostics, never an exception, and never stops the
// other files of the workspace from being checked. Time bounds here catch hangs, with room for
// a loaded machine; how fast is measured by `npm run bench`.
const BOUND_MS = 5000;
import * as assert from 'node:assert/strict';
import { lintFile, lintWorkspace } from '../../../server/core/run-rules';
import { ALL_RULES } from '../../../server/core/rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

const GOOD =
  'runbook: good\ntitle: Good\nenvironment: staging\nwindow:\n  start: 2026-12-02T22:00\n  end: 2026-12-02T21:00\nsteps:\n  - id: a\n    title: A\n';

function lintWith(name: string, text: string) {
  const index = new WorkspaceIndex();
  index.set('file:///w/good.runbook.yaml', GOOD);
  index.set(`file:///w/${name}`, text);
  const started = performance.now();
  const results = lintWorkspace(index, {
    onRuleError: (rule, _file, error) => assert.fail(`${rule.code} threw: ${String(error)}`),
  });
  const elapsed = performance.now() - started;
  // The good file is still checked, whatever its neighbour holds.
  assert.deepEqual(
    results.get('file:///w/good.runbook.yaml')?.map((d) => d.code),
    ['RB007'],
  );
  return {
    codes: (results.get(`file:///w/${name}`) ?? []).map((d) => d.code),
    elapsed,
    diagnostics: results.get(`file:///w/${name}`) ?? [],
  };
}

function aliasBomb(): string {
  const lines = [
    'runbook: bomb',
    'title: Bomb',
    'environment: staging',
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ];
  let prev = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    prev = name;
  }
  lines.push('steps:', `  - *${prev}`);
  return `${lines.join('\n')}\n`;
}

describe('bad input', () => {
  it('an empty runbook file: says what a runbook needs', () => {
    const { codes, diagnostics } = lintWith('empty.runbook.yaml', '');
    assert.deepEqual(codes, ['RB003']);
    assert.match(diagnostics[0].message, /empty.*runbook, title, environment, window and steps/);
  });

  it('a file that is a list: one RB004 on its first line', () => {
    const { codes, diagnostics } = lintWith('list.runbook.yaml', '- a\n- b\n- c\n');
    assert.deepEqual(codes, ['RB004']);
    assert.equal(diagnostics[0].range.start.line, 0);
    assert.equal(diagnostics[0].range.end.line, 0);
  });

  it('an alias bomb: checked quickly, never expanded', () => {
    const { codes, elapsed } = lintWith('bomb.runbook.yaml', aliasBomb());
    assert.ok(codes.includes('RB002'), codes.join());
    assert.ok(elapsed < BOUND_MS, `${elapsed} ms`);
  });

  it('binary bytes: YAML errors, no exception', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const { codes, elapsed } = lintWith('binary.runbook.yaml', bytes);
    assert.ok(codes.length > 0);
    assert.ok(elapsed < BOUND_MS, `${elapsed} ms`);
  });

  it('deep nesting: bounded, reported, no stack overflow', () => {
    const depth = 5000;
    const text = `runbook: deep\ntitle: Deep\nenvironment: staging\nwindow: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const { codes, elapsed } = lintWith('deep.runbook.yaml', text);
    assert.ok(codes.includes('RB004') || codes.includes('RB001'), codes.join());
    assert.ok(elapsed < BOUND_MS, `${elapsed} ms`);
  });

  it('a window in an unknown zone: RB004 on the zone, and the window still read in the calendar zone', () => {
    const text =
      'runbook: lost\ntitle: Lost\nenvironment: staging\ntimezone: Mars/Olympus_Mons\nwindow:\n  start: 2026-12-02T22:00\n  end: 2026-12-02T21:00\nsteps:\n  - id: a\n    title: A\n';
    const { diagnostics } = lintWith('zone.runbook.yaml', text);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`),
      ['4 RB004', '7 RB007'],
    );
    assert.match(diagnostics[0].message, /Mars\/Olympus_Mons" is not a known IANA time zone/);
  });

  it('a 5 MB runbook: checked in bounded time with exact positions at its end', () => {
    const steps: string[] = [];
    let i = 0;
    let text =
      'runbook: huge\ntitle: Huge\nenvironment: staging\nwindow:\n  start: 2026-12-02T22:00\n  duration: 1d\nsteps:\n';
    while (text.length + steps.length * 120 < 5_000_000) {
      steps.push(
        `  - id: step-${i}\n    title: Step ${i} of the huge runbook\n    run: ./scripts/do.sh ${i}\n    irreversible: true\n`,
      );
      i++;
    }
    text += steps.join('') + '  - id: last\n    title: Last\n    run: ./oops.sh\n';
    const lines = text.split('\n').length;
    const { diagnostics, elapsed } = lintWith('huge.runbook.yaml', text);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`),
      [`${lines - 3} RB010`],
    );
    assert.ok(elapsed < 20 * BOUND_MS, `${elapsed} ms`);
  });

  it('a rule that throws is contained: the other rules still report', () => {
    const index = new WorkspaceIndex();
    index.set('file:///w/good.runbook.yaml', GOOD);
    const faulty = {
      code: 'RB999',
      severity: 'error' as const,
      description: 'throws',
      appliesTo: 'both' as const,
      check: () => {
        throw new Error('boom');
      },
    };
    const errors: string[] = [];
    const diagnostics = lintFile(index, 'file:///w/good.runbook.yaml', {
      rules: [faulty, ...ALL_RULES],
      onRuleError: (rule, _f, e) => errors.push(`${rule.code}: ${(e as Error).message}`),
    });
    assert.deepEqual(errors, ['RB999: boom']);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['RB007'],
    );
  });
});
