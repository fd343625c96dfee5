// Messages between the extension host and the calendar webview. The webview only renders: it asks
// for ranges and reports clicks; the host asks the language server and opens files. Everything the
// webview sends is checked here before the host acts on it (a webview is untrusted content).
import type { CalendarRange, CalendarResult } from '../../server/core/calendar/calendar-types';
import { isRecord, onlyKeys } from '../message-guard';

export type { CalendarRange, CalendarResult };

// ---- host → webview ------------------------------------------------------------------------

export interface CalendarMessage {
  type: 'calendar';
  /** The request this answers; 0 for a refresh the host started. */
  requestId: number;
  result: CalendarResult;
}

export interface ErrorMessage {
  type: 'error';
  requestId: number;
  message: string;
}

/** The host's "go to" for the panel: show this date (used by commands that open the calendar at a runbook). */
export interface RevealMessage {
  type: 'reveal';
  date: string;
}

export type HostMessage = CalendarMessage | ErrorMessage | RevealMessage;

// ---- webview → host ------------------------------------------------------------------------

export interface ReadyMessage {
  type: 'ready';
}

export interface RequestRangeMessage {
  type: 'requestRange';
  requestId: number;
  /** ISO 8601 instants with offset. */
  from: string;
  to: string;
}

export interface OpenMessage {
  type: 'open';
  uri: string;
  /** Where to put the cursor; null opens the file at its top. */
  range: CalendarRange | null;
}

export interface CreateMessage {
  type: 'create';
  what: 'calendar' | 'runbook';
}

export type WebviewMessage = ReadyMessage | RequestRangeMessage | OpenMessage | CreateMessage;

const MAX_URI = 4096;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_LINE = 10_000_000;

function isPosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    onlyKeys(value, ['line', 'character']) &&
    Number.isSafeInteger(value.line) &&
    Number.isSafeInteger(value.character) &&
    (value.line as number) >= 0 &&
    (value.line as number) <= MAX_LINE &&
    (value.character as number) >= 0 &&
    (value.character as number) <= MAX_LINE
  );
}

export function isRange(value: unknown): value is CalendarRange {
  return isRecord(value) && onlyKeys(value, ['start', 'end']) && isPosition(value.start) && isPosition(value.end);
}

/**
 * The message when it is one the webview may send, else undefined. Shapes only: the host still
 * checks that an `open` names a file it showed.
 */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'ready':
      return onlyKeys(value, ['type']) ? { type: 'ready' } : undefined;
    case 'requestRange': {
      const { requestId, from, to } = value;
      if (!onlyKeys(value, ['type', 'requestId', 'from', 'to'])) return undefined;
      if (!Number.isSafeInteger(requestId) || (requestId as number) < 0) return undefined;
      if (typeof from !== 'string' || typeof to !== 'string' || !ISO_INSTANT.test(from) || !ISO_INSTANT.test(to))
        return undefined;
      if (!(Date.parse(to) > Date.parse(from))) return undefined;
      return { type: 'requestRange', requestId: requestId as number, from, to };
    }
    case 'open': {
      const { uri, range } = value;
      if (!onlyKeys(value, ['type', 'uri', 'range'])) return undefined;
      if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI || !/^[a-z][a-z0-9+.-]*:/i.test(uri))
        return undefined;
      if (range !== null && !isRange(range)) return undefined;
      return { type: 'open', uri, range: range as CalendarRange | null };
    }
    case 'create': {
      const { what } = value;
      if (!onlyKeys(value, ['type', 'what'])) return undefined;
      return what === 'calendar' || what === 'runbook' ? { type: 'create', what } : undefined;
    }
    default:
      return undefined;
  }
}

/** The host's message when it has the expected shape; the webview drops anything else. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'calendar': {
      const r = value.result;
      if (!Number.isSafeInteger(value.requestId) || !isRecord(r)) return undefined;
      if (
        typeof r.timezone !== 'string' ||
        !Array.isArray(r.events) ||
        !Array.isArray(r.freezes) ||
        !Array.isArray(r.maintenance)
      )
        return undefined;
      return { type: 'calendar', requestId: value.requestId as number, result: r as unknown as CalendarResult };
    }
    case 'error':
      return Number.isSafeInteger(value.requestId) && typeof value.message === 'string'
        ? { type: 'error', requestId: value.requestId as number, message: value.message }
        : undefined;
    case 'reveal':
      return typeof value.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.date)
        ? { type: 'reveal', date: value.date }
        : undefined;
    default:
      return undefined;
  }
}
