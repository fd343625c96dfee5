// What a JSON Schema consumer (ajv here, Red Hat YAML in the editor) concludes about real files:
// the examples pass, and each typical mistake fails at the key at fault, with the core's linter
// reporting the same mistake under its rule code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { lintFile } from '../../../server/core/run-rules';
import { WorkspaceIndex } from '../../../server/core/workspace-index';
import { REPO_ROOT, schemaValidators } from './schema-files';

const EXAMPLES = path.join(REPO_ROOT, 'examples');

function kindOf(file: string): 'runbook' | 'calendar' {
  return /\.calendar\.ya?ml$/.test(file) ? 'calendar' : 'runbook';
}

function schemaErrors(kind: 'runbook' | 'calendar', data: unknown): string[] {
  const validate = schemaValidators()[kind];
  return validate(data)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`);
}

function coreCodes(kind: 'runbook' | 'calendar', text: string): string[] {
  const uri = `file:///w/probe.${kind}.yaml`;
  const index = new WorkspaceIndex();
  index.set(uri, text);
  return lintFile(index, uri).map((d) => d.code);
}

describe('Examples validate against the JSON Schemas', () => {
  const files = readdirSync(EXAMPLES).filter((f) => /\.(runbook|calendar)\.ya?ml$/.test(f));

  it('finds the example runbooks and the calendar', () => {
    assert.ok(files.some((f) => kindOf(f) === 'calendar'));
    assert.ok(files.filter((f) => kindOf(f) === 'runbook').length >= 5);
  });

  for (const file of files) {
    it(file, () => {
      const data = parse(readFileSync(path.join(EXAMPLES, file), 'utf8'));
      assert.deepEqual(schemaErrors(kindOf(file), data), []);
    });
  }

  it('rejects the deliberately broken example for its unknown key and bad enum', () => {
    const data = parse(readFileSync(path.join(EXAMPLES, 'broken', 'search-indexer.runbook.yaml'), 'utf8'));
    const errors = schemaErrors('runbook', data);
    assert.ok(errors.includes('/change/risk enum: must be equal to one of the allowed values'), errors.join('\n'));
    assert.ok(errors.includes('/steps/0 additionalProperties: must NOT have additional properties'), errors.join('\n'));
  });
});

// A small runbook and calendar that are valid for both the schema and the core.
const RUNBOOK = () => ({
  runbook: 'probe',
  title: 'Probe release',
  environment: 'staging',
  window: { start: '2026-12-02T22:00', duration: '1h' } as Record<string, unknown>,
  change: { type: 'normal', risk: 'low' } as Record<string, unknown>,
  steps: [{ id: 'deploy', title: 'Deploy', run: './deploy.sh', timeout: '20m', rollback: 'undo' }] as Record<
    string,
    unknown
  >[],
  rollback: { trigger: 'Errors', steps: [{ id: 'undo', title: 'Undo', run: './undo.sh' }] },
});
const CALENDAR = () => ({
  calendar: 'probe',
  timezone: 'Europe/Berlin',
  environments: [{ name: 'staging' }, { name: 'production', 'maintenance-only': false }],
  freezes: [{ id: 'year-end', start: '2026-12-21T00:00', end: '2027-01-04T00:00' }] as Record<string, unknown>[],
  maintenance: [{ id: 'sunday', rrule: 'FREQ=WEEKLY;BYDAY=SU', 'start-time': '02:00', duration: '4h' }] as Record<
    string,
    unknown
  >[],
});

type Case = {
  name: string;
  kind: 'runbook' | 'calendar';
  change(doc: any): void;
  /** `instancePath keyword` of the schema error expected. */
  schema: string;
  core: string;
};

const CASES: Case[] = [
  {
    name: 'an unknown key in a step',
    kind: 'runbook',
    change: (d) => (d.steps[0].timout = '2h'),
    schema: '/steps/0 additionalProperties',
    core: 'RB002',
  },
  {
    name: 'an unknown top-level calendar key',
    kind: 'calendar',
    change: (d) => (d.freeze = []),
    schema: '/ additionalProperties',
    core: 'RB002',
  },
  {
    name: 'a value outside an enum',
    kind: 'runbook',
    change: (d) => (d.change.risk = 'severe'),
    schema: '/change/risk enum',
    core: 'RB004',
  },
  {
    name: 'a duration in the wrong form',
    kind: 'runbook',
    change: (d) => (d.steps[0].timeout = '1H'),
    schema: '/steps/0/timeout pattern',
    core: 'RB004',
  },
  {
    name: 'an instant that is not ISO 8601',
    kind: 'runbook',
    change: (d) => (d.window.start = '02.12.2026 22:00'),
    schema: '/window/start pattern',
    core: 'RB004',
  },
  {
    name: 'a runbook id with capitals',
    kind: 'runbook',
    change: (d) => (d.runbook = 'Probe'),
    schema: '/runbook pattern',
    core: 'RB004',
  },
  {
    name: 'a boolean written as text',
    kind: 'runbook',
    change: (d) => (d.steps[0].irreversible = 'yes'),
    schema: '/steps/0/irreversible type',
    core: 'RB004',
  },
  {
    name: 'a window with both end and duration',
    kind: 'runbook',
    change: (d) => (d.window.end = '2026-12-02T23:00'),
    schema: '/window/duration false schema',
    core: 'RB004',
  },
  {
    name: 'a window with neither end nor duration',
    kind: 'runbook',
    change: (d) => delete d.window.duration,
    schema: '/window anyOf',
    core: 'RB003',
  },
  {
    name: 'a runbook without a title',
    kind: 'runbook',
    change: (d) => delete d.title,
    schema: '/ required',
    core: 'RB003',
  },
  {
    name: 'a runbook with no steps',
    kind: 'runbook',
    change: (d) => (d.steps = []),
    schema: '/steps minItems',
    core: 'RB003',
  },
  {
    name: 'a step without an id',
    kind: 'runbook',
    change: (d) => delete d.steps[0].id,
    schema: '/steps/0 required',
    core: 'RB003',
  },
  {
    name: 'a recurring freeze with a start',
    kind: 'calendar',
    change: (d) =>
      d.freezes.push({
        id: 'close',
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
        'start-time': '18:00',
        duration: '30h',
        start: '2026-01-01T00:00',
      }),
    schema: '/freezes/1/start false schema',
    core: 'RB004',
  },
  {
    name: 'a recurring maintenance window without start-time',
    kind: 'calendar',
    change: (d) => delete d.maintenance[0]['start-time'],
    schema: '/maintenance/0 required',
    core: 'RB003',
  },
  {
    name: 'a one-off freeze without end or duration',
    kind: 'calendar',
    change: (d) => delete d.freezes[0].end,
    schema: '/freezes/0 anyOf',
    core: 'RB003',
  },
  {
    name: 'a one-off freeze with both end and duration',
    kind: 'calendar',
    change: (d) => (d.freezes[0].duration = '1d'),
    schema: '/freezes/0/duration false schema',
    core: 'RB004',
  },
  {
    name: 'a start-time that is no time of day',
    kind: 'calendar',
    change: (d) => (d.maintenance[0]['start-time'] = '2pm'),
    schema: '/maintenance/0/start-time pattern',
    core: 'RB004',
  },
];

describe('Typical mistakes fail the JSON Schemas, and the core reports them too', () => {
  for (const kind of ['runbook', 'calendar'] as const) {
    it(`the ${kind} the cases start from is valid for both`, () => {
      const doc = kind === 'runbook' ? RUNBOOK() : CALENDAR();
      assert.deepEqual(schemaErrors(kind, doc), []);
      assert.deepEqual(coreCodes(kind, stringify(doc)), []);
    });
  }

  for (const c of CASES) {
    it(`${c.name}: schema ${c.schema}, core ${c.core}`, () => {
      const doc = c.kind === 'runbook' ? RUNBOOK() : CALENDAR();
      c.change(doc);
      const errors = schemaErrors(c.kind, doc);
      assert.ok(
        errors.some((e) => e.startsWith(`${c.schema}:`)),
        `expected "${c.schema}" among:\n${errors.join('\n') || '(none)'}`,
      );
      const codes = coreCodes(c.kind, stringify(doc));
      assert.ok(codes.includes(c.core), `expected ${c.core} from the core, got ${codes.join(', ') || 'nothing'}`);
    });
  }
});
