import { strict as assert } from 'node:assert';
import { MessageFramingGuard } from '../../../server/lsp/stdio-framing';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

async function through(chunks: string[]): Promise<string> {
  const guard = new MessageFramingGuard();
  const out: Buffer[] = [];
  guard.on('data', (b: Buffer) => out.push(b));
  for (const c of chunks) guard.write(Buffer.from(c, 'utf8'));
  guard.end();
  await new Promise((resolve) => guard.on('end', resolve));
  return Buffer.concat(out).toString('utf8');
}

describe('stdio framing guard', () => {
  it('passes well-framed messages through unchanged, even split across chunks', async () => {
    const a = frame('{"id":1}');
    const b = frame('{"id":2,"text":"héllo"}');
    const all = a + b;
    assert.equal(await through([all.slice(0, 7), all.slice(7, 30), all.slice(30)]), all);
  });

  it('skips bytes that are not messages and resumes at the next header', async () => {
    const ok = frame('{"id":3}');
    assert.equal(await through(['garbage\r\n\r\n', ok]), ok);
    assert.equal(await through(['Content-Length: x\r\n\r\n{}', ok]), ok);
    assert.equal(await through(['\u0000\u00ff no header end at all', ok]), ok);
    assert.equal(await through([`Content-Length: 999999999999\r\n\r\n${ok}`]), ok);
  });
});
