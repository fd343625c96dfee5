// The stdio transport as an editor's pipe delivers it: several messages in one chunk, one message
// over many small chunks that split multibyte characters, and a large message.
import { strict as assert } from 'node:assert';
import { LspClient } from '../helpers/lsp-client';

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

const didOpen = (uri: string, text: string) => ({
  jsonrpc: '2.0',
  method: 'textDocument/didOpen',
  params: { textDocument: { uri, languageId: 'runbook', version: 1, text } },
});

describe('the stdio transport', function () {
  this.timeout(60_000);
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  // Raw bytes go through writeRaw: the client's own answers (the server asks for
  // workspace/configuration after a didOpen) must not land between its chunks, nor its chunks
  // between the header and the body of such an answer.
  it('reads two messages from one write and one message split into 7-byte writes, multibyte characters intact', async () => {
    client = await LspClient.start();
    const a = 'file:///framing/a.runbook.yaml';
    const b = 'file:///framing/b.runbook.yaml';
    const c = 'file:///framing/c.runbook.yaml';
    const text = (key: string) => `runbook: x\ntitle: Ünïcødé 𝄞 日本\n${key}: 1\n`;
    await client.writeRaw([Buffer.concat([frame(didOpen(a, text('ä𝄞a'))), frame(didOpen(b, text('ö日b')))])]);
    const split = frame(didOpen(c, text('é—𝄞c')));
    const chunks: Buffer[] = [];
    for (let i = 0; i < split.length; i += 7) chunks.push(split.subarray(i, i + 7));
    await client.writeRaw(chunks);
    for (const [uri, key] of [
      [a, 'ä𝄞a'],
      [b, 'ö日b'],
      [c, 'é—𝄞c'],
    ]) {
      const diagnostics = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'RB002'));
      assert.ok(
        diagnostics.some((d) => String(d.message).includes(`"${key}"`)),
        `${key} in ${diagnostics.map((d) => d.message).join(' | ')}`,
      );
    }
  });

  it('reads a 40 MB message and answers the next request', async () => {
    client = await LspClient.start();
    const big = frame({
      jsonrpc: '2.0',
      id: 'big',
      method: 'runbook/noSuchRequest',
      params: { text: `${'x'.repeat(50)}é\n`.repeat(800_000) },
    });
    assert.ok(big.length > 40 * 2 ** 20);
    await client.writeRaw([big]);
    const symbols = await client.request<unknown[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri: 'file:///framing/none.runbook.yaml' } },
      30_000,
    );
    assert.deepEqual(symbols, []);
  });
});
