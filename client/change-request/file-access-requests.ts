// "Release Runbooks: File Access and Provisioning Requests": files each entry of the runbook's
// `access` and `provisioning` as a GitHub issue of its own (or updates the one it has), the same
// way as the change request, and writes each ticket back into its entry.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import { ACCESS_REQUESTS_REQUEST, request } from '../../protocol/requests';
import { submitChangeRequest, SubmitOutcome } from '../../server/github/change-request-issue';
import { ChangeRequestDeps, githubClient } from './deps';
import { FILE_ACCESS_REQUESTS_COMMAND, targetRunbook } from './change-request-settings';
import { checkValid, githubFor, refreshOne, reportFailure, writeTicket } from './submit-change-request';

export function registerFileAccessRequests(deps: ChangeRequestDeps): vscode.Disposable {
  return vscode.commands.registerCommand(FILE_ACCESS_REQUESTS_COMMAND, (arg?: unknown) => fileRequests(deps, arg));
}

async function fileRequests(deps: ChangeRequestDeps, arg: unknown): Promise<SubmitOutcome[] | undefined> {
  const uri = targetRunbook(arg);
  if (!uri) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Release Runbooks: open a runbook (*.runbook.yaml) to file its access and provisioning requests.'),
    );
    return undefined;
  }
  if (!githubAllowed()) return undefined;
  const document = await vscode.workspace.openTextDocument(uri);
  if (!(await checkValid(uri, document))) return undefined;

  let found;
  try {
    found = await request(deps.client, ACCESS_REQUESTS_REQUEST, { uri: uri.toString() });
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'Release Runbooks: the requests could not be prepared: {0}. Nothing was sent.',
        (error as Error)?.message ?? error,
      ),
    );
    return undefined;
  }
  if (!found?.ok) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Release Runbooks: {0}.', found?.error ?? 'the language server answered without requests'),
    );
    return undefined;
  }
  const github = await githubFor(deps, uri);
  if (!github) return undefined;
  const { resolved, settings, token } = github;

  const ctx = githubClient(deps, uri, token);
  const outcomes: SubmitOutcome[] = [];
  const problems: string[] = [];
  for (const { section, id, request: filed } of found.requests) {
    // What was read for this request: its ticket is written only into that text.
    const current = await vscode.workspace.openTextDocument(uri);
    const read = { text: current.getText(), version: current.version };
    let outcome: SubmitOutcome;
    try {
      outcome = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Release Runbooks: filing {0} request {1}', section, id),
          cancellable: false,
        },
        (progress) =>
          submitChangeRequest(
            ctx,
            { repository: resolved.repo, request: filed },
            { surface: 'editor', onProgress: (message) => progress.report({ message }) },
          ),
      );
    } catch (error) {
      // The ones filed so far keep their tickets; the next run finds them again.
      await reportFailure(deps, uri, error, token, settings.apiUrl, FILE_ACCESS_REQUESTS_COMMAND);
      return outcomes;
    }
    outcomes.push(outcome);
    const written = outcome.ticketChanged
      ? await writeTicket(deps, uri, read, { ticket: outcome.ticket, request: { section, id } })
      : true;
    if (written !== true)
      problems.push(
        `${section}[${id}].ticket could not be written (${written}); add "ticket: ${outcome.ticket}" by hand`,
      );
    problems.push(...outcome.warnings);
    void refreshOne(deps, uri, outcome.ticket, token);
  }
  const headline = `Release Runbooks: filed or updated ${outcomes.map((o) => o.ticket).join(', ')}.`;
  if (problems.length) void vscode.window.showWarningMessage(`${headline} ${problems.join(' ')}`);
  else void vscode.window.showInformationMessage(headline);
  return outcomes;
}
