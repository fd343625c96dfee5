// The hidden last line of a change request, `<!-- runbook:<id> -->`, by which a submission finds
// its issue again when the ticket was never written back (docs/runbook-dsl.md, "runbook submit").

const MARKER_LINE = /^<!--\s*runbook:([a-z0-9][a-z0-9-]*)\s*-->$/;

export function markerFor(runbookId: string): string {
  return `<!-- runbook:${runbookId} -->`;
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
