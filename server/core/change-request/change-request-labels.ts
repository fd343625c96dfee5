// The labels a change request carries that the renderer owns. A leaf module: the extension's
// GitHub code (server/github) uses it without pulling the renderer into its bundle.

export const CHANGE_REQUEST_LABEL = 'change-request';
/** Prefixes of the labels the renderer owns; an update replaces stale ones with these. */
export const OWNED_LABEL_PREFIXES = ['env:', 'risk:', 'type:'] as const;
