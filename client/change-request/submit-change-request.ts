// "Release Runbooks: Submit Change Request": files the runbook's change request as a GitHub
// issue, or updates the one it has (spec section 7), then writes change.ticket back into the
// runbook with a WorkspaceEdit that keeps its formatting and comments.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import { setTicketEdit } from '../../server/core/change-request/set-ticket';
import { setSubmittedEdit, submittedInstant } from '../../server/core/metrics/submitted-edit';
import { fetchChangeStatus } from '../../server/github/change-status';
import { formatTicket, parseTicket, repositoryName } from '../../server/github/repository';
import { redact } from '../../server/github/github-errors';
import { checkApiUrl } from '../../server/github/github-client';
import { submitChangeRequest, SubmitError, SubmitOutcome } from '../../server/github/submit-change-request';
import { ChangeRequestDeps, fetchChangeRequest, githubClient } from './deps';
import { GitHubToken, noTokenMessage } from './github-session';
import { askRepository, resolveRepository } from './resolve-repository';
import { githubSettings, SET_TOKEN_COMMAND, SUBMIT_COMMAND, targetRunbook } from './settings';

const MAX_LISTED_ERRORS = 3;

export function registerSubmitChangeRequest(deps: ChangeRequestDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SUBMIT_COMMAND, (arg?: unknown) => submit(deps, arg));
}

async function submit(deps: ChangeRequestDeps, arg: unknown): Promise<SubmitOutcome | undefined> {
  const uri = targetRunbook(arg);
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Release Runbooks: open a runbook (*.runbook.yaml) to submit its change request.'));
    return undefined;
  }
  if (!githubAllowed()) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  if (!(await checkValid(uri, document))) return undefined;

  let request;
  try {
    request = await fetchChangeRequest(deps, uri);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: the change request could not be prepared: {0}. Nothing was sent.', (error as Error)?.message ?? error));
    return undefined;
  }
  const resolved = await resolveRepository(uri);
  if (!resolved) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Release Runbooks: no repository was chosen, so nothing was sent.'));
    return undefined;
  }
  const settings = githubSettings(uri);
  const badUrl = checkApiUrl(settings.apiUrl);
  if (badUrl) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: setting releaseRunbooks.github.apiUrl: {0}. Nothing was sent.', badUrl));
    return undefined;
  }
  const token = await deps.session.token(settings.apiUrl, true);
  if (!token) {
    const choice = await vscode.window.showWarningMessage(noTokenMessage(settings.apiUrl), vscode.l10n.t('Set GitHub Token'));
    if (choice) await vscode.commands.executeCommand(SET_TOKEN_COMMAND);
    return undefined;
  }

  const ctx = githubClient(deps, uri, token);
  let outcome: SubmitOutcome;
  try {
    outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Release Runbooks: submitting the change request'), cancellable: false },
      (progress) => submitChangeRequest(ctx, { repository: resolved.repo, request }, { surface: 'editor', onProgress: (message) => progress.report({ message }) }),
    );
  } catch (error) {
    await reportFailure(deps, uri, error, token, settings.apiUrl);
    return undefined;
  }

  // The first filing also records when the change request was made: change lead time starts there.
  const submittedAt = outcome.action === 'created' ? submittedInstant(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone) : undefined;
  const written = outcome.ticketChanged ? await writeTicket(uri, outcome.ticket, submittedAt) : true;
  void refreshOne(deps, uri, outcome.ticket, token);
  const verb = outcome.action === 'created' ? 'Filed' : outcome.action === 'found' ? 'Updated (found by its marker)' : 'Updated';
  const headline = `Release Runbooks: ${verb} ${outcome.ticket}.`;
  const open = vscode.l10n.t('Open Issue');
  let choice: string | undefined;
  if (written !== true) {
    choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} But change.ticket could not be written into {1}: {2}. Add "ticket: {3}" under "change:" by hand; until then the next submission finds the issue by its marker.', headline, vscode.workspace.asRelativePath(uri), written, outcome.ticket),
      open,
    );
  } else if (outcome.warnings.length) {
    choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} {1}', headline, outcome.warnings.join(' ')), open);
  } else {
    choice = await vscode.window.showInformationMessage(headline, open);
  }
  if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(outcome.issue.url));
  return outcome;
}

/** Never submits an invalid runbook silently: names the errors and offers the Problems view. */
async function checkValid(uri: vscode.Uri, document: vscode.TextDocument): Promise<boolean> {
  const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (!errors.length) return true;
  errors.sort((a, b) => a.range.start.compareTo(b.range.start));
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((d) => {
    const code = typeof d.code === 'object' && d.code ? String(d.code.value) : d.code !== undefined ? String(d.code) : '';
    return `line ${d.range.start.line + 1}: ${code ? `${code} ` : ''}${d.message}`;
  });
  const more = errors.length > MAX_LISTED_ERRORS ? ` (and ${errors.length - MAX_LISTED_ERRORS} more)` : '';
  const name = vscode.workspace.asRelativePath(document.uri);
  const problems = vscode.l10n.t('Open Problems');
  const choice = await vscode.window.showErrorMessage(
    vscode.l10n.t('Release Runbooks: {0} has {1}, so its change request was not submitted: {2}{3}.', name, errors.length === 1 ? vscode.l10n.t('an error') : vscode.l10n.t('{0} errors', errors.length), listed.join('; '), more),
    problems,
  );
  if (choice === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  return false;
}

/**
 * Sets change.ticket (and, on the first filing, change.submitted) through WorkspaceEdits; saves
 * the runbook when it had no unsaved changes.
 */
async function writeTicket(uri: vscode.Uri, ticket: string, submittedAt?: string): Promise<true | string> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const wasDirty = document.isDirty;
    const result = setTicketEdit(document.getText(), ticket);
    if (!result.ok) return result.error;
    if (!result.edit) return true;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(result.edit.start), document.positionAt(result.edit.end)), result.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return 'the editor did not apply the edit';
    const submitted = submittedAt ? setSubmittedEdit(document.getText(), submittedAt) : undefined;
    if (submitted?.ok && submitted.edit) {
      const second = new vscode.WorkspaceEdit();
      second.replace(uri, new vscode.Range(document.positionAt(submitted.edit.start), document.positionAt(submitted.edit.end)), submitted.edit.newText);
      await vscode.workspace.applyEdit(second);
    }
    if (!wasDirty) await document.save();
    return true;
  } catch (error) {
    return (error as Error)?.message ?? String(error);
  }
}

async function reportFailure(deps: ChangeRequestDeps, uri: vscode.Uri, error: unknown, token: GitHubToken, apiUrl: string): Promise<void> {
  const message = redact(error instanceof SubmitError ? error.message : `the submission failed: ${(error as Error)?.message ?? error}`, token.token);
  const failure = error instanceof SubmitError ? error.failure : undefined;
  const actions: string[] = [];
  const signIn = vscode.l10n.t('Sign In Again');
  const setToken = vscode.l10n.t('Set GitHub Token');
  const changeRepo = vscode.l10n.t('Change Repository');
  if (failure?.kind === 'auth' || failure?.kind === 'permission') actions.push(token.source === 'auth-provider' ? signIn : setToken);
  if (failure?.kind === 'not-found' && !/change\.ticket/.test(message)) actions.push(changeRepo);
  deps.log.warn(`Submitting ${vscode.workspace.asRelativePath(uri)} failed: ${message}`);
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', message), ...actions);
  if (choice === signIn) {
    if (await deps.session.signInAgain(apiUrl)) await vscode.commands.executeCommand(SUBMIT_COMMAND, uri);
  } else if (choice === setToken) {
    await vscode.commands.executeCommand(SET_TOKEN_COMMAND);
  } else if (choice === changeRepo) {
    const current = githubSettings(uri).repository;
    if (await askRepository(uri, current)) await vscode.commands.executeCommand(SUBMIT_COMMAND, uri);
  }
}

/** The new ticket's status for lens, hover and calendar; a failure here stays quiet. */
async function refreshOne(deps: ChangeRequestDeps, uri: vscode.Uri, ticketText: string, token: GitHubToken): Promise<void> {
  const ticket = parseTicket(ticketText);
  if (!ticket) return;
  try {
    const settings = githubSettings(uri);
    const status = await fetchChangeStatus(githubClient(deps, uri, token), ticket, settings.cab);
    deps.store.set([status], settings.cab);
  } catch (error) {
    deps.log.debug(`Reading the status of ${formatTicket(ticket)} in ${repositoryName(ticket)} failed: ${redact((error as Error)?.message ?? String(error), token.token)}`);
  }
}
