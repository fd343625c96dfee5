// Core results in LSP's terms. The editor features already return LSP-shaped objects; only
// diagnostics (severity names, tags) and URIs need translating.
import type { RunbookDiagnostic, Severity } from '../core/diagnostics';
import type { Range } from '../core/text-range';

export const DIAGNOSTIC_SOURCE = 'runbook';

export interface LspDiagnostic {
  range: Range;
  severity: 1 | 2 | 3 | 4;
  code: string;
  source: string;
  message: string;
  data?: Record<string, unknown>;
  tags?: (1 | 2)[];
}

const SEVERITY: Record<Severity, LspDiagnostic['severity']> = { error: 1, warning: 2, information: 3, hint: 4 };
/** DiagnosticTag.Unnecessary: an unused rollback step is shown faded. */
const UNNECESSARY = 1 as const;

export function toLspDiagnostic(d: RunbookDiagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity] ?? 1,
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
    ...(d.code === 'RB020' ? { tags: [UNNECESSARY] } : {}),
  };
}

export function isOurCode(code: unknown): code is string {
  return typeof code === 'string' && /^RB\d{3}$/.test(code);
}

export function rangesMeet(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
