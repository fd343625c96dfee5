// The schemas as users of Red Hat's YAML extension meet them: yaml-language-server (the engine of
// that extension) validates, hovers and completes with them, in process.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, LanguageService } from 'yaml-language-server';
import { readSchema, REPO_ROOT } from './schema-files';

let version = 0;
function documentOf(name: string, text: string): TextDocument {
  // A fresh version each time: the language service caches parsed documents by uri and version.
  return TextDocument.create(`file:///workspace/${name}`, 'yaml', ++version, text);
}

function service(): LanguageService {
  const ls = getLanguageService({
    schemaRequestService: (uri) => Promise.reject(new Error(`no network in tests: ${uri}`)),
    workspaceContext: { resolveRelativePath: (relative) => relative },
  });
  ls.configure({
    validate: true,
    hover: true,
    completion: true,
    yamlVersion: '1.2',
    schemas: [
      {
        uri: 'file:///schemas/runbook.schema.json',
        fileMatch: ['*.runbook.yaml', '*.runbook.yml'],
        schema: readSchema('runbook'),
      },
      {
        uri: 'file:///schemas/calendar.schema.json',
        fileMatch: ['*.calendar.yaml', '*.calendar.yml'],
        schema: readSchema('calendar'),
      },
    ],
  });
  return ls;
}

async function problems(ls: LanguageService, name: string, text: string): Promise<string[]> {
  const diagnostics = await ls.doValidation(documentOf(name, text), false);
  return diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

const BROKEN = `runbook: search-indexer-7
title: Search indexer 7.0
environment: production
window:
  start: 2026-12-22T10:00
  end: 2026-12-22T12:00
  duration: 2h
change:
  risk: severe
steps:
  - id: reindex
    timout: 2h
  - id: switch
    timeout: 1H
`;

describe('Red Hat YAML (yaml-language-server) with the schemas', () => {
  const ls = service();

  const examples = readdirSync(path.join(REPO_ROOT, 'examples')).filter((f) => /\.(runbook|calendar)\.ya?ml$/.test(f));
  for (const file of examples) {
    it(`reports nothing on examples/${file}`, async () => {
      const text = readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8');
      assert.deepEqual(await problems(ls, file, text), []);
    });
  }

  it('flags unknown keys, bad values and end with duration, each on its own line', async () => {
    const found = await problems(ls, 'broken.runbook.yaml', BROKEN);
    assert.deepEqual(found.sort(), [
      '12: Property timout is not allowed.',
      '14: Not a duration such as 45s, 15m, 2h, 1h30m, 1d12h or PT1H30M (units d h m s, largest first).',
      '7: Give "end" or "duration", not both.',
      '9: Value is not accepted. Valid values: "low", "medium", "high", "critical".',
    ]);
  });

  it('tells which calendar entries mix the two timing forms or miss a part', async () => {
    const calendar = `freezes:
  - id: close
    rrule: FREQ=MONTHLY;BYMONTHDAY=-1
    start: 2026-01-31T18:00
    start-time: "18:00"
    duration: 30h
maintenance:
  - id: sunday
    rrule: FREQ=WEEKLY;BYDAY=SU
    duration: 4h
`;
    assert.deepEqual(await problems(ls, 'acme.calendar.yaml', calendar), [
      '4: A recurring entry takes "start-time" and "duration", not "start" or "end".',
      '8: Missing property "start-time".',
    ]);
  });

  it('shows the DSL documentation on hover', async () => {
    const doc = documentOf('hover.runbook.yaml', BROKEN);
    const hover = await ls.doHover(doc, { line: 13, character: 6 });
    const text = JSON.stringify(hover?.contents);
    assert.match(text, /Expected upper bound of the step, a duration such as `15m` or `1h30m`/);
  });

  it('completes enum values and offers a runbook skeleton in an empty file', async () => {
    const types = await ls.doComplete(
      documentOf('type.runbook.yaml', 'change:\n  type: \n'),
      { line: 1, character: 8 },
      false,
    );
    assert.deepEqual(types.items.map((i) => i.label).sort(), ['emergency', 'normal', 'standard']);
    const empty = await ls.doComplete(documentOf('new.runbook.yaml', ''), { line: 0, character: 0 }, false);
    const skeleton = empty.items.find((i) => i.insertText?.includes('rollback:'));
    assert.ok(skeleton, `no skeleton among ${empty.items.map((i) => i.label).join(', ')}`);
    assert.match(skeleton.insertText!, /owner: "\$\{5:@alice\}"/, 'handles are quoted: a bare @ is not valid YAML');
  });
});
