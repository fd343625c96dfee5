// The release on the change request: the one status comment mirrored after every transition, the
// comment of each go/no-go decision, the closing summary (and closing the issue), and the
// preconditions ticked on the issue's task list. GitHub trouble never blocks the record: the file
// is written first, and the status comment catches up at the next transition.
import * as vscode from 'vscode';
import { githubRestrictedReason } from '../workspace-trust';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientContext } from '../../server/github/github-client';
import { githubClient } from '../change-request/deps';
import { redact } from '../../server/github/github-errors';
import {
  closeChangeRequest,
  postCommentOnce,
  readIssueBody,
  upsertMarkedComment,
} from '../../server/github/release-comments';
import { parseTicket, TicketRef } from '../../server/github/repository';
import { GitHubSession, noTokenMessage } from '../change-request/github-session';
import { knownRepository } from '../change-request/resolve-repository';
import { githubSettings } from '../change-request/change-request-settings';
import { releaseStateOf } from './release-server';

export type GitHubAccess =
  | { ok: true; ctx: ClientContext; ticket: TicketRef; token: string }
  | { ok: false; reason: string; noTicket?: boolean };

/** Called with a new status comment id, to keep it in the record. */
export type StoreCommentId = (uri: vscode.Uri, commentId: number) => Promise<void>;

export class ReleaseGitHub implements vscode.Disposable {
  private readonly mirrors = new Map<string, { running: Promise<void>; again: boolean }>();
  private readonly statusBar = vscode.window.createStatusBarItem(
    'releaseRunbooks.releaseStatusComment',
    vscode.StatusBarAlignment.Left,
    0,
  );
  private warned = new Set<string>();
  /** GitHub failures on each runbook's change request, until the next success: items of the tracking view. */
  private readonly problems = new Map<string, string>();
  private readonly problemsChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChangeProblems = this.problemsChanged.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly session: GitHubSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.statusBar.name = 'Release Runbooks: release status comment';
  }

  /** A client for the runbook's change request (`ticket`, its change.ticket as the server read it), or why there is none. */
  async access(uri: vscode.Uri, ticketText: string | undefined, interactive: boolean): Promise<GitHubAccess> {
    if (!vscode.workspace.isTrusted) return { ok: false, reason: githubRestrictedReason() };
    const written = ticketText?.trim();
    if (!written) return { ok: false, reason: 'the runbook has no change.ticket yet', noTicket: true };
    const repo = written.startsWith('#') ? (await knownRepository(uri))?.repo : undefined;
    const ticket = parseTicket(written, repo);
    if (!ticket) return { ok: false, reason: `change.ticket "${written}" is not of the form owner/repo#number` };
    const settings = githubSettings(uri);
    const token = await this.session.token(settings.apiUrl, interactive);
    if (!token) return { ok: false, reason: noTokenMessage(settings.apiUrl).replace(/^Release Runbooks: /, '') };
    const ctx = githubClient({ log: this.log }, uri, token);
    return { ok: true, ctx, ticket, token: token.token };
  }

  /**
   * Brings the status comment up to date with the record. Calls for the same runbook are
   * coalesced: one request at a time, and one more after it when the record changed meanwhile.
   */
  mirrorStatus(uri: vscode.Uri, storeId: StoreCommentId): Promise<void> {
    const key = uri.toString();
    const current = this.mirrors.get(key);
    if (current) {
      current.again = true;
      return current.running;
    }
    const entry = { running: Promise.resolve(), again: false };
    entry.running = (async () => {
      do {
        entry.again = false;
        await this.mirrorOnce(uri, storeId);
      } while (entry.again);
    })().finally(() => this.mirrors.delete(key));
    this.mirrors.set(key, entry);
    return entry.running;
  }

  private async mirrorOnce(uri: vscode.Uri, storeId: StoreCommentId): Promise<void> {
    let answer;
    try {
      answer = await releaseStateOf(this.client, uri);
    } catch (error) {
      this.warn(`The release status was not mirrored to the change request: ${messageOf(error)}.`);
      return;
    }
    const { state, comments } = answer;
    const access = await this.access(uri, state.ticket, false);
    if (!access.ok) {
      if (!access.noTicket)
        this.warn(`The release status was not mirrored to the change request: ${access.reason}.`, uri);
      return;
    }
    try {
      const outcome = await upsertMarkedComment(
        access.ctx,
        access.ticket,
        comments.status.marker,
        comments.status.body,
        state.record.statusComment,
      );
      this.clear(uri);
      if (String(outcome.comment.id) !== state.record.statusComment) await storeId(uri, outcome.comment.id);
    } catch (error) {
      this.warn(
        `The release status comment could not be updated: ${redact(messageOf(error), access.token)} It is retried with the next transition.`,
        uri,
      );
    }
  }

  /** Posts the latest decision as a comment; returns a message for the user. */
  async postDecision(uri: vscode.Uri): Promise<string | undefined> {
    let answer;
    try {
      answer = await releaseStateOf(this.client, uri);
    } catch (error) {
      return `The decision is recorded, but it was not posted: ${messageOf(error)}`;
    }
    const { state, comments } = answer;
    const decision = comments.decision;
    if (!decision) return undefined;
    const access = await this.access(uri, state.ticket, true);
    if (!access.ok)
      return access.noTicket
        ? 'No change request yet, so the decision was not posted.'
        : `The decision was not posted: ${access.reason}.`;
    try {
      const outcome = await postCommentOnce(access.ctx, access.ticket, decision.marker, decision.body);
      this.setProblem(uri, undefined);
      return `Posted on ${access.ticket.owner}/${access.ticket.repo}#${access.ticket.number}${outcome.action === 'found' ? ' (it was there already)' : ''}.`;
    } catch (error) {
      const message = `The decision is recorded, but posting it failed: ${redact(messageOf(error), access.token)}`;
      this.setProblem(uri, message);
      return message;
    }
  }

  /** The closing summary, the final status, and the issue closed. Returns what happened. */
  async closeOut(uri: vscode.Uri, storeId: StoreCommentId): Promise<string | undefined> {
    let before;
    try {
      before = await releaseStateOf(this.client, uri);
    } catch (error) {
      return `The change request was not updated: ${messageOf(error)}`;
    }
    const access = await this.access(uri, before.state.ticket, true);
    if (!access.ok) return access.noTicket ? undefined : `The change request was not updated: ${access.reason}.`;
    try {
      await this.mirrorStatus(uri, storeId);
      const { state, comments } = await releaseStateOf(this.client, uri);
      await postCommentOnce(access.ctx, access.ticket, comments.summary.marker, comments.summary.body);
      await closeChangeRequest(
        access.ctx,
        access.ticket,
        state.outcome?.result === 'cancelled' ? 'not_planned' : 'completed',
      );
      return `Posted the closing summary and closed ${access.ticket.owner}/${access.ticket.repo}#${access.ticket.number}.`;
    } catch (error) {
      const message = `The outcome is recorded, but updating the change request failed: ${redact(messageOf(error), access.token)}`;
      this.setProblem(uri, message);
      return message;
    }
  }

  /** The change request's body (its task list ticks preconditions), or why it could not be read. */
  async issueBody(uri: vscode.Uri, ticket: string | undefined): Promise<{ body?: string; problem?: string }> {
    const access = await this.access(uri, ticket, false);
    if (!access.ok) return { problem: access.noTicket ? undefined : access.reason };
    try {
      return { body: (await readIssueBody(access.ctx, access.ticket)) ?? '' };
    } catch (error) {
      return { problem: redact(messageOf(error), access.token) };
    }
  }

  /** What failed on the runbook's change request and is not yet put right, for the tracking view. */
  problemsOf(uri: vscode.Uri): string[] {
    const problem = this.problems.get(uri.toString());
    return problem ? [problem] : [];
  }

  private setProblem(uri: vscode.Uri, message: string | undefined): void {
    const key = uri.toString();
    if (this.problems.get(key) === message) return;
    if (message) this.problems.set(key, message);
    else this.problems.delete(key);
    this.problemsChanged.fire(uri);
  }

  private warn(message: string, uri?: vscode.Uri): void {
    if (uri) this.setProblem(uri, message);
    this.log.warn(message);
    this.statusBar.text = vscode.l10n.t('$(warning) Release status');
    this.statusBar.tooltip = message;
    this.statusBar.show();
    // Told once per kind of trouble: a flood of notifications helps nobody mid-window.
    const kind = message.replace(/\d+/g, '#');
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    void vscode.window.showWarningMessage(vscode.l10n.t('Release Runbooks: {0}', message));
  }

  private clear(uri: vscode.Uri): void {
    this.setProblem(uri, undefined);
    this.statusBar.hide();
    this.warned = new Set();
  }

  dispose(): void {
    this.problemsChanged.dispose();
    this.statusBar.dispose();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
