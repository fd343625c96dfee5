// docs/runbook-dsl.md is the users' reference: every rule the linter has must have its section
// there, with the default severity the linter uses, and every key of the DSL must be in the
// table of the object it belongs to, so that neither can change without the docs.
import assert from 'node:assert/strict';
import { DSL, ObjectName } from '../../../server/core/dsl-schema';
import { ALL_RULES } from '../../../server/core/rules';
import { docSections } from './docs-sections';

describe('docs/runbook-dsl.md covers every rule and every key', () => {
  const sections = docSections();

  for (const rule of ALL_RULES) {
    it(`has a section for ${rule.code} that says where it is reported and how to fix it`, () => {
      const found = sections.filter((s) => s.level === 3 && s.heading.startsWith(`${rule.code} `));
      assert.equal(found.length, 1, `one "### ${rule.code} — ..." heading`);
      const body = found[0].body;
      for (const part of ['**Means**', '**Reported on**', '**Why it matters**', '**Fix**', 'Before:', 'After:']) {
        assert.ok(body.includes(part), `${rule.code}'s section should have ${part}`);
      }
    });
  }

  it('documents no rule the linter does not have', () => {
    const codes = new Set(ALL_RULES.map((r) => r.code));
    const documented = sections.filter((s) => /^RB\d{3} /.test(s.heading)).map((s) => s.heading.slice(0, 5));
    assert.deepEqual(
      documented.filter((c) => !codes.has(c)),
      [],
    );
  });

  it("lists every rule in the overview table with the linter's default severity", () => {
    const rules = sections.find((s) => s.heading === '6. Rules');
    assert.ok(rules, 'a "## 6. Rules" section');
    const rows = new Map<string, string>();
    for (const m of rules.body.matchAll(/^\| (RB\d{3}) \| (\w+) \|/gm)) rows.set(m[1], m[2]);
    assert.deepEqual([...rows].sort(), ALL_RULES.map((r) => [r.code, r.severity]).sort());
  });

  for (const object of Object.keys(DSL) as ObjectName[]) {
    it(`has a table of the keys of "${object}" with exactly the DSL's keys`, () => {
      const found = sections.filter((s) => s.heading.startsWith(`\`${object}\`:`));
      assert.equal(found.length, 1, `one heading "### \`${object}\`: ..."`);
      const keys = [...found[0].body.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
      assert.deepEqual(keys.slice().sort(), Object.keys(DSL[object].fields).sort());
    });
  }

  it('marks as required exactly the keys the DSL requires', () => {
    for (const object of Object.keys(DSL) as ObjectName[]) {
      const section = sections.find((s) => s.heading.startsWith(`\`${object}\`:`))!;
      for (const m of section.body.matchAll(/^\| `([^`]+)` \| [^|]+ \| ([^|]+) \|/gm)) {
        const required = !!DSL[object].fields[m[1]]?.required;
        assert.equal(/^yes/.test(m[2].trim()), required, `${object}.${m[1]}: "${m[2].trim()}"`);
      }
    }
  });
});
