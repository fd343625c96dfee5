// "Release Runbooks: Refresh Change Status": reads the state, the board's labels, the assignees
// and (with a board in the calendar) the board's verdict from the events, of every
// runbook's change request, for the code lens, the hover, the calendar and the go/no-go gates.
// Also run quietly when the calendar opens. A failed refresh only shows a quiet status-bar
// warning: never a diagnostic on the user's file.
import * as vscode from 'vscode';
import { githubAllowed } from '../workspace-trust';
import { request, TICKETS_REQUEST } from '../../protocol/requests';
import type { BoardRequirement } from '../../protocol/change-status';
import { fetchChangeStatuses } from '../../server/github/fetch-change-status';
import { GitHubFailure, redact } from '../../server/github/github-errors';
import { formatTicket, parseTicket, TicketRef } from '../../server/github/repository';
import type { RefreshOptions } from './change-status-store';
import { ChangeRequestDeps, githubClient } from './deps';
import { noTokenMessage } from './github-session';
import { knownRepository } from './resolve-repository';
import { pauseAfter } from './refresh-schedule';
import { githubSettings, REFRESH_COMMAND, SET_TOKEN_COMMAND } from './change-request-settings';

export function registerRefreshChangeStatus(deps: ChangeRequestDeps): vscode.Disposable {
  const statusBar = vscode.window.createStatusBarItem(
    'releaseRunbooks.changeStatus',
    vscode.StatusBarAlignment.Left,
    0,
  );
  statusBar.name = 'Release Runbooks: change status';
  statusBar.command = REFRESH_COMMAND;
  let running: Promise<void> | undefined;

  const warn = (message: string) => {
    deps.store.lastError = message;
    statusBar.text = vscode.l10n.t('$(warning) Change status');
    statusBar.tooltip = `${message}\nClick to refresh again.`;
    statusBar.show();
  };
  const clear = () => {
    deps.store.lastError = undefined;
    statusBar.hide();
  };

  const refresh = async (options: RefreshOptions = {}): Promise<void> => {
    // In Restricted Mode the background refresh stays silent; the command says why it does nothing.
    if (!vscode.workspace.isTrusted) {
      if (!options.quiet) githubAllowed();
      return;
    }
    const tickets = await ticketsInWorkspace(deps);
    if (!tickets.length) {
      clear();
      if (!options.quiet)
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Release Runbooks: no runbook has a change.ticket yet; submit a change request first.'),
        );
      return;
    }
    // One GitHub per workspace in practice; group by API URL all the same.
    const byApi = new Map<string, { scope: vscode.Uri; tickets: TicketRef[] }>();
    const boards = new Map<string, BoardRequirement>();
    for (const { uri, ticket, approval } of tickets) {
      if (approval) boards.set(formatTicket(ticket).toLowerCase(), approval);
      const { apiUrl } = githubSettings(uri);
      const group = byApi.get(apiUrl) ?? { scope: uri, tickets: [] };
      group.tickets.push(ticket);
      byApi.set(apiUrl, group);
    }
    const problems: string[] = [];
    const failures: GitHubFailure[] = [];
    let read = 0;
    for (const [apiUrl, group] of byApi) {
      const token = await deps.session.token(apiUrl, !options.quiet);
      if (!token) {
        problems.push(noTokenMessage(apiUrl).replace(/^Release Runbooks: /, ''));
        continue;
      }
      const settings = githubSettings(group.scope);
      try {
        const results = await fetchChangeStatuses(
          githubClient(deps, group.scope, token, deps.conditional),
          group.tickets,
          {
            cab: settings.cab,
            surface: 'editor',
            approvalFor: (ticket) => boards.get(formatTicket(ticket).toLowerCase()),
          },
        );
        deps.store.set(results.flatMap((r) => (r.ok ? [r.status] : [])));
        read += results.filter((r) => r.ok).length;
        for (const r of results) {
          if (r.ok) continue;
          problems.push(r.failure.message);
          failures.push(r.failure);
        }
      } catch (error) {
        problems.push(redact((error as Error)?.message ?? String(error), token.token));
      }
    }
    // The schedule reads again after the pause GitHub's rate limit asks for.
    deps.store.lastReadAt = Date.now();
    deps.store.pause = pauseAfter(failures, Date.now(), deps.store.pause);
    if (problems.length) {
      warn(
        problems.length === 1
          ? problems[0]
          : `${problems.length} change requests could not be read:\n${problems.join('\n')}`,
      );
      deps.log.warn(`Refreshing change status: ${problems.join(' | ')}`);
      if (!options.quiet) {
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Release Runbooks: {0}{1}',
            problems[0],
            problems.length > 1 ? vscode.l10n.t(' (and {0} more)', problems.length - 1) : '',
          ),
          vscode.l10n.t('Set GitHub Token'),
        );
        if (choice) await vscode.commands.executeCommand(SET_TOKEN_COMMAND);
      }
    } else {
      clear();
      if (!options.quiet)
        void vscode.window.setStatusBarMessage(
          `Release Runbooks: read the status of ${read} change request${read === 1 ? '' : 's'}`,
          4000,
        );
    }
  };

  // One refresh at a time; a second caller shares the running one.
  deps.store.refresh = (options) => {
    running ??= refresh(options).finally(() => (running = undefined));
    return running;
  };
  const command = vscode.commands.registerCommand(REFRESH_COMMAND, (options?: RefreshOptions) =>
    deps.store.refresh({ quiet: !!options?.quiet }),
  );
  return vscode.Disposable.from(statusBar, command);
}

/** Every runbook's ticket, as the language server reads them (open editors' text included). */
async function ticketsInWorkspace(
  deps: ChangeRequestDeps,
): Promise<{ uri: vscode.Uri; ticket: TicketRef; approval?: BoardRequirement }[]> {
  const { tickets } = await request(deps.client, TICKETS_REQUEST, {});
  const out: { uri: vscode.Uri; ticket: TicketRef; approval?: BoardRequirement }[] = [];
  for (const entry of tickets) {
    const uri = vscode.Uri.parse(entry.uri);
    const ticket = parseTicket(entry.ticket) ?? parseTicket(entry.ticket, (await knownRepository(uri))?.repo);
    if (ticket) out.push({ uri, ticket, approval: entry.approval });
  }
  return out;
}
