// `runbook/ticketEdit`: after a submission, the one edit that writes change.ticket and, on a first
// filing, change.submitted into the runbook, both or neither (or an access or provisioning
// request's ticket into its entry). Written only into the text that was
// submitted: when the runbook holds anything else now (edited, or replaced by another file), the
// edit is refused and the next submission finds the issue by its marker.
import { TICKET_EDIT_REQUEST, TicketEditParams, TicketEditResult } from '../../protocol/requests';
import { CHANGED_SINCE_READ, submittedInstant, withTicketAndSubmitted } from '../core/change-request/set-submitted';
import { setRequestTicketEdit, setTicketEdit } from '../core/change-request/set-ticket';
import { minimalRangeEdit } from '../core/yaml-edit/text-edit';
import { CustomRequestContext, onRequest, ParamsError, requestRunbook } from './request-context';

export function registerTicketEdit(ctx: CustomRequestContext): void {
  onRequest<TicketEditParams, TicketEditResult>(ctx, TICKET_EDIT_REQUEST, (params) => ticketEdit(ctx, params));
}

function ticketEdit(ctx: CustomRequestContext, params: TicketEditParams): TicketEditResult {
  const { uri, runbook } = requestRunbook(ctx, params);
  if (typeof params.text !== 'string')
    throw new ParamsError('needs "text", the runbook\'s text as it was read for the submission');
  if (typeof params.ticket !== 'string' || !params.ticket.trim())
    throw new ParamsError('needs "ticket", the ticket to write (owner/repo#number)');
  const submitted = params.submitted;
  if (submitted !== undefined && (typeof submitted !== 'object' || !Number.isFinite(submitted?.at))) {
    throw new ParamsError('"submitted" is {"at": epoch ms}');
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
  const ticket = params.ticket.trim();
  // Written in the runbook's zone, as `runbook submit` writes it.
  const written = target
    ? withTicketAndSubmitted(params.text, (text) => setRequestTicketEdit(text, target.section, target.id, ticket))
    : withTicketAndSubmitted(
        params.text,
        (text) => setTicketEdit(text, ticket),
        submitted && submittedInstant(submitted.at, ctx.store.index.zoneFor(runbook)),
      );
  if (!written.ok) return written;
  const edit = minimalRangeEdit(params.text, written.text);
  return edit ? { ok: true, edit } : { ok: true };
}
