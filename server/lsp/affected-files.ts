// Which files' diagnostics an edit can change. Precise enough to keep large workspaces fast,
// never missing one: a calendar edit touches everything; a runbook edit touches the runbooks that
// depend on its old or new id (RB006, RB012), share its old or new service and environment (RB014)
// or its old or new id (RB005), and the members of its dependency cycle before and after (RB013).
// Those members all reach the file through edges the change left alone, so they are among the
// runbooks that depend on its old or new id, directly or through others: one search backwards
// along depends-on from every changed id at once finds them without the workspace's cycles,
// which are computed in steps between requests (WorkspaceIndex.expansionSteps), not here.
import type { WorkspaceIndex } from '../core/workspace-index';

/** What a file looked like before a change, as far as other files care. */
export interface FileFacts {
  kind: 'runbook' | 'calendar';
  id?: string;
  serviceEnvironment?: string;
}

export function factsOf(index: WorkspaceIndex, uri: string): FileFacts | undefined {
  const file = index.get(uri);
  if (!file) return undefined;
  const model = file.model;
  if (model.kind === 'calendar') return { kind: 'calendar' };
  const id = model.id?.text;
  const service = model.fields.get('service')?.text;
  const environment = model.fields.get('environment')?.text;
  return {
    kind: 'runbook',
    id,
    serviceEnvironment: service && environment ? `${service}\u0000${environment}` : undefined,
  };
}

/** Files to re-check after `uri` changed from `before` to what the index holds now. */
export function affectedFiles(index: WorkspaceIndex, uri: string, before: FileFacts | undefined): Set<string> {
  return affectedByChanges(index, new Map([[uri, before]]));
}

/** Files to re-check after each of `changes` (uri → what it was before) changed. */
export function affectedByChanges(index: WorkspaceIndex, changes: Map<string, FileFacts | undefined>): Set<string> {
  const out = new Set<string>();
  const add = (uris: Iterable<string>) => {
    for (const u of uris) out.add(u);
  };
  const ids = new Set<string>();
  for (const [uri, before] of changes) {
    const after = factsOf(index, uri);
    out.add(uri);
    if (before?.kind === 'calendar' || after?.kind === 'calendar') {
      add(index.uris());
      return out;
    }
    for (const facts of [before, after]) {
      if (!facts) continue;
      if (facts.id) {
        ids.add(facts.id);
        add((index.runbookIds().get(facts.id) ?? []).map((r) => r.uri));
      }
      if (facts.serviceEnvironment)
        add((index.runbooksByServiceEnvironment().get(facts.serviceEnvironment) ?? []).map((r) => r.uri));
    }
  }
  // Dependents, direct (RB006, RB012) and through others (RB013): backwards from every changed id.
  const queue = [...ids];
  for (let head = 0; head < queue.length; head++) {
    for (const dependent of index.dependentsOf(queue[head])) {
      out.add(dependent.uri);
      const id = dependent.id?.text;
      if (id !== undefined && !ids.has(id)) {
        ids.add(id);
        queue.push(id);
      }
    }
  }
  return out;
}
