// `go`: a GO decision is recorded in the release record and no NO-GO came after it. Decisions
// recorded after the instant asked about do not count (an `--at` in the past sees the past).
import { readReleaseRecord } from '../release/release-record';
import { parseInstant } from '../time';
import { failed, GateCheck, GateContext, passed } from './gate-check';

export function goCheck(ctx: GateContext): GateCheck {
  const zone = ctx.index.zoneFor(ctx.runbook);
  const decisions = readReleaseRecord(ctx.runbook).decisions.filter((d) => {
    const at = d.at ? parseInstant(d.at, zone) : undefined;
    return !at || !at.ok || at.value.toMillis() <= ctx.at;
  });
  const last = decisions[decisions.length - 1];
  const who = (d: { by?: string; at?: string }) => `${d.by ? ` by ${d.by}` : ''}${d.at ? ` at ${d.at}` : ''}`;
  if (!last) return failed('go', 'No GO decision recorded');
  if (last.decision === 'no-go') {
    const earlierGo = decisions.some((d) => d.decision === 'go');
    return failed(
      'go',
      `NO-GO given${who(last)}${earlierGo ? ' after the GO' : ''}${last.reason ? `: ${last.reason}` : ''}`,
    );
  }
  return passed('go', `GO given${who(last)}`);
}
