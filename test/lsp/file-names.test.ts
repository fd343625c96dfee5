// Files whose names hold `#`, `?`, `%`, spaces or non-ASCII letters: the server reads them from
// disk with the workspace and publishes their diagnostics under their encoded URIs.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, REPO_ROOT, uriOf } from '../helpers/lsp-client';

const NAMES = [
  '100%.runbook.yaml',
  'fix #12.runbook.yaml',
  'two words.runbook.yaml',
  'why?.runbook.yaml',
  'zürich-café.runbook.yaml',
];

describe('file names that a URI must encode', function () {
  this.timeout(30_000);
  let workspace: string;
  let client: LspClient | undefined;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'runbook-names-'));
    await fs.cp(path.join(REPO_ROOT, 'test', 'fixtures', 'file-names'), workspace, { recursive: true });
  });

  after(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('reads every one from the workspace and publishes its error', async () => {
    client = await LspClient.start({ workspace });
    for (const name of NAMES) {
      const uri = uriOf(path.join(workspace, name));
      const diagnostics = await client.diagnosticsOf(uri, (d) => d.length > 0);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['RB007'],
        name,
      );
    }
    assert.ok(uriOf(path.join(workspace, 'fix #12.runbook.yaml')).endsWith('/fix%20%2312.runbook.yaml'));
  });

  it('answers features for an open one, under the URI the client spelled', async () => {
    const uri = uriOf(path.join(workspace, 'why?.runbook.yaml'));
    await client!.open(uri, await fs.readFile(path.join(workspace, 'why?.runbook.yaml'), 'utf8'));
    const symbols = await client!.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  });
});
