// The labels a change request carries that the renderer owns, and what tells the kinds of filed
// issues apart (change, access and provisioning requests). A leaf module: the extension's
// GitHub code (server/github) uses it without pulling the renderer into its bundle.

export const CHANGE_REQUEST_LABEL = 'change-request';
/** Prefixes of the labels the renderer owns; an update replaces stale ones with these. */
export const OWNED_LABEL_PREFIXES = ['env:', 'risk:', 'type:'] as const;

/** What tells one kind of filed issue from another: the submission is the same for all. */
export interface RequestKind {
  /** The label the issue carries and is found again by (with its marker). */
  label: string;
  /** Prefixes of the labels the renderer owns; an update replaces stale ones with these. */
  ownedLabelPrefixes: readonly string[];
  /** Its name in messages: "change request", "access request". */
  noun: string;
  /** Where its ticket is written in the runbook: `change.ticket`, `access[prod-db].ticket`. */
  ticketKey: string;
}

export const CHANGE_REQUEST_KIND: RequestKind = {
  label: CHANGE_REQUEST_LABEL,
  ownedLabelPrefixes: OWNED_LABEL_PREFIXES,
  noun: 'change request',
  ticketKey: 'change.ticket',
};
