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
    // On the depends-on entry that leads into the cycle: the first one that names a member. A
    // runbook that depends on 299 others of one cycle gets one finding, not 299 that say the same.
    const dep = runbook.dependsOn.find((d) => members.has(d.text));
    if (!dep) return;
    const cycle = [id, ...pathBack(ctx.index, members, dep.text, id)];
    ctx.report({ range: dep.range, message: `Dependency cycle: ${cycle.join(' → ')}`, data: { cycle } });
  },
};

/**
 * Shortest depends-on path from `from` back to `to` inside the cycle's members: a breadth-first
 * search from `to` along the reversed edges, stopped once `from` is reached.
 */
function pathBack(index: WorkspaceIndex, members: Set<string>, from: string, to: string): string[] {
  if (from === to) return [to];
  const next = new Map<string, string | null>([[to, null]]);
  const queue = [to];
  for (let head = 0; head < queue.length && !next.has(from); head++) {
    const current = queue[head];
    for (const dependent of index.dependentsOf(current)) {
      const id = dependent.id?.text;
      if (id === undefined || !members.has(id) || next.has(id)) continue;
      next.set(id, current);
      queue.push(id);
    }
  }
  if (!next.has(from)) return [from, to];
  const path: string[] = [];
  for (let node: string | null | undefined = from; node; node = next.get(node)) path.push(node);
  return path;
}
