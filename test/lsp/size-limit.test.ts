// A runbook over the 5 MB limit (docs/runbook-dsl.md, RB034), opened in the editor or lying in the
// workspace: reported at once and not parsed; editing it below the limit checks it as usual.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uriOf } from '../helpers/lsp-client';

const SMALL =
  'runbook: big\ntitle: Big\nenvironment: staging\nwindow:\n  start: 2026-12-02T22:00\n  end: 2026-12-02T21:00\nsteps:\n  - id: a\n    title: A\n    irreversible: true\n';

function hugeRunbook(megabytes: number): string {
  const step = (i: number) => `  - id: step-${i}\n    title: Step ${i}\n    irreversible: true\n`;
  const parts = [SMALL];
  let length = SMALL.length;
  for (let i = 0; length < megabytes * 2 ** 20; i++) {
    const s = step(i);
    parts.push(s);
    length += s.length;
  }
  return parts.join('');
}

describe('files over the size limit', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspClient | undefined;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'runbook-size-'));
    await fs.writeFile(path.join(workspace, 'on-disk.runbook.yaml'), hugeRunbook(30));
  });

  after(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('reports a 30 MB file on disk and a 12 MB open document with RB034 alone, quickly', async () => {
    client = await LspClient.start({ workspace });
    const onDisk = await client.diagnosticsOf(
      uriOf(path.join(workspace, 'on-disk.runbook.yaml')),
      (d) => d.length > 0,
      10_000,
    );
    assert.deepEqual(
      onDisk.map((d) => d.code),
      ['RB034'],
    );

    const uri = uriOf(path.join(workspace, 'opened.runbook.yaml'));
    await client.open(uri, hugeRunbook(12));
    const opened = await client.diagnosticsOf(uri, (d) => d.length > 0, 10_000);
    assert.deepEqual(
      opened.map((d) => [d.code, d.severity, d.range.start.line]),
      [['RB034', 1, 0]],
    );
    assert.match(String(opened[0].message), /larger than 5 MB/);
    const completion = await client.request<{ items: unknown[] } | null>(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 1, character: 0 } },
      5000,
    );
    assert.ok(!completion || completion.items.length === 0, 'no features in a file that was not parsed');
  });

  it('checks the document as usual once an edit brings it under the limit', async () => {
    const uri = uriOf(path.join(workspace, 'opened.runbook.yaml'));
    await client!.change(uri, SMALL);
    const diagnostics = await client!.diagnosticsOf(uri, (d) => !d.some((x) => x.code === 'RB034'), 10_000);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['RB007'],
    );
  });
});
