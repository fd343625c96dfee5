// Replays the fixture corpus: each folder under test/fixtures/rules holds workspace files and
// expected.json, the diagnostics a user would see (file, 1-based line:column, severity, code,
// and optionally a piece of the message). UPDATE_FIXTURES=1 rewrites expected.json from the
// current results, for review in the diff.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintWorkspace } from '../../../server/core/run-rules';
import type { SeverityOverrides } from '../../../server/core/diagnostics';
import { loadWorkspace } from '../../helpers/index-folder';

const CORPUS = path.resolve(__dirname, '../../fixtures/rules');

interface Expected {
  description: string;
  severityOverrides?: SeverityOverrides;
  diagnostics: { at: string; severity: string; code: string; message?: string }[];
}

function lintFixture(dir: string, overrides?: SeverityOverrides) {
  const index = loadWorkspace(dir);
  const name = (uri: string) => path.relative(dir, fileURLToPath(uri)).split(path.sep).join('/');
  const out: { at: string; severity: string; code: string; message: string }[] = [];
  for (const [uri, list] of lintWorkspace(index, { severityOverrides: overrides })) {
    for (const d of list) {
      out.push({
        at: `${name(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        severity: d.severity,
        code: d.code,
        message: d.message,
      });
    }
  }
  return out;
}

describe('rule fixture corpus', () => {
  for (const name of readdirSync(CORPUS).sort()) {
    const dir = path.join(CORPUS, name);
    const expectedPath = path.join(dir, 'expected.json');
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    it(`${name}: ${expected.description}`, () => {
      const actual = lintFixture(dir, expected.severityOverrides);
      if (process.env.UPDATE_FIXTURES) {
        const kept = actual.map((a) => {
          const old = expected.diagnostics.find((e) => e.at === a.at && e.code === a.code);
          return { at: a.at, severity: a.severity, code: a.code, ...(old?.message ? { message: old.message } : {}) };
        });
        writeFileSync(expectedPath, `${JSON.stringify({ ...expected, diagnostics: kept }, null, 2)}\n`);
        return;
      }
      const shape = (list: { at: string; severity: string; code: string }[]) =>
        list.map((d) => `${d.at} ${d.severity} ${d.code}`);
      assert.deepEqual(
        shape(actual),
        shape(expected.diagnostics),
        `diagnostics of ${name}:\n${actual.map((a) => `${a.at} ${a.code} ${a.message}`).join('\n')}`,
      );
      for (const e of expected.diagnostics) {
        if (!e.message) continue;
        const a = actual.find((x) => x.at === e.at && x.code === e.code)!;
        assert.ok(a.message.includes(e.message), `${e.code} at ${e.at}: "${a.message}" should mention "${e.message}"`);
      }
    });
  }
});
