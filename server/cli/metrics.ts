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
import { parseCommandLine } from './command-line';

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
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    'no-git': { type: 'boolean' },
    sources: { type: 'boolean' },
    offline: { type: 'boolean' },
    'sources-cache': { type: 'string', needs: 'a folder' },
    format: { type: 'string', needs: 'a value: markdown, json or csv' },
    from: { type: 'string', needs: 'a date such as 2026-11-01' },
    to: { type: 'string', needs: 'a date such as 2026-11-01' },
    by: { type: 'string', needs: 'week or month' },
    group: { type: 'string', needs: 'service, team or environment' },
    source: { type: 'string', needs: 'runbooks or github' },
    repo: { type: 'string' },
    service: { type: 'string' },
    'service-map': { type: 'string' },
    'api-url': { type: 'string' },
    environment: { type: 'string', multiple: true, needs: 'a name such as production' },
  });
  if ('error' in parsed) return parsed;
  const { values: v, positionals } = parsed;
  if (v.help) return { help: true };
  const oneOf = <T extends string>(
    name: string,
    value: string | undefined,
    allowed: readonly T[],
    fallback: T,
    needs: string,
  ) => {
    if (value === undefined) return fallback;
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : { error: `--${name} needs ${needs}, not "${value}"` };
  };
  if (v.format !== undefined && !(METRICS_FORMATS as readonly string[]).includes(v.format))
    return { error: `unknown format "${v.format}"; use markdown, json or csv` };
  for (const [name, date] of [
    ['from', v.from],
    ['to', v.to],
  ] as const)
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      return { error: `--${name} "${date}" is not a date such as 2026-11-01 (YYYY-MM-DD)` };
  const by = oneOf('by', v.by, PERIOD_UNITS, 'week', 'week or month');
  if (typeof by === 'object') return by;
  const group = oneOf('group', v.group, GROUP_BYS, 'service', 'service, team or environment');
  if (typeof group === 'object') return group;
  const source = oneOf('source', v.source, METRICS_SOURCES, 'runbooks', 'runbooks or github');
  if (typeof source === 'object') return source;
  const environments = (v.environment ?? []).flatMap((list) =>
    list
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  if (v.environment && !environments.length) return { error: '--environment needs a name such as production' };
  return {
    inputs: positionals,
    format: (v.format ?? 'markdown') as MetricsFormat,
    from: v.from,
    to: v.to,
    by,
    group,
    environments,
    git: v['no-git'] !== true,
    source,
    repo: v.repo?.trim(),
    service: v.service?.trim(),
    serviceMap: v['service-map']?.trim(),
    apiUrl: v['api-url']?.trim(),
    sources: v.sources === true,
    sourcesCache: v['sources-cache']?.trim(),
    offline: v.offline === true,
  };
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
