// `lint`: the runbook has no errors under the editor's rules, and neither do the calendars the
// freeze and maintenance answers come from (a broken freeze entry is left out of the calendar,
// which must not open the gate).
import type { SeverityOverrides } from '../diagnostics';
import { lintFile } from '../run-rules';
import { failed, GateCheck, GateContext, passed } from './gate-check';

export function lintCheck(ctx: GateContext, severityOverrides: SeverityOverrides = {}): GateCheck {
  const files = [ctx.runbook.uri, ...ctx.index.calendars().map((c) => c.uri)];
  const errors = files.flatMap((uri) =>
    lintFile(ctx.index, uri, { severityOverrides })
      .filter((d) => d.severity === 'error')
      .map((d) => ({ ...d, name: fileName(uri) })),
  );
  if (!errors.length)
    return passed('lint', `No errors in ${fileName(ctx.runbook.uri)}${files.length > 1 ? ' or the calendar' : ''}`);
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return failed(
    'lint',
    `${errors.length} error${errors.length === 1 ? '' : 's'}: ${first.name}:${first.range.start.line + 1} ${first.code} ${first.message}${more}`,
  );
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
