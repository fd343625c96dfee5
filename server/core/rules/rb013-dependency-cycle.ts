import type { WorkspaceIndex } from '../workspace-index';
import type { Rule } from './rule';
import { runbookOf } from './rule';

export const dependencyCycle: Rule = {
  code: 'RB013',
  severity: 'error',
  description: 'dependency cycle (reported on every runbook in the cycle)',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    const id = runbook?.id?.text;
    if (!runbook || !id) return;
    const component = ctx.index.cycles().get(id);
    if (!component) return;
    const members = new Set(component);
    const wanted = new Set(runbook.dependsOn.map((d) => d.text).filter((d) => members.has(d)));
    const toSelf = pathsBack(ctx.index, members, id, wanted);
    for (const dep of runbook.dependsOn) {
      if (!members.has(dep.text)) continue;
      const cycle = [id, ...toSelf(dep.text)];
      // The cycle this finding shows, not the whole component: 300 runbooks that all depend on each
      // other would otherwise send 300 ids with each of their 89,700 findings.
      ctx.report({ range: dep.range, message: `Dependency cycle: ${cycle.join(' → ')}`, data: { cycle } });
    }
  },
};

/**
 * Shortest depends-on paths from each of `wanted` back to `to` inside the cycle's members: one
 * breadth-first search from `to` along the reversed edges, stopped once every wanted id is reached,
 * so a runbook that depends on hundreds of others costs one search, not one per dependency.
 */
function pathsBack(index: WorkspaceIndex, members: Set<string>, to: string, wanted: Set<string>): (from: string) => string[] {
  const next = new Map<string, string | null>([[to, null]]);
  let missing = wanted.size - (wanted.has(to) ? 1 : 0);
  const reached = new Set<string>();
  const queue = [to];
  for (let head = 0; head < queue.length && missing > 0; head++) {
    const current = queue[head];
    for (const dependent of index.dependentsOf(current)) {
      const id = dependent.id?.text;
      if (id === undefined || !members.has(id) || next.has(id)) continue;
      next.set(id, current);
      queue.push(id);
      if (wanted.has(id) && !reached.has(id)) {
        reached.add(id);
        missing--;
      }
    }
  }
  return (from) => {
    if (from === to) return [to];
    if (!next.has(from)) return [from, to];
    const path: string[] = [];
    for (let node: string | null | undefined = from; node; node = next.get(node)) path.push(node);
    return path;
  };
}
