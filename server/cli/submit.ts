// `runbook submit FILE`: files or updates the runbook's change request on GitHub from a pipeline
// (docs/runbook-dsl.md, "runbook submit"), then writes `change.ticket` back into FILE atomically. With
// `--requests`, the runbook's access and provisioning requests instead, the same way.
//
// Decisions where the spec is silent:
// - The workspace (the calendar's zone and environments, dependencies and their tickets) is the
//   current folder when FILE lies inside it, as `runbook lint` sees it, else FILE's own folder.
// - FILE must have no error-severity diagnostic, except that another file using the same runbook
//   id (RB005 across files) only warns: both files are one change request by its marker.
// - The repository for new issues is --repo, else $GITHUB_REPOSITORY; with a full
//   `change.ticket` (owner/repo#n) neither is needed. The API URL is --api-url, else
//   $GITHUB_API_URL (set by GitHub Actions, also on Enterprise Server), else https://api.github.com.
// - The issue URL is the only line on stdout (for `URL=$(runbook submit ...)`); progress,
//   warnings and errors go to stderr.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { requestsToFile } from '../core/change-request/render-access-request';
import { ChangeRequest, renderChangeRequest } from '../core/change-request/render-change-request';
import { setRequestTicketEdit, setTicketEdit, SetTicketResult } from '../core/change-request/set-ticket';
import { CHANGED_SINCE_READ, submittedInstant, withTicketAndSubmitted } from '../core/change-request/set-submitted';
import type { RunbookDiagnostic } from '../core/diagnostics';
import { lintFile } from '../core/run-rules';
import type { RunbookModel } from '../core/model';
import { fileKindOf } from '../core/source-file';
import { describeFsError, findWorkspaceFiles } from '../core/workspace-files';
import { WorkspaceIndex } from '../core/workspace-index';
import {
  checkApiUrl,
  createGitHubClient,
  DEFAULT_TIMEOUT_MS,
  GitHubClientOptions,
  normalizeApiUrl,
} from '../github/github-client';
import { redact } from '../github/github-errors';
import { parseRepository, parseTicket, RepoRef, TicketRef } from '../github/repository';
import { submitChangeRequest, SubmitError } from '../github/change-request-issue';
import { formatDiagnostics } from './output-formats';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { terminalLines, terminalText } from './terminal-text';
import { parseCommandLine } from './command-line';

const USAGE = `Usage: runbook submit FILE [--requests [--id ID]] [--repo OWNER/NAME] [--api-url URL] [--dry-run] [--timeout SECONDS]

Files the runbook's change request as a GitHub issue, or updates the one it already has, and
writes its change.ticket back into FILE. With --requests: files its access and provisioning
requests instead (labels access-request, provisioning-request), each writing its own ticket back.
  --requests         the access and provisioning requests, not the change request
  --id ID            with --requests: only the request with this id
  --repo OWNER/NAME  repository for a new issue (default: $GITHUB_REPOSITORY)
  --api-url URL      GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com);
                     for GitHub Enterprise Server https://HOST/api/v3
  --dry-run          print the title, labels and body; send nothing and change nothing
  --timeout SECONDS  give up on a GitHub request after this long (default ${DEFAULT_TIMEOUT_MS / 1000})
The token comes from GITHUB_TOKEN. The workspace (calendar, dependencies) is the current folder
when FILE is inside it, else FILE's folder.
Exit status: 0 filed or updated; 1 GitHub refused, or the ticket could not be written back;
2 bad arguments, or an unreadable or invalid runbook.`;

interface SubmitArgs {
  file: string;
  repo?: string;
  apiUrl?: string;
  dryRun: boolean;
  timeoutMs: number;
  /** File the access and provisioning requests instead of the change request. */
  requests: boolean;
  /** With `requests`: only the request of this id. */
  id?: string;
}

export async function runSubmit(argv: string[], io: CliIO): Promise<number> {
  return runSubmitWith(argv, io, {});
}

/** runSubmit with client settings tests need (short back-off, no write spacing). */
export async function runSubmitWith(argv: string[], io: CliIO, client: Partial<GitHubClientOptions>): Promise<number> {
  const secret = io.env.GITHUB_TOKEN?.trim() ?? '';
  // Nothing we print may carry the token, whatever a message quotes.
  // Nor any control character from a file or an answer: only our own line breaks pass.
  const out = (text: string) => io.stdout(terminalLines(redact(text, secret)));
  const err = (text: string) => io.stderr(terminalLines(redact(text, secret)));

  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    out(`${USAGE}\n`);
    return EXIT_OK;
  }
  if ('error' in parsed) {
    err(`runbook submit: ${parsed.error} (see runbook submit --help)\n`);
    return EXIT_USAGE;
  }
  const args = parsed;
  const file = path.resolve(io.cwd, args.file);
  const shown = terminalText(displayPath(io.cwd, file));
  if (fileKindOf(file) !== 'runbook') {
    err(`runbook submit: ${shown}: not a runbook file (*.runbook.yaml or *.runbook.yml)\n`);
    return EXIT_USAGE;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    err(`runbook submit: ${shown}: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }

  // The workspace, for the calendar and the dependencies' tickets.
  const index = new WorkspaceIndex();
  const root = isInside(io.cwd, file) ? path.resolve(io.cwd) : path.dirname(file);
  const found = await findWorkspaceFiles([root]);
  for (const other of found.files) {
    if (other === file) continue;
    try {
      index.set(pathToFileURL(other).href, await fs.readFile(other, 'utf8'));
    } catch {
      // An unreadable neighbour is `runbook lint`'s to report; the submission goes on without it.
    }
  }
  const uri = pathToFileURL(file).href;
  index.set(uri, text);

  const { errors, notes } = blockingDiagnostics(index, uri);
  for (const note of notes)
    err(
      `${shown}:${note.range.start.line + 1}:${note.range.start.character + 1} warning ${note.code} ${note.message}\n`,
    );
  if (errors.length) {
    err(
      formatDiagnostics(
        errors.map((d) => ({ ...d, file: shown })),
        'text',
      ),
    );
    err(
      `runbook submit: ${shown} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix ${errors.length === 1 ? 'it' : 'them'} before submitting (nothing was sent)\n`,
    );
    return EXIT_USAGE;
  }
  const runbook = index.get(uri)!.model as RunbookModel;
  const jobs = filingJobs(index, runbook, args);
  if (typeof jobs === 'string') {
    err(`runbook submit: ${shown}: ${jobs}\n`);
    return EXIT_USAGE;
  }

  const repoText = args.repo ?? io.env.GITHUB_REPOSITORY?.trim();
  const repo = repoText ? parseRepository(repoText) : undefined;
  if (repoText && !repo) {
    err(
      `runbook submit: "${repoText}" is not a repository; use OWNER/NAME, e.g. acme/releases${args.repo ? '' : ' (from GITHUB_REPOSITORY)'}\n`,
    );
    return EXIT_USAGE;
  }
  const tickets: (TicketRef | undefined)[] = [];
  for (const { request } of jobs) {
    const key = request.kind?.ticketKey ?? 'change.ticket';
    const noun = request.kind?.noun ?? 'change request';
    const ticket = request.ticket ? parseTicket(request.ticket, repo) : undefined;
    if (request.ticket && !ticket && parseTicket(request.ticket, { owner: 'x', repo: 'x' })) {
      err(
        `runbook submit: ${terminalText(key)} "${terminalText(request.ticket)}" names no repository; pass --repo OWNER/NAME or write the ticket as owner/repo#number\n`,
      );
      return EXIT_USAGE;
    }
    if (request.ticket && !ticket) {
      err(
        `runbook submit: ${shown}: ${terminalText(key)} "${terminalText(request.ticket)}" is not of the form owner/repo#number; correct it, or remove it to file a new ${noun}\n`,
      );
      return EXIT_USAGE;
    }
    tickets.push(ticket);
  }

  if (args.dryRun) {
    out(
      jobs
        .map(({ request }, i) =>
          dryRunText(
            request,
            repo,
            tickets[i] ? `${tickets[i]!.owner}/${tickets[i]!.repo}#${tickets[i]!.number}` : undefined,
          ),
        )
        .join('\n'),
    );
    return EXIT_OK;
  }

  const firstTicket = tickets.find((t) => t);
  const target: RepoRef | undefined =
    repo ?? (tickets.every((t) => t) && firstTicket ? { owner: firstTicket.owner, repo: firstTicket.repo } : undefined);
  if (!target) {
    err(
      `runbook submit: no repository for the ${args.requests ? 'requests' : 'change request'}; pass --repo OWNER/NAME or set GITHUB_REPOSITORY\n`,
    );
    return EXIT_USAGE;
  }
  if (!secret) {
    err(
      'runbook submit: GITHUB_TOKEN is not set; set it to a token that may create issues in the repository (in GitHub Actions: permissions: issues: write)\n',
    );
    return EXIT_USAGE;
  }
  const apiUrl = normalizeApiUrl(args.apiUrl ?? io.env.GITHUB_API_URL);
  const badUrl = checkApiUrl(apiUrl);
  if (badUrl) {
    err(`runbook submit: ${badUrl}\n`);
    return EXIT_USAGE;
  }

  const refusal = await writeRefusal(file);
  if (refusal) {
    err(`runbook submit: ${shown}: ${refusal} (nothing was sent)\n`);
    return EXIT_USAGE;
  }

  const ctx = createGitHubClient({
    timeoutMs: args.timeoutMs,
    ...client,
    token: secret,
    apiUrl,
    userAgent: 'release-runbooks-cli',
  });
  let current = text;
  for (const job of jobs) {
    const { request } = job;
    let outcome;
    try {
      outcome = await submitChangeRequest(
        ctx,
        { repository: target, request },
        { surface: 'cli', onProgress: (m) => err(`${m}\n`) },
      );
    } catch (error) {
      if (error instanceof SubmitError) {
        err(`runbook submit: ${error.message}\n`);
        // No failure (a request that cannot be sent) or an answer that is not GitHub's: exit 2.
        return error.failure && error.failure.kind !== 'invalid-answer' ? EXIT_FINDINGS : EXIT_USAGE;
      }
      err(`runbook submit: ${(error as Error)?.message ?? String(error)}\n`);
      return EXIT_FINDINGS;
    }
    for (const warning of outcome.warnings) err(`warning: ${warning}\n`);
    const verb =
      outcome.action === 'created' ? 'Filed' : outcome.action === 'found' ? 'Updated (found by its marker)' : 'Updated';
    err(`${verb} ${outcome.ticket}: ${outcome.issue.url}\n`);
    out(`${outcome.issue.url}\n`);

    if (outcome.ticketChanged) {
      const key = terminalText(request.kind?.ticketKey ?? 'change.ticket');
      // The first filing of a change request also records when it was made: change lead time starts there.
      const submittedAt =
        !request.kind && outcome.action === 'created'
          ? submittedInstant(Date.now(), index.zoneFor(runbook))
          : undefined;
      const written = await writeTicket(file, current, (t) => job.ticketEdit(t, outcome.ticket), submittedAt);
      if (typeof written === 'string') {
        err(
          `runbook submit: ${outcome.ticket} (${outcome.issue.url}) is filed, but ${key} could not be written into ${shown}: ${written}. ` +
            `Add "ticket: ${outcome.ticket}" there by hand; until then the next submission finds the issue by its marker.\n`,
        );
        return EXIT_FINDINGS;
      }
      current = written.text;
      err(`Wrote ${key}: ${outcome.ticket} into ${shown}\n`);
    }
  }
  return EXIT_OK;
}

interface FilingJob {
  request: ChangeRequest;
  /** The edit that writes the issue's ticket back into the runbook. */
  ticketEdit: (text: string, ticket: string) => SetTicketResult;
}

/** What to file: the change request, or (--requests) the access and provisioning requests; else why not. */
function filingJobs(index: WorkspaceIndex, runbook: RunbookModel, args: SubmitArgs): FilingJob[] | string {
  if (!args.requests) return [{ request: renderChangeRequest(index, runbook), ticketEdit: setTicketEdit }];
  const found = requestsToFile(index, runbook, args.id);
  if (!found.ok) return terminalText(found.error);
  return found.requests.map(({ section, id, request }) => ({
    request,
    ticketEdit: (text: string, ticket: string) => setRequestTicketEdit(text, section, id, ticket),
  }));
}

function parseArgs(argv: string[]): SubmitArgs | { error: string } | { help: true } {
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    'dry-run': { type: 'boolean' },
    requests: { type: 'boolean' },
    id: { type: 'string', needs: 'the id of an access or provisioning request' },
    repo: { type: 'string', needs: 'OWNER/NAME' },
    'api-url': { type: 'string', needs: 'a URL' },
    timeout: { type: 'string', needs: 'a number of seconds above 0' },
  });
  if ('error' in parsed) return parsed;
  const { values, positionals: files } = parsed;
  if (values.help) return { help: true };
  const { repo, id } = values;
  const apiUrl = values['api-url'];
  const dryRun = values['dry-run'] === true;
  const requests = values.requests === true;
  if (repo !== undefined && !parseRepository(repo))
    return { error: `"${repo}" is not a repository; use OWNER/NAME, e.g. acme/releases` };
  const bad = apiUrl !== undefined ? checkApiUrl(apiUrl) : undefined;
  if (bad) return { error: bad };
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) return { error: '--timeout needs a number of seconds above 0' };
    timeoutMs = Math.round(seconds * 1000);
  }
  if (files.length === 0) return { error: 'FILE is missing: give the runbook to submit' };
  if (files.length > 1) return { error: `one runbook at a time; got ${files.length} files (${files.join(', ')})` };
  if (id !== undefined && !requests) return { error: '--id picks one of the requests: use it with --requests' };
  return { file: files[0], repo, apiUrl, dryRun, timeoutMs, requests, id };
}

/** Error diagnostics block the submission; a runbook id shared with another file only warns. */
function blockingDiagnostics(
  index: WorkspaceIndex,
  uri: string,
): { errors: RunbookDiagnostic[]; notes: RunbookDiagnostic[] } {
  const runbook = index.get(uri)?.model as RunbookModel | undefined;
  const idRange = runbook?.id?.valueRange;
  const errors: RunbookDiagnostic[] = [];
  const notes: RunbookDiagnostic[] = [];
  for (const d of lintFile(index, uri)) {
    if (d.severity !== 'error') continue;
    const sharedId =
      d.code === 'RB005' &&
      idRange &&
      d.range.start.line === idRange.start.line &&
      d.range.start.character === idRange.start.character &&
      /also used by/.test(d.message);
    (sharedId ? notes : errors).push(d);
  }
  return { errors, notes };
}

function dryRunText(request: ChangeRequest, repo: RepoRef | undefined, ticket: string | undefined): string {
  const action = ticket
    ? `would update ${ticket}`
    : repo
      ? `would update the open issue in ${repo.owner}/${repo.repo} that carries the ${request.kind ? 'request' : 'runbook'}'s marker, or else file a new one`
      : 'would file it in the repository given by --repo or GITHUB_REPOSITORY (none given)';
  return [
    `Title: ${terminalText(request.title)}`,
    `Labels: ${terminalText(request.labels.join(', '))}`,
    `Dry run: ${action}; nothing was sent.`,
    '',
    request.body,
    '',
  ].join('\n');
}

/**
 * Sets change.ticket (and, on the first filing, change.submitted) in the file, only if it still
 * holds exactly what was submitted. The write goes through a symlink to its target, keeps the
 * target's mode, and is atomic: a temporary file beside the target, then renamed over it, so the
 * runbook is never half-written. Returns the text written, or the reason it failed.
 */
async function writeTicket(
  file: string,
  original: string,
  ticketEdit: (text: string) => SetTicketResult,
  submittedAt?: string,
): Promise<{ text: string } | string> {
  let target: string;
  let current: string;
  let mode: number;
  try {
    target = await fs.realpath(file);
    current = await fs.readFile(target, 'utf8');
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch (error) {
    return describeFsError(error);
  }
  if (current !== original) return CHANGED_SINCE_READ;
  const readOnly = await writeRefusal(target, mode);
  if (readOnly) return readOnly;
  // The ticket and, on a first filing, change.submitted: both or neither, in one write.
  const written = withTicketAndSubmitted(current, ticketEdit, submittedAt);
  if (!written.ok) return written.error;
  if (!written.changed) return { text: current };
  const next = written.text;
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(next, 'utf8');
      // The umask applies to open(); chmod gives the target's mode back exactly (0664 stays 0664).
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    return { text: next };
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return describeFsError(error);
  }
}

/** Why the runbook may not be written (read-only), or undefined. Checked before anything is sent, and again at the write. */
async function writeRefusal(file: string, mode?: number): Promise<string | undefined> {
  try {
    const target = await fs.realpath(file);
    const bits = mode ?? (await fs.stat(target)).mode;
    // Root may write anything; a file without write permission bits is still meant to stay as it is.
    if ((bits & 0o222) === 0)
      return 'the file is read-only; make it writable (chmod u+w) to let the ticket be written back';
    await fs.access(target, fsConstants.W_OK);
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(path.resolve(folder), file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}
