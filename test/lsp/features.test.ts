// Editor features through the real server over stdio: completion, hover, definition and
// references from `|` cursor fixtures; rename and quick fixes against golden files; outline,
// folding, selection ranges, code lenses and the two custom requests on the example workspace.
// Run `node esbuild.mjs` first. UPDATE_GOLDEN=1 rewrites the golden files.
import { strict as assert } from 'node:assert';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHANGE_STATUSES_NOTIFICATION,
  TICKET_EDIT_REQUEST,
  TicketEditResult,
  TICKETS_REQUEST,
  TicketsResult,
} from '../../protocol/requests';
import type { ChangeStatus } from '../../protocol/change-status';
import { approvalVerdict, IssueComment, LabelEvent } from '../../server/core/change-request/approval-verdict';
import { applyEdits, copyWorkspace, FIXTURES, LspClient, uriOf, withCursor } from '../helpers/lsp-client';
import { Fixture, list, readFixtures } from './fixture-headers';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type TextEdit = { range: Range; newText: string };
type Location = { uri: string; range: Range };

const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

describe('language server features (stdio)', function () {
  this.timeout(60_000);
  let client: LspClient;
  let workspace: string;

  before(async () => {
    workspace = await copyWorkspace('workspace');
    client = await LspClient.start({
      workspace,
      clientInfo: { name: 'Visual Studio Code' },
      initializationOptions: { debounceMs: 0, timeZone: 'Europe/Berlin' },
    });
    // The workspace has been read once the example with known problems has its diagnostics.
    await client.diagnosticsOf(
      uriOf(path.join(workspace, 'broken', 'search-indexer.runbook.yaml')),
      (d) => d.length > 0,
    );
  });

  after(async () => {
    await client?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  /** Opens a fixture as a document of the workspace (not on disk), runs `body`, closes it. */
  async function withOpened<T>(
    fixture: Fixture,
    body: (uri: string, position: { line: number; character: number }, text: string) => Promise<T>,
  ): Promise<T> {
    const { text, position } = withCursor(fixture.text);
    const uri = uriOf(path.join(workspace, fixture.name));
    await client.open(uri, text);
    try {
      return await body(uri, position, text);
    } finally {
      await client.close(uri);
    }
  }

  async function textOfUri(uri: string): Promise<string> {
    return client.textOf(uri) ?? fs.readFile(fileURLToPath(uri), 'utf8');
  }

  function textAt(text: string, range: Range): string {
    const lines = text.split('\n');
    if (range.start.line !== range.end.line) return '';
    return lines[range.start.line].slice(range.start.character, range.end.character);
  }

  describe('completion at | markers', () => {
    const fixtures = readFixtures(path.join(FIXTURES, 'cursor'), (n) => n.startsWith('completion-'));
    for (const fixture of fixtures) {
      it(fixture.name, async () => {
        await withOpened(fixture, async (uri, position) => {
          const result = await client.request<{
            items: { label: string; detail?: string; textEdit?: TextEdit }[];
          } | null>('textDocument/completion', { textDocument: { uri }, position });
          const items = result?.items ?? [];
          const labels = items.map((i) => i.label);
          if (fixture.headers.has('expect-no-completion')) {
            assert.deepEqual(labels, [], 'nothing belongs here');
            return;
          }
          for (const label of list(fixture.headers.get('expect-completion')?.[0]))
            assert.ok(labels.includes(label), `"${label}" is offered (got ${labels.slice(0, 30).join(', ')})`);
          for (const label of list(fixture.headers.get('reject-completion')?.[0]))
            assert.ok(!labels.includes(label), `"${label}" is not offered`);
          for (const expected of fixture.headers.get('expect-completion-detail') ?? []) {
            const [label, detail] = expected.split(' = ');
            assert.equal(items.find((i) => i.label === label)?.detail, detail, `the detail of "${label}"`);
          }
          // An edit must stay on the cursor's line and cover the cursor, or editors reject it.
          for (const item of items) {
            const range = item.textEdit?.range;
            if (!range) continue;
            assert.equal(range.start.line, position.line, `${item.label}: edit on the cursor line`);
            assert.equal(range.end.line, position.line, `${item.label}: edit on the cursor line`);
            assert.ok(
              range.start.character <= position.character && position.character <= range.end.character,
              `${item.label}: edit covers the cursor`,
            );
          }
        });
      });
    }
  });

  describe('hover at | markers', () => {
    const fixtures = readFixtures(path.join(FIXTURES, 'cursor'), (n) => n.startsWith('hover-'));
    for (const fixture of fixtures) {
      it(fixture.name, async () => {
        await withOpened(fixture, async (uri, position) => {
          const hover = await client.request<{ contents: { kind: string; value: string } } | null>(
            'textDocument/hover',
            { textDocument: { uri }, position },
          );
          assert.ok(hover, 'a hover is shown');
          assert.equal(hover.contents.kind, 'markdown');
          for (const expected of fixture.headers.get('expect-hover') ?? [])
            assert.ok(hover.contents.value.includes(expected), `hover shows "${expected}":\n${hover.contents.value}`);
        });
      });
    }
  });

  describe('definition and references at | markers', () => {
    const fixtures = readFixtures(
      path.join(FIXTURES, 'cursor'),
      (n) => n.startsWith('definition-') || n.startsWith('references-'),
    );
    for (const fixture of fixtures) {
      it(fixture.name, async () => {
        await withOpened(fixture, async (uri, position) => {
          const expectedDefinition = fixture.headers.get('expect-definition')?.[0];
          if (expectedDefinition) {
            const m = /^(\S+)\s+"(.*)"$/.exec(expectedDefinition);
            assert.ok(m, `bad expect-definition header: ${expectedDefinition}`);
            const result = await client.request<Location[] | Location | null>('textDocument/definition', {
              textDocument: { uri },
              position,
            });
            const locations = result ? (Array.isArray(result) ? result : [result]) : [];
            assert.equal(locations.length, 1, `one definition (got ${JSON.stringify(locations)})`);
            const target = locations[0];
            assert.equal(
              m[1] === 'self' ? target.uri : path.basename(fileURLToPath(target.uri)),
              m[1] === 'self' ? uri : m[1],
            );
            assert.equal(textAt(await textOfUri(target.uri), target.range), m[2]);
          }
          const expectedReferences = fixture.headers.get('expect-references')?.[0];
          if (expectedReferences) {
            const refs = await client.request<Location[]>('textDocument/references', {
              textDocument: { uri },
              position,
              context: { includeDeclaration: true },
            });
            assert.equal(
              refs.length,
              Number(expectedReferences),
              `references: ${refs.map((r) => path.basename(r.uri)).join(', ')}`,
            );
            const word = textAt(await textOfUri(uri), refs.find((r) => r.uri === uri)!.range);
            for (const ref of refs)
              assert.equal(textAt(await textOfUri(ref.uri), ref.range), word, `${path.basename(ref.uri)} names it`);
          }
        });
      });
    }
  });

  describe('rename against golden files', () => {
    const fixtures = readFixtures(path.join(FIXTURES, 'rename'));
    for (const fixture of fixtures) {
      it(fixture.name, async () => {
        await withOpened(fixture, async (uri, position, text) => {
          const newName = fixture.headers.get('rename-to')?.[0] ?? '';
          const prepared = await client.request<{ range: Range; placeholder: string } | null>(
            'textDocument/prepareRename',
            { textDocument: { uri }, position },
          );
          assert.ok(prepared, 'the name under the cursor can be renamed');
          assert.equal(textAt(text, prepared.range), prepared.placeholder);
          const edit = await client.request<{ changes: Record<string, TextEdit[]> }>('textDocument/rename', {
            textDocument: { uri },
            position,
            newName,
          });
          const summary: string[] = [];
          for (const target of Object.keys(edit.changes).sort((a, b) => label(a).localeCompare(label(b)))) {
            const before = await textOfUri(target);
            const after = applyEdits(before, edit.changes[target]).split('\n');
            before.split('\n').forEach((line, i) => {
              if (after[i] !== line) summary.push(`${label(target)}:${i + 1}: ${after[i]}`);
            });
          }
          await compareGolden(
            fixture.file.replace(/\.(runbook|calendar)\.yaml$/, '.golden.txt'),
            summary.join('\n') + '\n',
          );
        });
      });
    }

    it('refuses a name that is not a valid id', async () => {
      const fixture = readFixtures(path.join(FIXTURES, 'rename'), (n) => n.includes('runbook-id'))[0];
      await withOpened(fixture, async (uri, position) => {
        await assert.rejects(
          client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'Not An Id' }),
          /not a valid runbook id/,
        );
      });
    });
  });

  function label(uri: string): string {
    return path.relative(workspace, fileURLToPath(uri)).split(path.sep).join('/');
  }

  async function compareGolden(goldenFile: string, actual: string): Promise<void> {
    if (UPDATE_GOLDEN || !existsSync(goldenFile)) {
      if (!UPDATE_GOLDEN)
        assert.fail(`${path.basename(goldenFile)} is missing; run with UPDATE_GOLDEN=1 to write it from:\n${actual}`);
      await fs.writeFile(goldenFile, actual);
      return;
    }
    assert.equal(actual, await fs.readFile(goldenFile, 'utf8'), `differs from ${path.relative(FIXTURES, goldenFile)}`);
  }

  describe('quick fixes against golden files', () => {
    const fixtures = readFixtures(path.join(FIXTURES, 'quick-fixes'));
    for (const fixture of fixtures) {
      it(fixture.name, async () => {
        const [code, ...titleWords] = (fixture.headers.get('fix')?.[0] ?? '').split(' ');
        const title = titleWords.join(' ');
        const uri = uriOf(path.join(workspace, fixture.name));
        await client.open(uri, fixture.text);
        try {
          const diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === code));
          const targets = diagnostics.filter((d) => d.code === code);
          const actions = await client.request<
            { title: string; kind: string; edit: { changes: Record<string, TextEdit[]> }; diagnostics: unknown[] }[]
          >('textDocument/codeAction', {
            textDocument: { uri },
            range: targets[0].range,
            context: { diagnostics: targets },
          });
          const action = actions.find((a) => a.title.startsWith(title));
          assert.ok(action, `a quick fix "${title}..." (got ${actions.map((a) => a.title).join(' | ')})`);
          assert.equal(action.kind, 'quickfix');
          assert.ok(action.diagnostics.length > 0, 'the fix names the diagnostic it fixes');
          assert.deepEqual(Object.keys(action.edit.changes), [uri], 'the fix edits this file only');
          const fixed = applyEdits(fixture.text, action.edit.changes[uri]);
          await compareGolden(fixture.file.replace(/\.runbook\.yaml$/, '.expected.yaml'), fixed);
          // Applied, the fix makes that problem go away.
          await client.change(uri, fixed);
          await client.diagnosticsOf(uri, (d) => d.filter((x) => x.code === code).length < targets.length);
        } finally {
          await client.close(uri);
        }
      });
    }
  });

  describe("book the environment for a runbook's window", () => {
    it('adds a booking to the calendar that defines the environment, which then warns another team', async () => {
      const mine = uriOf(path.join(workspace, 'dry-run.runbook.yaml'));
      const theirs = uriOf(path.join(workspace, 'other-team.runbook.yaml'));
      const calendarUri = uriOf(path.join(workspace, 'acme.calendar.yaml'));
      const runbook = (id: string, team: string, start: string) =>
        `runbook: ${id}\ntitle: ${id} on staging\nteam: ${team}\nowner: "@pat"\nenvironment: staging\nwindow:\n  start: ${start}\n  duration: 2h\nsteps:\n  - id: deploy\n    title: Deploy\n`;
      await client.open(mine, runbook('payments-dry-run', 'payments', '2027-02-02T10:00'));
      await client.open(theirs, runbook('search-test', 'search', '2027-02-02T11:00'));
      try {
        const actions = await client.request<
          { title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } }[]
        >('textDocument/codeAction', {
          textDocument: { uri: mine },
          range: { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } },
          context: { diagnostics: [] },
        });
        const book = actions.find((a) => a.title === 'Book staging for this window (acme.calendar.yaml)');
        assert.ok(book, `offered (got ${actions.map((a) => a.title).join(' | ')})`);
        assert.equal(book.kind, 'refactor');
        assert.deepEqual(Object.keys(book.edit.changes), [calendarUri]);
        const before = await textOfUri(calendarUri);
        const after = applyEdits(before, book.edit.changes[calendarUri]);
        assert.ok(after.startsWith(before.trimEnd()), 'only added to');
        assert.match(
          after.slice(before.trimEnd().length),
          /\n  - id: payments-dry-run-staging\n    environment: staging\n    team: payments\n    purpose: payments-dry-run on staging \(runbook payments-dry-run\)\n    contact: "@pat"\n    start: 2027-02-02T10:00\n    end: 2027-02-02T12:00\n$/,
        );
        // On the calendar, the booking warns the search team's runbook, not the booking team's.
        await client.open(calendarUri, after);
        const warned = await client.diagnosticsOf(theirs, (d) => d.some((x) => x.code === 'RB038'));
        assert.match(
          String(warned.find((d) => d.code === 'RB038')!.message),
          /overlaps booking "payments-dry-run-staging" of team "payments" on staging/,
        );
        const own = await client.diagnosticsOf(mine, () => true);
        assert.ok(!own.some((d) => d.code === 'RB038'));
        // Booked now: not offered again.
        const again = await client.request<{ title: string }[]>('textDocument/codeAction', {
          textDocument: { uri: mine },
          range: { start: { line: 4, character: 2 }, end: { line: 4, character: 2 } },
          context: { diagnostics: [] },
        });
        assert.ok(!again.some((a) => a.title.startsWith('Book ')));
        await client.close(calendarUri);
      } finally {
        await client.close(mine);
        await client.close(theirs);
      }
    });
  });

  describe('outline, folding, selection, code lens', () => {
    const paymentsFile = () => path.join(workspace, 'payments-api-2-14.runbook.yaml');

    it('outlines sections and steps by id', async () => {
      const uri = uriOf(paymentsFile());
      const symbols = await client.request<
        { name: string; children?: { name: string; detail?: string; children?: { name: string }[] }[] }[]
      >('textDocument/documentSymbol', { textDocument: { uri } });
      const names = symbols.map((s) => s.name);
      for (const section of [
        'runbook',
        'window',
        'change',
        'depends-on',
        'preconditions',
        'steps',
        'rollback',
        'verification',
      ])
        assert.ok(names.includes(section), `outline has ${section}`);
      const steps = symbols.find((s) => s.name === 'steps')!;
      assert.deepEqual(
        steps.children!.map((c) => c.name),
        ['canary', 'rollout', 'purge-cache'],
      );
      assert.equal(steps.children![0].detail, 'Deploy 2.14.0 to the canary pool (5% of traffic)');
      const rollbackSteps = symbols.find((s) => s.name === 'rollback')!.children!.find((c) => c.name === 'steps')!;
      assert.deepEqual(
        rollbackSteps.children!.map((c) => c.name),
        ['rollback-canary', 'rollback-release'],
      );
    });

    it('folds sections and list entries', async () => {
      const uri = uriOf(paymentsFile());
      const lines = (await fs.readFile(paymentsFile(), 'utf8')).split('\n');
      const folds = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', {
        textDocument: { uri },
      });
      const stepsLine = lines.indexOf('steps:');
      const lastStepLine = lines.indexOf('    irreversible: true');
      assert.ok(
        folds.some((f) => f.startLine === stepsLine && f.endLine === lastStepLine),
        `steps fold from ${stepsLine} to ${lastStepLine}: ${JSON.stringify(folds)}`,
      );
      const canary = lines.indexOf('  - id: canary');
      assert.ok(
        folds.some((f) => f.startLine === canary),
        'a step folds on its own',
      );
    });

    it('expands the selection from a value to its step, the steps and the file', async () => {
      const uri = uriOf(paymentsFile());
      const lines = (await fs.readFile(paymentsFile(), 'utf8')).split('\n');
      const line = lines.indexOf('  - id: rollout');
      const [chain] = await client.request<{ range: Range; parent?: unknown }[]>('textDocument/selectionRange', {
        textDocument: { uri },
        positions: [{ line, character: 10 }],
      });
      const ranges: Range[] = [];
      for (let node = chain as { range: Range; parent?: unknown } | undefined; node; node = node.parent as typeof node)
        ranges.push(node.range);
      assert.equal(textAt(lines.join('\n'), ranges[0]), 'rollout', 'starts with the word');
      assert.ok(ranges.length >= 5, `value, pair, step, steps list, steps pair, file (got ${ranges.length})`);
      for (let i = 1; i < ranges.length; i++) {
        const inner = ranges[i - 1];
        const outer = ranges[i];
        const before = (a: Range['start'], b: Range['start']) =>
          a.line < b.line || (a.line === b.line && a.character < b.character);
        assert.ok(
          !before(inner.start, outer.start) && !before(outer.end, inner.end),
          'each range contains the one before',
        );
      }
    });

    it('puts the window, the ticket and the change request commands above runbook:', async () => {
      const uri = uriOf(paymentsFile());
      const lenses = await client.request<
        { range: Range; command: { title: string; command: string; arguments?: unknown[] } }[]
      >('textDocument/codeLens', { textDocument: { uri } });
      const titles = lenses.map((l) => l.command.title);
      const windowLens = lenses.find((l) =>
        l.command.title.includes('Wed 2 Dec 2026 22:00 – 00:00 Europe/Berlin (2h)'),
      );
      assert.ok(windowLens, titles.join(' | '));
      assert.deepEqual(
        [windowLens.command.command, windowLens.command.arguments],
        ['releaseRunbooks.openCalendar', ['2026-12-02']],
        'opens the calendar on that day',
      );
      const submit = lenses.find((l) => l.command.command === 'releaseRunbooks.submitChangeRequest');
      assert.ok(submit, 'a submit lens');
      assert.deepEqual(submit.command.arguments, [uri]);
      assert.ok(lenses.some((l) => l.command.command === 'releaseRunbooks.previewChangeRequest'));
      for (const lens of lenses) assert.equal(lens.range.start.line, 0, 'above the runbook: line');
    });
  });

  describe('custom requests (docs/runbook-dsl.md, "The editor protocol")', () => {
    it('runbook/calendar lists windows, freezes and maintenance occurrences with their codes', async () => {
      const result = await client.request<{
        timezone: string;
        events: { runbook: string; start: string; codes: string[]; uri: string }[];
        freezes: { id: string }[];
        maintenance: { id: string }[];
      }>('runbook/calendar', {
        from: '2026-12-01T00:00:00+01:00',
        to: '2027-01-01T00:00:00+01:00',
      });
      assert.equal(result.timezone, 'Europe/Berlin');
      const payments = result.events.find((e) => e.runbook === 'payments-api-2-14');
      assert.ok(payments, 'payments-api-2-14 is in December');
      assert.equal(payments.start, '2026-12-02T22:00:00+01:00');
      assert.deepEqual(payments.codes, []);
      assert.ok(
        result.events.find((e) => e.runbook === 'payments-hotfix-2-14-1')?.codes.includes('RB009'),
        'the hotfix carries its freeze warning',
      );
      assert.ok(result.freezes.some((f) => f.id === 'year-end'));
      assert.ok(result.maintenance.filter((m) => m.id === 'sunday-infra').length >= 4, 'one entry per Sunday');
    });

    it('runbook/calendar refuses bad params with InvalidParams', async () => {
      await assert.rejects(
        client.request('runbook/calendar', { from: 'yesterday', to: '2027-01-01T00:00:00Z' }),
        (e: { code?: number; message?: string }) => e.code === -32602 && /from/.test(e.message ?? ''),
      );
      await assert.rejects(client.request('runbook/calendar', null), (e: { code?: number }) => e.code === -32602);
    });

    it('runbook/changeRequest renders the issue for a runbook', async () => {
      const uri = uriOf(path.join(workspace, 'payments-api-2-14.runbook.yaml'));
      const result = await client.request<{ title: string; labels: string[]; body: string; ticket: string | null }>(
        'runbook/changeRequest',
        { uri },
      );
      assert.equal(
        result.title,
        '[change] Payments API 2.14.0 to production — 2026-12-02 22:00 Europe/Berlin (production)',
      );
      assert.deepEqual([...result.labels].sort(), ['change-request', 'env:production', 'risk:medium', 'type:normal']);
      assert.ok(result.body.trimEnd().endsWith('<!-- runbook:payments-api-2-14 -->'));
      assert.equal(result.ticket, null);
    });

    it('runbook/ticketEdit writes change.ticket and change.submitted as one edit into the text that was submitted', async () => {
      const uri = uriOf(path.join(workspace, 'orders-db-migration.runbook.yaml'));
      const text = await fs.readFile(path.join(workspace, 'orders-db-migration.runbook.yaml'), 'utf8');
      const submitted = { at: Date.parse('2026-11-20T09:15:00Z') };
      const first = await client.request<TicketEditResult>(TICKET_EDIT_REQUEST, {
        uri,
        text,
        ticket: 'acme/releases#42',
        submitted,
      });
      assert.ok(first.ok && first.edit, JSON.stringify(first));
      const written = applyEdits(text, [first.edit]);
      assert.match(
        written,
        /approvers: \["@acme\/cab", "@acme\/dba"\]\n  ticket: acme\/releases#42\n  submitted: 2026-11-20T10:15:00\+01:00\n/,
      );
      assert.equal(
        written.replace('  ticket: acme/releases#42\n  submitted: 2026-11-20T10:15:00+01:00\n', ''),
        text,
        'nothing else changes',
      );

      // An update of a filed request: the ticket only.
      const other = await client.request<TicketEditResult>(TICKET_EDIT_REQUEST, {
        uri,
        text,
        ticket: 'acme/releases#43',
      });
      assert.ok(other.ok && other.edit);
      assert.doesNotMatch(applyEdits(text, [other.edit]), /submitted:/);

      // The editor's text changed after it was read (or the file is another runbook now): refused.
      await client.open(uri, text.replace('risk: high', 'risk: low'));
      try {
        const refused = await client.request<TicketEditResult>(TICKET_EDIT_REQUEST, {
          uri,
          text,
          ticket: 'acme/releases#42',
          submitted,
        });
        assert.deepEqual(refused, {
          ok: false,
          error: 'the file changed since it was read for the submission, so the ticket was not written into it',
        });
      } finally {
        await client.close(uri);
      }
      const elsewhere = await fs.readFile(path.join(workspace, 'payments-api-2-14.runbook.yaml'), 'utf8');
      assert.equal(
        (
          await client.request<TicketEditResult>(TICKET_EDIT_REQUEST, {
            uri,
            text: elsewhere,
            ticket: 'acme/releases#42',
          })
        ).ok,
        false,
      );

      // Already written (the editor holds the written text): nothing to do.
      await client.open(uri, written);
      try {
        assert.deepEqual(
          await client.request<TicketEditResult>(TICKET_EDIT_REQUEST, {
            uri,
            text: written,
            ticket: 'acme/releases#42',
            submitted,
          }),
          { ok: true },
        );
      } finally {
        await client.close(uri);
      }
      await assert.rejects(
        client.request(TICKET_EDIT_REQUEST, { uri, text }),
        (e: { code?: number; message?: string }) => e.code === -32602 && /ticket/.test(e.message ?? ''),
      );
    });

    it('runbook/changeRequest refuses what is not a runbook of the workspace', async () => {
      await assert.rejects(
        client.request('runbook/changeRequest', { uri: uriOf(path.join(workspace, 'acme.calendar.yaml')) }),
        (e: { code?: number; message?: string }) => e.code === -32602 && /calendar/.test(e.message ?? ''),
      );
      await assert.rejects(
        client.request('runbook/changeRequest', { uri: 'file:///nowhere/x.runbook.yaml' }),
        (e: { code?: number }) => e.code === -32602,
      );
      await assert.rejects(client.request('runbook/changeRequest', {}), (e: { code?: number }) => e.code === -32602);
    });

    it('runbook/accessRequests renders each access and provisioning request, or says why there is none to file', async () => {
      const none = await client.request<{ ok: boolean; error?: string }>('runbook/accessRequests', {
        uri: uriOf(path.join(workspace, 'payments-api-2-14.runbook.yaml')),
      });
      assert.deepEqual(none, {
        ok: false,
        error: 'the runbook has no access or provisioning requests (nothing was sent)',
      });
      const uri = uriOf(path.join(workspace, 'db-access.runbook.yaml'));
      await client.open(
        uri,
        'runbook: db-access\ntitle: DB access\nenvironment: production\nwindow:\n  start: 2027-03-02T22:00\n  duration: 1h\naccess:\n  - id: alice-db\n    who: "@alice"\n    environment: production\n    level: read-only\n    from: 2027-03-02T21:30\n    until: 2027-03-03T00:00\nprovisioning:\n  - id: disk\n    what: More disk\n    environment: production\nsteps:\n  - id: s\n    title: S\n',
      );
      const result = await client.request<{
        ok: true;
        requests: {
          section: string;
          id: string;
          request: { title: string; labels: string[]; body: string; kind: { label: string } };
        }[];
      }>('runbook/accessRequests', { uri });
      assert.deepEqual(
        result.requests.map((r) => `${r.section}/${r.id} ${r.request.labels.join(',')}`),
        ['access/alice-db access-request,env:production', 'provisioning/disk provisioning-request,env:production'],
      );
      assert.equal(
        result.requests[0].request.title,
        '[access] @alice: read-only on production, 2027-03-02 21:30 to 2027-03-03 00:00 Europe/Berlin',
      );
      assert.ok(result.requests[0].request.body.endsWith('<!-- runbook:db-access/access/alice-db -->'));
    });

    // Last: the statuses sent stay with the server for the rest of the session.
    it('draws the ticket lens and the hover on ticket: from the statuses the extension sends, and lists the tickets', async () => {
      const file = path.join(workspace, 'orders-db-migration.runbook.yaml');
      const uri = uriOf(file);
      const text = (await fs.readFile(file, 'utf8')).replace(
        '  approvers:',
        '  ticket: acme/releases#42\n  approvers:',
      );
      type Lens = { command: { title: string; tooltip?: string; command: string; arguments?: unknown[] } };
      type HoverResult = { contents: { kind: string; value: string }; range: Range } | null;
      const ticketLens = async () =>
        (await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).find((l) =>
          /acme\/releases#42/.test(l.command.title),
        );
      const ticketLine = text.split('\n').findIndex((l) => l.includes('ticket: acme/releases#42'));
      const hoverOn = (character: number) =>
        client.request<HoverResult>('textDocument/hover', {
          textDocument: { uri },
          position: { line: ticketLine, character },
        });
      await client.open(uri, text);
      try {
        assert.deepEqual(
          (await ticketLens())?.command,
          { title: 'Ticket acme/releases#42', command: '' },
          'plain text until the client sends statuses',
        );
        const tickets = await client.request<TicketsResult>(TICKETS_REQUEST, {});
        assert.deepEqual(
          tickets.tickets.filter((t) => t.uri === uri),
          [{ uri, ticket: 'acme/releases#42' }],
        );

        await client.notify(CHANGE_STATUSES_NOTIFICATION, { statuses: [], lastError: 'GitHub could not be reached' });
        assert.deepEqual((await ticketLens())?.command, {
          title: 'acme/releases#42 · status not loaded',
          tooltip: 'Refresh Change Status',
          command: 'releaseRunbooks.refreshChangeStatus',
        });
        const notLoaded = await hoverOn(12);
        assert.match(
          notLoaded!.contents.value,
          /^\*\*Change request acme\/releases#42\*\*: status not loaded\. \[Refresh Change Status\]\(command:releaseRunbooks\.refreshChangeStatus\)\n\nLast refresh: GitHub could not be reached/,
        );

        const status = {
          ticket: 'acme/releases#42',
          url: 'https://github.example.invalid/acme/releases/issues/42',
          title: 'Orders <b>DB</b> migration',
          state: 'open',
          stateReason: null,
          cab: 'approved',
          cabLabel: 'cab:approved',
          assignees: ['bob'],
          labels: ['change-request', 'risk:high'],
          fetchedAt: Date.parse('2026-12-02T09:15:30Z'),
        };
        await client.notify(CHANGE_STATUSES_NOTIFICATION, { statuses: [status, { ticket: 42 }] });
        assert.deepEqual((await ticketLens())?.command, {
          title: 'acme/releases#42 · open · CAB approved · @bob',
          tooltip: 'Open https://github.example.invalid/acme/releases/issues/42',
          command: 'vscode.open',
          arguments: ['https://github.example.invalid/acme/releases/issues/42'],
        });
        const loaded = await hoverOn(2);
        assert.ok(loaded, 'a hover on the key too');
        const value = loaded.contents.value;
        assert.ok(
          value.startsWith(
            '**[acme/releases#42](https://github.example.invalid/acme/releases/issues/42)**: Orders \\<b\\>DB\\</b\\> migration',
          ),
          value,
        );
        assert.match(
          value,
          /- State: open\n- CAB: approved \(`cab:approved`\)\n- Assignees: @bob\n- Labels: `change-request` `risk:high`/,
        );
        assert.match(
          value,
          /_Read 10:15:30\. \[Refresh\]\(command:releaseRunbooks\.refreshChangeStatus\)_/,
          "in the coordinator's zone",
        );
        assert.deepEqual(loaded.range.start, { line: ticketLine, character: 2 });
        const elsewhere = await client.request<HoverResult>('textDocument/hover', {
          textDocument: { uri },
          position: { line: ticketLine + 1, character: 4 },
        });
        assert.doesNotMatch(elsewhere?.contents.value ?? '', /acme\/releases#42/);
      } finally {
        await client.close(uri);
      }
    });

    it("with a board in the calendar, lists each change ticket with its board, and the lens and hover say the board's verdict", async () => {
      const calendarUri = uriOf(path.join(workspace, 'acme.calendar.yaml'));
      const calendarText = `${await fs.readFile(fileURLToPath(calendarUri), 'utf8')}\napprovals:\n  approvers:\n    users: ["@alice", "@bob"]\n  required:\n    high: 1\n`;
      const file = path.join(workspace, 'orders-db-migration.runbook.yaml');
      const uri = uriOf(file);
      const text = (await fs.readFile(file, 'utf8')).replace(
        '  approvers:',
        '  ticket: acme/releases#42\n  approvers:',
      );
      type Lens = { command: { title: string } };
      const ticketLens = async () =>
        (await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } })).find((l) =>
          /acme\/releases#42/.test(l.command.title),
        )?.command.title;
      const ticketLine = text.split('\n').findIndex((l) => l.includes('ticket: acme/releases#42'));
      const hover = async () =>
        (
          await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
            textDocument: { uri },
            position: { line: ticketLine, character: 12 },
          })
        )?.contents.value ?? '';
      const send = (events: LabelEvent[], comments: IssueComment[] = []) => {
        const verdict = approvalVerdict({
          board: { users: ['alice', 'bob'], teams: [], required: { high: 1 } },
          needed: 1,
          approvalLabel: 'cab:approved',
          events,
          comments,
          isTeamMember: () => false,
        });
        const status: ChangeStatus = {
          ticket: 'acme/releases#42',
          url: 'https://github.example.invalid/acme/releases/issues/42',
          title: 'Orders DB migration',
          state: 'open',
          stateReason: null,
          cab: events.some((e) => e.kind === 'labeled') && !comments.length ? 'approved' : 'pending',
          cabLabel: 'cab:approved',
          assignees: ['bob'],
          labels: ['change-request'],
          fetchedAt: Date.parse('2026-12-03T14:00:00Z'),
          verdict,
        };
        return client.notify(CHANGE_STATUSES_NOTIFICATION, { statuses: [status] });
      };
      const label = (actor: string, at: string): LabelEvent => ({ kind: 'labeled', label: 'cab:approved', actor, at });
      await client.open(calendarUri, calendarText);
      await client.open(uri, text);
      try {
        const tickets = await client.request<TicketsResult>(TICKETS_REQUEST, {});
        assert.deepEqual(
          tickets.tickets.filter((t) => t.uri === uri),
          [
            {
              uri,
              ticket: 'acme/releases#42',
              approval: { board: { users: ['alice', 'bob'], teams: [], required: { high: 1 } }, needed: 1 },
            },
          ],
        );

        await send([label('mallory', '2026-12-03T13:05:00Z')]);
        assert.equal(
          await ticketLens(),
          'acme/releases#42 · open · cab:approved set by @mallory, who is not an approver · @bob',
        );
        assert.match(await hover(), /\n- CAB: cab:approved set by @mallory, who is not an approver\n/);

        // In the coordinator's zone (Europe/Berlin).
        await send([label('mallory', '2026-12-03T13:05:00Z'), label('alice', '2026-12-03T13:05:00Z')]);
        assert.equal(await ticketLens(), 'acme/releases#42 · open · Approved by @alice (2026-12-03 14:05) · @bob');
        assert.match(await hover(), /\n- CAB: Approved by @alice \(2026-12-03 14:05\)\n/);

        const withdrawn = {
          author: 'release-bot',
          body: '**Approval withdrawn**: the window changed in this submission.',
          at: '2026-12-04T08:00:00Z',
        };
        await send([label('alice', '2026-12-03T13:05:00Z')], [withdrawn]);
        assert.equal(
          await ticketLens(),
          'acme/releases#42 · open · Re-approval needed: window changed since approval · @bob',
        );
        assert.match(await hover(), /\n- CAB: Re-approval needed: window changed since approval\n/);

        // Text from GitHub is escaped in the hover's Markdown.
        await send([label('[x](command:evil)*', '2026-12-03T13:05:00Z')]);
        assert.match(
          await hover(),
          /- CAB: cab:approved set by @\\\[x\\\]\(command:evil\)\\\*, who is not an approver/,
        );
      } finally {
        await client.close(uri);
        await client.close(calendarUri);
      }
    });
  });
});
