// Writes the two JSON Schemas (runbook.schema.json, calendar.schema.json) from dsl-schema.ts, so
// keys, required keys, enums and hover texts are the DSL's own and each value format is written
// once. Run after changing the DSL: `npx tsx schemas/generate-schemas.ts` (`npm run generate`
// runs it with the grammars; a unit test fails while the files on disk differ from its output).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DSL, FieldSpec, ObjectName, ScalarFormat, TypeSpec } from '../server/core/dsl-schema';
import { RRULE_FREQUENCIES, RRULE_PARTS } from '../server/core/recurrence';
import { SNIPPETS } from './schema-snippets';

export type SchemaKind = 'runbook' | 'calendar';

export const SCHEMA_FILES: Record<SchemaKind, string> = {
  runbook: 'runbook.schema.json',
  calendar: 'calendar.schema.json',
};

type Schema = Record<string, unknown>;

const FILE_TITLES: Record<SchemaKind, string> = {
  runbook: 'Release runbook (*.runbook.yaml)',
  calendar: 'Release calendar (*.calendar.yaml)',
};

/** The title editors show for an object; objects not listed get their name in words. */
const TITLES: Partial<Record<ObjectName, string>> = {
  window: 'Window',
  change: 'Change',
  'change-commits': 'Commits',
  precondition: 'Precondition',
  step: 'Step',
  'verify-check': 'Verify check',
  rollback: 'Rollback plan',
  'rollback-step': 'Rollback step',
  'verification-check': 'Verification check',
  outcome: 'Outcome',
  announce: 'Announcement',
  environment: 'Environment',
  freeze: 'Freeze',
  maintenance: 'Maintenance window',
  channel: 'Announcement channel',
  booking: 'Booking',
  source: 'Source repository',
  release: 'Release record',
  'release-notified': 'Notification acknowledgement',
  'release-confirmation': 'Precondition confirmation',
  'release-decision': 'Go/no-go decision',
  'release-gates': 'Go/no-go gates',
  'gate-result': 'Gate',
  'release-step': 'Step progress',
  'release-rollback': 'Rollback record',
  'release-verification': 'Verification result',
  'release-announcement': 'Announcement record',
};

/**
 * Each value format as a schema fragment. The patterns accept what the core's parsers accept
 * (server/core/time.ts, recurrence.ts); test/unit/schemas/schema-drift.test.ts checks them
 * against RB004 value by value. Plain text also takes numbers: YAML reads `version: 2.14` as one.
 */
const FORMATS: Record<Exclude<ScalarFormat, 'enum'>, Schema> = {
  string: { type: ['string', 'number'] },
  markdown: { type: ['string', 'number'] },
  id: { type: ['string', 'number'] },
  handle: { type: 'string' },
  boolean: { type: 'boolean' },
  'runbook-id': {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]*$',
    patternErrorMessage:
      'Use lower-case letters, digits and dashes, starting with a letter or digit (payments-api-2-14).',
  },
  instant: {
    type: 'string',
    pattern: String.raw`^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$`,
    patternErrorMessage: 'Not an ISO 8601 date-time such as 2026-12-02T22:00 or 2026-12-02T22:00:00+01:00.',
  },
  duration: {
    type: 'string',
    pattern: String.raw`^(?:(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?|[Pp](?=[^Tt]*\d|.*[Tt]\d)(?:\d+(?:\.\d+)?[Ww])?(?:\d+(?:\.\d+)?[Dd])?(?:[Tt](?=\d)(?:\d+(?:\.\d+)?[Hh])?(?:\d+(?:\.\d+)?[Mm])?(?:\d+(?:\.\d+)?[Ss])?)?)$`,
    patternErrorMessage: 'Not a duration such as 45s, 15m, 2h, 1h30m, 1d12h or PT1H30M (units d h m s, largest first).',
  },
  timezone: {
    type: 'string',
    pattern: '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$',
    patternErrorMessage: 'Not an IANA time zone such as Europe/Berlin.',
    examples: ['Europe/Berlin', 'America/New_York', 'UTC'],
  },
  rrule: {
    type: 'string',
    pattern: rrulePattern(),
    patternErrorMessage:
      'Not an RFC 5545 recurrence rule with FREQ=YEARLY, MONTHLY, WEEKLY or DAILY, such as FREQ=WEEKLY;BYDAY=SU.',
    examples: ['FREQ=WEEKLY;BYDAY=SU', 'FREQ=MONTHLY;BYMONTHDAY=-1', 'FREQ=DAILY'],
  },
  'time-of-day': {
    type: 'string',
    pattern: String.raw`^(?:[01]?\d|2[0-3]):[0-5]\d$`,
    patternErrorMessage: 'Not a time of day such as "02:00" (HH:MM, 24-hour clock; quote it).',
  },
  date: {
    type: 'string',
    pattern: String.raw`^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$`,
    patternErrorMessage: 'Not a date such as 2026-12-01.',
  },
  ticket: {
    type: 'string',
    pattern: String.raw`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+#\d+$`,
    patternErrorMessage: 'Not a ticket such as acme/releases#123.',
  },
};

/** Hover texts for enum values, where a value needs more than its name. */
const ENUM_DESCRIPTIONS: Record<string, Record<string, string>> = {
  'change.type': {
    standard: 'Pre-approved, low-risk change.',
    normal: 'Goes through the change advisory board.',
    emergency: 'Cannot wait; needs a justification.',
  },
};

const END_OR_DURATION = {
  anyOf: [{ required: ['end'] }, { required: ['duration'] }],
  dependencies: { end: { properties: { duration: false }, errorMessage: 'Give "end" or "duration", not both.' } },
};

/**
 * The timing forms (docs/runbook-dsl.md, "The two timing forms"), which keys alone cannot say:
 * a window is `start` with `end` or `duration`; a freeze, maintenance window or booking is that,
 * or `rrule` with `start-time` and `duration`.
 */
const TIMING: Partial<Record<ObjectName, Schema>> = {
  window: END_OR_DURATION,
  freeze: periodTiming(),
  maintenance: periodTiming(),
  booking: periodTiming(),
};

function periodTiming(): Schema {
  return {
    if: { required: ['rrule'] },
    then: {
      required: ['start-time', 'duration'],
      allOf: [
        {
          properties: { start: false, end: false },
          errorMessage: 'A recurring entry takes "start-time" and "duration", not "start" or "end".',
        },
      ],
    },
    else: { required: ['start'], ...END_OR_DURATION },
  };
}

function rrulePattern(): string {
  const either = (word: string) => `${word}|${word.toLowerCase()}`;
  const part = `(?:${RRULE_PARTS.map(either).join('|')})=[^;=]+`;
  const freq = `(?=(?:[^;]*;)*(?:${either('FREQ')})=(?:${RRULE_FREQUENCIES.map(either).join('|')})(?:;|$))`;
  return `^(?:RRULE:|rrule:)?${freq}${part}(?:;${part})*$`;
}

/** Markdown hover text as plain text, for editors that show `description`. */
function plain(markdown: string): string {
  return markdown.replace(/`/g, '');
}

function describe(doc: string): Schema {
  return { description: plain(doc), markdownDescription: doc };
}

function objectSchema(name: ObjectName): Schema {
  const spec = DSL[name];
  const required = Object.entries(spec.fields)
    .filter(([, field]) => field.required)
    .map(([key]) => key);
  const properties: Schema = {};
  for (const [key, field] of Object.entries(spec.fields)) properties[key] = fieldSchema(field, `${name}.${key}`);
  return {
    title: TITLES[name] ?? name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    type: 'object',
    additionalProperties: false,
    ...(required.length > 0 ? { required } : {}),
    properties,
    ...TIMING[name],
    ...(SNIPPETS[name] ? { defaultSnippets: SNIPPETS[name] } : {}),
  };
}

function fieldSchema(field: FieldSpec, path: string): Schema {
  const schema = { ...describe(field.doc), ...typeSchema(field.type, path) };
  // A runbook without steps is RB003, as an empty list.
  if (path === 'runbook.steps') schema.minItems = 1;
  return schema;
}

function typeSchema(type: TypeSpec, path: string): Schema {
  if (type.kind === 'object') return objectSchema(type.object);
  if (type.kind === 'list') {
    const item =
      type.item.kind === 'object'
        ? { ...describe(DSL[type.item.object].doc), ...objectSchema(type.item.object) }
        : typeSchema(type.item, path);
    return { type: 'array', items: item };
  }
  if (type.format === 'enum') {
    const values = [...(type.values ?? [])];
    const hover = ENUM_DESCRIPTIONS[path];
    return {
      type: 'string',
      enum: values,
      ...(hover ? { markdownEnumDescriptions: values.map((v) => hover[v] ?? '') } : {}),
    };
  }
  return { ...FORMATS[type.format] };
}

export function generateSchema(kind: SchemaKind): Schema {
  const root = objectSchema(kind);
  delete root.title;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://raw.githubusercontent.com/release-runbooks/release-runbooks/main/schemas/${SCHEMA_FILES[kind]}`,
    title: FILE_TITLES[kind],
    $comment:
      'Generated from server/core/dsl-schema.ts by schemas/generate-schemas.ts: do not edit by hand. Reference: docs/runbook-dsl.md.',
    ...describe(DSL[kind].doc),
    ...root,
  };
}

export function schemaText(kind: SchemaKind): string {
  return `${JSON.stringify(generateSchema(kind), null, 2)}\n`;
}

if (require.main === module) {
  for (const kind of ['runbook', 'calendar'] as const) {
    const file = join(__dirname, SCHEMA_FILES[kind]);
    writeFileSync(file, schemaText(kind));
    console.log(`wrote ${file}`);
  }
}
