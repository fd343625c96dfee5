// The fingerprint of a change request's material fields (window, environment, risk, steps,
// rollback plan): one short hash per field of the text the board reads in the change request.
// The renderer writes it as the hidden line just above the marker, and only there:
//   <!-- runbook-material: window=1a2b3c4d5e6f environment=… risk=… steps=… rollback=… -->
// The renderer escapes `<` in every text it copies from the runbook, so no runbook text can pass
// for this line; a line anywhere else in the body is text, never a fingerprint.
import { createHash } from 'node:crypto';

export const MATERIAL_FIELDS = ['window', 'environment', 'risk', 'steps', 'rollback'] as const;
export type MaterialField = (typeof MATERIAL_FIELDS)[number];
export type MaterialFingerprint = Record<MaterialField, string>;

/** How each field is named to a person ("the window and the risk changed"). */
export const MATERIAL_FIELD_NAMES: Record<MaterialField, string> = {
  window: 'window',
  environment: 'environment',
  risk: 'risk',
  steps: 'steps',
  rollback: 'rollback plan',
};

const LINE = /^<!--\s*runbook-material:((?:\s+[a-z]+=[0-9a-f]{12})+)\s*-->$/;

/** The fingerprint of the texts the change request shows for each material field. */
export function fingerprintOf(texts: Record<MaterialField, string>): MaterialFingerprint {
  const out = {} as MaterialFingerprint;
  for (const field of MATERIAL_FIELDS)
    out[field] = createHash('sha256').update(texts[field]).digest('hex').slice(0, 12);
  return out;
}

export function fingerprintLine(fingerprint: MaterialFingerprint): string {
  return `<!-- runbook-material: ${MATERIAL_FIELDS.map((f) => `${f}=${fingerprint[f]}`).join(' ')} -->`;
}

/**
 * The fingerprint a change request body carries: the line just above the marker (the body's
 * last non-blank line), and only there. Undefined for a body filed before fingerprints.
 */
export function bodyFingerprint(body: string | null | undefined): MaterialFingerprint | undefined {
  const lines = (body ?? '').split(/\r\n|\r|\n/).filter((line) => line.trim());
  const m = LINE.exec(lines[lines.length - 2]?.trim() ?? '');
  if (!m) return undefined;
  const values = new Map(
    m[1]
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split('=') as [string, string]),
  );
  const out = {} as MaterialFingerprint;
  for (const field of MATERIAL_FIELDS) {
    const value = values.get(field);
    if (!value) return undefined;
    out[field] = value;
  }
  return out;
}

/** The material fields whose hash differs, in their fixed order. */
export function changedFields(before: MaterialFingerprint, after: MaterialFingerprint): MaterialField[] {
  return MATERIAL_FIELDS.filter((f) => before[f] !== after[f]);
}

/** "the window and the risk", "the steps, the risk and the rollback plan". */
export function describeFields(fields: readonly MaterialField[]): string {
  const names = fields.map((f) => `the ${MATERIAL_FIELD_NAMES[f]}`);
  return names.length <= 1
    ? (names[0] ?? 'nothing')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
