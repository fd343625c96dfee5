import type { Range } from './text-range';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface RunbookDiagnostic {
  uri: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  /** Facts a quick fix needs (a suggested name, a missing key, ...). */
  data?: Record<string, unknown>;
}

/** Per-code severity overrides; `off` silences a code. */
export type SeverityOverrides = Record<string, Severity | 'off'>;
