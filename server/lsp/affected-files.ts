// Which files' diagnostics an edit can change. Precise enough to keep large workspaces fast,
// never missing one: a calendar edit touches everything; a runbook edit touches the runbooks that
// depend on its old or new id (RB006, RB012), share its old or new service and environment (RB014)
// or its old or new id (RB005), and the members of its dependency cycle before and after (RB013).
import type { WorkspaceIndex } from '../core/workspace-index';

/** What a file looked like before a change, as far as other files care. */
export interface FileFacts {
  kind: 'runbook' | 'calendar';
  id?: string;
  serviceEnvironment?: string;
  cycle?: readonly string[];
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
    cycle: id ? index.cycles().get(id) : undefined,
  };
}

/** Files to re-check after `uri` changed from `before` to what the index holds now. */
export function affectedFiles(index: WorkspaceIndex, uri: string, before: FileFacts | undefined): Set<string> {
  const after = factsOf(index, uri);
  const out = new Set<string>([uri]);
  if (before?.kind === 'calendar' || after?.kind === 'calendar') {
    for (const u of index.uris()) out.add(u);
    return out;
  }
  const add = (uris: Iterable<string>) => {
    for (const u of uris) out.add(u);
  };
  for (const facts of [before, after]) {
    if (!facts) continue;
    if (facts.id) {
      add((index.runbookIds().get(facts.id) ?? []).map((r) => r.uri));
      add(index.dependentsOf(facts.id).map((r) => r.uri));
    }
    if (facts.serviceEnvironment)
      add((index.runbooksByServiceEnvironment().get(facts.serviceEnvironment) ?? []).map((r) => r.uri));
    for (const member of facts.cycle ?? []) add((index.runbookIds().get(member) ?? []).map((r) => r.uri));
  }
  return out;
}
