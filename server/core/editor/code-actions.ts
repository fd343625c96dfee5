// Quick fixes, keyed on diagnostic codes. Each fix is a pure function of the index and one
// diagnostic; the same fix offered for several diagnostics (moving a window) is offered once.
import type { WorkspaceIndex } from '../workspace-index';
import type { DiagnosticRef, QuickFix } from './editor-types';
import { addRollbackStub, createMissingRollbackStep } from './quick-fixes/add-rollback-step';
import { fixContext, FixContext } from './quick-fixes/fix-context';
import { insertRequiredKey } from './quick-fixes/insert-required-key';
import { markIrreversible } from './quick-fixes/mark-irreversible';
import { addOwnerAndOnCall, addRollbackPlan, addVerification } from './quick-fixes/add-production-skeleton';
import { moveToEarliestSlot, moveToFreeSlot } from './quick-fixes/move-to-free-slot';
import { replaceWithSuggestion } from './quick-fixes/replace-with-suggestion';
import { splitLines } from './yaml-lines';

type Fixer = (ctx: FixContext) => QuickFix | undefined;

const FIXES: Record<string, Fixer[]> = {
  RB002: [replaceWithSuggestion],
  RB003: [insertRequiredKey],
  RB004: [replaceWithSuggestion],
  RB006: [replaceWithSuggestion, createMissingRollbackStep],
  RB009: [moveToFreeSlot, moveToEarliestSlot],
  RB010: [addRollbackStub, markIrreversible],
  RB011: [addRollbackPlan],
  RB012: [moveToFreeSlot, moveToEarliestSlot],
  RB014: [moveToFreeSlot, moveToEarliestSlot],
  RB016: [addVerification],
  RB017: [addOwnerAndOnCall],
  RB018: [replaceWithSuggestion],
  RB019: [moveToFreeSlot, moveToEarliestSlot],
};

/** `onError` hears about a fix that threw; the other fixes are still offered. */
export function quickFixes(
  index: WorkspaceIndex,
  uri: string,
  diagnostics: DiagnosticRef[],
  onError?: (code: string, error: unknown) => void,
): QuickFix[] {
  const file = index.get(uri);
  if (!file) return [];
  const lines = splitLines(file.source.text);
  const out: QuickFix[] = [];
  for (const diagnostic of diagnostics) {
    const fixers = FIXES[diagnostic.code];
    if (!fixers) continue;
    const ctx = fixContext(index, uri, diagnostic, lines);
    if (!ctx) continue;
    for (const fixer of fixers) {
      let fix: QuickFix | undefined;
      try {
        fix = fixer(ctx);
      } catch (error) {
        onError?.(diagnostic.code, error);
      }
      if (!fix) continue;
      const same = out.find((f) => f.title === fix!.title && JSON.stringify(f.edit) === JSON.stringify(fix!.edit));
      if (same) same.diagnostics.push(...fix.diagnostics);
      else out.push(fix);
    }
  }
  return out;
}
