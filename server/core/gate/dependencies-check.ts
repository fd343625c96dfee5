// `dependencies`: every runbook this one depends on has finished successfully: its outcome is
// `success`, or (outcome not yet written) its release record shows every step done or skipped,
// no rollback and no failed verification.
import { releaseState } from '../release/release-state';
import { failed, GateCheck, GateContext, passed } from './gate-check';

export function dependenciesCheck(ctx: GateContext): GateCheck {
  const ids = [...new Set(ctx.runbook.dependsOn.map((d) => d.text))];
  if (!ids.length) return passed('dependencies', 'No dependencies');
  const open: string[] = [];
  for (const id of ids) {
    const reason = unfinished(ctx, id);
    if (reason) open.push(`${id} ${reason}`);
  }
  if (open.length) return failed('dependencies', `Not finished successfully: ${open.join('; ')}`);
  return passed('dependencies', `Finished successfully: ${ids.join(', ')}`);
}

/** Why the dependency has not finished successfully, or undefined when it has. */
function unfinished(ctx: GateContext, id: string): string | undefined {
  const other = ctx.index.runbook(id);
  if (!other) return 'is not in the workspace';
  const state = releaseState(other, ctx.index.zoneFor(other));
  const result = state.outcome?.result;
  if (result === 'success') return undefined;
  if (result) return `ended ${result}`;
  if (state.rollback) return 'is rolling back';
  if (state.verification.some((c) => c.result === 'fail')) return 'failed a verification check';
  switch (state.phase) {
    case 'finishing':
      return undefined;
    case 'verifying':
      return 'has verification checks open';
    case 'in-progress': {
      const settled = state.steps.filter((s) => s.status === 'done' || s.status === 'skipped').length;
      return `is in progress (${settled} of ${state.steps.length} steps done)`;
    }
    case 'ready':
      return 'has a GO but no step started';
    default:
      return 'has not started';
  }
}
