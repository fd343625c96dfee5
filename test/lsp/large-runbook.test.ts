// A 5,000-step runbook through the real server: an edit's diagnostics arrive, right, and the other
// features still answer, each within a deadline that only a hang would miss. How fast is measured
// by `npm run bench` (the 5,000-step runbook there), not here.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { copyWorkspace, LspClient, uriOf } from '../helpers/lsp-client';

const STEPS = 5000;

function largeRunbook(): string {
  const lines = [
    'runbook: large-release',
    'title: A release with many steps',
    'service: large',
    'environment: staging',
    'owner: "@alice"',
    'window:',
    '  start: 2026-12-02T10:00',
    '  duration: 2d',
    'steps:',
  ];
  for (let i = 0; i < STEPS; i++)
    lines.push(
      `  - id: step-${i}`,
      `    title: Step ${i}`,
      `    run: ./scripts/step.sh ${i}`,
      '    timeout: 30s',
      `    rollback: undo-${i % 20}`,
    );
  lines.push('rollback:', '  trigger: Any failed step', '  steps:');
  for (let i = 0; i < 20; i++)
    lines.push(`    - id: undo-${i}`, `      title: Undo group ${i}`, `      run: ./scripts/undo.sh ${i}`);
  return lines.join('\n') + '\n';
}

describe(`a ${STEPS}-step runbook`, function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = await copyWorkspace('workspace');
    client = await LspClient.start({ workspace, initializationOptions: { debounceMs: 0 } });
  });

  after(async () => {
    await client?.stop();
    if (workspace) await fs.rm(workspace, { recursive: true, force: true });
  });

  it('gets diagnostics for an edit, and the features answer', async () => {
    const uri = uriOf(path.join(workspace, 'large.runbook.yaml'));
    const text = largeRunbook();
    await client.open(uri, text);
    await client.diagnosticsOf(uri, (d) => d.length === 0, 60_000);
    const line = text.split('\n').indexOf('    rollback: undo-7', 20_000);
    await client.edit(uri, { start: { line, character: 14 }, end: { line, character: 20 } }, 'undo-77');
    const diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'RB006'), 60_000);
    assert.equal(diagnostics.find((d) => d.code === 'RB006')!.range.start.line, line);

    for (const [method, params] of [
      ['textDocument/completion', { textDocument: { uri }, position: { line: line + 1, character: 4 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line, character: 16 } }],
      ['textDocument/definition', { textDocument: { uri }, position: { line: line - 5, character: 16 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } }],
    ] as const) {
      const result = await client.request(method, params, 60_000);
      assert.ok(result !== undefined, method);
    }
  });
});
