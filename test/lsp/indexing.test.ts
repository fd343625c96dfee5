// Opening a large workspace, as a coordinator with years of runbooks does: the open file's outline
// answers while the server is still reading the other files, the open file's diagnostics come
// first, and every file gets its diagnostics once the workspace is read.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../bench/generate-workspace';
import { LspClient, uriOf } from '../helpers/lsp-client';

const RUNBOOKS = 400;
const READ_LOG = /read \d+ runbook and calendar files/;

describe('a large workspace while it is read', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspClient | undefined;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'runbook-indexing-'));
    for (const file of generateWorkspace(RUNBOOKS, 3)) {
      await fs.mkdir(path.dirname(path.join(workspace, file.path)), { recursive: true });
      await fs.writeFile(path.join(workspace, file.path), file.text);
    }
  });

  after(async () => {
    await client?.stop();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('answers the outline before the workspace is read, and checks the open file first', async () => {
    const files = generateWorkspace(RUNBOOKS, 3)
      .map((f) => f.path)
      .sort();
    // The last file by name: without the open-first order it would be checked last.
    const last = [...files].reverse().find((f) => f.endsWith('.runbook.yaml'))!;
    const uri = uriOf(path.join(workspace, last));
    client = await LspClient.start({ workspace });
    await client.open(uri, await fs.readFile(path.join(workspace, last), 'utf8'));
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const readSoFar = client.logs.some((line) => READ_LOG.test(line));
    assert.ok(symbols.length > 0, 'the outline lists the runbook');
    assert.equal(readSoFar, false, 'the outline came before the server finished reading the workspace');

    await client.waitFor('the workspace to be read', () => client!.logs.some((line) => READ_LOG.test(line)), 60_000);
    await client.waitFor(
      `diagnostics for all ${files.length} files`,
      () => client!.diagnostics.size >= files.length,
      60_000,
    );
    assert.equal(client.publishes[0].uri, uri, 'the open file was published first');
  });
});
