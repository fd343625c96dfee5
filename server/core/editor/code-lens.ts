// Code lenses above `runbook:`: the window in the coordinator's zone, the change request ticket,
// and the change request commands (the client registers them).
import { DateTime } from 'luxon';
import { formatDuration, isValidTimeZone } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import { REFRESH_CHANGE_STATUS_COMMAND } from '../../../protocol/names';
import type { ChangeStatus } from '../../../protocol/change-status';
import { describeStatus } from './change-status-display';
import type { CodeLensData } from './editor-types';

export const SUBMIT_COMMAND = 'releaseRunbooks.submitChangeRequest';
export const PREVIEW_COMMAND = 'releaseRunbooks.previewChangeRequest';
/** Takes a `yyyy-MM-dd` date to reveal (the calendar view's command). */
export const OPEN_CALENDAR_COMMAND = 'releaseRunbooks.openCalendar';

export interface LensOptions {
  /** The coordinator's zone for the window lens. */
  zone: string;
  /** Submit, preview and ticket lenses; a client that draws its own turns them off. */
  changeRequest?: boolean;
  /**
   * The ticket's status on GitHub, when the client reads GitHub and sends what it read
   * (`runbook/changeStatuses`): the ticket lens then says where the request stands.
   */
  changeStatus?: (ticket: string) => ChangeStatus | undefined;
}

/** The zone the coordinator reads times in: the given one when valid, else this machine's. */
export function coordinatorZone(preferred?: string): string {
  if (preferred && isValidTimeZone(preferred)) return preferred;
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return local && isValidTimeZone(local) ? local : 'UTC';
}

export function codeLenses(index: WorkspaceIndex, uri: string, options: LensOptions): CodeLensData[] {
  const zone = options.zone;
  const file = index.get(uri);
  if (!file || file.model.kind !== 'runbook') return [];
  const runbook = file.model;
  const anchor = runbook.id?.keyRange ?? [...runbook.fields.values()][0]?.keyRange;
  if (!anchor) return [];
  const range = { start: anchor.start, end: anchor.start };
  const lenses: CodeLensData[] = [];
  const window = index.windowOf(runbook);
  if (window && window.end > window.start) {
    const day = DateTime.fromMillis(window.start, { zone }).toFormat('yyyy-MM-dd');
    lenses.push({
      range,
      command: {
        title: `🗓 ${windowText(window.start, window.end, zone)}`,
        command: OPEN_CALENDAR_COMMAND,
        arguments: [day],
      },
    });
  } else {
    lenses.push({ range, command: { title: 'No readable window', command: '' } });
  }
  if (options.changeRequest === false) return lenses;
  const ticket = runbook.change.ticket?.text;
  if (ticket) lenses.push({ range, command: ticketLens(ticket, options.changeStatus, zone) });
  if (runbook.id) {
    lenses.push({
      range,
      command: {
        title: ticket ? 'Update change request' : 'Submit change request',
        command: SUBMIT_COMMAND,
        arguments: [uri],
      },
    });
    lenses.push({ range, command: { title: 'Preview change request', command: PREVIEW_COMMAND, arguments: [uri] } });
  }
  return lenses;
}

/** The ticket as plain text (opening it needs the repository's host, which the client knows), or with its status. */
function ticketLens(ticket: string, statusOf: LensOptions['changeStatus'], zone: string): CodeLensData['command'] {
  if (!statusOf) return { title: `Ticket ${ticket}`, command: '' };
  const status = statusOf(ticket);
  if (!status)
    return {
      title: `${ticket} · status not loaded`,
      tooltip: 'Refresh Change Status',
      command: REFRESH_CHANGE_STATUS_COMMAND,
    };
  if (!/^https?:\/\//i.test(status.url)) return { title: describeStatus(status, zone), command: '' };
  return {
    title: describeStatus(status, zone),
    tooltip: `Open ${status.url}`,
    command: 'vscode.open',
    arguments: [status.url],
  };
}

/** `Wed 2 Dec 22:00 – 00:00 Europe/Berlin (2h)`; the end's date appears when it differs by more than a night. */
export function windowText(start: number, end: number, zone: string): string {
  const s = DateTime.fromMillis(start, { zone });
  const e = DateTime.fromMillis(end, { zone });
  const sameDay = s.hasSame(e, 'day') || (e.diff(s, 'hours').hours < 24 && e.toFormat('HH:mm') <= s.toFormat('HH:mm'));
  const endText = sameDay ? e.toFormat('HH:mm') : e.toFormat('ccc d LLL yyyy HH:mm');
  return `${s.toFormat('ccc d LLL yyyy HH:mm')} – ${endText} ${zone} (${formatDuration(end - start)})`;
}
