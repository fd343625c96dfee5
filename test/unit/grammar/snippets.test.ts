// Our snippets, accepted as they come (every placeholder at its default), must give runbooks and
// calendars the linter finds nothing wrong with: a new user's first file starts clean.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunbookDiagnostic } from '../../../server/core/diagnostics';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { expandSnippet, indent, SnippetFile } from './expand-snippet';

const ROOT = join(__dirname, '..', '..', '..');
const runbookSnippets = JSON.parse(
  readFileSync(join(ROOT, 'snippets', 'runbook.code-snippets'), 'utf8'),
) as SnippetFile;
const calendarSnippets = JSON.parse(
  readFileSync(join(ROOT, 'snippets', 'calendar.code-snippets'), 'utf8'),
) as SnippetFile;

// A fixed "today" that is in no freeze of the calendar skeleton, so the result never depends on the day the test runs.
const VARIABLES = { CURRENT_YEAR: '2026', CURRENT_MONTH: '06', CURRENT_DATE: '10' };

const RUNBOOK_URI = 'file:///workspace/new.runbook.yaml';
const CALENDAR_URI = 'file:///workspace/company.calendar.yaml';

function expand(file: SnippetFile, name: string): string {
  const snippet = file[name];
  assert.ok(snippet, `No snippet named "${name}"`);
  return expandSnippet(snippet.body, VARIABLES).replace(/\n+$/, '');
}

/** Puts `item` (a list entry snippet) as the first entry under the line `under`, at `by` spaces. */
function insertUnder(text: string, under: string, item: string, by: number): string {
  const lines = text.split('\n');
  const at = lines.indexOf(under);
  assert.ok(at >= 0, `The skeleton has no line ${JSON.stringify(under)}`);
  lines.splice(at + 1, 0, indent(item, ' '.repeat(by)));
  return lines.join('\n');
}

function lint(files: Record<string, string>, uri: string): RunbookDiagnostic[] {
  const index = new WorkspaceIndex();
  for (const [fileUri, text] of Object.entries(files)) index.set(fileUri, text);
  return lintFile(index, uri, {
    onRuleError: (rule, _file, error) => assert.fail(`rule ${rule.code} failed: ${String(error)}`),
  });
}

function assertClean(diagnostics: RunbookDiagnostic[], text: string): void {
  const shown = diagnostics.map(
    (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
  );
  assert.deepEqual(shown, [], `The linter reports:\n${shown.join('\n')}\nin:\n${text}`);
}

describe('snippets', () => {
  describe('runbook', () => {
    const skeleton = expand(runbookSnippets, 'Runbook');

    it('the skeleton lints clean on its own', () => {
      assertClean(lint({ [RUNBOOK_URI]: skeleton }, RUNBOOK_URI), skeleton);
    });

    it('the skeleton has the required fields and a production-ready shape', () => {
      for (const line of [
        'runbook: service-1-0-0',
        'environment: production',
        'window:',
        '  start: 2026-06-10T22:00',
        'steps:',
        'rollback:',
        '  trigger: Error rate above 2% for 5 minutes, or any failed verification',
        'verification:',
      ]) {
        assert.ok(skeleton.split('\n').includes(line), `missing line ${JSON.stringify(line)} in:\n${skeleton}`);
      }
      // The step's rollback and the rollback step's id are one placeholder: renaming one renames both.
      assert.ok(
        skeleton.includes('    rollback: redeploy-previous') && skeleton.includes('    - id: redeploy-previous'),
      );
    });

    it('a step with rollback and its rollback step fit the skeleton', () => {
      let text = insertUnder(skeleton, 'steps:', expand(runbookSnippets, 'Step with rollback'), 2);
      text = insertUnder(text, '  steps:', expand(runbookSnippets, 'Rollback step'), 4);
      assert.ok(text.includes('    rollback: undo-step'), 'the step names the default rollback step');
      assertClean(lint({ [RUNBOOK_URI]: text }, RUNBOOK_URI), text);
    });

    it('an irreversible step, a precondition and a verification check fit the skeleton', () => {
      let text = insertUnder(skeleton, 'steps:', expand(runbookSnippets, 'Irreversible step'), 2);
      text = insertUnder(text, 'preconditions:', expand(runbookSnippets, 'Precondition'), 2);
      text = insertUnder(text, 'verification:', expand(runbookSnippets, 'Verification check'), 2);
      assertClean(lint({ [RUNBOOK_URI]: text }, RUNBOOK_URI), text);
    });

    it('a step with rollback but no rollback step is caught (the check can fail)', () => {
      const text = insertUnder(skeleton, 'steps:', expand(runbookSnippets, 'Step with rollback'), 2);
      assert.deepEqual(
        lint({ [RUNBOOK_URI]: text }, RUNBOOK_URI).map((d) => d.code),
        ['RB006'],
      );
    });
  });

  describe('calendar', () => {
    const skeleton = expand(calendarSnippets, 'Release calendar');

    it('the skeleton lints clean on its own', () => {
      assertClean(lint({ [CALENDAR_URI]: skeleton }, CALENDAR_URI), skeleton);
    });

    it('freezes, a recurring freeze, a maintenance window and an environment fit the skeleton', () => {
      let text = insertUnder(skeleton, 'freezes:', expand(calendarSnippets, 'Freeze'), 2);
      text = insertUnder(text, 'freezes:', expand(calendarSnippets, 'Recurring freeze'), 2);
      text = insertUnder(text, 'maintenance:', expand(calendarSnippets, 'Maintenance window'), 2);
      text = insertUnder(text, 'environments:', expand(calendarSnippets, 'Environment'), 2);
      assertClean(lint({ [CALENDAR_URI]: text }, CALENDAR_URI), text);
    });

    it('the runbook and calendar skeletons lint clean together', () => {
      const runbook = expand(runbookSnippets, 'Runbook');
      const files = { [RUNBOOK_URI]: runbook, [CALENDAR_URI]: skeleton };
      assertClean(lint(files, RUNBOOK_URI), runbook);
      assertClean(lint(files, CALENDAR_URI), skeleton);
    });
  });

  it('every snippet has a prefix, a description and a body that expands', () => {
    for (const file of [runbookSnippets, calendarSnippets]) {
      for (const [name, snippet] of Object.entries(file)) {
        assert.ok(snippet.prefix.length > 0 && snippet.description, `${name} needs a prefix and a description`);
        assert.doesNotThrow(() => expandSnippet(snippet.body, VARIABLES), name);
      }
    }
  });
});
