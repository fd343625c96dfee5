import { formatInstant } from '../time';
import type { Rule } from './rule';
import { runbookOf } from './rule';

export const dependencyOrder: Rule = {
  code: 'RB012',
  severity: 'error',
  description: "a dependency's window does not end before this window starts",
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const window = ctx.index.windowOf(runbook);
    if (!window) return;
    for (const dep of runbook.dependsOn) {
      const target = ctx.index.runbook(dep.text);
      if (!target || target === runbook) continue;
      const depWindow = ctx.index.windowOf(target);
      // Half-open windows: a dependency that ends exactly when this one starts is in order.
      if (!depWindow || depWindow.end <= window.start) continue;
      ctx.report({
        range: dep.range,
        message: `"${dep.text}" ends at ${formatInstant(depWindow.end, window.zone)}, after this window starts at ${formatInstant(window.start, window.zone)}; it must end first`,
        data: { dependency: dep.text },
      });
    }
  },
};
