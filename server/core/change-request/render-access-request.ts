// The issue an access or provisioning request is filed as: title, labels (`access-request` or
// `provisioning-request`, and `env:<environment>`), a Markdown body with a summary table, and the
// request's own marker as its last line. Like the change request it is deterministic, and every
// text from the runbook is escaped (markdown-text.ts), so nothing in it can pose as a marker.
import { DateTime } from 'luxon';
import type { IdItem, RunbookModel } from '../model';
import { formatInstant, parseInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import { accessPeriod, fieldText, REQUEST_ID, requestKind, requestsOf, RequestSection } from './access-request';
import { markerFor } from './marker';
import { codeSpan, collapse, inlineText, markdownBlock } from './markdown-text';
import { ChangeRequest, label, windowText } from './render-change-request';

const MAX_TITLE = 256;
const NOT_SET = '_not set_';

export function renderAccessRequest(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  section: RequestSection,
  item: IdItem,
): ChangeRequest {
  const runbookId = runbook.id?.text ?? 'unknown';
  const id = item.id?.text.trim() ?? '';
  const kind = requestKind(section, id);
  const environment = fieldText(item, 'environment');
  const labels = [kind.label, ...(environment ? [label('env:', environment)] : [])];
  return {
    title: title(index, runbook, section, item),
    labels,
    body: body(index, runbook, section, item, runbookId, id),
    ticket: fieldText(item, 'ticket') ?? null,
    kind,
  };
}

function title(index: WorkspaceIndex, runbook: RunbookModel, section: RequestSection, item: IdItem): string {
  const environment = collapse(fieldText(item, 'environment') ?? 'no environment');
  let text: string;
  if (section === 'access') {
    const period = accessPeriod(index, runbook, item);
    const when = period
      ? `${local(period.start, period.zone)} to ${formatInstant(period.end, period.zone)}`
      : 'no readable period';
    text = `[access] ${collapse(fieldText(item, 'who') ?? 'nobody named')}: ${collapse(fieldText(item, 'level') ?? 'access')} on ${environment}, ${when}`;
  } else {
    const by = instant(index, runbook, fieldText(item, 'by'));
    text = `[provisioning] ${collapse(fieldText(item, 'what') ?? 'something')} (${environment})${by ? ` by ${by}` : ''}`;
  }
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1).trimEnd()}…` : text;
}

function body(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  section: RequestSection,
  item: IdItem,
  runbookId: string,
  id: string,
): string {
  const noun = section === 'access' ? 'Access request' : 'Provisioning request';
  const out = [
    `${noun} ${codeSpan(id || 'without an id')} of runbook ${codeSpan(runbookId)}, filed by Release Runbooks. Edit the runbook, not this text: the next submission replaces it.`,
    '',
    '### Summary',
    '',
    '| Field | Value |',
    '| --- | --- |',
  ];
  const cell = (key: string) => {
    const v = fieldText(item, key);
    return v ? inlineText(v) : NOT_SET;
  };
  const rows: [string, string][] = [];
  if (section === 'access') {
    const period = accessPeriod(index, runbook, item);
    rows.push(['Who', cell('who')], ['Environment', cell('environment')], ['Access', cell('level')]);
    rows.push(['From', period ? inlineText(formatInstant(period.start, period.zone)) : cell('from')]);
    rows.push(['Until', period ? inlineText(formatInstant(period.end, period.zone)) : cell('until')]);
  } else {
    const by = instant(index, runbook, fieldText(item, 'by'));
    rows.push(
      ['What', cell('what')],
      ['Environment', cell('environment')],
      ['Ready by', by ? inlineText(by) : fieldText(item, 'by') ? cell('by') : 'the window start'],
    );
  }
  const f = runbook.fields;
  const change = f.get('title')?.text.trim();
  rows.push(['Change', change ? inlineText(change) : NOT_SET], ['Change window', windowText(index, runbook)]);
  const changeTicket = runbook.change.ticket?.text.trim();
  if (changeTicket) rows.push(['Change request', inlineText(changeTicket)]);
  const owner = f.get('owner')?.text.trim();
  if (owner) rows.push(['Release owner', inlineText(owner)]);
  out.push(...rows.map(([name, value]) => `| ${name} | ${value} |`), '');
  const why = fieldText(item, 'why');
  out.push('### Why', '', ...(why ? markdownBlock(why) : ['_No reason given._']), '');
  if (section === 'access')
    out.push(
      'Approve by adding the approval label; the access must be revoked when it ends (the runbook flags it then).',
      '',
    );
  // Never the change request's marker: a request without an id is refused before filing.
  out.push(markerFor(runbookId, { section, id: id || 'unknown' }));
  return out.join('\n');
}

function local(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

function instant(index: WorkspaceIndex, runbook: RunbookModel, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const zone = index.zoneFor(runbook);
  const parsed = parseInstant(text, zone);
  return parsed.ok ? formatInstant(parsed.value.toMillis(), zone) : undefined;
}

export interface RequestToFile {
  section: RequestSection;
  id: string;
  request: ChangeRequest;
}

/**
 * The access and provisioning requests to file (only the one of `onlyId` when given), rendered;
 * or why none can be: a request whose id cannot key its marker, or two with the same id.
 */
export function requestsToFile(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  onlyId?: string,
): { ok: true; requests: RequestToFile[] } | { ok: false; error: string } {
  const all = requestsOf(runbook);
  const chosen = onlyId !== undefined ? all.filter(({ item }) => item.id?.text.trim() === onlyId) : all;
  if (!chosen.length) {
    return {
      ok: false,
      error:
        onlyId !== undefined
          ? `no access or provisioning request has the id "${onlyId}" (nothing was sent)`
          : 'the runbook has no access or provisioning requests (nothing was sent)',
    };
  }
  const out: RequestToFile[] = [];
  const seen = new Set<string>();
  for (const { section, item } of chosen) {
    const id = item.id?.text.trim() ?? '';
    const line = item.anchorRange.start.line + 1;
    if (!REQUEST_ID.test(id))
      return {
        ok: false,
        error: `the ${section} request on line ${line} needs an id of letters, digits, dots, dashes and underscores, to find its issue again (nothing was sent)`,
      };
    if (seen.has(`${section}/${id}`))
      return { ok: false, error: `two ${section} requests have the id "${id}"; give each its own (nothing was sent)` };
    seen.add(`${section}/${id}`);
    out.push({ section, id, request: renderAccessRequest(index, runbook, section, item) });
  }
  return { ok: true, requests: out };
}
