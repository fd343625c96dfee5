// Writes the two TextMate grammars (runbook.tmLanguage.json, runbook-calendar.tmLanguage.json)
// from dsl-schema.ts, so the highlighted keys, ids, references and enum values are the DSL's own.
// Run after changing the DSL: `npx tsx syntaxes/generate-grammars.ts`
// (a unit test fails while the JSON files on disk differ from what this produces).
//
// The grammars are self-contained YAML: comments, keys, strings, numbers, lists, block scalars
// highlight without VS Code's YAML extension, and the DSL's tokens get scopes of their own.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DSL, FieldSpec, ObjectName, TypeSpec } from '../server/core/dsl-schema';

export type GrammarLanguage = 'runbook' | 'runbook-calendar';

export const GRAMMAR_FILES: Record<GrammarLanguage, string> = {
  runbook: 'runbook.tmLanguage.json',
  'runbook-calendar': 'runbook-calendar.tmLanguage.json',
};

interface Rule {
  [key: string]: unknown;
}

// Value shapes, as the core's parsers accept them (time.ts), anchored by the rules that use them.
const INSTANT = String.raw`\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?`;
const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const TIME_OF_DAY = String.raw`\d{1,2}:\d{2}`;
const COMPACT_DURATION = String.raw`(?=\d+[dhms])(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?`;
const ISO_DURATION = String.raw`[Pp](?=\d|[Tt]\d)(?:\d+[YMWDymwd])*(?:[Tt](?:\d+(?:[.,]\d+)?[HMShms])+)?`;
const ID = String.raw`[A-Za-z0-9_][A-Za-z0-9_.-]*`;
const HANDLE = String.raw`(?<![\w.@/])@[A-Za-z0-9](?:[A-Za-z0-9_-]*)(?:/[A-Za-z0-9_.-]+)?`;
const TICKET = String.raw`[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#\d+`;
const TIMEZONE = String.raw`[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*`;

// What may follow a whole value on its line in block context: spaces, then a comment or the end.
const END_OF_VALUE = String.raw`(?=[ \t]*(?:#|$))`;
// A key line: indentation, an optional list dash, the key, the colon.
const KEY_PREFIX = String.raw`^([ \t]*)(?:(-)[ \t]+)?`;

/** Which keys of the DSL mean what, for one language. */
export interface KeyClasses {
  known: string[];
  /** Keys whose scalar value defines an id (step id, runbook id, environment name...). */
  definitions: string[];
  /** Keys whose scalar value names another id. */
  scalarReferences: string[];
  /** Keys whose list entries name other ids. */
  listReferences: string[];
  enums: Map<string, readonly string[]>;
  timezones: string[];
  rrules: string[];
  tickets: string[];
}

export function keyClasses(language: GrammarLanguage): KeyClasses {
  const fields = new Map<string, FieldSpec[]>();
  const visit = (name: ObjectName, seen: Set<ObjectName>) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const [key, field] of Object.entries(DSL[name].fields)) {
      fields.set(key, [...(fields.get(key) ?? []), field]);
      const object = objectIn(field.type);
      if (object) visit(object, seen);
    }
  };
  visit(language === 'runbook' ? 'runbook' : 'calendar', new Set());

  const classes: KeyClasses = {
    known: [...fields.keys()].sort(),
    definitions: [],
    scalarReferences: [],
    listReferences: [],
    enums: new Map(),
    timezones: [],
    rrules: [],
    tickets: [],
  };
  for (const [key, specs] of fields) {
    for (const spec of specs) {
      const { type } = spec;
      if (type.kind === 'list' && type.item.kind === 'scalar' && spec.references) add(classes.listReferences, key);
      if (type.kind !== 'scalar') continue;
      if (spec.references) add(classes.scalarReferences, key);
      else if (type.format === 'id' || type.format === 'runbook-id') add(classes.definitions, key);
      else if (type.format === 'enum')
        classes.enums.set(key, [...(classes.enums.get(key) ?? []), ...(type.values ?? [])]);
      else if (type.format === 'timezone') add(classes.timezones, key);
      else if (type.format === 'rrule') add(classes.rrules, key);
      else if (type.format === 'ticket') add(classes.tickets, key);
    }
  }
  // A key that both defines and names ids would get two meanings; the DSL has none, keep it so.
  const clash = classes.definitions.find((key) => classes.scalarReferences.includes(key));
  if (clash)
    throw new Error(`Key "${clash}" is both an id definition and a reference; the grammar cannot tell them apart`);
  return classes;
}

function objectIn(type: TypeSpec): ObjectName | undefined {
  if (type.kind === 'object') return type.object;
  if (type.kind === 'list') return objectIn(type.item);
  return undefined;
}

function add(list: string[], key: string): void {
  if (!list.includes(key)) list.push(key);
}

function alternation(words: readonly string[]): string {
  // Longest first, so `maintenance-only` is not read as `maintenance`.
  return [...words]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map(escapeRegExp)
    .join('|');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

export function buildGrammar(language: GrammarLanguage): Rule {
  const s = (scope: string) => `${scope}.${language}`;
  const k = keyClasses(language);
  const keyCaptures = (valueScope?: string): Rule => ({
    '2': { name: s('punctuation.definition.block.sequence.item') },
    '3': { patterns: [{ include: '#key-name' }] },
    '4': { name: s('punctuation.separator.key-value.mapping') },
    ...(valueScope ? { '5': { name: valueScope } } : {}),
  });
  // A pair whose whole value has one meaning, e.g. `rollback: revert-migration`.
  const typedPair = (keys: readonly string[], value: string, valueScope: string): Rule[] =>
    keys.length === 0
      ? []
      : [
          {
            match: `${KEY_PREFIX}(${alternation(keys)})[ \\t]*(:)[ \\t]+(${value})${END_OF_VALUE}`,
            captures: keyCaptures(valueScope),
          },
        ];
  // A block that lasts while lines are indented deeper than its key (or blank). Two variants:
  // after a list dash the key sits two columns right of the dash's indentation.
  // A list may sit at its key's column (`depends-on:` then `- a`) and take comment lines; a block
  // scalar takes only deeper lines and blank ones.
  const indentedBlock = (
    begin: string,
    name: string,
    patterns: Rule[],
    beginCaptures: Rule,
    kind: 'list' | 'scalar',
  ): Rule[] => {
    const sameColumnDash = kind === 'list' ? '|DASH-(?:[ \\t]|$)' : '';
    const blank = kind === 'list' ? '[ \\t]*(?:#|$)' : '[ \\t]*$';
    return [
      {
        name,
        begin: `^([ \\t]*)()()${begin}`,
        while: `^(?=\\1[ \\t]+\\S${sameColumnDash.replace('DASH', '\\1')}|${blank})`,
        beginCaptures,
        patterns,
      },
      {
        name,
        begin: `^([ \\t]*)(-)([ \\t]+)${begin}`,
        while: `^(?=\\1[ \\t]\\3[ \\t]+\\S${sameColumnDash.replace('DASH', '\\1[ \\t]\\3')}|${blank})`,
        beginCaptures,
        patterns,
      },
    ];
  };
  // The captures of indentedBlock's begin: 1 indent, 2 dash, 3 spaces, 4 key, 5 colon, 6.. the rest.
  const blockKeyCaptures = (extra: Rule = {}): Rule => ({
    '2': { name: s('punctuation.definition.block.sequence.item') },
    '4': { patterns: [{ include: '#key-name' }] },
    '5': { name: s('punctuation.separator.key-value.mapping') },
    ...extra,
  });

  const rruleRules: Rule[] =
    k.rrules.length === 0
      ? []
      : [
          {
            match: `${KEY_PREFIX}(${alternation(k.rrules)})[ \\t]*(:)[ \\t]+((?:[A-Za-z]+=[^;\\s#]*)(?:;[A-Za-z]+=[^;\\s#]*)*;?)${END_OF_VALUE}`,
            captures: {
              ...keyCaptures(),
              '5': { name: s('string.unquoted.rrule'), patterns: [{ include: '#rrule-part' }] },
            },
          },
        ];
  const enumRules: Rule[] = [...k.enums].flatMap(([key, values]) =>
    typedPair([key], alternation(values), s('constant.language.enum')),
  );

  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    information_for_contributors: [
      'Generated by syntaxes/generate-grammars.ts from server/core/dsl-schema.ts; edit that script, then run `npx tsx syntaxes/generate-grammars.ts`.',
    ],
    name: language === 'runbook' ? 'Runbook' : 'Release Calendar',
    scopeName: `source.${language}`,
    fileTypes: language === 'runbook' ? ['runbook.yaml', 'runbook.yml'] : ['calendar.yaml', 'calendar.yml'],
    patterns: [{ include: '#line' }],
    repository: {
      line: {
        patterns: [
          { include: '#comment' },
          { include: '#document-marker' },
          { include: '#block-scalar' },
          { include: '#reference-list' },
          { include: '#reference-flow-list' },
          { include: '#typed-pair' },
          { include: '#key' },
          { include: '#sequence-item' },
          { include: '#value' },
        ],
      },
      comment: {
        match: '(?:^|(?<=[ \\t]))(#).*$',
        name: s('comment.line.number-sign'),
        captures: { '1': { name: s('punctuation.definition.comment') } },
      },
      'document-marker': {
        match: '^(?:---|\\.\\.\\.)(?=[ \\t]|$)',
        name: s('entity.other.document'),
      },
      'key-name': {
        patterns: [
          { match: `(?<![\\w-])(?:${alternation(k.known)})(?![\\w-])`, name: s('entity.name.tag.key') },
          { match: '\\S.*', name: s('entity.name.tag.other') },
        ],
      },
      key: {
        match: `${KEY_PREFIX}([^\\s#'"\\[\\]{},:|>&*!%@\`-][^#:]*?|-[^\\s#:][^#:]*?)[ \\t]*(:)(?=[ \\t]|$)`,
        captures: keyCaptures(),
      },
      'sequence-item': {
        match: '(?:^|(?<=-))[ \\t]*(-)(?=[ \\t]|$)',
        captures: { '1': { name: s('punctuation.definition.block.sequence.item') } },
      },
      'typed-pair': {
        patterns: [
          ...typedPair(k.definitions, ID, s('entity.name.function.id')),
          ...typedPair(k.scalarReferences, ID, s('variable.other.reference')),
          ...enumRules,
          ...typedPair(k.timezones, TIMEZONE, s('support.constant.timezone')),
          ...typedPair(k.tickets, TICKET, s('markup.underline.link.ticket')),
          ...rruleRules,
        ],
      },
      'rrule-part': {
        patterns: [
          {
            match: '([A-Za-z]+)(=)',
            captures: { '1': { name: s('keyword.other.rrule') }, '2': { name: s('punctuation.separator.rrule') } },
          },
          { match: ';', name: s('punctuation.separator.rrule') },
        ],
      },
      // `depends-on:` followed by `- id` lines: each entry names another id.
      'reference-list': {
        patterns: indentedBlock(
          `(${alternation(k.listReferences)})[ \\t]*(:)${END_OF_VALUE}`,
          s('meta.sequence.references'),
          [
            {
              match: `^([ \\t]*)(-)[ \\t]+(${ID})${END_OF_VALUE}`,
              captures: {
                '2': { name: s('punctuation.definition.block.sequence.item') },
                '3': { name: s('variable.other.reference') },
              },
            },
            { include: '#line' },
          ],
          blockKeyCaptures(),
          'list',
        ),
      },
      // `depends-on: [a, b]`
      'reference-flow-list': {
        begin: `${KEY_PREFIX}(${alternation(k.listReferences)})[ \\t]*(:)[ \\t]*(\\[)`,
        beginCaptures: { ...keyCaptures(), '5': { name: s('punctuation.definition.sequence.begin') } },
        end: `(\\])|^(?=[ \\t]*(?:-[ \\t]|[\\w-]+[ \\t]*:(?:[ \\t]|$)))`,
        endCaptures: { '1': { name: s('punctuation.definition.sequence.end') } },
        name: s('meta.sequence.flow.references'),
        patterns: [
          { include: '#comment' },
          {
            match: `(?<![^\\s\\[,])(${ID})(?=[ \\t]*(?:,|\\]|$))`,
            captures: { '1': { name: s('variable.other.reference') } },
          },
          { include: '#flow-content' },
        ],
      },
      'block-scalar': {
        patterns: [
          ...indentedBlock(
            `([^\\s#'"\\[\\]{},:|>&*!%@\`-][^#:]*?)[ \\t]*(:)[ \\t]+([|>][0-9+-]*)[ \\t]*((#).*)?$`,
            s('string.unquoted.block'),
            [],
            blockKeyCaptures({
              '6': { name: s('keyword.control.flow.block-scalar') },
              '7': { name: s('comment.line.number-sign') },
              '8': { name: s('punctuation.definition.comment') },
            }),
            'scalar',
          ),
          {
            // A list entry that is itself a block scalar: `- |`.
            name: s('string.unquoted.block'),
            begin: '^([ \\t]*)(-)[ \\t]+([|>][0-9+-]*)[ \\t]*((#).*)?$',
            while: '^(?=\\1[ \\t]+\\S|[ \\t]*$)',
            beginCaptures: {
              '2': { name: s('punctuation.definition.block.sequence.item') },
              '3': { name: s('keyword.control.flow.block-scalar') },
              '4': { name: s('comment.line.number-sign') },
              '5': { name: s('punctuation.definition.comment') },
            },
          },
        ],
      },
      value: {
        patterns: [
          { include: '#quoted-typed' },
          { include: '#string' },
          { include: '#flow-sequence' },
          { include: '#flow-mapping' },
          { include: '#node-property' },
          { include: '#alias' },
          { match: `(?<![^\\s\\[,])${INSTANT}${END_OF_VALUE}`, name: s('constant.numeric.instant') },
          { match: `(?<![^\\s\\[,])${DATE}${END_OF_VALUE}`, name: s('constant.numeric.date') },
          {
            match: `(?<![^\\s\\[,])(?:${COMPACT_DURATION}|${ISO_DURATION})${END_OF_VALUE}`,
            name: s('constant.numeric.duration'),
          },
          { include: '#scalar-constant' },
          {
            // A plain scalar runs to the end of the line or to ` #`.
            match: '(?:[^\\s#\'"\\[\\]{},&*!|>%`?:-]|[?:-](?=\\S))(?:[^#]|(?<=\\S)#)*?(?=[ \\t]+#|[ \\t]*$)',
            name: s('string.unquoted.plain'),
            captures: { '0': { patterns: [{ include: '#handle' }] } },
          },
        ],
      },
      'scalar-constant': {
        patterns: [
          {
            match: '(?<![^\\s\\[,])(?:true|false|True|False|TRUE|FALSE)(?=[ \\t]*(?:#|$|,|\\]|\\}))',
            name: s('constant.language.boolean'),
          },
          {
            match: '(?<![^\\s\\[,])(?:null|Null|NULL|~)(?=[ \\t]*(?:#|$|,|\\]|\\}))',
            name: s('constant.language.null'),
          },
          {
            match: '(?<![^\\s\\[,])[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?(?=[ \\t]*(?:#|$|,|\\]|\\}))',
            name: s('constant.numeric'),
          },
        ],
      },
      // A quoted value of a known shape: `start-time: "18:00"`, `start: "2026-12-02T22:00"`.
      'quoted-typed': {
        patterns: (['"', "'"] as const).flatMap((quote) => {
          const name = s(quote === '"' ? 'string.quoted.double' : 'string.quoted.single');
          const typed = (value: string, scope: string): Rule => ({
            match: `(${quote})(${value})(${quote})(?=[ \\t]*(?:#|$|,|\\]|\\}))`,
            name,
            captures: {
              '1': { name: s('punctuation.definition.string.begin') },
              '2': { name: s(scope) },
              '3': { name: s('punctuation.definition.string.end') },
            },
          });
          return [
            typed(INSTANT, 'constant.numeric.instant'),
            typed(DATE, 'constant.numeric.date'),
            typed(TIME_OF_DAY, 'constant.numeric.time'),
            typed(`${COMPACT_DURATION}|${ISO_DURATION}`, 'constant.numeric.duration'),
          ];
        }),
      },
      string: {
        patterns: [
          {
            name: s('string.quoted.double'),
            begin: '"',
            end: '"',
            beginCaptures: { '0': { name: s('punctuation.definition.string.begin') } },
            endCaptures: { '0': { name: s('punctuation.definition.string.end') } },
            patterns: [
              {
                match: '\\\\(?:[0abtnvfre "/\\\\N_LP\\t]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})',
                name: s('constant.character.escape'),
              },
              { include: '#handle' },
            ],
          },
          {
            name: s('string.quoted.single'),
            begin: "'",
            end: "'(?!')",
            beginCaptures: { '0': { name: s('punctuation.definition.string.begin') } },
            endCaptures: { '0': { name: s('punctuation.definition.string.end') } },
            patterns: [{ match: "''", name: s('constant.character.escape') }, { include: '#handle' }],
          },
        ],
      },
      handle: { match: HANDLE, name: s('entity.name.type.handle') },
      'flow-sequence': {
        name: s('meta.sequence.flow'),
        begin: '\\[',
        end: `(\\])|^(?=[ \\t]*(?:-[ \\t]|[\\w-]+[ \\t]*:(?:[ \\t]|$)))`,
        beginCaptures: { '0': { name: s('punctuation.definition.sequence.begin') } },
        endCaptures: { '1': { name: s('punctuation.definition.sequence.end') } },
        patterns: [{ include: '#comment' }, { include: '#flow-content' }],
      },
      'flow-mapping': {
        name: s('meta.mapping.flow'),
        begin: '\\{',
        end: `(\\})|^(?=[ \\t]*(?:-[ \\t]|[\\w-]+[ \\t]*:(?:[ \\t]|$)))`,
        beginCaptures: { '0': { name: s('punctuation.definition.mapping.begin') } },
        endCaptures: { '1': { name: s('punctuation.definition.mapping.end') } },
        patterns: [
          { include: '#comment' },
          {
            match: '([^\\s,\\[\\]{}#\'":][^,\\[\\]{}#:]*?)[ \\t]*(:)(?=[ \\t]|$|,)',
            captures: {
              '1': { patterns: [{ include: '#key-name' }] },
              '2': { name: s('punctuation.separator.key-value.mapping') },
            },
          },
          { include: '#flow-content' },
        ],
      },
      'flow-content': {
        patterns: [
          { match: ',', name: s('punctuation.separator.sequence') },
          { include: '#quoted-typed' },
          { include: '#string' },
          { include: '#flow-sequence' },
          { include: '#flow-mapping' },
          { include: '#alias' },
          { include: '#scalar-constant' },
          { match: `(?<![^\\s\\[,])${INSTANT}(?=[ \\t]*(?:,|\\]|\\}|$))`, name: s('constant.numeric.instant') },
          {
            match: `(?<![^\\s\\[,])(?:${COMPACT_DURATION}|${ISO_DURATION})(?=[ \\t]*(?:,|\\]|\\}|$))`,
            name: s('constant.numeric.duration'),
          },
          {
            match: '[^\\s,\\[\\]{}#\'"](?:[^,\\[\\]{}#]|(?<=\\S)#)*?(?=[ \\t]*(?:,|\\]|\\})|[ \\t]+#|[ \\t]*$)',
            name: s('string.unquoted.plain'),
            captures: { '0': { patterns: [{ include: '#handle' }] } },
          },
        ],
      },
      'node-property': {
        patterns: [
          {
            match: '(?<![^\\s\\[,])(&)([^\\s\\[\\]{},]+)',
            captures: { '1': { name: s('punctuation.definition.anchor') }, '2': { name: s('variable.other.anchor') } },
          },
          {
            match: "(?<![^\\s\\[,])!(?:![\\w-]*|<[^>]*>|[\\w-]*(?:![\\w%.;/?:@&=+$,~*'()-]*)?)",
            name: s('storage.type.tag'),
          },
        ],
      },
      alias: {
        match: '(?<![^\\s\\[,])(\\*)([^\\s\\[\\]{},]+)',
        captures: { '1': { name: s('punctuation.definition.alias') }, '2': { name: s('variable.other.alias') } },
      },
    },
  };
}

export function grammarText(language: GrammarLanguage): string {
  return `${JSON.stringify(buildGrammar(language), null, 2)}\n`;
}

if (require.main === module) {
  for (const language of Object.keys(GRAMMAR_FILES) as GrammarLanguage[]) {
    const file = join(__dirname, GRAMMAR_FILES[language]);
    writeFileSync(file, grammarText(language));
    process.stdout.write(`wrote ${file}\n`);
  }
}
