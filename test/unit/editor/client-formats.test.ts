// The plain forms of completion and hover for clients without snippets or Markdown: what a
// snippet expands to, and Markdown read as text.
import * as assert from 'node:assert/strict';
import { snippetAsText } from '../../../server/core/editor/completion';
import { plainTextOf } from '../../../server/core/editor/plain-text';

describe('completion and hover for plain clients', () => {
  it('turns snippets into the text they expand to', () => {
    assert.equal(snippetAsText('steps:\n  - $0'), 'steps:\n  - ');
    assert.equal(
      snippetAsText('id: ${1:step-id}\ntitle: ${2:What this step does}'),
      'id: step-id\ntitle: What this step does',
    );
    assert.equal(snippetAsText('risk: ${1|low,medium,high|}'), 'risk: low');
    assert.equal(snippetAsText('owner: "@$1"'), 'owner: "@"');
    assert.equal(snippetAsText('run: echo \\$HOME \\} ${1:a\\}b}${2}'), 'run: echo $HOME } a}b');
    assert.equal(snippetAsText('calendar: ${1:${2:nested}}'), 'calendar: nested');
  });

  it('reads Markdown as plain text: no fences, marks or escapes, code kept verbatim', () => {
    const markdown =
      '**rollback** (rollback step id)\n\nA step with `run` needs one (RB010). See [spec](https://example.invalid/spec).\n\n---\n\n```yaml\nrollback: undo-*deploy*\n```\n\nUnknown key **a\\_b**; \\*literal\\* &lt;tag&gt;';
    assert.equal(
      plainTextOf(markdown),
      'rollback (rollback step id)\n\nA step with run needs one (RB010). See spec (https://example.invalid/spec).\n\nrollback: undo-*deploy*\n\nUnknown key a_b; *literal* <tag>',
    );
  });
});
