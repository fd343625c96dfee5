import { overlaps } from '../time';
import type { Rule } from './rule';
import { runbookOf } from './rule';
import { windowAnchor } from './rule-helpers';

export const serviceOverlap: Rule = {
  code: 'RB014',
  severity: 'warning',
  description: 'another runbook for the same service and environment overlaps this window',
  appliesTo: 'runbook',
  check(ctx) {
    const runbook = runbookOf(ctx);
    if (!runbook) return;
    const service = runbook.fields.get('service')?.text;
    const environment = runbook.fields.get('environment')?.text;
    const window = ctx.index.windowOf(runbook);
    if (!service || !environment || !window || window.end <= window.start) return;
    const peers = ctx.index.runbooksByServiceEnvironment().get(`${service}\u0000${environment}`) ?? [];
    const clashing: string[] = [];
    for (const other of peers) {
      if (other.uri === runbook.uri) continue;
      const w = ctx.index.windowOf(other);
      if (w && overlaps(window, w)) clashing.push(other.id?.text ?? other.uri);
    }
    if (clashing.length) {
      ctx.report({
        range: windowAnchor(runbook),
        message: `The window overlaps ${clashing.map((c) => `"${c}"`).join(', ')}, another change to ${service} in ${environment}`,
        data: { runbooks: clashing },
      });
    }
  },
};
