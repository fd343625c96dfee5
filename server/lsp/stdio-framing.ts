// Guards the stdio transport against bytes that are not LSP messages. vscode-jsonrpc's reader
// stops reading for good after a malformed header; this stream passes on only well-framed
// messages (`Content-Length: N` headers, then N bytes) and skips anything else to the next header,
// so a client that once writes garbage can still talk to the server afterwards.
import { Transform, TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('content-length:');
/** No LSP message is this large; a header claiming more is garbage. */
const MAX_BODY = 256 * 1024 * 1024;
/** Headers are short; this much without a header end means the bytes are not headers. */
const MAX_HEADER = 8 * 1024;

export class MessageFramingGuard extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** How many bytes were skipped as garbage (for the log). */
  skipped = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    try {
      this.drain();
    } catch {
      // Never let the guard itself break the transport: start over with what comes next.
      this.buffer = Buffer.alloc(0);
    }
    callback();
  }

  private drain(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (this.buffer.length > MAX_HEADER) this.resync(1);
        return;
      }
      const length = contentLength(this.buffer.subarray(0, headerEnd).toString('latin1'));
      if (length === undefined) {
        if (!this.resync(1)) return;
        continue;
      }
      const total = headerEnd + HEADER_END.length + length;
      if (this.buffer.length < total) return;
      this.push(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
    }
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from`; false when there is none yet. */
  private resync(from: number): boolean {
    const next = indexOfIgnoreCase(this.buffer, CONTENT_LENGTH, from);
    if (next < 0) {
      // Keep a tail that may be the start of a header split across chunks.
      const keep = Math.min(this.buffer.length, CONTENT_LENGTH.length);
      this.skipped += this.buffer.length - keep;
      this.buffer = this.buffer.subarray(this.buffer.length - keep);
      return false;
    }
    this.skipped += next;
    this.buffer = this.buffer.subarray(next);
    return true;
  }
}

/** The Content-Length of a header block whose every line is `Name: value`, else undefined. */
function contentLength(header: string): number | undefined {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$/.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() === 'content-length') {
      if (!/^\d+$/.test(m[2].trim())) return undefined;
      length = Number(m[2].trim());
    }
  }
  return length !== undefined && length <= MAX_BODY ? length : undefined;
}

function indexOfIgnoreCase(buffer: Buffer, needle: Buffer, from: number): number {
  for (let i = from; i <= buffer.length - needle.length; i++) {
    let match = true;
    for (let j = 0; j < needle.length; j++) {
      const c = buffer[i + j];
      const lower = c >= 65 && c <= 90 ? c + 32 : c;
      if (lower !== needle[j]) {
        match = false;
        break;
      }
    }
    if (match) return i;
  }
  return -1;
}
