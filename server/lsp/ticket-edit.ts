// `runbook/ticketEdit`: after a submission, the one edit that writes change.ticket and, on a first
// filing, change.submitted into the runbook, both or neither (or an access or provisioning
// request's ticket into its entry). Written only into the text that was
// submitted: when the runbook holds anything else now (edited, or replaced by another file), the
// edit is refused and the next submission finds the issue by its marker.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TICKET_EDIT_REQUEST, TicketEditParams, TicketEditResult } from '../../protocol/requests';
import { CHANGED_SINCE_READ, submittedInstant, withTicketAndSubmitted } from '../core/metrics/submitted-edit';
import { minimalEdit } from '../core/release/yaml-edits';
import { applyTicketEdit, setRequestTicketEdit } from '../core/change-request/set-ticket';
import { CustomRequestContext, onRequest, ParamsError, requestRunbook } from './request-context';

export function registerTicketEdit(ctx: CustomRequestContext): void {
  onRequest<TicketEditParams, TicketEditResult>(ctx, TICKET_EDIT_REQUEST, (params) => ticketEdit(ctx, params));
}

function ticketEdit(ctx: CustomRequestContext, params: TicketEditParams): TicketEditResult {
  const { uri } = requestRunbook(ctx, params);
  if (typeof params.text !== 'string')
    throw new ParamsError('needs "text", the runbook\'s text as it was read for the submission');
  if (typeof params.ticket !== 'string' || !params.ticket.trim())
    throw new ParamsError('needs "ticket", the ticket to write (owner/repo#number)');
  const submitted = params.submitted;
  if (
    submitted !== undefined &&
    (typeof submitted !== 'object' || !Number.isFinite(submitted?.at) || typeof submitted.zone !== 'string')
  ) {
    throw new ParamsError('"submitted" is {"at": epoch ms, "zone": an IANA zone}');
  }
  const target = params.request;
  if (
    target !== undefined &&
    (typeof target !== 'object' ||
      (target?.section !== 'access' && target?.section !== 'provisioning') ||
      typeof target.id !== 'string')
  ) {
    throw new ParamsError('"request" is {"section": "access" or "provisioning", "id": the request\'s id}');
  }
  if (ctx.store.index.get(uri)?.source.text !== params.text) return { ok: false, error: CHANGED_SINCE_READ };
  const written = target
    ? requestTicket(params.text, target, params.ticket.trim())
    : withTicketAndSubmitted(
        params.text,
        params.ticket.trim(),
        submitted && submittedInstant(submitted.at, submitted.zone),
      );
  if (!written.ok) return written;
  const edit = minimalEdit(params.text, written.text);
  if (!edit) return { ok: true };
  const document = TextDocument.create(uri, 'runbook', 0, params.text);
  return {
    ok: true,
    edit: {
      range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
      newText: edit.newText,
    },
  };
}

/** An access or provisioning request's ticket, written into its entry. */
function requestTicket(
  text: string,
  target: { section: 'access' | 'provisioning'; id: string },
  ticket: string,
): { ok: true; text: string } | { ok: false; error: string } {
  const edit = setRequestTicketEdit(text, target.section, target.id, ticket);
  return edit.ok ? { ok: true, text: applyTicketEdit(text, edit.edit) } : edit;
}
