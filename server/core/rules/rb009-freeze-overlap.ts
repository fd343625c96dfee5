import { formatInstant } from '../time';
import { coversEnvironment } from '../workspace-index';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

export const freezeOverlap: Rule = {
  code: 'RB009',
  severity: 'error',
  description: 'window overlaps a freeze that covers its environment (warning for a justified emergency)',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const window = ctx.index.windowOf(runbook);
    if (!window || window.end <= window.start) return;
    const environment = runbook.fields.get('environment')?.text;
    const justifiedEmergency = runbook.change.type?.text === 'emergency' && !!runbook.change.justification?.text.trim();
    const calendar = ctx.index.calendar();
    for (const freeze of calendar.freezes) {
      if (!coversEnvironment(freeze, environment)) continue;
      const hit = freeze.occurrences(window)[0];
      if (!hit) continue;
      const span = `${formatInstant(hit.start, freeze.zone)} to ${formatInstant(hit.end, freeze.zone)}`;
      ctx.report({
        range: windowAnchor(runbook),
        message: `The window overlaps freeze "${freeze.id}" (${freeze.title}, ${span})${justifiedEmergency ? '; allowed as a justified emergency change' : ''}`,
        severity: justifiedEmergency ? 'warning' : undefined,
        data: { freeze: freeze.id },
      });
    }
  },
};
