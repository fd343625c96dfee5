// Instants as the release record writes and shows them: ISO 8601 with the offset of the
// runbook's zone, to the second; and short local times for people.
import { DateTime } from 'luxon';
import { parseInstant } from '../time';

/** `2026-12-02T22:03:00+01:00`: what the record stores for "now". */
export function recordInstant(ms: number, zone: string): string {
  const dt = DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone });
  return dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? new Date(ms).toISOString();
}

/** `22:03` on the window's day, `2026-12-03 00:12` otherwise; the text as written when unreadable. */
export function localTime(text: string | undefined, zone: string, day?: number): string {
  if (!text) return 'unknown time';
  const parsed = parseInstant(text, zone);
  if (!parsed.ok) return text;
  return localTimeOf(parsed.value.toMillis(), zone, day);
}

export function localTimeOf(ms: number, zone: string, day?: number): string {
  const dt = DateTime.fromMillis(ms, { zone });
  const sameDay = day !== undefined && DateTime.fromMillis(day, { zone }).hasSame(dt, 'day');
  return dt.toFormat(sameDay ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
}

/** `1h05m`, `12m`, `45s`: durations people read at a glance. */
export function shortDuration(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes}m`;
  const days = Math.floor(hours / 24);
  const rest = `${hours % 24}h${String(minutes % 60).padStart(2, '0')}m`;
  return days ? `${days}d${rest}` : rest;
}
