// The hover on `ticket:` in a runbook: the change request's state, the board's verdict, the
// assignees and labels, with a link to the issue.
import * as vscode from 'vscode';
import { formatTicket, parseTicket } from '../../server/github/repository';
import type { ChangeStatusStore } from './change-status-store';
import { locateRunbook } from './runbook-document';
import { REFRESH_COMMAND } from './settings';

export class ChangeStatusHoverProvider implements vscode.HoverProvider {
  constructor(private readonly store: ChangeStatusStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const where = locateRunbook(document.getText());
    if (!where.ticket || !where.ticketSpan) return undefined;
    const range = new vscode.Range(document.positionAt(where.ticketSpan[0]), document.positionAt(where.ticketSpan[1]));
    if (!range.contains(position)) return undefined;
    const ticket = parseTicket(where.ticket);
    const status = this.store.get(ticket ? formatTicket(ticket) : where.ticket);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [REFRESH_COMMAND] };
    if (!status) {
      md.appendMarkdown(`**Change request ${escape(where.ticket)}**: status not loaded. [Refresh Change Status](command:${REFRESH_COMMAND})`);
      if (this.store.lastError) md.appendMarkdown(`\n\nLast refresh: ${escape(this.store.lastError)}`);
      return new vscode.Hover(md, range);
    }
    const state = status.state === 'closed' ? `closed${status.stateReason ? ` (${status.stateReason.replace(/_/g, ' ')})` : ''}` : 'open';
    const cab = status.cab === 'pending' ? 'pending' : `${status.cab} (${code(status.cabLabel ?? '')})`;
    md.appendMarkdown(`**[${escape(status.ticket)}](${status.url})**: ${escape(status.title)}\n\n`);
    md.appendMarkdown(`- State: ${state}\n- CAB: ${cab}\n- Assignees: ${status.assignees.length ? status.assignees.map((a) => `@${escape(a)}`).join(', ') : 'none'}\n`);
    if (status.labels.length) md.appendMarkdown(`- Labels: ${status.labels.map(code).join(' ')}\n`);
    md.appendMarkdown(`\n_Read ${new Date(status.fetchedAt).toLocaleTimeString()}. [Refresh](command:${REFRESH_COMMAND})_`);
    return new vscode.Hover(md, range);
  }
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}
