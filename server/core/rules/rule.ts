// What a rule is: one code, one default severity, one check over one file of the workspace.
import type { Severity } from '../diagnostics';
import type { CalendarModel, RunbookModel } from '../model';
import type { Range } from '../text-range';
import type { IndexedFile, WorkspaceIndex } from '../workspace-index';

export interface Finding {
  range: Range;
  message: string;
  /** Overrides the rule's default for this finding (RB009 for a justified emergency). */
  severity?: Severity;
  data?: Record<string, unknown>;
}

export interface RuleContext {
  index: WorkspaceIndex;
  file: IndexedFile;
  report(finding: Finding): void;
}

export interface Rule {
  code: string;
  severity: Severity;
  /** One line for docs and `--help`. */
  description: string;
  /** Which files the rule reads; it reports on that file only. */
  appliesTo: 'runbook' | 'calendar' | 'both';
  /**
   * The findings depend on this file's text alone (syntax, keys, value types): they are kept with
   * the parsed file, so the file's document can be dropped and the rule not run again until the
   * file changes. Rules that read other files or the calendar must not say so.
   */
  fileOnly?: true;
  check(ctx: RuleContext): void;
}

export function runbookOf(ctx: RuleContext): RunbookModel | undefined {
  return ctx.file.model.kind === 'runbook' ? ctx.file.model : undefined;
}

export function calendarOf(ctx: RuleContext): CalendarModel | undefined {
  return ctx.file.model.kind === 'calendar' ? ctx.file.model : undefined;
}
