// What an editor shows: the scopes our TextMate grammars give to runbook and calendar text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DSL } from '../../../server/core/dsl-schema';
import { GRAMMAR_FILES, GrammarLanguage, grammarText, keyClasses } from '../../../syntaxes/generate-grammars';
import { scopesOf, tokenize } from './tokenize';

const RUNBOOK = 'source.runbook';
const CALENDAR = 'source.runbook-calendar';

const runbookText = `# Payments release
runbook: payments-api-2-14          # id, unique in the workspace
title: Payments API 2.14.0 to production
owner: "@alice"
on-call: '@bob'
environment: production
timezone: Europe/Berlin
colour: blue

window:
  start: 2026-12-02T22:00:00+01:00
  end: 2026-12-03T00:00Z
  duration: 1h30m

change:
  type: emergency
  risk: medium
  justification: Ask @carol before starting; see "#ops" # the reason
  ticket: acme/releases#123
  approvers: ["@acme/cab", "@dave"]

depends-on:
  - orders-db-migration   # must end first
  - checkout-web-5-3
notify: ["#payments-releases", "@finance-ops"]

steps:
  - id: migrate
    title: Apply migration 0042 in 2h
    description: |
      title: not a key, just text
      Runs 15m at most.
    timeout: PT2H
    rollback: revert-migration
    verify:
      - check: Migration table shows 0042
  - id: purge-cache
    run: ./scripts/purge.sh --tag=a#b
    irreversible: true

rollback:
  trigger: Error rate above 2% for 5 minutes
  decision: "@alice"
  steps:
    - id: revert-migration
      timeout: "45s"
`;

const calendarText = `calendar: acme
timezone: Europe/Berlin
environments:
  - name: production
    maintenance-only: false
freezes:
  - id: month-end-close
    rrule: FREQ=MONTHLY;BYMONTHDAY=-1
    start-time: "18:00"
    duration: 30h
    from: 2026-01-01
    environments: [production, infrastructure]
maintenance:
    -   id: sunday-infra
        start: 2026-12-06T02:00
        duration: 4h
        environments:
        - infrastructure
        title: Sunday window
`;

function has(scopes: string[], scope: string): boolean {
  return scopes.includes(scope);
}

function assertScope(scopes: string[], scope: string, what: string): void {
  assert.ok(has(scopes, scope), `${what}: expected ${scope}, got ${scopes.join(' ')}`);
}

describe('TextMate grammar: runbook', () => {
  let tokens: Awaited<ReturnType<typeof tokenize>>;
  before(async () => {
    tokens = await tokenize(RUNBOOK, runbookText);
  });
  const at = (line: string, fragment: string) => scopesOf(tokens, runbookText, line, fragment);

  it('scopes every token under source.runbook', () => {
    for (const token of tokens) assert.equal(token.scopes[0], RUNBOOK);
  });

  it('highlights DSL keys, and other keys differently', () => {
    assertScope(at('title: Payments', 'title'), 'entity.name.tag.key.runbook', 'title');
    assertScope(at('on-call:', 'on-call'), 'entity.name.tag.key.runbook', 'on-call (a key with a dash)');
    assertScope(at('depends-on:', 'depends-on'), 'entity.name.tag.key.runbook', 'depends-on');
    assertScope(at('colour: blue', 'colour'), 'entity.name.tag.other.runbook', 'an unknown key');
    assert.ok(!has(at('colour: blue', 'colour'), 'entity.name.tag.key.runbook'));
    assertScope(at('runbook: payments', ':'), 'punctuation.separator.key-value.mapping.runbook', 'the colon');
  });

  it('highlights id definitions', () => {
    assertScope(at('runbook: payments', 'payments-api-2-14'), 'entity.name.function.id.runbook', 'runbook id');
    assertScope(at('- id: migrate', 'migrate'), 'entity.name.function.id.runbook', 'step id');
    assertScope(
      at('- id: revert-migration', 'revert-migration'),
      'entity.name.function.id.runbook',
      'rollback step id',
    );
  });

  it('highlights references: rollback, depends-on entries, environment', () => {
    assertScope(
      at('rollback: revert-migration', 'revert-migration'),
      'variable.other.reference.runbook',
      'rollback reference',
    );
    assertScope(
      at('- orders-db-migration', 'orders-db-migration'),
      'variable.other.reference.runbook',
      'first depends-on entry',
    );
    assertScope(
      at('- checkout-web-5-3', 'checkout-web-5-3'),
      'variable.other.reference.runbook',
      'second depends-on entry',
    );
    assertScope(at('environment: production', 'production'), 'variable.other.reference.runbook', 'environment');
    assertScope(
      at('- orders-db-migration', 'must end first'),
      'comment.line.number-sign.runbook',
      'comment after an entry',
    );
  });

  it('ends the depends-on list at the next key', () => {
    const notify = at('notify:', 'notify');
    assertScope(notify, 'entity.name.tag.key.runbook', 'notify');
    assert.ok(
      !notify.includes('meta.sequence.references.runbook'),
      `notify is still inside the list: ${notify.join(' ')}`,
    );
  });

  it('highlights durations, compact and ISO 8601', () => {
    assertScope(at('duration: 1h30m', '1h30m'), 'constant.numeric.duration.runbook', '1h30m');
    assertScope(at('timeout: PT2H', 'PT2H'), 'constant.numeric.duration.runbook', 'PT2H');
    assertScope(at('timeout: "45s"', '45s'), 'constant.numeric.duration.runbook', 'a quoted duration');
  });

  it('does not take numbers inside text for durations or instants', () => {
    const title = at('title: Apply migration', 'Apply migration 0042 in 2h');
    assertScope(title, 'string.unquoted.plain.runbook', 'a title ending in 2h');
  });

  it('highlights instants with and without offset', () => {
    assertScope(
      at('start: 2026', '2026-12-02T22:00:00+01:00'),
      'constant.numeric.instant.runbook',
      'instant with offset',
    );
    assertScope(at('end: 2026', '2026-12-03T00:00Z'), 'constant.numeric.instant.runbook', 'instant in UTC');
  });

  it('highlights @handles in quoted strings, flow lists and text, not e-mail addresses', async () => {
    assertScope(at('owner:', '@alice'), 'entity.name.type.handle.runbook', 'double-quoted handle');
    assertScope(at('on-call:', '@bob'), 'entity.name.type.handle.runbook', 'single-quoted handle');
    assertScope(at('approvers:', '@acme/cab'), 'entity.name.type.handle.runbook', 'team handle in a flow list');
    assertScope(at('approvers:', '@dave'), 'entity.name.type.handle.runbook', 'second handle in a flow list');
    assertScope(at('justification:', '@carol'), 'entity.name.type.handle.runbook', 'handle in plain text');
    const text = 'notes: write to ops@example.com\n';
    const mail = await tokenize(RUNBOOK, text);
    assert.ok(
      !mail.some((t) => t.scopes.includes('entity.name.type.handle.runbook')),
      'an e-mail address is no handle',
    );
  });

  it('highlights comments, but not # inside strings or words', () => {
    assertScope(at('# Payments release', 'Payments release'), 'comment.line.number-sign.runbook', 'a comment line');
    assertScope(at('runbook: payments', '#'), 'punctuation.definition.comment.runbook', 'a trailing comment');
    assertScope(at('justification:', 'the reason'), 'comment.line.number-sign.runbook', 'comment after text');
    assertScope(
      at('ticket:', 'acme/releases#123'),
      'markup.underline.link.ticket.runbook',
      'a ticket is not a comment',
    );
    assertScope(at('notify:', '#payments-releases'), 'string.quoted.double.runbook', 'a channel in quotes');
    assertScope(
      at('run: ./scripts/purge.sh', './scripts/purge.sh --tag=a#b'),
      'string.unquoted.plain.runbook',
      'a#b in a command',
    );
  });

  it('highlights enum values, and only valid ones', async () => {
    assertScope(at('type: emergency', 'emergency'), 'constant.language.enum.runbook', 'change type');
    assertScope(at('risk: medium', 'medium'), 'constant.language.enum.runbook', 'risk');
    const wrong = 'change:\n  risk: extreme\n';
    const scopes = scopesOf(await tokenize(RUNBOOK, wrong), wrong, 'risk:', 'extreme');
    assert.ok(!scopes.includes('constant.language.enum.runbook'), 'an unknown risk is not an enum value');
  });

  it('highlights booleans, time zones and YAML strings', () => {
    assertScope(at('irreversible: true', 'true'), 'constant.language.boolean.runbook', 'boolean');
    assertScope(at('timezone: Europe/Berlin', 'Europe/Berlin'), 'support.constant.timezone.runbook', 'time zone');
    assertScope(
      at('title: Payments', 'Payments API 2.14.0 to production'),
      'string.unquoted.plain.runbook',
      'plain text',
    );
  });

  it('keeps block scalars as text: no keys inside', () => {
    assertScope(at('description: |', '|'), 'keyword.control.flow.block-scalar.runbook', 'the indicator');
    const inside = at('title: not a key', 'title: not a key, just text');
    assertScope(inside, 'string.unquoted.block.runbook', 'a key-like line in a block scalar');
    assertScope(at('Runs 15m at most.', 'Runs 15m at most.'), 'string.unquoted.block.runbook', 'the next block line');
    // After the block, keys highlight again.
    assertScope(at('timeout: PT2H', 'timeout'), 'entity.name.tag.key.runbook', 'the key after the block');
    assert.ok(!at('timeout: PT2H', 'timeout').includes('string.unquoted.block.runbook'));
  });

  it('highlights list dashes', () => {
    assertScope(at('- id: migrate', '-'), 'punctuation.definition.block.sequence.item.runbook', 'dash');
  });
});

describe('TextMate grammar: release calendar', () => {
  let tokens: Awaited<ReturnType<typeof tokenize>>;
  before(async () => {
    tokens = await tokenize(CALENDAR, calendarText);
  });
  const at = (line: string, fragment: string) => scopesOf(tokens, calendarText, line, fragment);

  it('highlights calendar keys and ids', () => {
    assertScope(at('calendar: acme', 'calendar'), 'entity.name.tag.key.runbook-calendar', 'calendar');
    assertScope(at('calendar: acme', 'acme'), 'entity.name.function.id.runbook-calendar', 'calendar id');
    assertScope(at('- name: production', 'production'), 'entity.name.function.id.runbook-calendar', 'environment name');
    assertScope(
      at('- id: month-end-close', 'month-end-close'),
      'entity.name.function.id.runbook-calendar',
      'freeze id',
    );
    assertScope(
      at('maintenance-only: false', 'maintenance-only'),
      'entity.name.tag.key.runbook-calendar',
      'maintenance-only',
    );
  });

  it('highlights environments named by freezes and maintenance windows as references', () => {
    assertScope(
      at('environments: [production', 'production'),
      'variable.other.reference.runbook-calendar',
      'flow entry',
    );
    assertScope(
      at('environments: [production', 'infrastructure'),
      'variable.other.reference.runbook-calendar',
      'second flow entry',
    );
    assertScope(
      at('        - infrastructure', 'infrastructure'),
      'variable.other.reference.runbook-calendar',
      'block entry at the key column, 4-space indentation',
    );
    const title = at('title: Sunday window', 'title');
    assertScope(title, 'entity.name.tag.key.runbook-calendar', 'the key after the list');
    assert.ok(!title.includes('meta.sequence.references.runbook-calendar'), 'the list ended');
  });

  it('highlights recurrences, times of day, durations, dates and instants', () => {
    assertScope(at('rrule:', 'FREQ'), 'keyword.other.rrule.runbook-calendar', 'FREQ');
    assertScope(at('rrule:', 'BYMONTHDAY'), 'keyword.other.rrule.runbook-calendar', 'BYMONTHDAY');
    assertScope(at('rrule:', 'MONTHLY'), 'string.unquoted.rrule.runbook-calendar', 'MONTHLY');
    assertScope(at('start-time:', '18:00'), 'constant.numeric.time.runbook-calendar', 'time of day');
    assertScope(at('duration: 30h', '30h'), 'constant.numeric.duration.runbook-calendar', 'duration');
    assertScope(at('from: 2026-01-01', '2026-01-01'), 'constant.numeric.date.runbook-calendar', 'date');
    assertScope(
      at('start: 2026-12-06T02:00', '2026-12-06T02:00'),
      'constant.numeric.instant.runbook-calendar',
      'instant',
    );
    assertScope(
      at('-   id: sunday-infra', 'sunday-infra'),
      'entity.name.function.id.runbook-calendar',
      'id after a dash and 3 spaces',
    );
  });
});

describe('TextMate grammars follow the DSL', () => {
  for (const [language, root] of [
    ['runbook', 'runbook'],
    ['runbook-calendar', 'calendar'],
  ] as const) {
    it(`highlights every key of the ${root} DSL as a known key`, async () => {
      const keys = keyClasses(language).known;
      assert.ok(keys.includes(Object.keys(DSL[root].fields)[0]));
      const text = keys.map((key) => `${key}: x`).join('\n');
      const tokens = await tokenize(`source.${language}`, text);
      for (const key of keys) {
        assertScope(scopesOf(tokens, text, `${key}: x`, key), `entity.name.tag.key.${language}`, key);
      }
    });
  }

  it('the grammar files are what syntaxes/generate-grammars.ts writes (run it after changing the DSL)', () => {
    for (const language of Object.keys(GRAMMAR_FILES) as GrammarLanguage[]) {
      const onDisk = readFileSync(join(__dirname, '..', '..', '..', 'syntaxes', GRAMMAR_FILES[language]), 'utf8');
      assert.equal(
        onDisk,
        grammarText(language),
        `syntaxes/${GRAMMAR_FILES[language]} is out of date: run npx tsx syntaxes/generate-grammars.ts`,
      );
    }
  });
});
