// RB002 (unknown key), RB006 (unknown reference), RB018 (unknown environment) and RB004 (a value
// with a near miss): replace the word by the nearest known one the rule suggested.
import type { QuickFix } from '../editor-types';
import { innerRange } from '../symbols';
import type { FixContext } from './fix-context';

export function replaceWithSuggestion(ctx: FixContext): QuickFix | undefined {
  const suggestion = ctx.diagnostic.data?.suggestion;
  if (typeof suggestion !== 'string' || suggestion === '') return undefined;
  const range = innerRange(ctx.file, ctx.diagnostic.range);
  const current = textAt(ctx, range);
  if (current === suggestion) return undefined;
  const what = ctx.diagnostic.code === 'RB002' ? 'key' : 'with';
  const title =
    what === 'key' ? `Change key "${current}" to "${suggestion}"` : `Replace "${current}" with "${suggestion}"`;
  return {
    title,
    edit: { changes: { [ctx.uri]: [{ range, newText: suggestion }] } },
    isPreferred: true,
    diagnostics: [ctx.diagnostic],
  };
}

function textAt(
  ctx: FixContext,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  if (range.start.line !== range.end.line) return '';
  return (ctx.lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
}
