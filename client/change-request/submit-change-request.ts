// "Release Runbooks: Submit Change Request": files the runbook's change request as a GitHub
// issue, or updates the one it has (docs/runbook-dsl.md, "runbook submit"), then writes change.ticket back into the
// runbook with a WorkspaceEdit that keeps its formatting and comments.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import { request, TICKET_EDIT_REQUEST, TicketEditParams, TICKETS_REQUEST } from '../../protocol/requests';
import { fetchChangeStatus } from '../../server/github/fetch-change-status';
import { formatTicket, parseTicket, RepoRef, repositoryName } from '../../server/github/repository';
import { redact } from '../../server/github/github-errors';
import { checkApiUrl } from '../../server/github/api-url';
import { submitChangeRequest, SubmitError, SubmitOutcome } from '../../server/github/change-request-issue';
import { ChangeRequestDeps, fetchChangeRequest, githubClient } from './deps';
import { GitHubToken, noTokenMessage } from './github-session';
import { askRepository, resolveRepository } from './resolve-repository';
import { githubSettings, SET_TOKEN_COMMAND, SUBMIT_COMMAND, targetRunbook } from './change-request-settings';

const MAX_LISTED_ERRORS = 3;

export function registerSubmitChangeRequest(deps: ChangeRequestDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SUBMIT_COMMAND, (arg?: unknown) => submit(deps, arg));
}

async function submit(deps: ChangeRequestDeps, arg: unknown): Promise<SubmitOutcome | undefined> {
  const uri = targetRunbook(arg);
  if (!uri) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Release Runbooks: open a runbook (*.runbook.yaml) to submit its change request.'),
    );
    return undefined;
  }
  if (!githubAllowed()) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  if (!(await checkValid(uri, document))) return undefined;
  // What is submitted: the ticket is written back only into this very text.
  const read = { text: document.getText(), version: document.version };

  let request;
  try {
    request = await fetchChangeRequest(deps, uri);
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Release Runbooks: the change request could not be prepared: {0}. Nothing was sent.',
        (error as Error)?.message ?? error,
      ),
    );
    return undefined;
  }
  const github = await githubFor(deps, uri);
  if (!github) return undefined;
  const { resolved, settings, token } = github;

  const ctx = githubClient(deps, uri, token);
  let outcome: SubmitOutcome;
  try {
    outcome = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Release Runbooks: submitting the change request'),
        cancellable: false,
      },
      (progress) =>
        submitChangeRequest(
          ctx,
          { repository: resolved.repo, request },
          { surface: 'editor', onProgress: (message) => progress.report({ message }) },
        ),
    );
  } catch (error) {
    await reportFailure(deps, uri, error, token, settings.apiUrl);
    return undefined;
  }

  // The first filing also records when the change request was made: change lead time starts there.
  const submitted = outcome.action === 'created' ? { at: Date.now() } : undefined;
  const written = outcome.ticketChanged
    ? await writeTicket(deps, uri, read, { ticket: outcome.ticket, submitted })
    : true;
  void refreshOne(deps, uri, outcome.ticket, token);
  const verb =
    outcome.action === 'created' ? 'Filed' : outcome.action === 'found' ? 'Updated (found by its marker)' : 'Updated';
  const headline = `Release Runbooks: ${verb} ${outcome.ticket}.`;
  const open = vscode.l10n.t('Open Issue');
  let choice: string | undefined;
  if (written !== true) {
    choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        '{0} But change.ticket could not be written into {1}: {2}. Add "ticket: {3}" under "change:" by hand; until then the next submission finds the issue by its marker.',
        headline,
        vscode.workspace.asRelativePath(uri),
        written,
        outcome.ticket,
      ),
      open,
    );
  } else if (outcome.warnings.length) {
    choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} {1}', headline, outcome.warnings.join(' ')),
      open,
    );
  } else {
    choice = await vscode.window.showInformationMessage(headline, open);
  }
  if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(outcome.issue.url));
  return outcome;
}

/** The repository, settings and token to file with; undefined (the user told why) when one is missing. */
export async function githubFor(
  deps: ChangeRequestDeps,
  uri: vscode.Uri,
): Promise<
  { resolved: { repo: RepoRef }; settings: ReturnType<typeof githubSettings>; token: GitHubToken } | undefined
> {
  const resolved = await resolveRepository(uri);
  if (!resolved) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Release Runbooks: no repository was chosen, so nothing was sent.'),
    );
    return undefined;
  }
  const settings = githubSettings(uri);
  const badUrl = checkApiUrl(settings.apiUrl);
  if (badUrl) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Release Runbooks: setting releaseRunbooks.github.apiUrl: {0}. Nothing was sent.', badUrl),
    );
    return undefined;
  }
  const token = await deps.session.token(settings.apiUrl, true);
  if (!token) {
    const choice = await vscode.window.showWarningMessage(
      noTokenMessage(settings.apiUrl),
      vscode.l10n.t('Set GitHub Token'),
    );
    if (choice) await vscode.commands.executeCommand(SET_TOKEN_COMMAND);
    return undefined;
  }
  return { resolved, settings, token };
}

/** Never submits an invalid runbook silently: names the errors and offers the Problems view. */
export async function checkValid(uri: vscode.Uri, document: vscode.TextDocument): Promise<boolean> {
  const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (!errors.length) return true;
  errors.sort((a, b) => a.range.start.compareTo(b.range.start));
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((d) => {
    const code =
      typeof d.code === 'object' && d.code ? String(d.code.value) : d.code !== undefined ? String(d.code) : '';
    return `line ${d.range.start.line + 1}: ${code ? `${code} ` : ''}${d.message}`;
  });
  const more = errors.length > MAX_LISTED_ERRORS ? ` (and ${errors.length - MAX_LISTED_ERRORS} more)` : '';
  const name = vscode.workspace.asRelativePath(document.uri);
  const problems = vscode.l10n.t('Open Problems');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      'Release Runbooks: {0} has {1}, so nothing was submitted: {2}{3}.',
      name,
      errors.length === 1 ? vscode.l10n.t('an error') : vscode.l10n.t('{0} errors', errors.length),
      listed.join('; '),
      more,
    ),
    problems,
  );
  if (choice === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return false;
}

/**
 * Sets change.ticket (and, on the first filing, change.submitted) with the one edit the language
 * server computes, only while the runbook still holds what was submitted; saves the runbook when
 * it had no unsaved changes.
 */
export async function writeTicket(
  deps: ChangeRequestDeps,
  uri: vscode.Uri,
  read: { text: string; version: number },
  what: Pick<TicketEditParams, 'ticket' | 'submitted' | 'request'>,
): Promise<true | string> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const wasDirty = document.isDirty;
    // The server compares `text` with the runbook's text now (the editor's, through didChange).
    const result = await request(deps.client, TICKET_EDIT_REQUEST, { uri: uri.toString(), text: read.text, ...what });
    if (!result.ok) return result.error;
    if (!result.edit) return true;
    if (document.version !== read.version || document.getText() !== read.text)
      return 'the file changed while the ticket was being written, so it was not written into it';
    const { start, end } = result.edit.range;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(start.line, start.character, end.line, end.character), result.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return 'the editor did not apply the edit';
    if (!wasDirty) await document.save();
    return true;
  } catch (error) {
    return (error as Error)?.message ?? String(error);
  }
}

/** The failure, with what helps (sign in, set a token, change the repository, then `retryCommand` again). */
export async function reportFailure(
  deps: ChangeRequestDeps,
  uri: vscode.Uri,
  error: unknown,
  token: GitHubToken,
  apiUrl: string,
  retryCommand = SUBMIT_COMMAND,
): Promise<void> {
  const message = redact(
    error instanceof SubmitError ? error.message : `the submission failed: ${(error as Error)?.message ?? error}`,
    token.token,
  );
  const failure = error instanceof SubmitError ? error.failure : undefined;
  const actions: string[] = [];
  const signIn = vscode.l10n.t('Sign In Again');
  const setToken = vscode.l10n.t('Set GitHub Token');
  const changeRepo = vscode.l10n.t('Change Repository');
  if (failure?.kind === 'auth' || failure?.kind === 'permission')
    actions.push(token.source === 'auth-provider' ? signIn : setToken);
  if (failure?.kind === 'not-found' && !/\.ticket/.test(message)) actions.push(changeRepo);
  deps.log.warn(`Submitting ${vscode.workspace.asRelativePath(uri)} failed: ${message}`);
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', message), ...actions);
  if (choice === signIn) {
    if (await deps.session.signInAgain(apiUrl)) await vscode.commands.executeCommand(retryCommand, uri);
  } else if (choice === setToken) {
    await vscode.commands.executeCommand(SET_TOKEN_COMMAND);
  } else if (choice === changeRepo) {
    const current = githubSettings(uri).repository;
    if (await askRepository(uri, current)) await vscode.commands.executeCommand(retryCommand, uri);
  }
}

/** The new ticket's status for lens, hover and calendar; a failure here stays quiet. */
export async function refreshOne(
  deps: ChangeRequestDeps,
  uri: vscode.Uri,
  ticketText: string,
  token: GitHubToken,
): Promise<void> {
  const ticket = parseTicket(ticketText);
  if (!ticket) return;
  try {
    const settings = githubSettings(uri);
    // The board the ticket answers to, as the server reads the calendar (absent: the label decides).
    const { tickets } = await request(deps.client, TICKETS_REQUEST, {});
    const approval = tickets.find((t) => t.approval && t.uri === uri.toString())?.approval;
    const status = await fetchChangeStatus(githubClient(deps, uri, token), ticket, settings.cab, approval);
    deps.store.set([status]);
  } catch (error) {
    deps.log.debug(
      `Reading the status of ${formatTicket(ticket)} in ${repositoryName(ticket)} failed: ${redact((error as Error)?.message ?? String(error), token.token)}`,
    );
  }
}
