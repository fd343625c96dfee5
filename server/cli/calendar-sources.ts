// `--sources`: the runbooks and calendars of the repositories the calendar names (`sources:`),
// read with server/github/source-reader.ts (the language server reads them there too) and added
// to the loaded workspace.
import * as os from 'node:os';
import * as path from 'node:path';
import { sourceSpecs } from '../core/calendar-sources';
import type { WorkspaceIndex } from '../core/workspace-index';
import { checkApiUrl, ClientContext, createGitHubClient, normalizeApiUrl } from '../github/github-client';
import { readSources, sourceMessage } from '../github/source-reader';
import type { CliIO } from './io';

/** `$XDG_CACHE_HOME/release-runbooks/sources`, else `~/.cache/release-runbooks/sources`. */
export function defaultSourcesCache(env: Record<string, string | undefined>): string {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'release-runbooks', 'sources');
}

export interface SourcesFlags {
  /** `--sources`: read them at all. */
  sources: boolean;
  /** `--sources-cache DIR`. */
  cacheDir?: string;
  /** `--api-url URL`, else GITHUB_API_URL. */
  apiUrl?: string;
  /** `--offline`: the cache only. */
  offline?: boolean;
}

/**
 * Adds the files of the workspace calendars' sources to a loaded workspace. Returns the lines to
 * tell the user (what was read from the cache and how old it is, what is missing), or an error
 * for exit status 2 (an unusable API URL).
 */
export async function addSources(
  loaded: { index: WorkspaceIndex; paths: Map<string, string> },
  flags: SourcesFlags,
  io: CliIO,
  now: () => number = Date.now,
): Promise<{ messages: string[] } | { error: string }> {
  if (!flags.sources) return { messages: [] };
  const { specs, problems } = sourceSpecs(loaded.index);
  if (specs.length === 0)
    return { messages: [...problems, 'sources: no calendar file of these paths names any `sources`'] };
  const apiUrl = normalizeApiUrl(flags.apiUrl ?? io.env.GITHUB_API_URL);
  let github: ClientContext | undefined;
  if (!flags.offline) {
    const unusable = checkApiUrl(apiUrl);
    if (unusable) return { error: `--api-url: ${unusable}` };
    github = createGitHubClient({ token: io.env.GITHUB_TOKEN ?? '', apiUrl, retries: 1 });
  }
  const cacheDir = flags.cacheDir ? path.resolve(io.cwd, flags.cacheDir) : defaultSourcesCache(io.env);
  const reads = await readSources(specs, { github, apiUrl, cacheDir, now });
  const messages = [...problems];
  for (const read of reads) {
    for (const file of read.files) {
      // A source never replaces a file of the workspace itself.
      if (loaded.index.get(file.uri)) continue;
      loaded.index.set(file.uri, file.text);
      loaded.paths.set(file.uri, file.display);
    }
    const message = sourceMessage(read, now());
    if (message) messages.push(`sources: ${message}`);
  }
  return { messages };
}
