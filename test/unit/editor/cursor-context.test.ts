import { strict as assert } from 'node:assert';
import { cursorContext } from '../../../server/core/editor/cursor-context';

function at(marked: string, kind: 'runbook' | 'calendar' = 'runbook') {
  const offset = marked.indexOf('^');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return cursorContext(text, kind, { line: before.length - 1, character: before[before.length - 1].length });
}

describe('cursor context (where completion is asked)', () => {
  for (const unit of [2, 4]) {
    const i = ' '.repeat(unit);
    it(`finds a step's keys with ${unit}-space indentation, on an empty line and in a partial word`, () => {
      const blank = at(`runbook: a\nsteps:\n${i}- id: x\n${i}  title: y\n${i}  ^\n`);
      assert.equal(blank.kind, 'key');
      if (blank.kind !== 'key') return;
      assert.equal(blank.object, 'step');
      assert.deepEqual([...blank.existingKeys].sort(), ['id', 'title']);
      const partial = at(`runbook: a\nsteps:\n${i}- id: x\n${i}  ti^\n${i}  run: ./x\n`);
      assert.equal(partial.kind === 'key' && partial.object, 'step');
      assert.ok(partial.kind === 'key' && partial.existingKeys.has('run'), 'keys below the cursor count too');
      assert.deepEqual(partial.kind === 'key' && partial.replace, {
        start: { line: 3, character: unit + 2 },
        end: { line: 3, character: unit + 4 },
      });
    });

    it(`finds rollback steps nested two levels deep with ${unit}-space indentation`, () => {
      const ctx = at(`runbook: a\nrollback:\n${i}steps:\n${i}${i}- id: x\n${i}${i}  ^\n`);
      assert.equal(ctx.kind === 'key' && ctx.object, 'rollback-step');
    });
  }

  it('reads a zero-indented list', () => {
    const ctx = at('runbook: a\nsteps:\n- id: x\n  ^\n');
    assert.equal(ctx.kind === 'key' && ctx.object, 'step');
  });

  it('knows a new list entry from a key of the entry above', () => {
    const item = at('runbook: a\nsteps:\n  - id: x\n  - ^\n');
    assert.ok(item.kind === 'key' && item.startsItem && item.listField?.key === 'steps');
    const under = at('runbook: a\nsteps:\n  - id: x\n  ^\n');
    assert.equal(under.kind, 'item');
  });

  it('finds values: enums, references, list entries, flow lists', () => {
    const type = at('runbook: a\nchange:\n  type: em^\n');
    assert.ok(type.kind === 'value' && type.key === 'type' && type.prefix === 'em');
    const dep = at('runbook: a\ndepends-on:\n  - x\n  - ^\n');
    assert.ok(dep.kind === 'value' && dep.key === 'depends-on' && dep.listEntry === 'block');
    assert.deepEqual(dep.kind === 'value' && dep.siblings, ['x']);
    const flow = at('calendar: c\nfreezes:\n  - id: f\n    environments: [prod, ^]\n', 'calendar');
    assert.ok(flow.kind === 'value' && flow.listEntry === 'flow' && flow.siblings.includes('prod'));
    const bare = at('runbook: a\ndepends-on: ^\n');
    assert.ok(bare.kind === 'value' && bare.listEntry === 'bare');
  });

  it('offers nothing inside block text, comments, multi-line values or unknown keys', () => {
    assert.equal(at('runbook: a\nsteps:\n  - id: x\n    description: |\n      text\n      ^\n').kind, 'none');
    assert.equal(at('runbook: a # ^\n').kind, 'none');
    assert.equal(at('runbook: a\ntitle: a long\n  ^\n').kind, 'none');
    assert.equal(at('runbook: a\nmystery:\n  ^\n').kind, 'none');
  });
});
