// Fast UTC offsets: a zone's offset changes a few times a year, so each UTC year's transitions are
// found once and later lookups are a short scan instead of an Intl round trip per instant.
import { IANAZone } from 'luxon';

interface YearTable {
  initial: number;
  /** Sorted: at (epoch ms) from which `offset` (minutes east of UTC) applies. */
  changes: { at: number; offset: number }[];
}

const STEP = 6 * 3_600_000;
const cache = new Map<string, Map<number, YearTable>>();

/** Minutes east of UTC of `zone` at `ms`; 0 for an unknown zone. */
export function offsetAt(zone: string, ms: number): number {
  let years = cache.get(zone);
  if (!years) {
    years = new Map();
    cache.set(zone, years);
  }
  const year = new Date(ms).getUTCFullYear();
  let table = years.get(year);
  if (!table) {
    table = buildYear(zone, year);
    years.set(year, table);
  }
  let offset = table.initial;
  for (const change of table.changes) {
    if (change.at > ms) break;
    offset = change.offset;
  }
  return offset;
}

function buildYear(zone: string, year: number): YearTable {
  const tz = IANAZone.create(zone);
  if (!tz.isValid) return { initial: 0, changes: [] };
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const initial = tz.offset(start);
  const changes: { at: number; offset: number }[] = [];
  let current = initial;
  // Offsets never change twice within six hours; bisect each change to the minute.
  for (let t = start; t < end; t += STEP) {
    const next = Math.min(t + STEP, end);
    const after = tz.offset(next);
    if (after === current) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (tz.offset(mid) === current) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, offset: after });
    current = after;
  }
  return { initial, changes };
}
