import { isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { DSL, ObjectName } from '../dsl-schema';
import { nodeRange, pairKey } from '../source-file';
import { isEmptyValue, walkSchema } from '../schema-walk';
import { emptyRange, Range } from '../text-range';
import type { Rule, RuleContext } from './rule';
import { listWords } from './rule-helpers';

const OBJECT_NAMES: Partial<Record<ObjectName, string>> = {
  runbook: 'the runbook',
  window: 'the window',
  precondition: 'a precondition',
  step: 'a step',
  'verify-check': 'a verify check',
  'rollback-step': 'a rollback step',
  'verification-check': 'a verification check',
  outcome: 'the outcome',
  environment: 'an environment',
  freeze: 'a freeze',
  maintenance: 'a maintenance window',
  booking: 'a booking',
  'release-confirmation': 'a precondition confirmation of the release record',
  'release-decision': 'a go/no-go decision of the release record',
  'gate-result': 'a go/no-go gate',
  'release-step': 'a step entry of the release record',
  'release-verification': 'a verification entry of the release record',
  'change-commits': 'change.commits',
  channel: 'an announcement channel',
  'release-announcement': 'an announcement entry of the release record',
};

export const requiredField: Rule = {
  code: 'RB003',
  severity: 'error',
  description: 'required field missing',
  appliesTo: 'both',
  fileOnly: true,
  check(ctx) {
    const file = ctx.file.source;
    const contents = file.doc.contents;
    const isEmpty = contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
    if (file.kind === 'runbook' && isEmpty && file.syntaxProblems.length === 0) {
      const required = [...requiredKeys('runbook')];
      ctx.report({
        range: emptyRange,
        message: `The runbook file is empty: a runbook needs ${listWords(required, 'and')}`,
        data: { missing: required },
      });
      return;
    }
    walkSchema(file, {
      object(map, object, anchor) {
        const present = keysOf(map);
        const name = OBJECT_NAMES[object] ?? `the ${object}`;
        for (const key of requiredKeys(object)) {
          const pair = present.get(key);
          if (!pair) {
            ctx.report({
              range: anchor(),
              message: `Required key "${key}" is missing from ${name}${idSuffix(map)}`,
              data: { missing: key, object },
            });
          } else if (isEmptyValue(pair.value as Node | null) && key !== 'steps') {
            // `title:` with nothing after it is as good as no title. (An empty `steps:` is told below.)
            const range = nodeRange(file, pair.key as Node) ?? anchor();
            ctx.report({
              range,
              message: `Required key "${key}" of ${name}${idSuffix(map)} has no value`,
              data: { empty: key, object },
            });
          }
        }
        if (object === 'window') checkWindow(ctx, present, anchor);
        if (object === 'freeze' || object === 'maintenance' || object === 'booking')
          checkPeriod(ctx, map, present, anchor, name);
      },
      value(node, _type, where) {
        // `steps:` with nothing, or an empty list: the runbook needs at least one step.
        if (where.object === 'runbook' && where.key === 'steps' && !where.inList) {
          const empty =
            node === null || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0);
          if (empty)
            ctx.report({
              range: where.keyRange(),
              message: 'The runbook needs at least one step under "steps"',
              data: { missing: 'steps', object: 'runbook' },
            });
        }
      },
    });
  },
};

// Asked for every map of every file: computed once per object (the DSL is fixed).
const requiredKeysByObject = new Map<ObjectName, string[]>();

function requiredKeys(object: ObjectName): string[] {
  let keys = requiredKeysByObject.get(object);
  if (!keys) {
    keys = Object.entries(DSL[object].fields)
      .filter(([, spec]) => spec.required)
      .map(([key]) => key);
    requiredKeysByObject.set(object, keys);
  }
  return keys;
}

function keysOf(map: YAMLMap): Map<string, Pair> {
  const keys = new Map<string, Pair>();
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = pairKey(item as Pair);
    if (key !== undefined && !keys.has(key)) keys.set(key, item as Pair);
  }
  return keys;
}

function idSuffix(map: YAMLMap): string {
  for (const item of map.items) {
    if (isPair(item) && pairKey(item as Pair) === 'id' && isScalar((item as Pair).value)) {
      return ` "${String(((item as Pair).value as { value: unknown }).value)}"`;
    }
  }
  return '';
}

function checkWindow(ctx: RuleContext, present: Map<string, Pair>, anchor: () => Range): void {
  if (!present.has('end') && !present.has('duration')) {
    ctx.report({
      range: anchor(),
      message: 'The window needs "end" or "duration"',
      data: { missing: 'end', object: 'window' },
    });
  }
}

function checkPeriod(
  ctx: RuleContext,
  map: YAMLMap,
  present: Map<string, Pair>,
  anchor: () => Range,
  name: string,
): void {
  const id = idSuffix(map);
  if (present.has('rrule')) {
    for (const key of ['start-time', 'duration']) {
      if (!present.has(key)) {
        ctx.report({
          range: anchor(),
          message: `Required key "${key}" is missing from ${name}${id}: a recurring entry needs "rrule", "start-time" and "duration"`,
          data: { missing: key },
        });
      }
    }
  } else if (!present.has('start')) {
    ctx.report({
      range: anchor(),
      message: `${capitalize(name)}${id} needs "start" with "end" or "duration", or "rrule" with "start-time" and "duration"`,
      data: { missing: 'start' },
    });
  } else if (!present.has('end') && !present.has('duration')) {
    ctx.report({
      range: anchor(),
      message: `${capitalize(name)}${id} needs "end" or "duration"`,
      data: { missing: 'end' },
    });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
