// What the editor shows of a change request's status on GitHub: the ticket's code lens and the
// hover on `ticket:`. Only the extension reads GitHub; it sends what it read to the server
// (`runbook/changeStatuses`), and the server draws both from it. Text from GitHub is escaped.
import { DateTime } from 'luxon';
import { approvalText, ChangeStatus } from '../../../protocol/change-status';
import { codeSpan, inlineText } from '../change-request/markdown-text';

/** The key statuses are found by: tickets compare trimmed and case-insensitively. */
export function ticketKey(ticket: string): string {
  return ticket.trim().toLowerCase();
}

/** One line for a code lens: "acme/releases#12 · open · Approved by @alice (2026-12-03 14:05) · @bob". */
export function describeStatus(status: ChangeStatus, zone: string): string {
  const cab = approvalText(status, zone);
  const state =
    status.state === 'closed' ? `closed${status.stateReason === 'not_planned' ? ' (not planned)' : ''}` : 'open';
  const who = status.assignees.length ? status.assignees.map((a) => `@${a}`).join(', ') : 'unassigned';
  return `${status.ticket} · ${state} · ${cab} · ${who}`;
}

/** The hover on `ticket:`: state, the board's verdict, assignees and labels, with links to the issue and to a refresh. */
export function changeStatusMarkdown(
  ticket: string,
  status: ChangeStatus | undefined,
  options: { refreshCommand: string; lastError?: string; zone: string },
): string {
  const refresh = `command:${options.refreshCommand}`;
  if (!status) {
    const last = options.lastError ? `\n\nLast refresh: ${inlineText(options.lastError)}` : '';
    return `**Change request ${inlineText(ticket)}**: status not loaded. [Refresh Change Status](${refresh})${last}`;
  }
  const state =
    status.state === 'closed'
      ? `closed${status.stateReason ? ` (${inlineText(status.stateReason.replace(/_/g, ' '))})` : ''}`
      : 'open';
  const cab = status.verdict
    ? inlineText(approvalText(status, options.zone))
    : status.cab === 'pending'
      ? 'pending'
      : `${status.cab} (${codeSpan(status.cabLabel ?? '')})`;
  const url = /^https?:\/\//i.test(status.url) ? status.url.replace(/[()\s]/g, encodeURIComponent) : undefined;
  const name = inlineText(status.ticket);
  const lines = [
    `**${url ? `[${name}](${url})` : name}**: ${inlineText(status.title)}`,
    '',
    `- State: ${state}`,
    `- CAB: ${cab}`,
    `- Assignees: ${status.assignees.length ? status.assignees.map((a) => `@${inlineText(a)}`).join(', ') : 'none'}`,
  ];
  if (status.labels.length) lines.push(`- Labels: ${status.labels.map(codeSpan).join(' ')}`);
  const read = DateTime.fromMillis(status.fetchedAt, { zone: options.zone });
  lines.push('', `_Read ${read.isValid ? read.toFormat('HH:mm:ss') : 'earlier'}. [Refresh](${refresh})_`);
  return lines.join('\n');
}
