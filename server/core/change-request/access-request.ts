// Access and provisioning requests of a runbook (its `access` and `provisioning` sections): what
// each one is, when an access runs, and the kind of issue each is filed as. The rules (RB041,
// RB042), the go/no-go gate, the calendar and the weekly report read them from here.
import type { IdItem, RunbookModel } from '../model';
import { parseInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import type { RequestKind } from './render-change-request';

export type RequestSection = 'access' | 'provisioning';

export interface RunbookRequest {
  section: RequestSection;
  item: IdItem;
}

export const ACCESS_REQUEST_LABEL = 'access-request';
export const PROVISIONING_REQUEST_LABEL = 'provisioning-request';

/** A request id must be fit for its marker (`<!-- runbook:<id>/access/<request id> -->`). */
export const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function requestKind(section: RequestSection, id: string): RequestKind {
  return {
    label: section === 'access' ? ACCESS_REQUEST_LABEL : PROVISIONING_REQUEST_LABEL,
    ownedLabelPrefixes: ['env:'],
    noun: section === 'access' ? 'access request' : 'provisioning request',
    ticketKey: `${section}[${id}].ticket`,
  };
}

/** Every access and provisioning request of the runbook, access first, in file order. */
export function requestsOf(runbook: RunbookModel): RunbookRequest[] {
  return [
    ...runbook.access.map((item) => ({ section: 'access' as const, item })),
    ...runbook.provisioning.map((item) => ({ section: 'provisioning' as const, item })),
  ];
}

export function fieldText(item: IdItem, key: string): string | undefined {
  return item.fields.get(key)?.text.trim() || undefined;
}

export interface AccessPeriod {
  start: number;
  end: number;
  zone: string;
}

/** When an access runs, read in the runbook's zone; undefined when `from` or `until` cannot be read (RB003/RB004 say why). */
export function accessPeriod(index: WorkspaceIndex, runbook: RunbookModel, item: IdItem): AccessPeriod | undefined {
  const zone = index.zoneFor(runbook);
  const from = fieldText(item, 'from');
  const until = fieldText(item, 'until');
  if (!from || !until) return undefined;
  const start = parseInstant(from, zone);
  const end = parseInstant(until, zone);
  if (!start.ok || !end.ok) return undefined;
  return { start: start.value.toMillis(), end: end.value.toMillis(), zone };
}
