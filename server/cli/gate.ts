// `runbook gate [PATHS...] --environment ENV --service SERVICE`: may this deployment proceed now
// (or at --at)? One check per line (server/core/gate/); exit 0 allowed, 1 blocked, 2 could not
// decide. The gate never opens because it could not ask: a GitHub failure is 2, never 0.
//
// Decisions where the issue is silent:
// - An instant without an offset (--at 2026-12-02T22:30) is read in the calendar's zone; a local
//   time the clocks show twice means the first one, a skipped one moves forward (section 2).
// - A check that failed outright outweighs one that could not be answered: blocked (1) rather
//   than undecided (2); both keep the gate shut.
// - An environment the calendar does not define is a bad argument (2), so a typo in a workflow
//   does not read as "no runbook".
// - The token is needed only when a change request has to be read; it goes over HTTPS, or plain
//   HTTP to this machine alone.
import { appendFileSync } from 'node:fs';
import { inlineText, visibleControls } from '../core/change-request/markdown-text';
import type { SeverityOverrides } from '../core/diagnostics';
import type { AccessInput } from '../core/gate/access-check';
import { accessTickets } from '../core/gate/access-check';
import type { ApprovalInput } from '../core/gate/approval-check';
import { approvalTicket } from '../core/gate/approval-check';
import { decideGate, GateDecision } from '../core/gate/decide-gate';
import { findRunbook, idOf } from '../core/gate/window-check';
import type { ChangeStatusInput } from '../core/release/gates';
import { parseInstant } from '../core/time';
import { approvalBoard, requiredApprovals } from '../core/change-request/approval-board';
import { fetchChangeStatus } from '../github/fetch-change-status';
import {
  checkApiUrl,
  createGitHubClient,
  DEFAULT_TIMEOUT_MS,
  GitHubClientOptions,
  normalizeApiUrl,
} from '../github/github-client';
import { describeGitHubError, redact } from '../github/github-errors';
import { formatTicket, parseRepository, parseTicket, TicketRef } from '../github/repository';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { addSources } from './calendar-sources';
import { loadWorkspace } from './lint';
import { escapeData, escapeProperty } from './output-formats';
import { parseSeverityOption } from './severity-option';
import { terminalText } from './terminal-text';
import { parseCommandLine } from './command-line';

export const GATE_FORMATS = ['text', 'json', 'github'] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];

const USAGE = `Usage: runbook gate [PATHS...] --environment ENV --service SERVICE [--at INSTANT] [--repo OWNER/NAME]
                    [--api-url URL] [--format text|json|github] [--offline] [--severity CODE=LEVEL] [--timeout SECONDS]
                    [--sources [--sources-cache DIR]]

Answers whether a deployment of SERVICE to ENV may proceed at INSTANT (default: now), from the
runbooks and calendars under PATHS (default: the current folder): window, lint, freeze, approval,
go, dependencies and access, one check per line.
  --environment ENV   the environment deployed to (required)
  --service SERVICE   the service deployed (required)
  --at INSTANT        ISO 8601 instant; without an offset it is read in the calendar's zone
  --repo OWNER/NAME   repository of change tickets written as #N (default: $GITHUB_REPOSITORY)
  --api-url URL       GitHub's REST API (default: $GITHUB_API_URL, else https://api.github.com)
  --format FORMAT     text (default), json, or github (annotations, and a job summary in $GITHUB_STEP_SUMMARY)
  --offline           do not ask GitHub: the approval (and access) check is skipped and said so, never passed
  --severity CODE=LEVEL  rule severities for the lint check, as runbook lint takes them
  --timeout SECONDS   give up on a GitHub request after this long (default ${DEFAULT_TIMEOUT_MS / 1000})
  --sources           also read the repositories the calendar names in \`sources\` (their runbooks,
                      dependencies and freezes count); --offline reads their cached copy
The token comes from GITHUB_TOKEN.
Exit status: 0 allowed, 1 blocked, 2 could not decide (bad arguments, unreadable files, GitHub unreachable).`;

interface GateArgs {
  inputs: string[];
  environment: string;
  service: string;
  at?: string;
  repo?: string;
  apiUrl?: string;
  format: GateFormat;
  offline: boolean;
  sources: boolean;
  sourcesCache?: string;
  overrides: SeverityOverrides;
  timeoutMs: number;
}

export async function runGate(argv: string[], io: CliIO): Promise<number> {
  return runGateWith(argv, io, {});
}

/** runGate with client settings tests need (short back-off and timeout). */
export async function runGateWith(argv: string[], io: CliIO, client: Partial<GitHubClientOptions>): Promise<number> {
  const secret = io.env.GITHUB_TOKEN?.trim() ?? '';
  const out = (text: string) => io.stdout(redact(text, secret));
  const err = (text: string) => io.stderr(redact(text, secret));
  const fail = (message: string) => {
    err(`runbook gate: ${visibleControls(message)}\n`);
    return EXIT_USAGE;
  };

  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    out(`${USAGE}\n`);
    return EXIT_OK;
  }
  if ('error' in parsed) return fail(`${parsed.error} (see runbook gate --help)`);
  const args = parsed;

  const apiUrl = normalizeApiUrl(args.apiUrl ?? io.env.GITHUB_API_URL);
  if (!args.offline) {
    const bad = checkApiUrl(apiUrl);
    if (bad) return fail(bad);
  }
  const repoText = args.repo ?? io.env.GITHUB_REPOSITORY?.trim();
  const repo = repoText ? parseRepository(repoText) : undefined;
  if (repoText && !repo)
    return fail(`"${repoText}" is not a repository; use OWNER/NAME${args.repo ? '' : ' (from GITHUB_REPOSITORY)'}`);

  const loaded = await loadWorkspace(args.inputs, io);
  if ('error' in loaded) return fail(loaded.error);
  const added = await addSources(
    loaded,
    { sources: args.sources, cacheDir: args.sourcesCache, apiUrl: args.apiUrl, offline: args.offline },
    io,
  );
  if ('error' in added) return fail(added.error);
  for (const line of added.messages) err(`runbook gate: ${terminalText(line)}\n`);
  const { index } = loaded;
  const calendar = index.calendar();
  if (calendar.definesEnvironments && !calendar.environments.has(args.environment)) {
    return fail(
      `environment "${args.environment}" is not defined by the calendar (defined: ${[...calendar.environments.keys()].join(', ')})`,
    );
  }
  let at = Date.now();
  if (args.at !== undefined) {
    const instant = parseInstant(args.at, calendar.zone);
    if (!instant.ok) return fail(`--at: ${instant.error}`);
    at = instant.value.toMillis();
  }
  const query = { environment: args.environment, service: args.service, at };

  // The change request's status, asked only when the runbook found needs it.
  let approval: ApprovalInput | undefined = args.offline ? { kind: 'offline' } : undefined;
  const runbook = findRunbook(index, query).runbook;
  const ticketText = runbook && !args.offline ? approvalTicket(runbook) : undefined;
  if (ticketText) approval = await askGitHub(ticketText, runbook!.change.risk?.text);
  // The access requests' issues, asked only when the runbook found asks for access.
  let access: AccessInput | undefined = args.offline ? { kind: 'offline' } : undefined;
  const accessAsked = runbook && !args.offline ? accessTickets(runbook) : [];
  if (accessAsked.length) access = await askAccess(accessAsked);

  const decision = decideGate(index, query, { severityOverrides: args.overrides, approval, access });
  out(render(decision, args.format));
  if (args.format === 'github' && io.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, jobSummary(decision));
    } catch (error) {
      err(
        `runbook gate: could not write the job summary to ${io.env.GITHUB_STEP_SUMMARY}: ${(error as Error).message}\n`,
      );
    }
  }
  return decision.verdict === 'allowed' ? EXIT_OK : decision.verdict === 'blocked' ? EXIT_FINDINGS : EXIT_USAGE;

  async function askGitHub(text: string, risk: string | undefined): Promise<ApprovalInput> {
    const ticket = parseTicket(text, repo);
    if (!ticket) {
      const local = parseTicket(text, { owner: 'x', repo: 'x' });
      return {
        kind: 'unknown',
        reason: local
          ? 'the ticket names no repository; pass --repo OWNER/NAME or set GITHUB_REPOSITORY'
          : 'change.ticket is not of the form owner/repo#number',
      };
    }
    if (!secret) return { kind: 'unknown', reason: NO_TOKEN };
    const ctx = github();
    try {
      // The same status the editor shows: the board's verdict when the calendar configures one.
      const board = approvalBoard(index);
      const status = await fetchChangeStatus(
        ctx,
        ticket,
        undefined,
        board ? { board, needed: requiredApprovals(board, risk) } : undefined,
      );
      return { kind: 'status', status };
    } catch (error) {
      return { kind: 'unknown', reason: readFailure(error, ticket, ctx.timeoutMs) };
    }
  }

  /** Each access request's issue; the ones that cannot be read are left out, and the first reason kept. */
  async function askAccess(tickets: string[]): Promise<AccessInput> {
    const statuses: ChangeStatusInput[] = [];
    let unknownReason: string | undefined;
    const ctx = secret ? github() : undefined;
    for (const text of tickets) {
      const ticket = parseTicket(text, repo);
      if (!ticket) {
        unknownReason ??= parseTicket(text, { owner: 'x', repo: 'x' })
          ? 'the ticket names no repository; pass --repo OWNER/NAME or set GITHUB_REPOSITORY'
          : `${text} is not of the form owner/repo#number`;
        continue;
      }
      if (!ctx) {
        unknownReason ??= NO_TOKEN;
        continue;
      }
      try {
        const status = await fetchChangeStatus(ctx, ticket);
        // Access requests are judged by their label (the board applies to change requests).
        statuses.push({ ...status, ticket: text, verdict: undefined });
      } catch (error) {
        unknownReason ??= readFailure(error, ticket, ctx.timeoutMs);
      }
    }
    return { kind: 'statuses', statuses, unknownReason };
  }

  /** Why an issue could not be read, as a person should read it (the token never in it). */
  function readFailure(error: unknown, ticket: TicketRef, timeoutMs: number): string {
    return describeGitHubError(error, {
      action: `read issue ${formatTicket(ticket)}`,
      repository: ticket,
      ticket,
      apiUrl,
      surface: 'cli',
      secret,
      timeoutMs,
    }).message;
  }

  function github() {
    return createGitHubClient({
      timeoutMs: args.timeoutMs,
      ...client,
      token: secret,
      apiUrl,
      userAgent: 'release-runbooks-cli',
    });
  }
}

const NO_TOKEN = 'GITHUB_TOKEN is not set; set it to a token that may read issues, or pass --offline';

// ---------------------------------------------------------------------------------------------

const VERDICT_TEXT = { allowed: 'ALLOWED', blocked: 'BLOCKED', undecided: 'COULD NOT DECIDE' } as const;

function headline(d: GateDecision): string {
  const runbook = d.runbook ? `runbook ${idOf(d.runbook)}` : 'no runbook';
  return `runbook gate: ${VERDICT_TEXT[d.verdict]}: ${d.service} to ${d.environment} at ${new Date(d.at).toISOString()} (${runbook})`;
}

function stateOf(c: GateDecision['checks'][number]): string {
  return c.skipped ? 'skipped' : c.ok ? 'ok' : c.undecided ? 'unknown' : 'FAILED';
}

/** Text from files is shown as text: control characters spelled out, one line per check. */
function render(d: GateDecision, format: GateFormat): string {
  if (format === 'json') {
    const json = {
      allowed: d.verdict === 'allowed',
      runbook: d.runbook ? idOf(d.runbook) : null,
      environment: d.environment,
      service: d.service,
      at: new Date(d.at).toISOString(),
      checks: d.checks.map((c) => ({ id: c.id, ok: c.ok, skipped: c.skipped, message: c.message })),
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  const terminal = (text: string) => visibleControls(text).replace(/[\r\n\u2028\u2029]+/g, ' ');
  if (format === 'github') {
    const lines = d.checks.map((c) => {
      const title = escapeProperty(`runbook gate: ${c.id}`);
      if (c.ok) return `${c.id}: ok: ${terminal(c.message)}`;
      return `::${c.skipped ? 'warning' : 'error'} title=${title}::${escapeData(`${c.id} ${stateOf(c)}: ${visibleControls(c.message)}`)}`;
    });
    return `${escapeData(terminal(headline(d)))}\n${lines.join('\n')}\n`;
  }
  const width = Math.max(...d.checks.map((c) => c.id.length));
  const lines = d.checks.map((c) => `  ${stateOf(c).padEnd(8)} ${c.id.padEnd(width)}  ${terminal(c.message)}`);
  return `${terminal(headline(d))}\n${lines.join('\n')}\n`;
}

/** Markdown for $GITHUB_STEP_SUMMARY: every text from a file escaped, one table row per check. */
function jobSummary(d: GateDecision): string {
  const icon = (c: GateDecision['checks'][number]) =>
    c.skipped ? '⚪ skipped' : c.ok ? '✅ ok' : c.undecided ? '⚠️ unknown' : '❌ failed';
  const rows = d.checks.map((c) => `| ${c.id} | ${icon(c)} | ${inlineText(visibleControls(c.message))} |`);
  const runbook = d.runbook ? `runbook ${inlineText(visibleControls(idOf(d.runbook)))}` : 'no runbook';
  return [
    `### runbook gate: ${VERDICT_TEXT[d.verdict].toLowerCase()}`,
    '',
    `${inlineText(d.service)} to ${inlineText(d.environment)} at ${new Date(d.at).toISOString()} (${runbook})`,
    '',
    '| check | result | message |',
    '| --- | --- | --- |',
    ...rows,
    '',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: string[]): GateArgs | { error: string } | { help: true } {
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    offline: { type: 'boolean' },
    sources: { type: 'boolean' },
    'sources-cache': { type: 'string' },
    environment: { type: 'string' },
    service: { type: 'string' },
    at: { type: 'string' },
    repo: { type: 'string' },
    'api-url': { type: 'string' },
    format: { type: 'string' },
    severity: { type: 'string', multiple: true },
    timeout: { type: 'string' },
  });
  if ('error' in parsed) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const format = (values.format?.trim() ?? 'text') as GateFormat;
  if (!GATE_FORMATS.includes(format)) return { error: `unknown format "${format}"; use ${GATE_FORMATS.join(', ')}` };
  const overrides: SeverityOverrides = {};
  for (const option of values.severity ?? []) {
    const severity = parseSeverityOption(option.trim());
    if ('error' in severity) return severity;
    Object.assign(overrides, severity.overrides);
  }
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) return { error: '--timeout needs a number of seconds above 0' };
    timeoutMs = Math.round(seconds * 1000);
  }
  const environment = values.environment?.trim();
  const service = values.service?.trim();
  if (!environment) return { error: '--environment ENV is required' };
  if (!service) return { error: '--service SERVICE is required' };
  return {
    inputs: positionals,
    environment,
    service,
    at: values.at?.trim(),
    repo: values.repo?.trim(),
    apiUrl: values['api-url']?.trim(),
    format,
    offline: values.offline === true,
    sources: values.sources === true,
    sourcesCache: values['sources-cache']?.trim(),
    overrides,
    timeoutMs,
  };
}
