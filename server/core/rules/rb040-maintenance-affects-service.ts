import { formatInstant } from '../time';
import { coversEnvironment } from '../workspace-index';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

/**
 * A change to a service while a maintenance window that affects it is on (a database failover, a
 * network change by the infrastructure team): not wrong, but the coordinator and the owner should
 * know, and the verification may see the maintenance's effects.
 */
export const maintenanceAffectsService: Rule = {
  code: 'RB040',
  severity: 'information',
  description: "the window meets a maintenance window that names the runbook's service in `services`",
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const service = runbook.fields.get('service')?.text.trim();
    const window = ctx.index.windowOf(runbook);
    if (!service || !window || window.end <= window.start) return;
    const environment = runbook.fields.get('environment')?.text;
    for (const m of ctx.index.calendar().maintenance) {
      if (!m.entry.services?.some((s) => s.text.trim() === service) || !coversEnvironment(m, environment)) continue;
      const hit = m.occurrences(window)[0];
      if (!hit) continue;
      const field = (key: string) => m.entry.fields.get(key)?.text.trim() || undefined;
      const team = field('team');
      const impact = field('impact');
      ctx.report({
        range: windowAnchor(runbook),
        message: `The window meets maintenance window "${m.id}" (${m.title}${team ? `, by ${team}` : ''}, ${formatInstant(hit.start, m.zone)} to ${formatInstant(hit.end, m.zone)}), which affects ${service}${impact ? `: ${impact}` : ''}`,
        data: { maintenance: m.id },
      });
    }
  },
};
