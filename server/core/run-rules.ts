// Runs every rule over files of the workspace. A rule that throws is logged and skipped: the
// other rules still report, and the file still gets its diagnostics.
import { RunbookDiagnostic, Severity, SeverityOverrides } from './diagnostics';
import { ALL_RULES } from './rules';
import { fileTooLarge } from './rules/rb034-file-too-large';
import type { Finding, Rule } from './rules/rule';
import { dropDocument, hasDocument } from './source-file';
import { compareRanges } from './text-range';
import type { IndexedFile, WorkspaceIndex } from './workspace-index';

export interface LintOptions {
  severityOverrides?: SeverityOverrides;
  /** Where a rule's fault is told; defaults to stderr. */
  onRuleError?: (rule: Rule, file: IndexedFile, error: unknown) => void;
  rules?: readonly Rule[];
}

const TOO_LARGE_CODE = fileTooLarge.code;

export function lintFile(index: WorkspaceIndex, uri: string, options: LintOptions = {}): RunbookDiagnostic[] {
  const file = index.get(uri);
  if (!file) return [];
  const out: RunbookDiagnostic[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    if (rule.appliesTo !== 'both' && rule.appliesTo !== file.kind) continue;
    // A file over the size limit was not parsed: its size is all there is to say (RB034).
    if (file.source.tooLarge && rule.code !== TOO_LARGE_CODE) continue;
    const severity = effectiveSeverity(rule.code, rule.severity, options.severityOverrides);
    if (severity === 'off') continue;
    const report = (finding: Finding) => {
      // An override fixes the code's severity; a finding's own (RB009's justified emergency) applies otherwise.
      const findingSeverity = finding.severity
        ? effectiveSeverity(rule.code, finding.severity, options.severityOverrides)
        : severity;
      if (findingSeverity === 'off') return;
      out.push({
        uri,
        range: finding.range,
        severity: findingSeverity,
        code: rule.code,
        message: finding.message,
        ...(finding.data ? { data: finding.data } : {}),
      });
    };
    try {
      if (rule.fileOnly) for (const finding of fileOnlyFindings(index, file, rule)) report(finding);
      else rule.check({ index, file, report });
    } catch (error) {
      (options.onRuleError ?? defaultRuleError)(rule, file, error);
    }
  }
  return out.sort((a, b) => compareRanges(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A file-only rule's findings on the file, computed once per text (a rule that throws is not remembered). */
function fileOnlyFindings(index: WorkspaceIndex, file: IndexedFile, rule: Rule): Finding[] {
  const cached = file.fileOnlyFindings?.get(rule.code);
  if (cached) return cached;
  const found: Finding[] = [];
  rule.check({ index, file, report: (finding) => void found.push(finding) });
  (file.fileOnlyFindings ??= new Map()).set(rule.code, found.length ? found : NONE);
  return found;
}

const NONE: Finding[] = [];

/**
 * Lets go of a file's parsed document once the rules that read it have run (the server does this
 * for files that are not open): what remains is the text, the model and those rules' findings,
 * about a third of the memory. Whatever reads the document later parses it again.
 */
export function releaseDocument(
  index: WorkspaceIndex,
  uri: string,
  options: { onRuleError?: LintOptions['onRuleError'] } = {},
): void {
  const file = index.get(uri);
  if (!file || !hasDocument(file.source)) return;
  for (const rule of ALL_RULES) {
    if (!rule.fileOnly || (rule.appliesTo !== 'both' && rule.appliesTo !== file.kind)) continue;
    try {
      fileOnlyFindings(index, file, rule);
    } catch (error) {
      (options.onRuleError ?? defaultRuleError)(rule, file, error);
    }
  }
  dropDocument(file.source);
}

export function lintWorkspace(index: WorkspaceIndex, options: LintOptions = {}): Map<string, RunbookDiagnostic[]> {
  const result = new Map<string, RunbookDiagnostic[]>();
  for (const uri of index.uris().sort()) result.set(uri, lintFile(index, uri, options));
  return result;
}

function effectiveSeverity(
  code: string,
  fallback: Severity,
  overrides: SeverityOverrides | undefined,
): Severity | 'off' {
  return overrides?.[code] ?? fallback;
}

function defaultRuleError(rule: Rule, file: IndexedFile, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`runbook: rule ${rule.code} failed on ${file.uri}: ${detail}\n`);
}
