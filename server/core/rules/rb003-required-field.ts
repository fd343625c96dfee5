import { isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import { DSL, ObjectName } from '../dsl-schema';
import { pairKey } from '../source-file';
import { walkSchema } from '../schema-walk';
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
};

export const requiredField: Rule = {
  code: 'RB003',
  severity: 'error',
  description: 'required field missing',
  appliesTo: 'both',
  check(ctx) {
    const file = ctx.file.source;
    const contents = file.doc.contents;
    const isEmpty = contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
    if (file.kind === 'runbook' && isEmpty && file.syntaxProblems.length === 0) {
      const required = requiredKeys('runbook');
      ctx.report({ range: emptyRange, message: `The runbook file is empty: a runbook needs ${listWords(required)}`, data: { missing: required } });
      return;
    }
    walkSchema(file, {
      object(map, object, anchor) {
        const present = keysOf(map);
        const missing = requiredKeys(object).filter((k) => !present.has(k));
        const name = OBJECT_NAMES[object] ?? `the ${object}`;
        for (const key of missing) {
          ctx.report({ range: anchor, message: `Required key "${key}" is missing from ${name}${idSuffix(map)}`, data: { missing: key, object } });
        }
        if (object === 'window') checkWindow(ctx, present, anchor);
        if (object === 'freeze' || object === 'maintenance') checkPeriod(ctx, map, present, anchor, name);
      },
      value(node, type, where) {
        // `steps:` with nothing, or an empty list: the runbook needs at least one step.
        if (where.object === 'runbook' && where.key === 'steps' && !where.inList) {
          const empty = node === null || (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0);
          if (empty) ctx.report({ range: where.keyRange, message: 'The runbook needs at least one step under "steps"', data: { missing: 'steps', object: 'runbook' } });
        }
        if (type.kind === 'object' && where.object === 'runbook' && where.key === 'window' && (node === null || (isScalar(node) && node.value === null))) {
          ctx.report({ range: where.keyRange, message: 'The window needs "start" and one of "end" or "duration"', data: { missing: 'start', object: 'window' } });
        }
      },
    });
  },
};

function requiredKeys(object: ObjectName): string[] {
  return Object.entries(DSL[object].fields).filter(([, spec]) => spec.required).map(([key]) => key);
}

function keysOf(map: YAMLMap): Set<string> {
  const keys = new Set<string>();
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = pairKey(item as Pair);
    if (key !== undefined) keys.add(key);
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

function checkWindow(ctx: RuleContext, present: Set<string>, anchor: Range): void {
  if (!present.has('end') && !present.has('duration')) {
    ctx.report({ range: anchor, message: 'The window needs "end" or "duration"', data: { missing: 'end', object: 'window' } });
  }
}

function checkPeriod(ctx: RuleContext, map: YAMLMap, present: Set<string>, anchor: Range, name: string): void {
  const id = idSuffix(map);
  if (present.has('rrule')) {
    for (const key of ['start-time', 'duration']) {
      if (!present.has(key)) {
        ctx.report({ range: anchor, message: `Required key "${key}" is missing from ${name}${id}: a recurring entry needs "rrule", "start-time" and "duration"`, data: { missing: key } });
      }
    }
  } else if (!present.has('start')) {
    ctx.report({ range: anchor, message: `${capitalize(name)}${id} needs "start" with "end" or "duration", or "rrule" with "start-time" and "duration"`, data: { missing: 'start' } });
  } else if (!present.has('end') && !present.has('duration')) {
    ctx.report({ range: anchor, message: `${capitalize(name)}${id} needs "end" or "duration"`, data: { missing: 'end' } });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
