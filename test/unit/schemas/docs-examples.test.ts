// The YAML in docs/runbook-dsl.md is what users copy: it must parse, and the complete runbook
// and calendar must pass both the linter and the JSON Schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, parseDocument } from 'yaml';
import { lintWorkspace } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { codeBlocks, docSections } from './docs-sections';
import { REPO_ROOT, schemaValidators } from './schema-files';

describe('Examples in docs/runbook-dsl.md', () => {
  const sections = docSections();
  const firstYaml = (heading: string) => {
    const section = sections.find((s) => s.heading === heading);
    assert.ok(section, `a "${heading}" section`);
    const [block] = codeBlocks(section.body, 'yaml');
    assert.ok(block, `a yaml block under "${heading}"`);
    return block;
  };

  it('every YAML block parses, except the broken one that shows RB001', () => {
    for (const section of sections) {
      if (section.heading.startsWith('RB001 ')) continue;
      for (const block of codeBlocks(section.body, 'yaml')) {
        const errors = parseDocument(block).errors.map((e) => e.message.split('\n')[0]);
        assert.deepEqual(errors, [], `in "${section.heading}":\n${block}`);
      }
    }
  });

  it('every JSON block parses', () => {
    for (const section of sections) {
      for (const block of codeBlocks(section.body, 'json'))
        assert.doesNotThrow(() => JSON.parse(block), `in "${section.heading}"`);
    }
  });

  it('the complete runbook and calendar lint clean, with the dependency they name', () => {
    const index = new WorkspaceIndex();
    index.set('file:///docs/payments-api-2-14.runbook.yaml', firstYaml('A complete runbook'));
    index.set('file:///docs/acme.calendar.yaml', firstYaml('A complete calendar'));
    const dependency = path.join(REPO_ROOT, 'examples', 'orders-db-migration.runbook.yaml');
    index.set('file:///docs/orders-db-migration.runbook.yaml', readFileSync(dependency, 'utf8'));
    const found = [...lintWorkspace(index).values()].flat().map((d) => `${d.uri} ${d.code} ${d.message}`);
    assert.deepEqual(found, []);
  });

  it('the complete runbook and calendar validate against the JSON Schemas', () => {
    const validators = schemaValidators();
    assert.ok(validators.runbook(parse(firstYaml('A complete runbook'))), JSON.stringify(validators.runbook.errors));
    assert.ok(validators.calendar(parse(firstYaml('A complete calendar'))), JSON.stringify(validators.calendar.errors));
  });
});
