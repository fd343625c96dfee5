// Text from the files in hovers is shown as text: a title with Markdown or HTML in it renders as
// written, a key or title with a control character shows the character's code instead of garbage.
import { strict as assert } from 'node:assert';
import { hover } from '../../../server/core/editor/hover';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

const DEP = 'file:///ws/db.runbook.yaml';
const APP = 'file:///ws/app.runbook.yaml';

function workspace(app: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.set(
    DEP,
    'runbook: db\ntitle: "**Bold** <img src=x onerror=alert(1)> [link](http://x) _x_ \\u0007"\nowner: "@a_b"\nwindow:\n  start: 2026-12-02T19:00Z\n  duration: 1h\n',
  );
  index.set(APP, app);
  return index;
}

function hoverAt(index: WorkspaceIndex, text: string, needle: string): string {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset + 1).split('\n');
  const result = hover(index, APP, { line: before.length - 1, character: before[before.length - 1].length - 1 });
  assert.ok(result, `a hover at ${needle}`);
  return result.contents.value;
}

describe('hover text from the files', () => {
  it("escapes a linked runbook's title and owner and spells out control characters", () => {
    const app = 'runbook: app\ndepends-on: [db]\n';
    const value = hoverAt(workspace(app), app, 'db]');
    assert.ok(value.includes('\\*\\*Bold\\*\\*'), value);
    assert.ok(value.includes('\\<img src=x onerror=alert(1)\\>'), value);
    assert.ok(value.includes('\\[link\\](http://x)'), value);
    assert.ok(value.includes('\\_x\\_'), value);
    assert.ok(value.includes('U+0007'), value);
    assert.ok(!value.includes('\u0007'), 'no raw bell character');
    assert.ok(value.includes('@a\\_b'), value);
  });

  it('shows an unknown key with a control character by its code', () => {
    const app = 'runbook: app\n"bad\\u001bkey*": 1\n';
    const value = hoverAt(workspace(app), app, 'bad');
    assert.ok(value.startsWith('Unknown key **badU+001Bkey\\***'), value);
    assert.ok(!value.includes('\u001b'));
  });

  it("keeps a rollback step's command in a code block whatever backticks it holds", () => {
    const app =
      'runbook: app\nsteps:\n  - id: s\n    run: ./go\n    rollback: undo\nrollback:\n  trigger: t\n  steps:\n    - id: undo\n      title: Undo *it*\n      run: |\n        ```\n        echo hi\n';
    const value = hoverAt(workspace(app), app, 'undo\n');
    assert.ok(value.includes('**Rollback step `undo`**: Undo \\*it\\*'), value);
    assert.ok(value.includes('````sh\n```\necho hi\n````'), value);
  });
});
