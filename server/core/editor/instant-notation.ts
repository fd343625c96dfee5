// Writes an instant the way the file already wrote one: local (no offset) in the runbook's zone,
// or with the same offset notation (`Z`, `+01:00`, `+0100`), with seconds only if the file had them.
import { DateTime, FixedOffsetZone } from 'luxon';

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function formatInstantLike(original: string, ms: number, zone: string): string {
  const m = INSTANT.exec(original.trim());
  const separator = m?.[4] ?? 'T';
  const withSeconds = !!m?.[7];
  const offset = m?.[9];
  const pattern = `yyyy-MM-dd'${separator}'HH:mm${withSeconds ? ':ss' : ''}`;
  if (!offset) return DateTime.fromMillis(ms, { zone }).toFormat(pattern);
  if (offset === 'Z') return `${DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat(pattern)}Z`;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  const local = DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(minutes) }).toFormat(pattern);
  return `${local}${offset}`;
}
