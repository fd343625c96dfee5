// Code lenses on a runbook's first line: submit (or update) and preview its change request, and
// where it stands on GitHub once known: "acme/releases#12 · open · CAB approved · @bob".
import * as vscode from 'vscode';
import { describeStatus } from '../../server/github/change-status';
import { parseTicket, formatTicket } from '../../server/github/repository';
import type { ChangeStatusStore } from './change-status-store';
import { locateRunbook } from './runbook-document';
import { PREVIEW_COMMAND, REFRESH_COMMAND, SUBMIT_COMMAND } from './settings';

export const RUNBOOK_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.runbook.{yaml,yml}' },
  { language: 'runbook' },
];

export class ChangeRequestLensProvider implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: ChangeStatusStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const where = locateRunbook(document.getText());
    const line = document.positionAt(where.anchor).line;
    const range = new vscode.Range(line, 0, line, 0);
    const lenses = [
      new vscode.CodeLens(range, {
        title: where.ticket ? vscode.l10n.t('$(cloud-upload) Update Change Request') : vscode.l10n.t('$(cloud-upload) Submit Change Request'),
        command: SUBMIT_COMMAND,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, { title: vscode.l10n.t('Preview'), command: PREVIEW_COMMAND, arguments: [document.uri] }),
    ];
    if (where.ticket) {
      const ticket = parseTicket(where.ticket);
      const status = this.store.get(ticket ? formatTicket(ticket) : where.ticket);
      lenses.push(
        status
          ? new vscode.CodeLens(range, { title: describeStatus(status), tooltip: vscode.l10n.t('Open {0}', status.url), command: 'vscode.open', arguments: [vscode.Uri.parse(status.url)] })
          : new vscode.CodeLens(range, { title: vscode.l10n.t('{0} · status not loaded', where.ticket), tooltip: vscode.l10n.t('Refresh Change Status'), command: REFRESH_COMMAND }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
