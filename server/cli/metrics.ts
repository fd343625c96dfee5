// `runbook metrics [PATHS...]`: the release metrics (docs/runbook-dsl.md, "Release metrics") of the
// workspace formed by PATHS, as Markdown, JSON or CSV. The oldest commit of each `change.commits`
// range is read here with `git log` (the core takes commit times as input and never runs git).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChangeRecord, changeRecords, CommitRange } from '../core/metrics/change-records';
import { computeMetrics, GROUP_BYS, GroupBy, MetricsOptionsError, PERIOD_UNITS } from '../core/metrics/compute-metrics';
import { metricsCsv } from '../core/metrics/metrics-csv';
import { metricsJson } from '../core/metrics/metrics-json';
import { metricsMarkdown } from '../core/metrics/metrics-markdown';
import type { PeriodUnit } from '../core/metrics/periods';
import { DeploymentServiceRule, parseDeploymentServices } from '../core/metrics/deployment-services';
import { deploymentChangeRecords, uncorrelated } from '../core/metrics/github-deployments';
import { visibleControls } from '../core/change-request/markdown-text';
import { fetchDeployments } from '../github/deployments';
import { checkApiUrl, createGitHubClient, GitHubClientOptions, normalizeApiUrl } from '../github/github-client';
import { describeGitHubError, redact } from '../github/github-errors';
import { parseRepository } from '../github/repository';
import { CliIO, EXIT_OK, EXIT_USAGE } from './io';
import { addSources } from './calendar-sources';
import { loadWorkspace } from './lint';
import { terminalText } from './terminal-text';

export const METRICS_FORMATS = ['markdown', 'json', 'csv'] as const;
export const METRICS_SOURCES = ['runbooks', 'github'] as const;
export type MetricsFormat = (typeof METRICS_FORMATS)[number];

const USAGE = `Usage: runbook metrics [PATHS...] [--format markdown|json|csv] [--from DATE] [--to DATE]
                       [--by week|month] [--group service|team|environment] [--environment NAME]
                       [--source runbooks|github --repo OWNER/NAME [--service NAME]
                        [--service-map FILE] [--api-url URL]]
                       [--sources [--sources-cache DIR] [--offline]]

Release metrics from the runbooks' recorded outcomes under PATHS (default: the current folder):
deployment frequency, change lead time, change fail rate, failed deployment recovery time and
deployment rework rate, per week or month (in the calendar's time zone) and per group.
  --format FORMAT     markdown (default), json or csv
  --from DATE         first day counted, YYYY-MM-DD (default: the first deployment's day)
  --to DATE           last day counted, inclusive (default: the last deployment's day)
  --by UNIT           week (ISO weeks, default) or month
  --group BY          service (default), team or environment
  --environment NAME  only these environments (repeatable, or comma-separated)
  --no-git            do not read change.commits ranges with git
  --source SOURCE     runbooks (default): the runbooks' outcomes; github: the deployments and
                      deployment statuses GitHub recorded for --repo, correlated with the runbooks
  --repo OWNER/NAME   the repository whose deployments are read (default: $GITHUB_REPOSITORY)
  --service NAME      the service that repository deploys (default: the repository's name)
  --service-map FILE  JSON list of rules naming the service (and calendar environment) of the
                      deployments they match, first match first, e.g.
                      [{"environment": "prod-*", "payload": {"app": "pay"}, "service": "payments-api",
                        "runbookEnvironment": "production"}]; unmatched ones are --service's
  --api-url URL       GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com)
  --sources           also count the runbooks of the repositories the calendar names in
                      \`sources\` (cached in --sources-cache DIR; --offline: the cache only)
The token for --source github and --sources comes from GITHUB_TOKEN.
Definitions: docs/runbook-dsl.md, section "Release metrics".
Exit status: 0 printed; 2 could not run (bad arguments, unreadable path).`;

interface MetricsArgs {
  inputs: string[];
  format: MetricsFormat;
  from?: string;
  to?: string;
  by: PeriodUnit;
  group: GroupBy;
  environments: string[];
  git: boolean;
  source: (typeof METRICS_SOURCES)[number];
  repo?: string;
  service?: string;
  serviceMap?: string;
  apiUrl?: string;
  sources: boolean;
  sourcesCache?: string;
  offline: boolean;
}

/** Reads the commit times (epoch ms) of a range in a repository folder; throws with a message a person can act on. */
export type CommitTimesReader = (repository: string, range: CommitRange) => Promise<number[]>;

export interface MetricsDependencies {
  readCommitTimes?: CommitTimesReader;
  /** GitHub client settings tests need (short back-off). */
  client?: Partial<GitHubClientOptions>;
}

export async function runMetrics(argv: string[], io: CliIO): Promise<number> {
  return runMetricsWith(argv, io, {});
}

/** runMetrics with the git reader replaceable (tests pin commit times). */
export async function runMetricsWith(argv: string[], io: CliIO, deps: MetricsDependencies): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if ('error' in parsed) return usage(io, parsed.error);
  const loaded = await loadWorkspace(parsed.inputs, io);
  if ('error' in loaded) {
    io.stderr(`runbook metrics: ${loaded.error}\n`);
    return EXIT_USAGE;
  }
  // Other teams' runbooks (the calendar's `sources`) count like the local ones.
  const added = await addSources(
    loaded,
    { sources: parsed.sources, cacheDir: parsed.sourcesCache, apiUrl: parsed.apiUrl, offline: parsed.offline },
    io,
  );
  if ('error' in added) return usage(io, added.error);
  for (const line of added.messages) io.stderr(`runbook metrics: ${terminalText(line)}\n`);
  const recorded = changeRecords(loaded.index);
  let { changes, problems } = recorded;
  if (parsed.source === 'github') {
    const github = await githubChanges(parsed, io, deps, recorded.changes, loaded.index.calendar().zone);
    if ('exit' in github) return github.exit;
    ({ changes, problems } = github);
  }
  const commits =
    parsed.git && parsed.source === 'runbooks'
      ? await oldestCommits(changes, deps.readCommitTimes ?? gitCommitTimes)
      : { oldest: new Map<string, number>(), problems: [] };
  let report;
  try {
    report = computeMetrics(
      changes,
      {
        zone: loaded.index.calendar().zone,
        from: parsed.from,
        to: parsed.to,
        by: parsed.by,
        group: parsed.group,
        environments: parsed.environments,
        oldestCommits: commits.oldest,
      },
      [...problems, ...commits.problems],
    );
  } catch (error) {
    if (error instanceof MetricsOptionsError) return usage(io, error.message);
    throw error;
  }
  io.stdout(
    parsed.format === 'json'
      ? metricsJson(report)
      : parsed.format === 'csv'
        ? metricsCsv(report)
        : metricsMarkdown(report),
  );
  return EXIT_OK;
}

function parseArgs(argv: string[]): MetricsArgs | { error: string } | { help: true } {
  const args: MetricsArgs = {
    inputs: [],
    format: 'markdown',
    by: 'week',
    group: 'service',
    environments: [],
    git: true,
    source: 'runbooks',
    sources: false,
    offline: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      const v = inline ?? argv[++i];
      return v === undefined || (inline === undefined && v.startsWith('--')) ? undefined : v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--no-git':
        if (inline !== undefined) return { error: '--no-git takes no value' };
        args.git = false;
        break;
      case '--sources':
      case '--offline':
        if (inline !== undefined) return { error: `${flag} takes no value` };
        if (flag === '--sources') args.sources = true;
        else args.offline = true;
        break;
      case '--sources-cache': {
        const v = value()?.trim();
        if (!v) return { error: '--sources-cache needs a folder' };
        args.sourcesCache = v;
        break;
      }
      case '--format': {
        const v = value();
        if (!v) return { error: '--format needs a value: markdown, json or csv' };
        if (!(METRICS_FORMATS as readonly string[]).includes(v))
          return { error: `unknown format "${v}"; use markdown, json or csv` };
        args.format = v as MetricsFormat;
        break;
      }
      case '--from':
      case '--to': {
        const v = value();
        if (!v) return { error: `${flag} needs a date such as 2026-11-01` };
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
          return { error: `${flag} "${v}" is not a date such as 2026-11-01 (YYYY-MM-DD)` };
        if (flag === '--from') args.from = v;
        else args.to = v;
        break;
      }
      case '--by': {
        const v = value();
        if (!v || !(PERIOD_UNITS as readonly string[]).includes(v))
          return { error: `--by needs week or month${v ? `, not "${v}"` : ''}` };
        args.by = v as PeriodUnit;
        break;
      }
      case '--group': {
        const v = value();
        if (!v || !(GROUP_BYS as readonly string[]).includes(v))
          return { error: `--group needs service, team or environment${v ? `, not "${v}"` : ''}` };
        args.group = v as GroupBy;
        break;
      }
      case '--source': {
        const v = value();
        if (!v || !(METRICS_SOURCES as readonly string[]).includes(v))
          return { error: `--source needs runbooks or github${v ? `, not "${v}"` : ''}` };
        args.source = v as MetricsArgs['source'];
        break;
      }
      case '--repo':
      case '--service':
      case '--service-map':
      case '--api-url': {
        const v = value()?.trim();
        if (!v) return { error: `${flag} needs a value` };
        if (flag === '--repo') args.repo = v;
        else if (flag === '--service') args.service = v;
        else if (flag === '--service-map') args.serviceMap = v;
        else args.apiUrl = v;
        break;
      }
      case '--environment': {
        const v = value();
        const names = (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (!names.length) return { error: '--environment needs a name such as production' };
        args.environments.push(...names);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return { error: `unknown option "${arg}"` };
        args.inputs.push(arg);
    }
  }
  return args;
}

/** The deployments GitHub recorded, as change records; or the exit status after saying why not. */
async function githubChanges(
  args: MetricsArgs,
  io: CliIO,
  deps: MetricsDependencies,
  runbooks: ChangeRecord[],
  zone: string,
): Promise<{ changes: ChangeRecord[]; problems: string[] } | { exit: number }> {
  const secret = io.env.GITHUB_TOKEN?.trim() ?? '';
  const fail = (message: string) => {
    io.stderr(`runbook metrics: ${redact(visibleControls(message), secret)}\n`);
    return { exit: EXIT_USAGE };
  };
  const repoText = args.repo ?? io.env.GITHUB_REPOSITORY?.trim();
  if (!repoText) return fail('--source github needs --repo OWNER/NAME (or GITHUB_REPOSITORY)');
  const repo = parseRepository(repoText);
  if (!repo) return fail(`"${repoText}" is not a repository; use OWNER/NAME`);
  const services = readServiceMap(args.serviceMap, io);
  if ('error' in services) return fail(services.error);
  const apiUrl = normalizeApiUrl(args.apiUrl ?? io.env.GITHUB_API_URL);
  const bad = checkApiUrl(apiUrl);
  if (bad) return fail(bad);
  if (!secret)
    return fail("--source github needs GITHUB_TOKEN set to a token that may read the repository's deployments");
  const ctx = createGitHubClient({ ...deps.client, token: secret, apiUrl, userAgent: 'release-runbooks-cli' });
  // A day's slack: --from is a local date in the calendar's zone.
  const since = args.from ? Date.parse(`${args.from}T00:00:00Z`) - 86_400_000 : undefined;
  try {
    const read = await fetchDeployments(ctx, repo, { since });
    const changes = deploymentChangeRecords(read.deployments, runbooks, {
      service: args.service ?? repo.repo,
      zone,
      services: services.rules,
    });
    return { changes, problems: [...read.problems, ...uncorrelated(changes)] };
  } catch (error) {
    return fail(
      describeGitHubError(error, {
        action: `read the deployments of ${repo.owner}/${repo.repo}`,
        repository: repo,
        apiUrl,
        surface: 'cli',
        secret,
        timeoutMs: ctx.timeoutMs,
      }).message,
    );
  }
}

/** The rules of --service-map FILE; any rule not understood stops the run (figures under a wrong mapping mislead). */
function readServiceMap(file: string | undefined, io: CliIO): { rules: DeploymentServiceRule[] } | { error: string } {
  if (!file) return { rules: [] };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { error: `--service-map ${file}: ${reason}` };
  }
  const parsed = parseDeploymentServices(value, file);
  return parsed.problems.length ? { error: parsed.problems.join('\n') } : { rules: parsed.rules };
}

function usage(io: CliIO, message: string): number {
  io.stderr(`runbook metrics: ${message} (see runbook metrics --help)\n`);
  return EXIT_USAGE;
}

// --- the oldest commit of each change.commits range ------------------------------------------

/** A tag, branch or commit as git names them; never an option (no leading dash), no spaces. */
const REF = /^[A-Za-z0-9_][A-Za-z0-9_./@{}^~+-]*$/;

/** The folder a range's commits are read in: `path` relative to the runbook's folder, else the runbook's folder. */
export function repositoryFolder(change: ChangeRecord): string | undefined {
  if (!change.commits || !change.uri.startsWith('file:')) return undefined;
  const folder = path.dirname(fileURLToPath(change.uri));
  return change.commits.path ? path.resolve(folder, change.commits.path) : folder;
}

/** The oldest commit time of every change that names a range; what could not be read is said in `problems`. */
export async function oldestCommits(
  changes: ChangeRecord[],
  read: CommitTimesReader,
): Promise<{ oldest: Map<string, number>; problems: string[] }> {
  const oldest = new Map<string, number>();
  const problems: string[] = [];
  // Only deployments that succeeded use it; reading every planned change's history would be wasted.
  const wanted = changes.filter((c) => c.commits && c.result === 'success');
  for (const change of wanted) {
    const range = change.commits!;
    const folder = repositoryFolder(change);
    const where = `git log ${range.from}..${range.to}${range.path ? ` in ${range.path}` : ''}`;
    if (!folder) continue;
    if (!REF.test(range.from) || !REF.test(range.to)) {
      problems.push(
        `${change.id}: change.commits names "${REF.test(range.from) ? range.to : range.from}", which is not a tag or commit, so the commit lead time was not counted`,
      );
      continue;
    }
    try {
      const times = await read(folder, range);
      if (times.length) oldest.set(change.id, Math.min(...times));
      else problems.push(`${change.id}: ${where} lists no commits, so the commit lead time was not counted`);
    } catch (error) {
      problems.push(
        `${change.id}: ${where} failed (${(error as Error)?.message ?? error}), so the commit lead time was not counted`,
      );
    }
  }
  return { oldest, problems };
}

/** Committer times of the commits in `from..to`, by `git log`; the reason in the error when git cannot answer. */
export function gitCommitTimes(repository: string, range: CommitRange, timeoutMs = 20_000): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', repository, 'log', '--format=%ct', '--end-of-options', `${range.from}..${range.to}`, '--'],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const reason =
            code === 'ENOENT' ? 'git is not installed' : String(stderr).trim().split('\n')[0] || error.message;
          reject(new Error(reason));
          return;
        }
        resolve(
          String(stdout)
            .split('\n')
            .map((line) => Number(line.trim()) * 1000)
            .filter((ms) => Number.isFinite(ms) && ms > 0),
        );
      },
    );
  });
}
