// The hidden last line of a change request, `<!-- runbook:<id> -->`, by which a submission finds
// its issue again when the ticket was never written back (docs/runbook-dsl.md, "runbook submit"), and the marker lines of
// the comments release day keeps on it. An access or provisioning request of the runbook carries
// `<!-- runbook:<id>/access/<request id> -->` (or `/provisioning/`): its own key, so that it never
// passes for the change request or another request. A leaf module: the extension's GitHub code uses it too.

const MARKER_LINE =
  /^<!--\s*runbook:([a-z0-9][a-z0-9-]*(?:\/(?:access|provisioning)\/[A-Za-z0-9][A-Za-z0-9._-]*)?)\s*-->$/;

/** `runbookId` alone keys the change request; `request` keys one access or provisioning request. */
export function markerFor(runbookId: string, request?: { section: 'access' | 'provisioning'; id: string }): string {
  return `<!-- runbook:${markerKey(runbookId, request)} -->`;
}

export function markerKey(runbookId: string, request?: { section: 'access' | 'provisioning'; id: string }): string {
  return request ? `${runbookId}/${request.section}/${request.id}` : runbookId;
}

/**
 * The runbook ids whose marker stands on a line of its own in `body`. Only whole lines count:
 * the renderer escapes `<` in every text it copies from the runbook, so a title or step that
 * mentions a marker cannot pass for one.
 */
export function markersIn(body: string | null | undefined): string[] {
  if (!body) return [];
  const ids: string[] = [];
  for (const line of body.split(/\r\n|\r|\n/)) {
    const m = MARKER_LINE.exec(line.trim());
    if (m) ids.push(m[1]);
  }
  return ids;
}

/**
 * Whether `body` carries the marker of `runbookId` in its own place, the last non-blank line
 * (GitHub may have turned line ends into CRLF). A marker anywhere else is text, never a claim.
 */
export function hasMarker(body: string | null | undefined, runbookId: string): boolean {
  return runbookIdOf(body) === runbookId;
}

/** The runbook id of the body's marker, which stands on its last non-blank line, or undefined. */
export function runbookIdOf(body: string | null | undefined): string | undefined {
  const lines = (body ?? '').split(/\r\n|\r|\n/).filter((line) => line.trim());
  return MARKER_LINE.exec(lines[lines.length - 1]?.trim() ?? '')?.[1];
}

/** Whether a comment body carries `marker` on a line of its own. */
export function hasCommentMarker(body: string | null | undefined, marker: string): boolean {
  return !!body && body.split(/\r\n|\r|\n/).some((line) => line.trim() === marker);
}
