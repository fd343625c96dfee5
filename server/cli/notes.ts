// `runbook notes FILE`: release notes from the code. The commits between the previous release
// and this one come from GitHub's compare API (`change.commits` from/to, or --from/--to); each
// commit's pull request (named in the merge or squash message) gives the title and the labels
// that group it. Pull request labels are read with the issues API: a pull request is an issue.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { announceTextOf, notesRangeOf } from '../core/announce/announce-facts';
import { buildReleaseNotes, releaseNotesJson, releaseNotesMarkdown } from '../core/release-notes/release-notes';
import { describeFsError } from '../core/workspace-files';
import { checkApiUrl, createGitHubClient, GitHubClientOptions, normalizeApiUrl } from '../github/github-client';
import { fetchNoteInputs } from '../github/compare-notes';
import { redact } from '../github/github-errors';
import { parseRepository } from '../github/repository';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { parseCommandLine } from './command-line';

const USAGE = `Usage: runbook notes FILE [--repo OWNER/NAME] [--api-url URL] [--from REF] [--to REF] [--format markdown|json]

Prints release notes: the runbook's announce summary, then the pull requests between the
previous release and this one, grouped by label (breaking, security, features, fixes, other).
  --repo OWNER/NAME  the code's repository (default: $GITHUB_REPOSITORY)
  --api-url URL      GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com)
  --from REF --to REF  the range (default: change.commits.from and .to of FILE)
  --format           markdown (default) or json
The token comes from GITHUB_TOKEN and goes only over https (plain http to a loopback address alone).
Exit status: 0 printed; 1 GitHub refused or failed; 2 bad arguments or an unreadable runbook.`;

export async function runNotes(argv: string[], io: CliIO): Promise<number> {
  return runNotesWith(argv, io, {});
}

export async function runNotesWith(argv: string[], io: CliIO, client: Partial<GitHubClientOptions>): Promise<number> {
  const secret = io.env.GITHUB_TOKEN?.trim() ?? '';
  const out = (text: string) => io.stdout(redact(text, secret));
  const err = (text: string) => io.stderr(redact(text, secret));
  const args = parseArgs(argv);
  if ('help' in args) {
    out(`${USAGE}\n`);
    return EXIT_OK;
  }
  if ('error' in args) {
    err(`runbook notes: ${args.error} (see runbook notes --help)\n`);
    return EXIT_USAGE;
  }
  const file = path.resolve(io.cwd, args.file);
  const shown = path.relative(io.cwd, file) || file;
  let doc: Record<string, unknown>;
  try {
    doc = (parse(await fs.readFile(file, 'utf8')) ?? {}) as Record<string, unknown>;
  } catch (error) {
    err(
      `runbook notes: ${shown}: ${(error as NodeJS.ErrnoException).code ? describeFsError(error) : `not readable YAML (${(error as Error).message.split('\n')[0]})`}\n`,
    );
    return EXIT_USAGE;
  }
  const range = notesRangeOf(doc);
  const from = args.from ?? range.from;
  const to = args.to ?? range.to;
  if (!from || !to) {
    err(`runbook notes: ${shown} has no change.commits (from, to); add them or pass --from REF --to REF\n`);
    return EXIT_USAGE;
  }
  const repoText = args.repo ?? io.env.GITHUB_REPOSITORY?.trim();
  const repo = repoText ? parseRepository(repoText) : undefined;
  if (!repo) {
    err(
      repoText
        ? `runbook notes: "${repoText}" is not a repository; use OWNER/NAME\n`
        : 'runbook notes: no repository; pass --repo OWNER/NAME or set GITHUB_REPOSITORY\n',
    );
    return EXIT_USAGE;
  }
  if (!secret) {
    err(
      'runbook notes: GITHUB_TOKEN is not set; set it to a token that may read the repository (contents: read, pull requests: read)\n',
    );
    return EXIT_USAGE;
  }
  const apiUrl = normalizeApiUrl(args.apiUrl ?? io.env.GITHUB_API_URL);
  const badUrl = checkApiUrl(apiUrl);
  if (badUrl) {
    err(`runbook notes: ${badUrl}\n`);
    return EXIT_USAGE;
  }
  const ctx = createGitHubClient({ ...client, token: secret, apiUrl, userAgent: 'release-runbooks-cli' });
  try {
    const inputs = await fetchNoteInputs(ctx, repo, from, to);
    if (inputs.totalCommits > inputs.commits.length)
      err(`warning: ${inputs.totalCommits} commits in the range; the notes list the first ${inputs.commits.length}\n`);
    const pulls = new Map(inputs.pulls.map((p) => [p.number, p]));
    const notes = buildReleaseNotes({
      title: String(doc.title ?? doc.runbook ?? shown),
      version: doc.version === undefined ? undefined : String(doc.version),
      range: { from, to },
      announce: announceTextOf(doc),
      commits: inputs.commits,
      pulls,
    });
    out(args.format === 'json' ? `${JSON.stringify(releaseNotesJson(notes), null, 2)}\n` : releaseNotesMarkdown(notes));
    return EXIT_OK;
  } catch (error) {
    const status = (error as { status?: number }).status;
    err(
      `runbook notes: GitHub ${status ? `answered ${status}` : 'could not be reached'} comparing ${from}...${to} in ${repo.owner}/${repo.repo}: ${(error as Error).message.split('\n')[0]}\n`,
    );
    return EXIT_FINDINGS;
  }
}

function parseArgs(
  argv: string[],
):
  | { file: string; repo?: string; apiUrl?: string; from?: string; to?: string; format: 'markdown' | 'json' }
  | { error: string }
  | { help: true } {
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    repo: { type: 'string' },
    'api-url': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
  });
  if ('error' in parsed) return parsed;
  const { values: opts, positionals: files } = parsed;
  if (opts.help) return { help: true };
  if (files.length !== 1) return { error: files.length ? 'give one runbook file' : 'no runbook file given' };
  const format = opts.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json')
    return { error: `--format is markdown or json, not ${JSON.stringify(format)}` };
  return { file: files[0], repo: opts.repo, apiUrl: opts['api-url'], from: opts.from, to: opts.to, format };
}
