// Fuzzing through the real server: thousands of mutated runbooks and calendars (deleted,
// duplicated and swapped lines, random bytes, cut-off files, odd indentation, YAML oddities),
// each followed by a request at a random position, plus malformed requests. The server must
// answer every one, never die, never log an uncaught fault, and still be right at the end.
// FUZZ_SEED and FUZZ_ROUNDS reproduce or lengthen a run.
import { strict as assert } from 'node:assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../bench/generate-workspace';
import { copyWorkspace, LspClient, uriOf } from '../helpers/lsp-client';

const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

const ODDITIES = [
  '\t',
  '\u0000',
  '\u00e9',
  '\ud83d\ude80',
  '\ud800',
  '\r',
  '\r\n',
  ':',
  ': ',
  '- ',
  '? ',
  '&a ',
  '*a',
  '!!binary ',
  '!tag ',
  '|',
  '>-',
  '#',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '<<: *a\n',
  'steps: [',
  'window: {start: ',
  '  - id: ',
  'rollback: ',
  'depends-on: [',
  '9999-99-99T99:99',
  'PT',
  '1d1d',
  'FREQ=',
  '\\',
  '~',
  'null',
  'true',
];

type Mutation = (lines: string[], rnd: () => number) => string[];

const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)];
const at = (lines: string[], rnd: () => number) => Math.floor(rnd() * Math.max(1, lines.length));

const MUTATIONS: Record<string, Mutation> = {
  deleteLine: (lines, rnd) => lines.filter((_, i) => i !== at(lines, rnd)),
  duplicateLine: (lines, rnd) => {
    const i = at(lines, rnd);
    return [...lines.slice(0, i + 1), lines[i] ?? '', ...lines.slice(i + 1)];
  },
  swapLines: (lines, rnd) => {
    const out = [...lines];
    const i = at(out, rnd);
    const j = rnd() < 0.5 ? Math.min(out.length - 1, i + 1) : at(out, rnd);
    [out[i], out[j]] = [out[j], out[i]];
    return out;
  },
  randomBytes: (lines, rnd) => {
    const out = [...lines];
    const i = at(out, rnd);
    const line = out[i] ?? '';
    const col = Math.floor(rnd() * (line.length + 1));
    let noise = '';
    for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--)
      noise += rnd() < 0.5 ? pick(ODDITIES, rnd) : String.fromCharCode(Math.floor(rnd() * 0xffff));
    out[i] = line.slice(0, col) + noise + line.slice(col);
    return out;
  },
  cutOff: (lines, rnd) => {
    const text = lines.join('\n');
    return text.slice(0, Math.floor(rnd() * text.length)).split('\n');
  },
  reindent: (lines, rnd) => {
    const out = [...lines];
    const i = at(out, rnd);
    const shift = Math.floor(rnd() * 9) - 4;
    out[i] =
      shift >= 0 ? ' '.repeat(shift) + (out[i] ?? '') : (out[i] ?? '').replace(new RegExp(`^ {0,${-shift}}`), '');
    return out;
  },
  replaceLine: (lines, rnd) => {
    const out = [...lines];
    out[at(out, rnd)] = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(ODDITIES, rnd)).join('');
    return out;
  },
  joinLines: (lines, rnd) => {
    const i = at(lines, rnd);
    if (i + 1 >= lines.length) return lines;
    return [...lines.slice(0, i), lines[i] + lines[i + 1], ...lines.slice(i + 2)];
  },
  deepNesting: (lines, rnd) => [...lines, `deep: ${'['.repeat(50 + Math.floor(rnd() * 500))}`],
  aliases: (lines) => [
    ...lines,
    'a: &a [x, x, x, x]',
    'b: &b [*a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c]',
  ],
  longLine: (lines, rnd) => [...lines, `title: ${'x'.repeat(10_000 + Math.floor(rnd() * 50_000))}`],
  duplicateBlock: (lines, rnd) => {
    const i = at(lines, rnd);
    const n = 1 + Math.floor(rnd() * 10);
    return [...lines.slice(0, i + n), ...lines.slice(i, i + n), ...lines.slice(i + n)];
  },
};

const REQUESTS = [
  'completion',
  'hover',
  'definition',
  'references',
  'documentSymbol',
  'foldingRange',
  'selectionRange',
  'codeAction',
  'codeLens',
  'prepareRename',
  'rename',
  'calendar',
  'changeRequest',
  'garbage',
] as const;

describe('fuzz: the server survives mutated documents', function () {
  this.timeout(900_000);
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = await copyWorkspace('workspace');
    client = await LspClient.start({ workspace, initializationOptions: { debounceMs: 0 } });
    await client.diagnosticsOf(uriOf(path.join(workspace, 'payments-hotfix-2-14-1.runbook.yaml')));
  });

  after(async () => {
    await client?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  it(`answers every request through ${ROUNDS} mutated runbooks and calendars (seed ${SEED})`, async () => {
    const rnd = seededRandom(SEED);
    const names = (await fs.readdir(workspace)).filter((n) => n.endsWith('.yaml'));
    const bases = [
      ...names.map((n) => readFileSync(path.join(workspace, n), 'utf8')),
      readFileSync(path.join(workspace, 'broken', 'search-indexer.runbook.yaml'), 'utf8'),
    ];
    const runbookBases = bases.filter((b) => b.includes('runbook:'));
    const calendarBases = bases.filter((b) => b.includes('calendar:'));
    const runbookUri = uriOf(path.join(workspace, 'fuzz.runbook.yaml'));
    const calendarUri = uriOf(path.join(workspace, 'fuzz.calendar.yaml'));
    await client.open(runbookUri, runbookBases[0]);
    await client.open(calendarUri, calendarBases[0]);
    const mutationNames = Object.keys(MUTATIONS);
    const used = new Map<string, number>();
    const started = Date.now();

    for (let round = 0; round < ROUNDS; round++) {
      const calendar = rnd() < 0.15;
      const uri = calendar ? calendarUri : runbookUri;
      let lines = pick(calendar ? calendarBases : runbookBases, rnd).split('\n');
      for (let n = 1 + Math.floor(rnd() * 4); n > 0; n--) {
        const name = pick(mutationNames, rnd);
        used.set(name, (used.get(name) ?? 0) + 1);
        lines = MUTATIONS[name](lines, rnd);
      }
      const text = lines.join('\n');
      // Mostly whole-text changes; sometimes a ranged edit, as typing sends.
      if (rnd() < 0.3 && client.textOf(uri)) {
        const line = Math.floor(rnd() * (client.textOf(uri)!.split('\n').length + 2));
        await client.edit(
          uri,
          { start: { line, character: 0 }, end: { line, character: Math.floor(rnd() * 40) } },
          pick(ODDITIES, rnd),
        );
      } else {
        await client.change(uri, text);
      }
      const current = client.textOf(uri)!.split('\n');
      const line = Math.floor(rnd() * (current.length + 1));
      const character = Math.floor(rnd() * ((current[line]?.length ?? 0) + 2));
      const position = { line, character };
      const kind = pick(REQUESTS, rnd);
      const context = `round ${round} (seed ${SEED}), ${kind} at ${line}:${character}`;
      try {
        await request(kind, uri, position, rnd);
      } catch (error) {
        const e = error as { code?: number; message?: string };
        // A ResponseError is an answer (a refused rename, bad params); silence or a crash is not.
        if (typeof e.code !== 'number')
          throw new Error(`${context}: ${e.message ?? error}\n--- document ---\n${client.textOf(uri)?.slice(0, 2000)}`);
      }
      assert.equal(client.exited, undefined, `${context}: the server exited\n${client.stderr}`);
    }

    // Still alive and still right: a known document gets its known diagnostics.
    const broken = readFileSync(path.join(workspace, 'broken', 'search-indexer.runbook.yaml'), 'utf8');
    await client.change(runbookUri, broken.replace('search-indexer-7', 'fuzz-final'));
    await client.change(calendarUri, calendarBases[0].replace('calendar: acme', 'calendar: fuzz-calendar'));
    const final = await client.diagnosticsOf(
      runbookUri,
      (d) => d.some((x) => x.code === 'RB002') && d.some((x) => x.code === 'RB007'),
    );
    assert.ok(final.some((d) => d.code === 'RB004'));
    const calendarResult = await client.request<{ events: unknown[] }>('runbook/calendar', {
      from: '2026-12-01T00:00:00Z',
      to: '2027-01-01T00:00:00Z',
    });
    assert.ok(calendarResult.events.length > 0);

    const faults = client.logs.filter((l) => /Uncaught|Unhandled|failed: /.test(l));
    const featureFaults = faults.filter((l) => !/^rule RB\d{3} failed/.test(l));
    const ruleFaults = faults.filter((l) => /^rule RB\d{3} failed/.test(l));
    if (ruleFaults.length)
      console.warn(
        `    ${ruleFaults.length} rule faults were logged (the other rules still reported):\n${[...new Set(ruleFaults.map((l) => l.split('\n').slice(0, 2).join(' ')))].slice(0, 10).join('\n')}`,
      );
    console.log(
      `    ${ROUNDS} rounds in ${Math.round((Date.now() - started) / 1000)} s; mutations: ${[...used].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    assert.deepEqual(
      featureFaults.map((l) => l.split('\n').slice(0, 3).join(' ')),
      [],
      'no feature fault and nothing uncaught',
    );
  });

  it('still answers after bytes that are not LSP messages', async () => {
    const uri = uriOf(path.join(workspace, 'payments-api-2-14.runbook.yaml'));
    const garbage = [
      'garbage without any header\r\n\r\n',
      'Content-Length: 10\r\n\r\n{not json}',
      'Content-Length: nope\r\n\r\n{}',
      'Content-Length: 7\r\n\r\n[1,2,3]',
      'Content-Length: 2\r\n\r\n{}',
      Buffer.from([0, 255, 254, 13, 10, 13, 10, 7]).toString('latin1'),
      'Content-Type: nothing\r\n\r\n',
    ];
    for (const bytes of garbage) {
      await client.writeRaw([Buffer.from(bytes, 'latin1')]);
      const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols) && symbols.length > 0, `answers after ${JSON.stringify(bytes)}`);
    }
    await assert.rejects(client.request('no/such/method', {}), (e: { code?: number }) => e.code === -32601);
    assert.equal(client.exited, undefined);
  });

  async function request(
    kind: (typeof REQUESTS)[number],
    uri: string,
    position: { line: number; character: number },
    rnd: () => number,
  ): Promise<unknown> {
    const textDocument = { uri };
    const range = { start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } };
    switch (kind) {
      case 'completion':
        return client.request('textDocument/completion', { textDocument, position });
      case 'hover':
        return client.request('textDocument/hover', { textDocument, position });
      case 'definition':
        return client.request('textDocument/definition', { textDocument, position });
      case 'references':
        return client.request('textDocument/references', {
          textDocument,
          position,
          context: { includeDeclaration: true },
        });
      case 'documentSymbol':
        return client.request('textDocument/documentSymbol', { textDocument });
      case 'foldingRange':
        return client.request('textDocument/foldingRange', { textDocument });
      case 'selectionRange':
        return client.request('textDocument/selectionRange', {
          textDocument,
          positions: [position, { line: 0, character: 0 }],
        });
      case 'codeAction': {
        const diagnostics = client.diagnostics.get(uri) ?? [];
        return client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics } });
      }
      case 'codeLens':
        return client.request('textDocument/codeLens', { textDocument });
      case 'prepareRename':
        return client.request('textDocument/prepareRename', { textDocument, position });
      case 'rename':
        return client.request('textDocument/rename', {
          textDocument,
          position,
          newName: rnd() < 0.5 ? 'renamed-id' : pick(ODDITIES, rnd),
        });
      case 'calendar':
        return client.request(
          'runbook/calendar',
          rnd() < 0.7
            ? { from: '2026-11-01T00:00:00Z', to: '2027-02-01T00:00:00Z' }
            : { from: pick(ODDITIES, rnd), to: 42 },
        );
      case 'changeRequest':
        return client.request('runbook/changeRequest', rnd() < 0.8 ? { uri } : { uri: pick(ODDITIES, rnd) });
      case 'garbage': {
        // Malformed params: missing fields, wrong types, absurd positions.
        const bad = [
          ['textDocument/completion', { textDocument }],
          ['textDocument/hover', { textDocument, position: { line: -1, character: -5 } }],
          ['textDocument/definition', { textDocument, position: { line: 1e9, character: 1e9 } }],
          [
            'textDocument/codeAction',
            {
              textDocument,
              range,
              context: {
                diagnostics: [
                  {
                    code: 'RB010',
                    range: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 1 } },
                    message: 'x',
                  },
                ],
              },
            },
          ],
          [
            'textDocument/codeAction',
            {
              textDocument,
              range,
              context: { diagnostics: [{ code: 'RB003', range, message: 'x', data: { missing: 42, object: 'nope' } }] },
            },
          ],
          ['textDocument/documentSymbol', { textDocument: { uri: 'file:///not/open.runbook.yaml' } }],
          ['textDocument/rename', { textDocument, position }],
          ['textDocument/selectionRange', { textDocument, positions: 'all' }],
          ['textDocument/hover', null],
        ] as const;
        const [method, params] = pick(bad, rnd);
        return client.request(method, params);
      }
    }
  }
});
