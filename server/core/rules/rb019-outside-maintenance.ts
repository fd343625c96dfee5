import { within } from '../time';
import { coversEnvironment } from '../workspace-index';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

export const outsideMaintenance: Rule = {
  code: 'RB019',
  severity: 'error',
  description: 'the environment is maintenance-only and the window is not inside one maintenance window',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    const environment = runbook?.fields.get('environment')?.text;
    if (!runbook || !environment) return;
    const calendar = ctx.index.calendar();
    const maintenanceOnly = (calendar.environments.get(environment) ?? []).some((d) => d.maintenanceOnly);
    if (!maintenanceOnly) return;
    const window = ctx.index.windowOf(runbook);
    if (!window || window.end <= window.start) return;
    const inside = calendar.maintenance.some(
      (m) =>
        coversEnvironment(m, environment) && m.occurrences(window).some((occurrence) => within(window, occurrence)),
    );
    if (inside) return;
    ctx.report({
      range: windowAnchor(runbook),
      message: `Environment "${environment}" takes changes only inside a maintenance window, and this window is not inside one`,
    });
  },
};
