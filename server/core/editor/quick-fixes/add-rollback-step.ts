// RB010: add a rollback step stub under rollback.steps and link the step to it.
// RB006 (a step's `rollback` names a missing step): create that rollback step.
import { isSeq } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import { idItemsOf, RunbookModel, StepModel } from '../../model';
import { containsPosition } from '../../text-range';
import type { QuickFix, TextEdit } from '../editor-types';
import { dashColumnOf, dashColumnUnder, FixContext, insertAfter, keyColumn, lastLine, uniqueId } from './fix-context';

export function stepOfDiagnostic(ctx: FixContext): StepModel | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook') return undefined;
  const at = ctx.diagnostic.range.start;
  return (
    model.steps.find((s) => (s.id ? containsPosition(s.id.valueRange, at) : false)) ??
    model.steps.find((s) => containsPosition(s.range, at))
  );
}

export function addRollbackStub(ctx: FixContext): QuickFix | undefined {
  const model = ctx.file.model;
  const step = stepOfDiagnostic(ctx);
  if (model.kind !== 'runbook' || !step || step.rollback) return undefined;
  const stepName = step.id?.text ?? `step-${step.index + 1}`;
  const taken = new Set(
    idItemsOf(model)
      .map(({ item }) => item.id?.text)
      .filter((t): t is string => !!t),
  );
  const id = uniqueId(taken, `rollback-${stepName}`);
  const link = linkEdit(ctx, step, id);
  const stub = rollbackStepEdit(ctx, model, id, step);
  if (!link || !stub) return undefined;
  return {
    title: `Add rollback step "${id}" for "${stepName}" and link it`,
    edit: { changes: { [ctx.uri]: [link, stub] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

export function createMissingRollbackStep(ctx: FixContext): QuickFix | undefined {
  const model = ctx.file.model;
  const name = typeof ctx.diagnostic.data?.reference === 'string' ? ctx.diagnostic.data.reference : undefined;
  if (model.kind !== 'runbook' || ctx.diagnostic.data?.kind !== 'rollback-step' || !name) return undefined;
  if (model.rollback.steps.some((s) => s.id?.text === name)) return undefined;
  const step = model.steps.find(
    (s) => s.rollback && containsPosition(s.rollback.valueRange, ctx.diagnostic.range.start),
  );
  const stub = rollbackStepEdit(ctx, model, name, step);
  if (!stub) return undefined;
  return {
    title: `Create rollback step "${name}"`,
    edit: { changes: { [ctx.uri]: [stub] } },
    diagnostics: [ctx.diagnostic],
  };
}

/** `rollback: <id>` as the step's last key. */
function linkEdit(ctx: FixContext, step: StepModel, id: string): TextEdit | undefined {
  const col = keyColumn(ctx, step.node);
  const end = lastLine(ctx, step.node);
  if (col === undefined || end === undefined) return undefined;
  return insertAfter(ctx, end, col, [`rollback: ${id}`]);
}

function stubLines(id: string, step: StepModel | undefined): string[] {
  const what = step?.id?.text ?? 'the step';
  return [
    `- id: ${id}`,
    `  title: ${plainOrQuoted(`Undo ${what}`)}`,
    `  # TODO: the command that undoes "${what}", as "run: ..."`,
  ];
}

/** A new entry of rollback.steps, creating `steps:` or `rollback:` when they are missing. */
export function rollbackStepEdit(
  ctx: FixContext,
  model: RunbookModel,
  id: string,
  step: StepModel | undefined,
): TextEdit | undefined {
  const lines = stubLines(id, step);
  const unit = ctx.style.unit;
  const section = model.rollback.section;
  const stepsSection = model.rollback.stepsSection;
  const stepsNode = stepsSection?.node as Node | null | undefined;
  if (stepsSection && isSeq(stepsNode) && (stepsNode as YAMLSeq).items.length > 0) {
    const seq = stepsNode as YAMLSeq;
    const lastItem = seq.items[seq.items.length - 1] as Node;
    const first = seq.items[0] as Node;
    const firstLine = first.range ? ctx.file.source.lineCounter.linePos(first.range[0]).line - 1 : undefined;
    const dashCol = firstLine !== undefined ? dashColumnOf(ctx, firstLine) : undefined;
    const end = lastLine(ctx, lastItem);
    if (end === undefined) return undefined;
    return insertAfter(ctx, end, dashCol ?? dashColumnUnder(ctx, stepsSection.keyRange.start.character), lines);
  }
  if (stepsSection) {
    // `steps:` with nothing under it.
    return insertAfter(
      ctx,
      stepsSection.keyRange.start.line,
      dashColumnUnder(ctx, stepsSection.keyRange.start.character),
      lines,
    );
  }
  if (section) {
    const keyCol = section.keyRange.start.character;
    const innerCol = keyCol + unit;
    const node = section.node;
    const end = node ? lastLine(ctx, node) : section.keyRange.start.line;
    if (end === undefined) return undefined;
    const dashCol = ctx.style.indentedSequences ? innerCol + unit : innerCol;
    return insertAfter(ctx, end, 0, [' '.repeat(innerCol) + 'steps:', ...lines.map((l) => ' '.repeat(dashCol) + l)]);
  }
  // No rollback section: add one after the steps.
  return rollbackSectionAfterSteps(ctx, model, (innerCol, dashCol) => [
    ' '.repeat(innerCol) + 'steps:',
    ...lines.map((l) => ' '.repeat(dashCol) + l),
  ]);
}

/**
 * A new `rollback:` section after the runbook's steps (or its last line), its body from `body`
 * given the columns of the section's keys and of its list dashes.
 */
export function rollbackSectionAfterSteps(
  ctx: FixContext,
  model: RunbookModel,
  body: (innerCol: number, dashCol: number) => string[],
): TextEdit | undefined {
  const stepsKey = model.sections.get('steps');
  const rootCol = stepsKey?.keyRange.start.character ?? 0;
  const after = stepsKey?.node ? lastLine(ctx, stepsKey.node) : lastContentLine(ctx);
  if (after === undefined) return undefined;
  const innerCol = rootCol + ctx.style.unit;
  const dashCol = ctx.style.indentedSequences ? innerCol + ctx.style.unit : innerCol;
  return insertAfter(ctx, after, 0, ['', ' '.repeat(rootCol) + 'rollback:', ...body(innerCol, dashCol)]);
}

export function lastContentLine(ctx: FixContext): number {
  for (let i = ctx.lines.length - 1; i >= 0; i--) if (ctx.lines[i].trim() !== '') return i;
  return 0;
}

function plainOrQuoted(text: string): string {
  return /^[\w(][^:#]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}
