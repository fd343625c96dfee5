// The manifest's contributions (languages, grammars, snippets, settings, commands) point at files
// that exist and agree with the core and the client, so nothing is declared that does not work.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LANGUAGE_IDS,
  RESTART_SERVER_COMMAND,
  RULES_SETTING,
  TRACE_SETTING,
  WORKSPACE_FILES_GLOB,
} from '../../../client/settings';
import { SEVERITIES } from '../../../server/core/diagnostics';
import { ALL_RULES } from '../../../server/core/rules';

const RULE_LEVELS = [...SEVERITIES, 'off'];

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** A manifest string as VS Code shows it: a `%key%` placeholder replaced from package.nls.json. */
const localized = (text: string) => text.replace(/^%([^%]+)%$/, (_, key: string) => nls[key] ?? text);

function fileAt(relative: string): string {
  const path = join(ROOT, relative);
  assert.ok(existsSync(path), `${relative} does not exist`);
  return readFileSync(path, 'utf8');
}

describe('package.json contributions', () => {
  it("declares the runbook and calendar languages for the spec's file names", () => {
    const byId = new Map(contributes.languages.map((l: { id: string }) => [l.id, l]));
    assert.deepEqual([...byId.keys()].sort(), [...LANGUAGE_IDS].sort());
    assert.deepEqual((byId.get('runbook') as { filenamePatterns: string[] }).filenamePatterns, [
      '*.runbook.yaml',
      '*.runbook.yml',
    ]);
    assert.deepEqual((byId.get('runbook-calendar') as { filenamePatterns: string[] }).filenamePatterns, [
      '*.calendar.yaml',
      '*.calendar.yml',
    ]);
    for (const language of contributes.languages) JSON.parse(fileAt(language.configuration));
  });

  it('activates on either language and on a workspace holding either kind of file', () => {
    for (const event of [
      'onLanguage:runbook',
      'onLanguage:runbook-calendar',
      'workspaceContains:**/*.runbook.{yaml,yml}',
      'workspaceContains:**/*.calendar.{yaml,yml}',
    ]) {
      assert.ok(manifest.activationEvents.includes(event), `missing activation event ${event}`);
    }
    assert.equal(WORKSPACE_FILES_GLOB, '**/*.{runbook,calendar}.{yaml,yml}');
  });

  it("gives each language a grammar whose scope name is the file's", () => {
    for (const language of LANGUAGE_IDS) {
      const grammar = contributes.grammars.find((g: { language: string }) => g.language === language);
      assert.ok(grammar, `no grammar for ${language}`);
      assert.equal(JSON.parse(fileAt(grammar.path)).scopeName, grammar.scopeName);
    }
  });

  it('gives each language its snippets', () => {
    for (const language of LANGUAGE_IDS) {
      const snippets = contributes.snippets.find((s: { language: string }) => s.language === language);
      assert.ok(snippets, `no snippets for ${language}`);
      assert.ok(Object.keys(JSON.parse(fileAt(snippets.path))).length > 0);
    }
  });

  it('maps runbook and calendar files to the JSON Schemas for the YAML extension', () => {
    const byUrl = new Map(
      contributes.yamlValidation.map((v: { url: string; fileMatch: string[] }) => [v.url, v.fileMatch]),
    );
    assert.deepEqual(byUrl.get('./schemas/runbook.schema.json'), ['*.runbook.yaml', '*.runbook.yml']);
    assert.deepEqual(byUrl.get('./schemas/calendar.schema.json'), ['*.calendar.yaml', '*.calendar.yml']);
  });

  it('lists every rule code in releaseRunbooks.rules, with its default severity', () => {
    const setting = contributes.configuration.properties[RULES_SETTING];
    assert.equal(setting.type, 'object');
    assert.deepEqual(Object.keys(setting.properties).sort(), ALL_RULES.map((r) => r.code).sort());
    for (const rule of ALL_RULES) {
      const property = setting.properties[rule.code];
      assert.deepEqual(property.enum, RULE_LEVELS, rule.code);
      assert.ok(
        property.markdownDescription.includes(`Default: \`${rule.severity}\``),
        `${rule.code} should name its default ${rule.severity}`,
      );
      assert.ok(
        setting.markdownDescription.includes(`\`${rule.code}\` (${rule.severity})`),
        `the setting's description should list ${rule.code}`,
      );
    }
  });

  it('offers off/messages/verbose for the server trace', () => {
    const trace = contributes.configuration.properties[TRACE_SETTING];
    assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace.default, 'off');
  });

  it('declares the restart command the client registers', () => {
    const command = contributes.commands.find((c: { command: string }) => c.command === RESTART_SERVER_COMMAND);
    assert.ok(command, `${RESTART_SERVER_COMMAND} is not declared`);
    assert.equal(
      `${localized(command.category)}: ${localized(command.title)}`,
      'Release Runbooks: Restart Language Server',
    );
  });
});

describe('package.nls.json', () => {
  const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);

  it('has a string for every %key% placeholder of package.json, and no unused ones', () => {
    assert.deepEqual(
      placeholders.filter((key) => !(key in nls)),
      [],
    );
    assert.deepEqual(
      Object.keys(nls).filter((key) => !placeholders.includes(key)),
      [],
    );
  });

  it('names every command, view and walkthrough step through it', () => {
    const literal = [
      ...contributes.commands.flatMap((c: { title: string; category: string }) => [c.title, c.category]),
      ...Object.values(contributes.views)
        .flat()
        .map((v) => (v as { name: string }).name),
      ...contributes.walkthroughs.flatMap((w: { title: string; steps: { title: string; description: string }[] }) => [
        w.title,
        ...w.steps.flatMap((s) => [s.title, s.description]),
      ]),
    ].filter((text) => !/^%[^%]+%$/.test(text));
    assert.deepEqual(literal, []);
  });
});

describe('the Getting Started walkthrough', () => {
  const [walkthrough] = contributes.walkthroughs;
  const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));

  it('walks from a calendar and a runbook to a change request and the go/no-go review', () => {
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['createCalendar', 'writeRunbook', 'openCalendar', 'submitChangeRequest', 'goNoGo'],
    );
  });

  it('links each step to a declared command, completes on it, and has its media', () => {
    for (const step of walkthrough.steps) {
      const linked = [...localized(step.description).matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.equal(linked.length, 1, `${step.id} links ${linked.length} commands`);
      assert.ok(declared.has(linked[0]), `${step.id} links ${linked[0]}, which package.json does not declare`);
      assert.deepEqual(step.completionEvents, [`onCommand:${linked[0]}`]);
      fileAt(step.media.markdown);
    }
  });
});

describe('language configuration', () => {
  const configuration = JSON.parse(fileAt('language-configuration.json'));

  it('comments with #', () => {
    assert.equal(configuration.comments.lineComment, '#');
  });

  it('takes ids, keys with dashes and @handles as whole words', () => {
    const word = new RegExp(configuration.wordPattern);
    for (const text of ['orders-db-migration', 'depends-on', '@alice', 'rollback-canary']) {
      assert.equal(word.exec(`  ${text}: x`)?.[0], text);
    }
    assert.equal(word.exec('- ci-green')?.[0], 'ci-green');
  });

  it('indents after a key that opens a block, not after a key with a value', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    for (const line of ['steps:', '  rollback:', '  - verify:', 'description: |', 'depends-on:   # ids'])
      assert.ok(increase.test(line), line);
    for (const line of ['title: Deploy', '  - id: migrate', '# note:', 'check: "a: b"'])
      assert.ok(!increase.test(line), line);
  });

  it("continues a list entry's keys under its first key on Enter", () => {
    const [opensBlock, hasValue] = configuration.onEnterRules.map(
      (rule: { beforeText: string }) => new RegExp(rule.beforeText),
    );
    assert.ok(hasValue.test('  - id: migrate') && !opensBlock.test('  - id: migrate'));
    assert.ok(opensBlock.test('  - verify:'));
    assert.equal(configuration.onEnterRules[1].action.appendText, '  ');
  });
});
