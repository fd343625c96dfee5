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
    for (const dep of runbook.dependsOn) {
      if (!members.has(dep.text)) continue;
      const back = pathWithin(ctx.index, members, dep.text, id);
      ctx.report({ range: dep.range, message: `Dependency cycle: ${[id, ...back].join(' → ')}`, data: { cycle: component } });
    }
  },
};

/** Shortest depends-on path from `from` to `to` inside the cycle's members (breadth first). */
function pathWithin(index: WorkspaceIndex, members: Set<string>, from: string, to: string): string[] {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const current = queue.shift()!;
    if (current === to) break;
    for (const dep of index.runbook(current)?.dependsOn ?? []) {
      if (!members.has(dep.text) || previous.has(dep.text)) continue;
      previous.set(dep.text, current);
      queue.push(dep.text);
    }
  }
  if (!previous.has(to)) return [from, to];
  const path: string[] = [];
  for (let node: string | null | undefined = to; node; node = previous.get(node)) path.unshift(node);
  return path;
}
