// RB010: acknowledge that the step has no rollback, with `irreversible: true`.
import type { QuickFix } from '../editor-types';
import { stepOfDiagnostic } from './add-rollback-step';
import { FixContext, insertAfter, keyColumn, lastLine } from './fix-context';

export function markIrreversible(ctx: FixContext): QuickFix | undefined {
  const step = stepOfDiagnostic(ctx);
  if (!step || step.rollback) return undefined;
  const name = step.id?.text ?? `number ${step.index + 1}`;
  // `irreversible: false` is there: flip it rather than add a second key.
  if (step.irreversible) {
    return {
      title: `Mark step "${name}" irreversible`,
      edit: { changes: { [ctx.uri]: [{ range: step.irreversible.valueRange, newText: 'true' }] } },
      diagnostics: [ctx.diagnostic],
    };
  }
  const col = keyColumn(ctx, step.node);
  const end = lastLine(ctx, step.node);
  if (col === undefined || end === undefined) return undefined;
  return {
    title: `Mark step "${name}" irreversible`,
    edit: { changes: { [ctx.uri]: [insertAfter(ctx, end, col, ['irreversible: true'])] } },
    diagnostics: [ctx.diagnostic],
  };
}
