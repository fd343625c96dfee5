import { DSL } from '../dsl-schema';
import { keyRange, nodeRange } from '../source-file';
import { walkSchema } from '../schema-walk';
import type { Rule } from './rule';
import { didYouMean, nearest } from './rule-helpers';

export const unknownKey: Rule = {
  code: 'RB002',
  severity: 'warning',
  description: 'unknown key (the message suggests the nearest known key)',
  appliesTo: 'both',
  fileOnly: true,
  check(ctx) {
    const file = ctx.file.source;
    walkSchema(file, {
      key(pair, key, spec, object) {
        if (spec) return;
        const range = keyRange(file, pair) ?? nodeRange(file, pair.value as never);
        if (!range) return;
        const known = Object.keys(DSL[object].fields);
        const suggestion = key === undefined ? undefined : nearest(key, known);
        const noun = object.replace(/-/g, ' ');
        const where = `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
        const name = key === undefined ? 'This key' : `Unknown key "${key}"`;
        ctx.report({
          range,
          message: `${name} in ${where}${didYouMean(suggestion)}${suggestion ? '' : `; known keys: ${known.join(', ')}`}`,
          data: suggestion ? { suggestion } : undefined,
        });
      },
    });
  },
};
