// GitHub's conditional requests for reads that are repeated (the change status kept fresh on
// release day): each GET answer's ETag is kept, sent again as If-None-Match, and a 304 Not Modified
// (which costs no rate limit) is answered from the kept copy. Bounded: the oldest entries go first.
import type { GitHubClient } from './github-client';

interface Kept {
  etag: string;
  response: { status: number; url: string; headers: Record<string, string | number | undefined>; data: unknown };
}

export class ConditionalRequestCache {
  private readonly entries = new Map<string, Kept>();
  /** Answers served from the cache after a 304, for the log and the tests. */
  notModified = 0;

  constructor(private readonly maxEntries = 500) {}

  get(key: string): Kept | undefined {
    const kept = this.entries.get(key);
    if (kept) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, kept);
    }
    return kept;
  }

  set(key: string, kept: Kept): void {
    this.entries.delete(key);
    this.entries.set(key, kept);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

interface RequestOptionsLike {
  method: string;
  url: string;
  headers: Record<string, string | number | undefined>;
  [key: string]: unknown;
}

/** Makes the client's GET requests conditional, answering a 304 from `cache`. */
export function useConditionalRequests(client: GitHubClient, cache: ConditionalRequestCache): void {
  client.hook.wrap('request', async (request, options) => {
    const opts = options as unknown as RequestOptionsLike;
    if (opts.method.toUpperCase() !== 'GET') return request(options);
    // The URL template with its parameters filled in is the resource: one entry per page and query.
    const key = client.request.endpoint(options as never).url;
    const kept = cache.get(key);
    if (kept) opts.headers = { ...opts.headers, 'if-none-match': kept.etag };
    try {
      const response = await request(options);
      const etag = (response.headers as Record<string, string | undefined>).etag;
      if (etag)
        cache.set(key, {
          etag,
          response: {
            status: response.status,
            url: response.url,
            headers: { ...response.headers },
            data: response.data,
          },
        });
      return response;
    } catch (error) {
      if ((error as { status?: number }).status === 304 && kept) {
        cache.notModified++;
        return { ...kept.response, headers: { ...kept.response.headers } } as never;
      }
      throw error;
    }
  });
}
