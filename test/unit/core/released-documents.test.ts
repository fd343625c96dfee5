// The server lets go of the parsed YAML documents of files that are not open (lint.ts
// releaseDocument), keeping their text, model and the findings of the rules that read the file
// alone. Nothing downstream may notice: the same diagnostics, the same model with the same
// ranges, the same nodes when a feature asks for them, and no re-parse just to lint again.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateWorkspace } from '../../../bench/generate-workspace';
import { lintWorkspace, releaseDocument } from '../../../server/core/run-rules';
import type { RunbookModel } from '../../../server/core/model';
import { setIncrementally } from '../../../server/core/incremental/update-file';
import { hasDocument, reparsedDocumentCount } from '../../../server/core/source-file';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { diagnosticsSnapshot, fileSnapshot, modelSnapshot, treeSnapshot } from '../incremental/file-snapshot';
import { workspaceFilePaths } from '../../helpers/index-folder';

const ROOT = path.resolve(__dirname, '../../..');

interface Workspace {
  name: string;
  files: { uri: string; text: string }[];
}

function workspaces(): Workspace[] {
  const fromDir = (name: string, dir: string): Workspace => ({
    name,
    files: workspaceFilePaths(dir).map((f) => ({ uri: pathToFileURL(f).href, text: readFileSync(f, 'utf8') })),
  });
  const corpus = path.join(ROOT, 'test/fixtures/rules');
  return [
    fromDir('examples', path.join(ROOT, 'examples')),
    ...readdirSync(corpus)
      .sort()
      .map((name) => fromDir(`fixture ${name}`, path.join(corpus, name))),
    {
      name: 'generated, 60 runbooks',
      files: generateWorkspace(60, 7).map((f) => ({ uri: `file:///generated/${f.path}`, text: f.text })),
    },
  ];
}

function indexOf(workspace: Workspace, release: boolean): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const file of workspace.files) {
    index.set(file.uri, file.text);
    if (release) releaseDocument(index, file.uri);
  }
  return index;
}

function diagnosticsOf(
  index: WorkspaceIndex,
  overrides?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [uri, list] of lintWorkspace(index, { severityOverrides: overrides }))
    out[uri] = diagnosticsSnapshot(list);
  return out;
}

describe('released documents', () => {
  for (const workspace of workspaces()) {
    it(`gives the same diagnostics and model without re-parsing: ${workspace.name}`, () => {
      const kept = indexOf(workspace, false);
      const released = indexOf(workspace, true);
      assert.ok(
        released.all().every((f) => !hasDocument(f.source)),
        'every document was let go',
      );
      const before = reparsedDocumentCount();
      assert.deepEqual(diagnosticsOf(released), diagnosticsOf(kept));
      assert.equal(reparsedDocumentCount() - before, 0, 'linting again read no document');
      for (const uri of kept.uris())
        assert.deepEqual(modelSnapshot(released.get(uri)!), modelSnapshot(kept.get(uri)!), uri);
      assert.equal(reparsedDocumentCount() - before, 0, 'the model holds everything it shows');
    });
  }

  it('parses a released document again when a feature reads its nodes, and finds the same nodes', () => {
    const workspace = workspaces()[0];
    const kept = indexOf(workspace, false);
    const released = indexOf(workspace, true);
    for (const uri of kept.uris()) {
      const a = kept.get(uri)!;
      const b = released.get(uri)!;
      const before = reparsedDocumentCount();
      assert.deepEqual(treeSnapshot(b.model.root), treeSnapshot(a.model.root), uri);
      if (a.model.kind === 'runbook') {
        const ra = a.model;
        const rb = b.model as RunbookModel;
        ra.steps.forEach((step, i) => assert.deepEqual(treeSnapshot(rb.steps[i].node), treeSnapshot(step.node)));
        ra.rollback.steps.forEach((step, i) =>
          assert.deepEqual(treeSnapshot(rb.rollback.steps[i].node), treeSnapshot(step.node)),
        );
        for (const [key, section] of ra.sections)
          assert.deepEqual(treeSnapshot(rb.sections.get(key)!.node), treeSnapshot(section.node), key);
        assert.deepEqual(treeSnapshot(rb.change.section?.node), treeSnapshot(ra.change.section?.node));
      }
      // One parse, kept until the next release: reading more nodes parses nothing again.
      assert.equal(reparsedDocumentCount() - before, 1, uri);
      assert.ok(hasDocument(b.source));
      releaseDocument(released, uri);
      assert.ok(!hasDocument(b.source));
    }
  });

  it('applies a severity override to a released file without reading its document', () => {
    const workspace = workspaces().find((w) => w.name === 'fixture rb002-fires')!;
    const released = new WorkspaceIndex();
    for (const file of workspace.files) {
      released.set(file.uri, file.text);
      releaseDocument(released, file.uri);
    }
    const before = reparsedDocumentCount();
    const off = Object.values(diagnosticsOf(released, { RB002: 'off' })).flat();
    const on = Object.values(diagnosticsOf(released, { RB002: 'error' })).flat();
    assert.ok(!off.some((d) => d.includes(' RB002 ')), 'off hides RB002');
    assert.ok(
      on.some((d) => d.includes(' error RB002 ')),
      'turned on again, RB002 is back as an error',
    );
    assert.equal(reparsedDocumentCount() - before, 0);
  });

  it('edits a released file in place as a full parse would (a closed file opened and typed in)', () => {
    const [file] = generateWorkspace(3, 11).filter((f) => f.path.endsWith('.runbook.yaml'));
    const uri = `file:///generated/${file.path}`;
    const index = new WorkspaceIndex();
    index.set(uri, file.text);
    releaseDocument(index, uri);
    const edited = file.text.replace(/timeout: (\d+)m/, 'timeout: $1x');
    assert.notEqual(edited, file.text);
    setIncrementally(index, uri, edited);
    const full = new WorkspaceIndex();
    full.set(uri, edited);
    assert.deepEqual(fileSnapshot(index.get(uri)!), fileSnapshot(full.get(uri)!));
    assert.deepEqual(diagnosticsOf(index), diagnosticsOf(full));
    assert.ok(
      diagnosticsOf(index)[uri].some((d) => d.includes('RB004')),
      'the mistyped timeout is reported',
    );
  });
});
