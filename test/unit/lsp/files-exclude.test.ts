import { strict as assert } from 'node:assert';
import { excludeMatcher } from '../../../server/lsp/files-exclude';

describe('files.exclude', () => {
  it('matches VS Code globs against paths relative to the folder, folders included', () => {
    const excluded = excludeMatcher({
      '**/generated': true,
      'drafts/*.runbook.yaml': true,
      '**/*.{tmp,bak}.yaml': true,
      'off/**': false,
      '**/.DS_Store': true,
    });
    assert.ok(excluded('generated'));
    assert.ok(excluded('a/b/generated/x.runbook.yaml'), 'everything under an excluded folder');
    assert.ok(excluded('drafts/x.runbook.yaml'));
    assert.ok(!excluded('drafts/deeper/x.runbook.yaml'), '* stays in one folder');
    assert.ok(excluded('x/y.bak.yaml'));
    assert.ok(!excluded('off/x.runbook.yaml'), 'false entries do not exclude');
    assert.ok(!excluded('releases/payments.runbook.yaml'));
  });

  it('tolerates settings that are not an object', () => {
    for (const setting of [null, undefined, 'x', 42, ['a']]) assert.equal(excludeMatcher(setting)('a/b'), false);
  });
});
