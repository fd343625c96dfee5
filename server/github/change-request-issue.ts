// One runbook, one issue (docs/runbook-dsl.md, "runbook submit"). With a ticket: update that issue. Without one: look
// for an open issue carrying the runbook's marker (a submission whose answer was lost, or a copy
// of the runbook without its ticket) and update it; only then create. Creating is never retried
// blindly: after a failure that may have stored the issue (dropped connection, timeout, 5xx) we
// look for the marker again before trying once more.
import type { ChangeRequest } from '../core/change-request/render-change-request';
import { CHANGE_REQUEST_KIND, type RequestKind } from '../core/change-request/change-request-labels';
import { hasMarker, runbookIdOf } from '../core/change-request/marker';
import { WITHDRAWAL_HEADING } from '../core/change-request/approval-verdict';
import { bodyFingerprint, changedFields, describeFields } from '../core/change-request/material-fingerprint';
import { DEFAULT_CAB_LABELS } from '../../protocol/change-status';
import type { ClientContext } from './github-client';
import { describeGitHubError, ErrorContext, GitHubFailure, mayHaveBeenStored, Surface } from './github-errors';
import { ensureLabels, LabelState } from './labels';
import { formatTicket, parseTicket, RepoRef, repositoryName, sameRepository, TicketRef } from './repository';

export interface SubmitInput {
  /** Where a new issue goes. */
  repository: RepoRef;
  request: ChangeRequest;
}

export interface SubmitOptions {
  surface?: Surface;
  onProgress?: (message: string) => void;
  /** Attempts at creating the issue (each after checking for the marker again). */
  createAttempts?: number;
  /** The board's approval label, removed when the change request changes materially. */
  approvalLabel?: string;
}

export interface SubmittedIssue {
  owner: string;
  repo: string;
  number: number;
  url: string;
  state: string;
  title: string;
  labels: string[];
}

export interface SubmitOutcome {
  /** created: a new issue; updated: the ticket's issue; found: an issue found by its marker, updated. */
  action: 'created' | 'updated' | 'found';
  issue: SubmittedIssue;
  /** `owner/repo#number`, to write into change.ticket. */
  ticket: string;
  /** Whether the runbook's change.ticket must change. */
  ticketChanged: boolean;
  warnings: string[];
}

export class SubmitError extends Error {
  constructor(
    message: string,
    readonly failure: GitHubFailure | undefined,
    /** An issue that exists although the submission failed (for the message and the write-back). */
    readonly issue?: SubmittedIssue,
  ) {
    super(message);
    this.name = 'SubmitError';
  }
}

interface IssueData {
  number: number;
  html_url: string;
  state: string;
  title: string;
  body?: string | null;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
}

export async function submitChangeRequest(
  ctx: ClientContext,
  input: SubmitInput,
  options: SubmitOptions = {},
): Promise<SubmitOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const surface = options.surface ?? 'cli';
  const { request, repository } = input;
  // Access and provisioning requests go the same way, with their own label, marker and ticket key.
  const kind = request.kind ?? CHANGE_REQUEST_KIND;
  const { noun, ticketKey } = kind;
  const runbookId = runbookIdOf(request.body);
  if (!runbookId)
    throw new SubmitError(
      `The ${noun} body has no runbook marker; it cannot be found again, so it was not sent.`,
      undefined,
    );
  const warnings: string[] = [];
  const errorContext = (action: string, extra: Partial<ErrorContext> = {}): ErrorContext => ({
    action,
    repository,
    apiUrl: ctx.apiUrl,
    surface,
    secret: ctx.secret,
    timeoutMs: ctx.timeoutMs,
    ...extra,
  });
  const fail = (error: unknown, ec: ErrorContext, issue?: SubmittedIssue): never => {
    if (error instanceof SubmitError) throw error;
    const failure = describeGitHubError(error, ec);
    throw new SubmitError(failure.message, failure, issue);
  };

  // 1. A ticket names the issue: update it, wherever it lives.
  if (request.ticket) {
    const ticket = parseTicket(request.ticket, repository);
    if (!ticket) {
      throw new SubmitError(
        `${ticketKey} "${request.ticket}" is not of the form owner/repo#number; correct it, or remove it to file a new ${noun}.`,
        undefined,
      );
    }
    if (!sameRepository(ticket, repository)) {
      warnings.push(
        `${ticketKey} names ${formatTicket(ticket)}, outside ${repositoryName(repository)}; that issue was updated.`,
      );
    }
    progress(`Updating ${formatTicket(ticket)}…`);
    const home: RepoRef = { owner: ticket.owner, repo: ticket.repo };
    // An issue that is another runbook's change request (its marker names another id) is never
    // taken over: its approvals belong to that runbook.
    const current = await ctx.client.rest.issues
      .get({ ...home, issue_number: ticket.number })
      .then((r) => checkedIssue(ctx, r.data, `read issue ${formatTicket(ticket)}`))
      .catch((e) => fail(e, errorContext(`read issue ${formatTicket(ticket)}`, { repository: home, ticket })));
    const owner = runbookIdOf(current.body);
    if (owner && owner !== runbookId) {
      throw new SubmitError(
        `${ticketKey} names ${formatTicket(ticket)}, which is the ${whoseRequest(owner)}, not of "${runbookId}"; it was not changed. Correct ${ticketKey}, or remove it to file a new ${noun}.`,
        undefined,
      );
    }
    const labels = await labelsFor(ctx, home, request.labels, warnings).catch((e) =>
      fail(e, errorContext('read or create labels', { repository: home })),
    );
    const issue = await updateIssue(ctx, home, ticket.number, request, labels, current, warnings, kind, options).catch(
      (e) => fail(e, errorContext(`update issue ${formatTicket(ticket)}`, { repository: home, ticket })),
    );
    return outcome('updated', ticket, issue, request, warnings);
  }

  // 2. No ticket: an open issue with the marker is this runbook's change request.
  progress(`Looking for an existing ${noun} in ${repositoryName(repository)}…`);
  const labels = await labelsFor(ctx, repository, request.labels, warnings).catch((e) =>
    fail(e, errorContext('read or create labels')),
  );
  const existing = await findByMarker(ctx, repository, runbookId, kind).catch((e) =>
    fail(e, errorContext(`list the open ${noun}s`)),
  );
  if (existing) {
    progress(`Updating ${repositoryName(repository)}#${existing.number}, found by its marker…`);
    const ticket = { ...repository, number: existing.number };
    const issue = await updateIssue(
      ctx,
      repository,
      existing.number,
      request,
      labels,
      existing,
      warnings,
      kind,
      options,
    ).catch((e) => fail(e, errorContext(`update issue ${formatTicket(ticket)}`, { ticket })));
    return outcome('found', ticket, issue, request, warnings);
  }

  // 3. Create, re-checking for the marker after any failure that may have stored the issue.
  const attempts = Math.max(1, options.createAttempts ?? 3);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    progress(
      attempt === 1
        ? `Filing the ${noun} in ${repositoryName(repository)}…`
        : `Filing the ${noun} (attempt ${attempt} of ${attempts})…`,
    );
    try {
      const response = await ctx.client.rest.issues.create({
        ...repository,
        title: request.title,
        body: request.body,
        ...(labels.usable.length ? { labels: labels.usable } : {}),
        // Never resent by the retry plugin: a lost answer must not become a second issue.
        request: { retries: 0 },
      });
      if (isIssueData(response.data)) {
        const issue = toIssue(repository, response.data);
        noteDroppedLabels(issue, labels.usable, warnings);
        return outcome('created', { ...repository, number: issue.number }, issue, request, warnings);
      }
      // A 2xx that is no issue (a proxy's or captive portal's page): GitHub may have stored the
      // issue, so look for it by its marker; never file again on such an answer.
      progress('Checking whether GitHub stored the issue…');
      const found = await findByMarker(ctx, repository, runbookId, kind).catch(() => undefined);
      if (found) {
        const issue = toIssue(repository, found);
        warnings.push(
          `GitHub's answer to creating ${repositoryName(repository)}#${issue.number} was not an issue; the issue was found by its marker.`,
        );
        return outcome('created', { ...repository, number: issue.number }, issue, request, warnings);
      }
      throw invalidAnswer(ctx, `create the ${noun} issue`);
    } catch (error) {
      if (error instanceof SubmitError) throw error;
      if (!mayHaveBeenStored(error)) fail(error, errorContext(`create the ${noun} issue`));
      lastError = error;
    }
    await delay(ctx.retryBaseMs * attempt * attempt);
    progress('Checking whether GitHub stored the issue anyway…');
    let found: IssueData | undefined;
    try {
      found = await findByMarker(ctx, repository, runbookId, kind);
    } catch (error) {
      const failure = describeGitHubError(lastError, errorContext(`create the ${noun} issue`));
      throw new SubmitError(
        `${failure.message} GitHub may have stored the issue anyway, and checking failed too; submit again: the issue is found by its marker, never filed twice.`,
        failure,
      );
    }
    if (found) {
      const issue = toIssue(repository, found);
      warnings.push(
        `GitHub's answer to creating ${repositoryName(repository)}#${issue.number} was lost; the issue was found by its marker.`,
      );
      return outcome('created', { ...repository, number: issue.number }, issue, request, warnings);
    }
  }
  const failure = describeGitHubError(lastError, errorContext(`create the ${noun} issue`));
  throw new SubmitError(
    `${failure.message} If GitHub stored the issue anyway, the next submission finds it by its marker.`,
    failure,
  );
}

async function labelsFor(ctx: ClientContext, repo: RepoRef, wanted: string[], warnings: string[]): Promise<LabelState> {
  const state = await ensureLabels(ctx, repo, wanted);
  if (state.refused) warnings.push(capitalize(state.refused) + '.');
  return state;
}

/**
 * The open issue that is this runbook's change request: its body ends with the marker and it
 * carries the `change-request` label. Anyone may open an issue whose text ends with a marker, but
 * only collaborators may label it, so an unlabelled issue is never taken over.
 */
async function findByMarker(
  ctx: ClientContext,
  repo: RepoRef,
  runbookId: string,
  kind: RequestKind,
): Promise<IssueData | undefined> {
  const matches: IssueData[] = [];
  const pages = ctx.client.paginate.iterator(ctx.client.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    labels: kind.label,
    per_page: 100,
  });
  for await (const page of pages) {
    if (!Array.isArray(page.data)) throw invalidAnswer(ctx, `list the open ${kind.noun}s`);
    for (const issue of page.data as IssueData[]) {
      if (!isIssueData(issue)) throw invalidAnswer(ctx, `list the open ${kind.noun}s`);
      const labelled = labelNames(issue.labels ?? []).some((l) => l.toLowerCase() === kind.label);
      if (!issue.pull_request && labelled && hasMarker(issue.body, runbookId)) matches.push(issue);
    }
  }
  // Duplicates from before: the oldest is the change request.
  matches.sort((a, b) => a.number - b.number);
  return matches[0];
}

async function updateIssue(
  ctx: ClientContext,
  repo: RepoRef,
  number: number,
  request: ChangeRequest,
  labels: LabelState,
  known: IssueData | undefined,
  warnings: string[],
  kind: RequestKind,
  options: SubmitOptions,
): Promise<SubmittedIssue> {
  // What the board approved is the body's material fingerprint: compare before overwriting it.
  const before = bodyFingerprint(known?.body);
  const after = bodyFingerprint(request.body);
  const changed = before && after ? changedFields(before, after) : [];
  const response = await ctx.client.rest.issues.update({
    ...repo,
    issue_number: number,
    title: request.title,
    body: request.body,
  });
  let data = checkedIssue(ctx, response.data, `update issue ${repositoryName(repo)}#${number}`);
  if (data.pull_request)
    warnings.push(`${repositoryName(repo)}#${number} is a pull request, not an issue; check ${kind.ticketKey}.`);
  // Labels: ours replace stale env:/risk:/type: labels; CAB labels and anything else stay.
  if (labels.usable.length) {
    const current = labelNames(data.labels ?? known?.labels ?? []);
    const kept = current.filter(
      (l) =>
        !kind.ownedLabelPrefixes.some((p) => l.toLowerCase().startsWith(p)) ||
        labels.usable.some((u) => u.toLowerCase() === l.toLowerCase()),
    );
    const merged = [...kept, ...labels.usable.filter((u) => !kept.some((k) => k.toLowerCase() === u.toLowerCase()))];
    if (!sameSet(merged, current)) {
      const relabeled = await ctx.client.rest.issues.update({ ...repo, issue_number: number, labels: merged });
      data = checkedIssue(ctx, relabeled.data, `update issue ${repositoryName(repo)}#${number}`);
      noteDroppedLabels(toIssue(repo, data), labels.usable, warnings);
    }
  }
  if (changed.length)
    data = await withdrawApproval(
      ctx,
      repo,
      number,
      data,
      describeFields(changed),
      options.approvalLabel ?? DEFAULT_CAB_LABELS.approved,
      warnings,
    );
  const issue = toIssue(repo, data);
  if (issue.state === 'closed')
    warnings.push(
      `${repositoryName(repo)}#${number} is closed; it was updated but stays closed. Reopen it on GitHub if the change goes ahead.`,
    );
  return issue;
}

/**
 * A material change (window, environment, risk, steps, rollback plan) since the last submission:
 * the approval label goes, and a comment says why. The comment also marks the moment from which
 * approvals count again (approval-verdict.ts), so `/approve` comments before it no longer count.
 */
async function withdrawApproval(
  ctx: ClientContext,
  repo: RepoRef,
  number: number,
  data: IssueData,
  what: string,
  approvalLabel: string,
  warnings: string[],
): Promise<IssueData> {
  const approved = labelNames(data.labels ?? []).find((l) => l.toLowerCase() === approvalLabel.toLowerCase());
  if (approved) {
    await ctx.client.rest.issues.removeLabel({ ...repo, issue_number: number, name: approved });
    data = { ...data, labels: labelNames(data.labels ?? []).filter((l) => l !== approved) };
    warnings.push(
      `Approval withdrawn: ${what} changed since ${repositoryName(repo)}#${number} was approved; the board must approve it again.`,
    );
  }
  const body = `${WITHDRAWAL_HEADING}: ${what} changed in this submission. Approvals given before it no longer count; the change advisory board must approve the change again.`;
  await ctx.client.rest.issues.createComment({ ...repo, issue_number: number, body });
  return data;
}

function noteDroppedLabels(issue: SubmittedIssue, wanted: string[], warnings: string[]): void {
  const missing = wanted.filter((w) => !issue.labels.some((l) => l.toLowerCase() === w.toLowerCase()));
  if (wanted.length && missing.length === wanted.length) {
    warnings.push(
      `GitHub did not apply the labels (${missing.join(', ')}): only users with write access can label issues.`,
    );
  }
}

function outcome(
  action: SubmitOutcome['action'],
  ticket: TicketRef,
  issue: SubmittedIssue,
  request: ChangeRequest,
  warnings: string[],
): SubmitOutcome {
  const text = formatTicket({ ...ticket, number: issue.number });
  // A short `#12` is rewritten in full, as the spec writes tickets.
  const ticketChanged = request.ticket?.trim() !== text;
  return { action, issue, ticket: text, ticketChanged, warnings };
}

/** Whether an answer is an issue as GitHub describes one; anything else is never used. */
function isIssueData(data: unknown): data is IssueData {
  const d = data as Partial<IssueData> | null;
  return (
    !!d &&
    typeof d === 'object' &&
    Number.isSafeInteger(d.number) &&
    (d.number as number) > 0 &&
    typeof d.html_url === 'string' &&
    /^https?:\/\//.test(d.html_url) &&
    typeof d.title === 'string' &&
    typeof d.state === 'string' &&
    Array.isArray(d.labels)
  );
}

function invalidAnswer(ctx: ClientContext, action: string): SubmitError {
  const message = `GitHub (${ctx.apiUrl}) answered the request to ${action} with something that is not GitHub's answer (a proxy or captive portal page?). Nothing was written; check the network and the API URL, then submit again: an issue GitHub stored anyway is found by its marker.`;
  return new SubmitError(message, { kind: 'invalid-answer', message });
}

function checkedIssue(ctx: ClientContext, data: unknown, action: string): IssueData {
  if (!isIssueData(data)) throw invalidAnswer(ctx, action);
  return data;
}

function toIssue(repo: RepoRef, data: IssueData): SubmittedIssue {
  return {
    owner: repo.owner,
    repo: repo.repo,
    number: data.number,
    url: data.html_url,
    state: data.state,
    title: data.title,
    labels: labelNames(data.labels ?? []),
  };
}

function labelNames(labels: (string | { name?: string })[]): string[] {
  return labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}

function sameSet(a: string[], b: string[]): boolean {
  const la = new Set(a.map((x) => x.toLowerCase()));
  const lb = new Set(b.map((x) => x.toLowerCase()));
  return la.size === lb.size && [...la].every((x) => lb.has(x));
}

/** "change request of runbook "x"", or "request "x/access/y"" for a marker key of another kind. */
function whoseRequest(key: string): string {
  return key.includes('/') ? `request "${key}"` : `change request of runbook "${key}"`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
