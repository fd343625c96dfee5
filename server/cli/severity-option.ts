import { SEVERITIES, SeverityOverrides } from '../core/diagnostics';
import { ALL_RULES } from '../core/rules';

/** `RB014=error,RB020=off` → overrides, or an error that says what is wrong. */
export function parseSeverityOption(value: string): { overrides: SeverityOverrides } | { error: string } {
  const overrides: SeverityOverrides = {};
  const codes = new Set(ALL_RULES.map((r) => r.code));
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [code, level] = part.split('=').map((s) => s?.trim());
    if (!code || !level) return { error: `"${part}" is not CODE=LEVEL (for example RB014=error)` };
    const upper = code.toUpperCase();
    if (!codes.has(upper)) return { error: `unknown rule code "${code}"` };
    if (level !== 'off' && !SEVERITIES.includes(level as never)) {
      return { error: `unknown level "${level}" for ${upper}; use error, warning, information, hint or off` };
    }
    overrides[upper] = level as SeverityOverrides[string];
  }
  return { overrides };
}
