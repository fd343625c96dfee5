import { parseDuration } from '../time';
import type { Rule } from './rule';
import { runbookOf } from './rule';

export const windowOrder: Rule = {
  code: 'RB007',
  severity: 'error',
  description: 'window ends at or before it starts',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const window = ctx.index.windowOf(runbook);
    if (!window || window.end > window.start) return;
    const { end, duration } = runbook.window;
    if (end) {
      const same = window.end === window.start;
      ctx.report({
        range: end.valueRange,
        message: `The window ends ${same ? 'at the moment' : 'before'} it starts (${runbook.window.start?.text} to ${end.text})`,
      });
    } else if (duration && parseDuration(duration.text).ok) {
      ctx.report({
        range: duration.valueRange,
        message: `The window's duration "${duration.text}" is zero: the window ends when it starts`,
      });
    }
  },
};
