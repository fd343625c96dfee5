// The size limit of docs/runbook-dsl.md, "Files and the workspace" (RB034): counted in UTF-8 bytes, exactly at 5 MB.
import * as assert from 'node:assert/strict';
import { lintFile } from '../../../server/core/run-rules';
import { isTooLarge, MAX_FILE_BYTES } from '../../../server/core/source-file';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

describe('the file size limit (RB034)', () => {
  it('is 5 MB in UTF-8: ASCII and multibyte text at the limit pass, one byte more does not', () => {
    assert.equal(MAX_FILE_BYTES, 5 * 1024 * 1024);
    assert.equal(isTooLarge('a'.repeat(MAX_FILE_BYTES)), false);
    assert.equal(isTooLarge('a'.repeat(MAX_FILE_BYTES + 1)), true);
    assert.equal(isTooLarge('é'.repeat(MAX_FILE_BYTES / 2)), false);
    assert.equal(isTooLarge(`${'é'.repeat(MAX_FILE_BYTES / 2)}a`), true);
    assert.equal(isTooLarge('😀'.repeat(MAX_FILE_BYTES / 4)), false, 'a surrogate pair is 4 bytes');
    assert.equal(isTooLarge(`${'😀'.repeat(MAX_FILE_BYTES / 4)}a`), true);
  });

  it('reports a file over the limit once, on its first line, without parsing it', () => {
    const index = new WorkspaceIndex();
    const text = `runbook: x\ntitle: ${'t'.repeat(MAX_FILE_BYTES)}\n: : bad yaml [\n`;
    index.set('file:///w/x.runbook.yaml', text);
    const found = lintFile(index, 'file:///w/x.runbook.yaml');
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, d.range]),
      [['RB034', 'error', { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }]],
    );
    assert.match(found[0].message, /larger than 5 MB/);
    assert.equal(index.get('file:///w/x.runbook.yaml')!.model.kind, 'runbook');
    assert.equal(
      (index.get('file:///w/x.runbook.yaml')!.model as { id?: unknown }).id,
      undefined,
      'nothing was read from it',
    );
  });
});
