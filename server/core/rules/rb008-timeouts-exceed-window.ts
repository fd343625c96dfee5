import { formatDuration, parseDuration } from '../time';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

export const timeoutsExceedWindow: Rule = {
  code: 'RB008',
  severity: 'warning',
  description: "the steps' timeouts add up to more than the window",
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const window = ctx.index.windowOf(runbook);
    if (!window || window.end <= window.start) return;
    let total = 0;
    for (const step of runbook.steps) {
      const parsed = step.timeout ? parseDuration(step.timeout.text) : undefined;
      if (parsed?.ok) total += parsed.value;
    }
    const length = window.end - window.start;
    if (total > length) {
      ctx.report({
        range: windowAnchor(runbook),
        message: `The steps' timeouts add up to ${formatDuration(total)}, more than the ${formatDuration(length)} window`,
        data: { totalMs: total, windowMs: length },
      });
    }
  },
};
