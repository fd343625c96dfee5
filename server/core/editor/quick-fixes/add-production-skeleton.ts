// RB011, RB016, RB017: what a production runbook must name, as a skeleton to fill in: a rollback
// plan (trigger and a step), a verification check, the owner and the on-call. The placeholders say
// TODO in words, so a reviewer of the change request sees what was never filled in.
import type { RunbookModel } from '../../model';
import type { QuickFix, TextEdit } from '../editor-types';
import { FixContext, insertAfter, lastLine, uniqueId } from './fix-context';
import { lastContentLine, rollbackSectionAfterSteps, rollbackStepEdit } from './add-rollback-step';
import { idItemsOf } from '../../model';

const TRIGGER = 'trigger: "TODO: when to roll back, e.g. error rate above 2% for 5 minutes"';
const CHECK = 'check: "TODO: what shows the change works, e.g. the smoke tests pass"';

export function addRollbackPlan(ctx: FixContext): QuickFix | undefined {
  const model = runbookOf(ctx);
  if (!model) return undefined;
  const { section, trigger, stepsSection, steps } = model.rollback;
  const unit = ctx.style.unit;
  const id = uniqueId(takenIds(model), 'roll-back');
  const stepLines = [
    `- id: ${id}`,
    '  title: Roll back',
    '  # TODO: the command that restores the previous version, as "run: ..."',
  ];
  const edits: TextEdit[] = [];
  if (!section) {
    const edit = rollbackSectionAfterSteps(ctx, model, (inner, dash) => [
      pad(inner, TRIGGER),
      pad(inner, 'steps:'),
      ...stepLines.map((l) => pad(dash, l)),
    ]);
    if (!edit) return undefined;
    edits.push(edit);
  } else {
    const inner = section.keyRange.start.character + unit;
    const noTrigger = !trigger?.text.trim();
    if (noTrigger && trigger) return undefined; // an empty `trigger:` is the user's to fill; RB003 points at it
    if (!stepsSection && noTrigger) {
      const end = section.node ? lastLine(ctx, section.node) : section.keyRange.start.line;
      if (end === undefined) return undefined;
      const dash = ctx.style.indentedSequences ? inner + unit : inner;
      edits.push(
        insertAfter(ctx, end, 0, [pad(inner, TRIGGER), pad(inner, 'steps:'), ...stepLines.map((l) => pad(dash, l))]),
      );
    } else {
      if (noTrigger) edits.push(insertAfter(ctx, section.keyRange.start.line, inner, [TRIGGER]));
      if (steps.length === 0) {
        const stub = rollbackStepEdit(ctx, model, id, undefined);
        if (!stub) return undefined;
        edits.push(stub);
      }
    }
  }
  if (!edits.length) return undefined;
  return {
    title: 'Add a rollback plan skeleton (trigger and a step to fill in)',
    edit: { changes: { [ctx.uri]: edits } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

export function addVerification(ctx: FixContext): QuickFix | undefined {
  const model = runbookOf(ctx);
  if (!model || model.verification.length) return undefined;
  const section = model.sections.get('verification');
  const id = uniqueId(takenIds(model), 'smoke-test');
  const entry = [`- id: ${id}`, `  ${CHECK}`];
  const unit = ctx.style.unit;
  let edit: TextEdit | undefined;
  if (section) {
    // `verification:` with nothing under it gets the entry; `verification: []` is left to the user.
    if (/:\s*[^\s#]/.test(ctx.lines[section.keyRange.start.line])) return undefined;
    const col = section.keyRange.start.character;
    edit = insertAfter(ctx, section.keyRange.start.line, ctx.style.indentedSequences ? col + unit : col, entry);
  } else {
    const rootCol = model.sections.get('steps')?.keyRange.start.character ?? 0;
    const dash = ctx.style.indentedSequences ? rootCol + unit : rootCol;
    edit = insertAfter(ctx, lastContentLine(ctx), 0, [
      '',
      pad(rootCol, 'verification:'),
      ...entry.map((l) => pad(dash, l)),
    ]);
  }
  return {
    title: 'Add a verification check to fill in',
    edit: { changes: { [ctx.uri]: [edit] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

export function addOwnerAndOnCall(ctx: FixContext): QuickFix | undefined {
  const model = runbookOf(ctx);
  const environment = model?.fields.get('environment');
  if (!model || !environment) return undefined;
  // A key written with an empty value is left to the user: inserting a second one would duplicate it.
  const missing = ['owner', 'on-call'].filter((key) => !model.fields.get(key)?.text.trim());
  if (!missing.length || missing.some((key) => model.fields.has(key))) return undefined;
  const placeholder: Record<string, string> = {
    owner: 'owner: "@TODO"   # the release owner\'s GitHub handle',
    'on-call': 'on-call: "@TODO"   # who is on call during the window',
  };
  const edit = insertAfter(
    ctx,
    environment.keyRange.start.line,
    environment.keyRange.start.character,
    missing.map((key) => placeholder[key]),
  );
  return {
    title: `Add ${missing.map((m) => `"${m}"`).join(' and ')} to fill in`,
    edit: { changes: { [ctx.uri]: [edit] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

function runbookOf(ctx: FixContext): RunbookModel | undefined {
  const model = ctx.file.model;
  return model.kind === 'runbook' ? model : undefined;
}

function takenIds(model: RunbookModel): Set<string> {
  return new Set(
    idItemsOf(model)
      .map(({ item }) => item.id?.text)
      .filter((t): t is string => !!t),
  );
}

function pad(col: number, text: string): string {
  return ' '.repeat(col) + text;
}
