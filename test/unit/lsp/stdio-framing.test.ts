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

  it('passes several messages from one chunk, and a message in one-byte chunks, multibyte characters split', async () => {
    const bodies = ['{"id":1,"text":"ä€𝄞"}', '{"id":2}', '{"id":3,"text":"日本語"}'];
    const all = bodies.map(frame).join('');
    assert.equal(await through([all]), all);
    const bytes = Buffer.from(all, 'utf8');
    const guard = new MessageFramingGuard();
    const out: Buffer[] = [];
    guard.on('data', (b: Buffer) => out.push(b));
    for (let i = 0; i < bytes.length; i++) guard.write(bytes.subarray(i, i + 1));
    guard.end();
    await new Promise((resolve) => guard.on('end', resolve));
    assert.equal(Buffer.concat(out).toString('utf8'), all);
  });

  it('passes a 40 MB message in 64 KB chunks, and the message after it', async () => {
    const big = frame(`{"id":1,"text":"${'é'.repeat(20 * 1024 * 1024)}"}`);
    const next = frame('{"id":2}');
    const bytes = Buffer.from(big + next, 'utf8');
    const guard = new MessageFramingGuard();
    const out: Buffer[] = [];
    guard.on('data', (b: Buffer) => out.push(b));
    for (let i = 0; i < bytes.length; i += 65536) guard.write(bytes.subarray(i, i + 65536));
    guard.end();
    await new Promise((resolve) => guard.on('end', resolve));
    assert.ok(Buffer.concat(out).equals(bytes), 'every byte passed, in order');
  });

  it('finds the next header after garbage that arrives in many small chunks', async () => {
    const ok = frame('{"id":4}');
    const garbage = 'x'.repeat(50_000);
    const chunks: string[] = [];
    for (let i = 0; i < garbage.length; i += 1000) chunks.push(garbage.slice(i, i + 1000));
    assert.equal(await through([...chunks, ok.slice(0, 5), ok.slice(5)]), ok);
  });
});
