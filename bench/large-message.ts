// One very large message to the server over stdio: how long from its first byte until the server
// has received and parsed it (issue 16: the stdio framing once copied the buffer with every chunk,
// so a 40 MB message took 50 s). The message is encoded before the clock starts, so the client's
// own JSON work is not counted; it names a method the server does not know, and a small request
// sent right after it is answered only once the large one was read (messages are read in order).
import { median } from './process-measures';
import { CLIENT_CAPABILITIES, ServerCommand, startServer } from './server-measures';

export interface LargeMessageResult {
  bytes: number;
  /** From writing the message's first byte to the answer of the request after it, per run. */
  runsMs: number[];
  medianMs: number;
}

export async function measureLargeMessage(
  server: ServerCommand,
  megabytes: number,
  runs = 3,
): Promise<LargeMessageResult> {
  const session = await startServer(server);
  try {
    await session.request('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: {},
    });
    await session.notify('initialized', {});
    // YAML-like text with a multibyte character on every line: chunk boundaries split characters.
    const line = `  - title: Étape ${'x'.repeat(50)}\n`;
    const text = line.repeat(Math.round((megabytes * 2 ** 20) / Buffer.byteLength(line)));
    const runsMs: number[] = [];
    let bytes = 0;
    for (let r = 0; r < runs; r++) {
      const body = Buffer.from(
        JSON.stringify({ jsonrpc: '2.0', id: `large-${r}`, method: 'runbook/benchLargeMessage', params: { text } }),
        'utf8',
      );
      bytes = body.length;
      const message = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
      const started = performance.now();
      await session.writeRaw([message]);
      await session.request(
        'textDocument/documentSymbol',
        { textDocument: { uri: 'file:///bench/none.runbook.yaml' } },
        120_000,
      );
      runsMs.push(performance.now() - started);
    }
    return { bytes, runsMs, medianMs: median(runsMs) };
  } finally {
    await session.stop();
  }
}
