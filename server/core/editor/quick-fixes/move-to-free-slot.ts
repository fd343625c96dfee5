// RB009, RB012, RB014, RB019: move the window to the next free slot, rewriting `start` and `end`
// in the notation the file used (a `duration` stays as it is).
import { formatInstant } from '../../time';
import type { QuickFix, TextEdit } from '../editor-types';
import { formatInstantLike } from '../instant-notation';
import { nextFreeSlot } from '../next-free-slot';
import { innerRange } from '../symbols';
import type { FixContext } from './fix-context';

export function moveToFreeSlot(ctx: FixContext): QuickFix | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook' || !model.window.start) return undefined;
  const window = ctx.index.windowOf(model);
  const slot = nextFreeSlot(ctx.index, model);
  if (!window || !slot.ok || slot.start === window.start) return undefined;
  const zone = ctx.index.zoneFor(model);
  const edits: TextEdit[] = [{ range: innerRange(ctx.file, model.window.start.valueRange), newText: formatInstantLike(model.window.start.text, slot.start, zone) }];
  if (model.window.end && !model.window.duration) {
    edits.push({ range: innerRange(ctx.file, model.window.end.valueRange), newText: formatInstantLike(model.window.end.text, slot.end, zone) });
  }
  return {
    title: `Move the window to the next free slot: ${formatInstant(slot.start, slot.zone)}`,
    edit: { changes: { [ctx.uri]: edits } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}
