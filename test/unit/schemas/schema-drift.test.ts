// The JSON Schemas are generated from server/core/dsl-schema.ts (schema-generated.test.ts checks
// the files are up to date). This test checks the generator itself: it walks the DSL and the
// schemas side by side and fails on any key, required key, enum, type or doc that differs, and
// checks that each format's pattern accepts and rejects what the core's RB004 accepts and rejects.
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { DSL, FieldSpec, ObjectName, ScalarFormat, TypeSpec } from '../../../server/core/dsl-schema';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { JsonSchema, readSchema } from './schema-files';

type Fragment = { type: unknown; pattern?: string };

/** Every scalar schema seen, by format, with where it was seen. */
function walk(kind: 'runbook' | 'calendar'): Map<ScalarFormat, { path: string; fragment: Fragment }[]> {
  const byFormat = new Map<ScalarFormat, { path: string; fragment: Fragment }[]>();
  const objectAt = (object: ObjectName, schema: JsonSchema, path: string) => {
    assert.equal(schema?.type, 'object', `${path} should be an object`);
    assert.equal(schema.additionalProperties, false, `${path} should flag unknown keys (additionalProperties: false)`);
    const fields = DSL[object].fields;
    assert.deepEqual(
      Object.keys(schema.properties ?? {}).sort(),
      Object.keys(fields).sort(),
      `keys of ${path} (${object})`,
    );
    const required = Object.entries(fields)
      .filter(([, f]) => f.required)
      .map(([k]) => k)
      .sort();
    assert.deepEqual([...(schema.required ?? [])].sort(), required, `required keys of ${path} (${object})`);
    for (const [key, field] of Object.entries(fields)) fieldAt(field, schema.properties[key], `${path}.${key}`);
  };
  const fieldAt = (field: FieldSpec, schema: JsonSchema, path: string) => {
    assert.equal(schema.markdownDescription, field.doc, `hover text of ${path} should be its dsl-schema doc`);
    typeAt(field.type, schema, path);
  };
  const typeAt = (type: TypeSpec, schema: JsonSchema, path: string) => {
    if (type.kind === 'object') return objectAt(type.object, schema, path);
    if (type.kind === 'list') {
      assert.equal(schema.type, 'array', `${path} should be a list`);
      return typeAt(type.item, schema.items, `${path}[]`);
    }
    if (type.format === 'enum') {
      assert.equal(schema.type, 'string', `${path} should be text`);
      assert.deepEqual(schema.enum, type.values, `values of ${path}`);
      return;
    }
    assert.equal(schema.enum, undefined, `${path} has an enum the core does not know`);
    const seen = byFormat.get(type.format) ?? [];
    seen.push({ path, fragment: { type: schema.type, pattern: schema.pattern } });
    byFormat.set(type.format, seen);
  };
  objectAt(kind, readSchema(kind), kind);
  return byFormat;
}

describe('JSON Schemas agree with the core (schemas/*.schema.json vs server/core/dsl-schema.ts)', () => {
  for (const kind of ['runbook', 'calendar'] as const) {
    it(`${kind}: every object has exactly the core's keys, required keys, enums and docs`, () => {
      walk(kind);
    });
  }

  it('declares draft-07 and an $id, so that Red Hat YAML reads them as intended', () => {
    for (const kind of ['runbook', 'calendar'] as const) {
      const schema = readSchema(kind);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.match(schema.$id, new RegExp(`/schemas/${kind}\\.schema\\.json$`));
    }
  });

  it('asks for at least one step, as RB003 does', () => {
    assert.equal(readSchema('runbook').properties.steps.minItems, 1);
  });

  it('writes each scalar format the same way wherever it appears', () => {
    const all = [...walk('runbook'), ...walk('calendar')];
    const formats = new Map<ScalarFormat, { path: string; fragment: Fragment }[]>();
    for (const [format, seen] of all) formats.set(format, [...(formats.get(format) ?? []), ...seen]);
    for (const [format, seen] of formats) {
      for (const { path, fragment } of seen) {
        assert.deepEqual(fragment, seen[0].fragment, `${path} (${format}) differs from ${seen[0].path}`);
      }
    }
    assert.equal(formats.get('boolean')?.[0].fragment.type, 'boolean');
  });
});

// Where a value of each format sits in a minimal file, so the core's own RB004 can judge it.
const RUNBOOK = (fields: Record<string, string>) =>
  [
    `runbook: ${fields.runbook ?? 'probe'}`,
    'title: Probe',
    'environment: staging',
    ...(fields.timezone ? [`timezone: ${fields.timezone}`] : []),
    'window:',
    `  start: ${fields.start ?? '2026-12-02T22:00'}`,
    `  duration: ${fields.duration ?? '1h'}`,
    ...(fields.ticket ? ['change:', `  ticket: ${fields.ticket}`] : []),
    'steps:',
    '  - id: only',
    '',
  ].join('\n');
const CALENDAR = (fields: Record<string, string>) =>
  [
    'maintenance:',
    '  - id: probe',
    `    rrule: ${fields.rrule ?? 'FREQ=WEEKLY'}`,
    `    start-time: ${fields['start-time'] ?? '"02:00"'}`,
    '    duration: 4h',
    `    from: ${fields.from ?? '2026-01-01'}`,
    '',
  ].join('\n');

const PROBES: Partial<Record<ScalarFormat, { file: 'runbook' | 'calendar'; key: string }>> = {
  'runbook-id': { file: 'runbook', key: 'runbook' },
  instant: { file: 'runbook', key: 'start' },
  duration: { file: 'runbook', key: 'duration' },
  timezone: { file: 'runbook', key: 'timezone' },
  ticket: { file: 'runbook', key: 'ticket' },
  rrule: { file: 'calendar', key: 'rrule' },
  'time-of-day': { file: 'calendar', key: 'start-time' },
  date: { file: 'calendar', key: 'from' },
};

/** `valid`: what the spec says. `coreOnly`: invalid, but only the core can tell (calendar arithmetic, the zone database). */
type Sample = { value: string; valid: boolean; coreOnly?: boolean };
const ok = (...values: string[]): Sample[] => values.map((value) => ({ value, valid: true }));
const bad = (...values: string[]): Sample[] => values.map((value) => ({ value, valid: false }));
const coreOnly = (...values: string[]): Sample[] => values.map((value) => ({ value, valid: false, coreOnly: true }));

const SAMPLES: Partial<Record<ScalarFormat, Sample[]>> = {
  'runbook-id': [
    ...ok('payments-api-2-14', 'a', '0-day-fix'),
    ...bad('Payments-API', '-leading-dash', 'has space', 'under_score', ''),
  ],
  instant: [
    ...ok(
      '2026-12-02T22:00',
      '2026-12-02 22:00',
      '2026-12-02T22:00:30',
      '2026-12-02T22:00:00.5Z',
      '2026-12-02T22:00:00+01:00',
      '2026-12-02T22:00+0100',
      '2026-12-02T22:00-05',
    ),
    ...bad(
      '2026-12-02',
      '2026-12-02T22',
      '2026-12-02T25:00',
      '2026-13-02T10:00',
      '02.12.2026 22:00',
      '2026-12-02t22:00',
      'tomorrow',
    ),
    ...coreOnly('2026-02-30T10:00'),
  ],
  duration: [
    ...ok('45s', '15m', '2h', '1h30m', '1d', '1d12h', '0m', 'PT1H30M', 'pt15m', 'P1D', 'P1DT12H', 'P2W', 'PT1.5H'),
    ...bad('1h 30m', '30m1h', '1H', '90 minutes', 'P1M', 'P1Y', '1.5h', '-1h', ''),
  ],
  timezone: [
    ...ok('Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'America/Port-au-Prince'),
    ...bad('+01:00', 'Europe Berlin', ''),
    ...coreOnly('Mars/Olympus'),
  ],
  ticket: [
    ...ok('acme/releases#123', 'my.org/repo_x#1'),
    ...bad('acme/releases', '#123', 'acme/releases#abc', 'https://github.com/acme/releases/issues/1'),
  ],
  rrule: [
    ...ok(
      'FREQ=WEEKLY;BYDAY=SU',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'RRULE:FREQ=DAILY',
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24,31',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH',
      'BYDAY=SU;FREQ=WEEKLY',
      'freq=daily',
    ),
    ...bad('FREQ=HOURLY', 'BYDAY=SU', 'FREQ=WEEKLY;BYDAY=SU;', 'FREQ=WEEKLY;EVERY=2', 'every sunday'),
    ...coreOnly('FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;COUNT=x'),
  ],
  'time-of-day': [...ok('02:00', '2:00', '23:59', '00:00'), ...bad('24:00', '12:60', '2pm', '0200', '02:00:00')],
  date: [...ok('2026-12-01', '2028-02-29'), ...bad('2026-12-1', '01.12.2026', '2026-13-01'), ...coreOnly('2026-02-30')],
};

function coreAccepts(format: ScalarFormat, value: string): boolean {
  const probe = PROBES[format]!;
  const quoted = JSON.stringify(value); // a double-quoted YAML scalar: always text
  const text = probe.file === 'runbook' ? RUNBOOK({ [probe.key]: quoted }) : CALENDAR({ [probe.key]: quoted });
  const uri = `file:///probe/probe.${probe.file}.yaml`;
  const index = new WorkspaceIndex();
  index.set(uri, text);
  const line = text.split('\n').findIndex((l) => l.trimStart().startsWith(`${probe.key}: ${quoted}`));
  assert.ok(line >= 0, `probe line for ${probe.key}`);
  return !lintFile(index, uri).some((d) => d.code === 'RB004' && d.range.start.line === line);
}

describe('Each format pattern judges values as the core does', () => {
  const fragments = new Map<ScalarFormat, Fragment>();
  before(() => {
    for (const kind of ['runbook', 'calendar'] as const)
      for (const [format, seen] of walk(kind)) fragments.set(format, seen[0].fragment);
  });
  const ajv = new Ajv({ strict: true, allowUnionTypes: true });

  for (const [format, samples] of Object.entries(SAMPLES) as [ScalarFormat, Sample[]][]) {
    it(`${format}: ${samples.filter((s) => s.valid).length} good and ${samples.filter((s) => !s.valid).length} bad values`, () => {
      const fragment = fragments.get(format);
      assert.ok(fragment?.pattern, `the schemas should give ${format} a pattern`);
      const schemaAccepts = ajv.compile({ type: fragment.type, pattern: fragment.pattern });
      for (const sample of samples) {
        assert.equal(
          coreAccepts(format, sample.value),
          sample.valid,
          `core on ${format} ${JSON.stringify(sample.value)}`,
        );
        const expected = sample.valid || !!sample.coreOnly;
        assert.equal(schemaAccepts(sample.value), expected, `schema on ${format} ${JSON.stringify(sample.value)}`);
      }
    });
  }

  it('covers every format that has a pattern', () => {
    const patterned = [...fragments]
      .filter(([, f]) => f.pattern)
      .map(([format]) => format)
      .sort();
    assert.deepEqual(patterned, Object.keys(SAMPLES).sort());
  });
});
