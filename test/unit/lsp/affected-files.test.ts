import { strict as assert } from 'node:assert';
import { affectedFiles, factsOf } from '../../../server/lsp/affected-files';
import { WorkspaceIndex } from '../../../server/core/workspace-index';

const rb = (id: string, extra = '') =>
  `runbook: ${id}\ntitle: ${id}\nenvironment: staging\n${extra}\nwindow:\n  start: 2026-12-02T10:00\n  duration: 1h\nsteps:\n  - id: a\n`;
const u = (name: string) => `file:///w/${name}.runbook.yaml`;

function workspace(): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.set('file:///w/c.calendar.yaml', 'calendar: c\nenvironments:\n  - name: staging\n');
  index.set(u('dep'), rb('dep', 'service: db'));
  index.set(u('user'), rb('user', 'depends-on: [dep]'));
  index.set(u('peer'), rb('peer', 'service: db'));
  index.set(u('loner'), rb('loner', 'service: web'));
  index.set(u('x'), rb('x', 'depends-on: [y]'));
  index.set(u('y'), rb('y', 'depends-on: [x]'));
  return index;
}

function change(index: WorkspaceIndex, uri: string, text: string | undefined): string[] {
  const before = factsOf(index, uri);
  if (text === undefined) index.delete(uri);
  else index.set(uri, text);
  return [...affectedFiles(index, uri, before)].map((x) => x.replace('file:///w/', '')).sort();
}

describe('files an edit can affect', () => {
  it('a runbook: itself, its dependents and its service peers, not the others', () => {
    const index = workspace();
    assert.deepEqual(change(index, u('dep'), rb('dep', 'service: db\nversion: 2')), [
      'dep.runbook.yaml',
      'peer.runbook.yaml',
      'user.runbook.yaml',
    ]);
  });

  it('an id change: the dependents of the old and the new id', () => {
    const index = workspace();
    assert.deepEqual(change(index, u('dep'), rb('x', 'service: other')), [
      'dep.runbook.yaml',
      'peer.runbook.yaml',
      'user.runbook.yaml',
      'x.runbook.yaml',
      'y.runbook.yaml',
    ]);
  });

  it('a cycle broken: every member before the change', () => {
    const index = workspace();
    assert.deepEqual(change(index, u('x'), rb('x')), ['x.runbook.yaml', 'y.runbook.yaml']);
  });

  it('a deleted runbook: its dependents and peers', () => {
    const index = workspace();
    assert.deepEqual(change(index, u('dep'), undefined), [
      'dep.runbook.yaml',
      'peer.runbook.yaml',
      'user.runbook.yaml',
    ]);
  });

  it('a calendar: everything', () => {
    const index = workspace();
    assert.equal(change(index, 'file:///w/c.calendar.yaml', 'calendar: c\n').length, 7);
  });
});
