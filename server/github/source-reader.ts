// The runbooks and calendars of the repositories the calendar names (`sources:`), read through the
// GitHub API and cached on disk; the CLI (`--sources`) and the language server both read them here. Per source, the tree of its ref is asked for
// conditionally (an unchanged repository costs one request answered 304, free of rate limit) and
// only blobs not cached yet are fetched (blobs are cached by their git hash, which never changes
// meaning). When GitHub cannot be asked (offline, rate limit, server error) the last cached copy
// is used and the answer says how old it is.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SourceSpec, sourceDisplayName } from '../core/calendar-sources';
import { ageText } from '../core/calendar/source-age';
import { fileKindOf, MAX_FILE_BYTES } from '../core/source-file';
import { writeAtomically } from '../cli/write-atomically';
import { ClientContext, DEFAULT_API_URL } from './github-client';

/** Files a source may bring; past this the rest is left out and said. */
export const MAX_FILES_PER_SOURCE = 5_000;
const CONCURRENCY = 4;

export interface SourceFileText {
  uri: string;
  /** `owner/name@ref:path`. */
  display: string;
  text: string;
}

export interface SourceRead {
  spec: SourceSpec;
  files: SourceFileText[];
  /** fresh: fetched now; unchanged: GitHub said 304; cached: GitHub could not be asked; missing: nothing to show. */
  state: 'fresh' | 'unchanged' | 'cached' | 'missing';
  /** When the files were last confirmed against GitHub (epoch ms). */
  fetchedAt?: number;
  /** What a person should know: why the source is missing, or notes on left-out files. */
  message?: string;
  /** Why GitHub could not be asked, when the cached copy is used (sourceMessage adds its age). */
  reason?: string;
}

interface CacheEntry {
  repository: string;
  ref: string | null;
  path: string;
  etag: string | null;
  fetchedAt: number;
  files: { path: string; sha: string }[];
  /** Files left out (too large, past the limit), said again when the entry is reused. */
  notes: string[];
}

export interface ReadSourcesOptions {
  /** undefined: offline, the cache only. */
  github?: ClientContext;
  /** The API the cache was filled from (offline too); default: the client's, else GitHub's. */
  apiUrl?: string;
  cacheDir: string;
  now?: () => number;
  /** The scheme of the files' URIs instead of the web's https (the editor's read-only documents). */
  uriScheme?: string;
}

export async function readSources(specs: SourceSpec[], options: ReadSourcesOptions): Promise<SourceRead[]> {
  const now = options.now ?? Date.now;
  const apiUrl = options.apiUrl ?? options.github?.apiUrl ?? DEFAULT_API_URL;
  // A few repositories at a time, each with a few blob requests in flight: GitHub asks
  // integrators not to send many requests at once.
  const results: SourceRead[] = new Array(specs.length);
  await pool(
    specs.map((spec, i) => ({ spec, i })),
    3,
    async ({ spec, i }) => {
      results[i] = await readSource(spec, options, apiUrl, now);
    },
  );
  return results;
}

async function readSource(
  spec: SourceSpec,
  options: ReadSourcesOptions,
  apiUrl: string,
  now: () => number,
  conditional = true,
): Promise<SourceRead> {
  const entryFile = path.join(
    options.cacheDir,
    `${createHash('sha1')
      .update(`${apiUrl}\n${spec.repository.toLowerCase()}\n${spec.ref ?? ''}\n${spec.path}`)
      .digest('hex')}.json`,
  );
  const cached = await readEntry(entryFile);
  const fromCache = async (reason: string): Promise<SourceRead> => {
    if (!cached)
      return {
        spec,
        files: [],
        state: 'missing',
        message: `${spec.repository}: ${reason}; it was never read before, so its runbooks are missing`,
      };
    const files = await cachedFiles(spec, cached, options, apiUrl);
    if (!files)
      return {
        spec,
        files: [],
        state: 'missing',
        message: `${spec.repository}: ${reason}, and its cached copy is incomplete`,
      };
    return { spec, files, state: 'cached', fetchedAt: cached.fetchedAt, reason, message: notesMessage(cached.notes) };
  };
  const github = options.github;
  if (!github) return fromCache('offline');

  let tree: { sha: string; truncated: boolean; tree: { path?: string; type?: string; sha?: string; size?: number }[] };
  let etag: string | null;
  try {
    const response = await github.client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner: spec.owner,
      repo: spec.name,
      tree_sha: spec.ref ?? 'HEAD',
      recursive: '1',
      headers: conditional && cached?.etag ? { 'if-none-match': cached.etag } : {},
    });
    tree = response.data as typeof tree;
    etag = (response.headers.etag as string | undefined) ?? null;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 304 && cached) {
      const files = await cachedFiles(spec, cached, options, apiUrl);
      if (files) {
        const entry = { ...cached, fetchedAt: now() };
        await writeEntry(entryFile, entry);
        return { spec, files, state: 'unchanged', fetchedAt: entry.fetchedAt, message: notesMessage(cached.notes) };
      }
      // A blob went missing from the cache: read the tree again without the condition.
      return readSource(spec, options, apiUrl, now, false);
    }
    return fromCache(describeFailure(spec, error));
  }

  const prefix = spec.path ? `${spec.path}/` : '';
  const notes: string[] = [];
  if (tree.truncated)
    notes.push(`GitHub cut the file list of ${spec.repository} short (a very large repository); name a smaller path`);
  let wanted = tree.tree.filter(
    (e) =>
      e.type === 'blob' &&
      typeof e.path === 'string' &&
      typeof e.sha === 'string' &&
      e.path.startsWith(prefix) &&
      fileKindOf(e.path),
  );
  if (wanted.length > MAX_FILES_PER_SOURCE) {
    notes.push(
      `${spec.repository} has ${wanted.length} runbook and calendar files; only the first ${MAX_FILES_PER_SOURCE} are read`,
    );
    wanted = wanted.slice(0, MAX_FILES_PER_SOURCE);
  }
  const tooLarge = wanted.filter((e) => (e.size ?? 0) > MAX_FILE_BYTES);
  for (const e of tooLarge) notes.push(`${sourceDisplayName(spec, e.path!)} is larger than 5 MB and is not read`);
  wanted = wanted.filter((e) => (e.size ?? 0) <= MAX_FILE_BYTES);

  // Blobs not cached yet, a few at a time.
  const missing = [];
  for (const e of wanted) if (!(await exists(blobFile(options.cacheDir, e.sha!)))) missing.push(e);
  try {
    await pool(missing, CONCURRENCY, async (e) => {
      const blob = await github.client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
        owner: spec.owner,
        repo: spec.name,
        file_sha: e.sha!,
      });
      const data = blob.data as { content?: unknown; encoding?: unknown };
      if (typeof data.content !== 'string' || (data.encoding !== 'base64' && data.encoding !== 'utf-8')) {
        throw new Error(`GitHub's answer for ${sourceDisplayName(spec, e.path!)} is not a file's content`);
      }
      const text = data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
      await fs.mkdir(path.join(options.cacheDir, 'blobs'), { recursive: true });
      await writeAtomically(blobFile(options.cacheDir, e.sha!), text);
    });
  } catch (error) {
    return fromCache(describeFailure(spec, error));
  }
  const entry: CacheEntry = {
    repository: spec.repository,
    ref: spec.ref ?? null,
    path: spec.path,
    etag,
    fetchedAt: now(),
    files: wanted.map((e) => ({ path: e.path!, sha: e.sha! })),
    notes,
  };
  const files = await cachedFiles(spec, entry, options, apiUrl);
  if (!files) return fromCache('its files could not be kept in the cache');
  await writeEntry(entryFile, entry);
  return { spec, files, state: 'fresh', fetchedAt: entry.fetchedAt, message: notesMessage(notes) };
}

/**
 * What to tell a person about one source read, `now`: why its cached copy is used and how old that
 * copy is, why it is missing, or which of its files were left out; undefined when all is well.
 */
export function sourceMessage(read: SourceRead, now: number): string | undefined {
  if (read.state !== 'cached') return read.message;
  const used = `${read.spec.repository}: ${read.reason}; using the copy read ${ageText(now - (read.fetchedAt ?? now))} ago`;
  return read.message ? `${used}; ${read.message}` : used;
}

function notesMessage(notes: string[]): string | undefined {
  return notes.length ? notes.join('; ') : undefined;
}

async function cachedFiles(
  spec: SourceSpec,
  entry: CacheEntry,
  options: ReadSourcesOptions,
  apiUrl: string,
): Promise<SourceFileText[] | undefined> {
  const out: SourceFileText[] = [];
  for (const f of entry.files) {
    let text: string;
    try {
      text = await fs.readFile(blobFile(options.cacheDir, f.sha), 'utf8');
    } catch {
      return undefined;
    }
    out.push({
      uri: sourceUri(apiUrl, spec, f.path, options.uriScheme),
      display: sourceDisplayName(spec, f.path),
      text,
    });
  }
  return out;
}

/**
 * Where the file is on the web: https://github.com/owner/name/blob/ref/path (GHES: its own host);
 * with `scheme`, the same address under that scheme (runbook-source://github.com/...).
 */
export function sourceUri(apiUrl: string, spec: SourceSpec, filePath: string, scheme?: string): string {
  const site = apiUrl === DEFAULT_API_URL ? 'https://github.com' : apiUrl.replace(/\/api\/v3$/, '');
  const web = scheme ? site.replace(/^[a-z]+:/i, `${scheme}:`) : site;
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  return `${web}/${encodeURIComponent(spec.owner)}/${encodeURIComponent(spec.name)}/blob/${encode(spec.ref ?? 'HEAD')}/${encode(filePath)}`;
}

function describeFailure(spec: SourceSpec, error: unknown): string {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
  const where = `${spec.repository}${spec.ref ? `@${spec.ref}` : ''}`;
  if (e.status === 404)
    return `GitHub has no ${where} that this token can read (check the repository, the ref and the token's access)`;
  if (e.status === 401) return 'GitHub refused the token (401); set GITHUB_TOKEN to a token that can read it';
  if (e.status === 403 || e.status === 429) {
    if (e.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e.message ?? '')) {
      const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
      return `GitHub's rate limit is used up${Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 16)} UTC` : ''}`;
    }
    return `GitHub refused to show ${where} (${e.status}); the token needs read access to its contents`;
  }
  if (e.status !== undefined && e.status >= 500) return `GitHub answered ${e.status}`;
  return `GitHub could not be reached (${(e.message ?? String(error)).split('\n')[0]})`;
}

function blobFile(cacheDir: string, sha: string): string {
  if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new Error(`"${sha}" is not a git object id`);
  return path.join(cacheDir, 'blobs', sha);
}

async function readEntry(file: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as CacheEntry;
    return Array.isArray(entry.files) && typeof entry.fetchedAt === 'number'
      ? { ...entry, notes: Array.isArray(entry.notes) ? entry.notes : [] }
      : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(file: string, entry: CacheEntry): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, `${JSON.stringify(entry)}\n`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
