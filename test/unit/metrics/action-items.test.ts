// Open action items: unchecked tasks under an "Action items" heading, nowhere else.
import assert from 'node:assert/strict';
import { openActionItems } from '../../../server/core/metrics/action-items';

describe('Open action items of retrospectives', () => {
  it('takes unchecked tasks under "Action items" with their owner, and skips ticked ones', () => {
    const text = [
      '# Retrospective: Orders DB 1.4',
      '',
      '## What did not go well',
      '- [ ] not an action item',
      '',
      '## Action items',
      '',
      '- [ ] @frank: Rehearse the restore (due 2026-12-15)',
      '- [x] @gina: Page the DBA team earlier',
      '* [ ] Ask @gina about the snapshot size',
      '  - [ ] Nested, still a task',
      '',
      '### Follow-up',
      '- [ ] under a sub-heading of the section',
      '',
      '## Notes',
      '- [ ] after the section',
    ].join('\r\n');
    const items = openActionItems([{ path: 'retrospectives/orders-db-1-4.md', text }]);
    assert.deepEqual(
      items.map((i) => [i.line, i.owner, i.text, i.retrospective]),
      [
        [8, '@frank', 'Rehearse the restore (due 2026-12-15)', 'Orders DB 1.4'],
        [10, '@gina', 'Ask @gina about the snapshot size', 'Orders DB 1.4'],
        [11, undefined, 'Nested, still a task', 'Orders DB 1.4'],
        [14, undefined, 'under a sub-heading of the section', 'Orders DB 1.4'],
      ],
    );
  });

  it('ignores tasks in code blocks and HTML comments, and names a document without a title by its file', () => {
    const text = [
      '## Action items',
      '<!--',
      '- [ ] @x: a hint',
      '-->',
      '```',
      '- [ ] code',
      '```',
      '- [ ] @y: real',
    ].join('\n');
    assert.deepEqual(
      openActionItems([{ path: 'a/b/retro.md', text }]).map((i) => [i.retrospective, i.owner, i.text]),
      [['retro', '@y', 'real']],
    );
  });

  it('lists files in path order', () => {
    const doc = (t: string) => `# ${t}\n## Action items\n- [ ] ${t}\n`;
    assert.deepEqual(
      openActionItems([
        { path: 'b.md', text: doc('B') },
        { path: 'a.md', text: doc('A') },
      ]).map((i) => i.text),
      ['A', 'B'],
    );
  });
});
