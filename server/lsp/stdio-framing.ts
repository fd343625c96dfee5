// Guards the stdio transport against bytes that are not LSP messages. vscode-jsonrpc's reader
// stops reading for good after a malformed header; this stream passes on only well-framed
// messages (`Content-Length: N` headers, then N bytes) and skips anything else to the next header,
// so a client that once writes garbage can still talk to the server afterwards.
// Linear in the bytes received: once a header is read, the body's chunks are passed on as they
// come, never joined here (a 40 MB message used to be copied again with every 64 KB chunk, 50 s
// of copying). Only the short headers are joined and searched.
import { Transform, TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('content-length:');
/** No LSP message is this large; a header claiming more is garbage. */
const MAX_BODY = 256 * 1024 * 1024;
/** Headers are short; this much without a header end means the bytes are not headers. */
const MAX_HEADER = 8 * 1024;

export class MessageFramingGuard extends Transform {
  /** The bytes received and not passed on yet, in order. */
  private chunks: Buffer[] = [];
  private length = 0;
  /** Bytes of the current message's body still to pass on after its header was read. */
  private passing = 0;
  /** How many bytes were skipped as garbage (for the log). */
  skipped = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let rest = chunk;
    if (this.passing > 0) {
      // The middle of a body: straight through.
      const through = Math.min(this.passing, rest.length);
      this.push(rest.subarray(0, through));
      this.passing -= through;
      rest = rest.subarray(through);
    }
    if (rest.length) {
      this.chunks.push(rest);
      this.length += rest.length;
    }
    try {
      this.drain();
    } catch {
      // Never let the guard itself break the transport: start over with what comes next.
      this.chunks = [];
      this.length = 0;
      this.passing = 0;
    }
    callback();
  }

  private drain(): void {
    while (this.passing === 0 && this.length > 0) {
      // The header is at the front and short: only its first bytes are ever joined and searched.
      const head = this.front(MAX_HEADER + HEADER_END.length);
      const headerEnd = head.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (this.length > MAX_HEADER) this.resync(1);
        return;
      }
      const length = contentLength(head.subarray(0, headerEnd).toString('latin1'));
      if (length === undefined) {
        if (!this.resync(1)) return;
        continue;
      }
      // A well-formed header: it and as much of its body as is here go on now, the rest as it comes.
      const total = headerEnd + HEADER_END.length + length;
      const now = Math.min(total, this.length);
      for (const part of this.takeFront(now)) this.push(part);
      this.passing = total - now;
    }
  }

  /** The first `max` bytes (or all there are) as one buffer; joins only as many chunks as that needs. */
  private front(max: number): Buffer {
    const want = Math.min(max, this.length);
    if (this.chunks.length === 0) return Buffer.alloc(0);
    if (this.chunks[0].length >= want) return this.chunks[0].subarray(0, want);
    let n = 0;
    let bytes = 0;
    while (bytes < want) bytes += this.chunks[n++].length;
    // Keep the joined chunks joined, so the next look does not join them again.
    const joined = Buffer.concat(this.chunks.slice(0, n), bytes);
    this.chunks.splice(0, n, joined);
    return joined.subarray(0, want);
  }

  /** Removes and returns the first `count` bytes (count <= length), as the chunks they were. */
  private takeFront(count: number): Buffer[] {
    const parts: Buffer[] = [];
    let needed = count;
    while (needed > 0) {
      const first = this.chunks[0];
      if (first.length <= needed) {
        parts.push(first);
        this.chunks.shift();
        needed -= first.length;
      } else {
        parts.push(first.subarray(0, needed));
        this.chunks[0] = first.subarray(needed);
        needed = 0;
      }
    }
    this.length -= count;
    return parts;
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from`; false when there is none yet. */
  private resync(from: number): boolean {
    // Garbage only: the bytes are joined to be searched, and what is kept afterwards is short.
    const buffer = Buffer.concat(this.takeFront(this.length));
    const next = indexOfIgnoreCase(buffer, CONTENT_LENGTH, from);
    let rest: Buffer;
    if (next < 0) {
      // Keep a tail that may be the start of a header split across chunks.
      const keep = Math.min(buffer.length, CONTENT_LENGTH.length);
      this.skipped += buffer.length - keep;
      rest = buffer.subarray(buffer.length - keep);
    } else {
      this.skipped += next;
      rest = buffer.subarray(next);
    }
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
    return next >= 0;
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
