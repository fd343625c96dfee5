// Numbers as people read them: durations in the two largest units, rates as whole percentages,
// and a dash for "nothing to measure" (an empty week has no fail rate, not a 0% one).
// Pure and dependency-free: the charts webview uses it too.

export const NONE = '—';

/** `<1m`, `45m`, `3h 10m`, `2d 4h`, `12d`. */
export function humanDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NONE;
  const minutes = Math.round(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days >= 10 || hours % 24 === 0) return `${days}d`;
  return `${days}d ${hours % 24}h`;
}

/** `25%`; the dash when there is nothing to divide by. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return NONE;
  return `${Math.round(rate * 100)}%`;
}

/** `1.8`; whole numbers without a decimal. */
export function decimal(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const rounded = Number(value.toFixed(digits));
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(digits);
}

/** `1 deployment`, `3 deployments`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Hours with two decimals for spreadsheets; empty when unknown. */
export function hours(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return (ms / 3_600_000).toFixed(2);
}

/** The length of an inclusive range of local dates (`2026-11-02` to `2026-12-06`) as a reader says it: `5 weeks`, `3 weeks and 2 days`, `1 day`. */
export function rangeLength(from: string, to: string): string {
  const day = (text: string) =>
    Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  const days = Math.round((day(to) - day(from)) / 86_400_000) + 1;
  if (!(days > 0)) return NONE;
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (!weeks) return plural(rest, 'day');
  return rest ? `${plural(weeks, 'week')} and ${plural(rest, 'day')}` : plural(weeks, 'week');
}
