import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar } from 'yaml';
import { ScalarFormat, TypeSpec } from '../dsl-schema';
import { nodeRange, pairKey } from '../source-file';
import { isEmptyValue, walkSchema } from '../schema-walk';
import { isValidTimeZone, parseDate, parseDuration, parseInstant, parseTimeOfDay } from '../time';
import { parseRRule } from '../recurrence';
import { Range } from '../text-range';
import type { Rule } from './rule';
import { didYouMean, listWords, nearest } from './rule-helpers';

const RUNBOOK_ID = /^[a-z0-9][a-z0-9-]*$/;
const TICKET = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+#\d+$/;

let zoneNames: string[] | undefined;
function knownZones(): string[] {
  zoneNames ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zoneNames;
}

export const wrongValue: Rule = {
  code: 'RB004',
  severity: 'error',
  description: 'wrong type or value: enum, id pattern, instant, duration, time zone, rrule',
  appliesTo: 'both',
  fileOnly: true,
  check(ctx) {
    const file = ctx.file.source;
    const contents = file.doc.contents;
    if (contents && !isMap(contents) && !(isScalar(contents) && (contents.value === null || contents.value === ''))) {
      const range = nodeRange(file, contents);
      if (range) {
        const what = isSeq(contents) ? 'a list' : 'a single value';
        ctx.report({
          range: firstLineOf(range),
          message: `A ${file.kind} file must be a map of keys (such as "${file.kind}: …"), not ${what}`,
        });
      }
      return;
    }
    walkSchema(file, {
      object(map, object) {
        // Exactly one of end/duration; a recurring entry has no start/end.
        const keys = new Map<string, Pair>();
        for (const item of map.items) if (isPair(item)) keys.set(pairKey(item as Pair) ?? '', item as Pair);
        const report = (key: string, message: string) => {
          const pair = keys.get(key);
          const range = pair && nodeRange(file, pair.key as Node);
          if (range) ctx.report({ range, message });
        };
        if (object === 'window' && keys.has('end') && keys.has('duration')) {
          report('duration', 'The window has both "end" and "duration"; give exactly one of them');
        }
        if (object === 'freeze' || object === 'maintenance' || object === 'booking') {
          if (keys.has('rrule')) {
            for (const key of ['start', 'end'])
              if (keys.has(key)) report(key, `A recurring entry takes "start-time" and "duration", not "${key}"`);
          } else if (keys.has('end') && keys.has('duration')) {
            report('duration', `The ${object} has both "end" and "duration"; give exactly one of them`);
          }
        }
      },
      value(node, type, where) {
        // An empty value is no value: required ones are RB003's.
        if (isEmptyValue(node)) return;
        // Worked out only for a report: values are many, problems few.
        let computed: Range | undefined;
        const at = (): Range => (computed ??= (node && nodeRange(file, node)) ?? where.keyRange());
        const label = where.key;
        if (type.kind === 'object') {
          if (!isMap(node))
            ctx.report({ range: at(), message: `"${label}" must be a map of keys, not ${describe(node)}` });
          return;
        }
        if (type.kind === 'list') {
          if (!isSeq(node))
            ctx.report({
              range: at(),
              message: `"${label}" must be a list${type.item.kind === 'object' ? ' of entries starting with "- "' : ''}, not ${describe(node)}`,
            });
          return;
        }
        if (!isScalar(node)) {
          ctx.report({ range: at(), message: `"${label}" must be a single value, not ${describe(node)}` });
          return;
        }
        const problem = checkScalar(node as Scalar, type);
        if (problem)
          ctx.report({
            range: at(),
            message: `${where.inList ? `An entry of "${label}"` : `"${label}"`}: ${problem.message}`,
            data: problem.suggestion ? { suggestion: problem.suggestion } : undefined,
          });
      },
    });
  },
};

function checkScalar(
  node: Scalar,
  type: TypeSpec & { kind: 'scalar' },
): { message: string; suggestion?: string } | undefined {
  const raw = node.value;
  const text = typeof raw === 'string' ? raw : String(raw);
  const format: ScalarFormat = type.format;
  switch (format) {
    case 'enum': {
      const values = type.values ?? [];
      if (values.includes(text)) return undefined;
      const suggestion = nearest(text, values);
      return {
        message: `"${text}" is not one of ${listWords(values.map(String))}${didYouMean(suggestion)}`,
        suggestion,
      };
    }
    case 'runbook-id':
      return RUNBOOK_ID.test(text)
        ? undefined
        : {
            message: `"${text}" is not a valid id: use lower-case letters, digits and dashes, starting with a letter or digit`,
          };
    case 'instant': {
      const parsed = parseInstant(text, 'UTC');
      return parsed.ok ? undefined : { message: parsed.error };
    }
    case 'duration': {
      const parsed = parseDuration(text);
      return parsed.ok ? undefined : { message: parsed.error };
    }
    case 'timezone': {
      if (isValidTimeZone(text)) return undefined;
      const suggestion = nearest(text, knownZones());
      return {
        message: `"${text}" is not a known IANA time zone such as Europe/Berlin${didYouMean(suggestion)}`,
        suggestion,
      };
    }
    case 'rrule': {
      const parsed = parseRRule(text);
      return parsed.ok ? undefined : { message: parsed.error };
    }
    case 'time-of-day': {
      const parsed = parseTimeOfDay(text);
      return parsed.ok ? undefined : { message: parsed.error };
    }
    case 'date': {
      const parsed = parseDate(text);
      return parsed.ok ? undefined : { message: parsed.error };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? undefined : { message: `"${text}" must be true or false` };
    case 'ticket':
      return TICKET.test(text) ? undefined : { message: `"${text}" is not a ticket such as acme/releases#123` };
    default:
      return undefined;
  }
}

function describe(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the value "${String(node.value)}"`;
  return 'this';
}

function firstLineOf(range: Range): Range {
  if (range.start.line === range.end.line) return range;
  return { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } };
}
