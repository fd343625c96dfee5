// RB009, RB012, RB014, RB019: move the window to the next free slot, rewriting `start` and `end`
// in the notation the file used (a `duration` stays as it is). One fix keeps the window's time of
// day (22:00 stays 22:00, on the first free day); a second offers the earliest free instant when
// that is sooner. Out of a freeze the same time of day is preferred (the freeze's end is usually
// midnight); after a dependency or a clashing change the earliest is (right after it).
import { formatInstant } from '../../time';
import type { QuickFix, TextEdit } from '../editor-types';
import { formatInstantLike } from '../instant-notation';
import { FreeSlot, nextFreeSlot } from '../next-free-slot';
import { innerRange } from '../symbols';
import type { FixContext } from './fix-context';

export function moveToFreeSlot(ctx: FixContext): QuickFix | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook') return undefined;
  const sameTime = nextFreeSlot(ctx.index, model, { keepTimeOfDay: true });
  const earliest = nextFreeSlot(ctx.index, model);
  const sooner = earliest.ok && sameTime.ok && earliest.start < sameTime.start;
  return moveTo(
    ctx,
    sameTime,
    'Move the window to the next free slot at the same time of day',
    ctx.diagnostic.code === 'RB009' || !sooner,
  );
}

export function moveToEarliestSlot(ctx: FixContext): QuickFix | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook') return undefined;
  const sameTime = nextFreeSlot(ctx.index, model, { keepTimeOfDay: true });
  const earliest = nextFreeSlot(ctx.index, model);
  if (!earliest.ok || (sameTime.ok && sameTime.start <= earliest.start)) return undefined;
  return moveTo(ctx, earliest, 'Move the window to the earliest free slot', ctx.diagnostic.code !== 'RB009');
}

function moveTo(ctx: FixContext, slot: FreeSlot, title: string, isPreferred: boolean): QuickFix | undefined {
  const model = ctx.file.model;
  if (model.kind !== 'runbook' || !model.window.start) return undefined;
  const window = ctx.index.windowOf(model);
  if (!window || !slot.ok || slot.start === window.start) return undefined;
  const zone = ctx.index.zoneFor(model);
  const edits: TextEdit[] = [
    {
      range: innerRange(ctx.file, model.window.start.valueRange),
      newText: formatInstantLike(model.window.start.text, slot.start, zone),
    },
  ];
  if (model.window.end && !model.window.duration) {
    edits.push({
      range: innerRange(ctx.file, model.window.end.valueRange),
      newText: formatInstantLike(model.window.end.text, slot.end, zone),
    });
  }
  return {
    title: `${title}: ${formatInstant(slot.start, slot.zone)}`,
    edit: { changes: { [ctx.uri]: edits } },
    isPreferred,
    diagnostics: [ctx.diagnostic],
  };
}
