import { MAX_FILE_BYTES } from '../source-file';
import type { Rule } from './rule';

/** The one finding a file over the size limit gets: it is not parsed, so no other rule reads it. */
export const fileTooLarge: Rule = {
  code: 'RB034',
  severity: 'error',
  description: 'file larger than 5 MB: not parsed or checked',
  appliesTo: 'both',
  fileOnly: true,
  check(ctx) {
    if (!ctx.file.source.tooLarge) return;
    const text = ctx.file.source.text;
    const firstLine = text.slice(0, Math.min(200, text.length)).split(/\r?\n/)[0];
    ctx.report({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
      message: `This file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, the limit for a runbook or calendar: it is not parsed or checked. Split it into several files.`,
    });
  },
};
