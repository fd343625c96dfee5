// The host of the calendar UI on a published web page (`runbook calendar --format html`): no
// VS Code and no language server, only the calendar answer the page carries as JSON. It stands in
// for `acquireVsCodeApi` before the calendar bundle loads, answers each range the calendar asks
// for from that answer, and ignores what needs an editor (opening or creating files): read-only.
import type { CalendarResult } from '../../server/core/calendar/calendar-types';
import { parseWebviewMessage } from './protocol';
import type { VsCodeApi } from '../vscode-api';

interface StaticWindow {
  acquireVsCodeApi?: () => VsCodeApi<unknown>;
}

const STATE_KEY = 'release-calendar-view';

function readPublished(): CalendarResult | undefined {
  const text = document.getElementById('calendar-data')?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as CalendarResult;
  } catch {
    return undefined;
  }
}

/** The published answer cut to [from, to): what `runbook/calendar` would have said for that range. */
function answerFor(published: CalendarResult, from: string, to: string): CalendarResult {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const meets = (item: { start: string; end: string }) => Date.parse(item.start) < end && Date.parse(item.end) > start;
  return {
    ...published,
    from,
    to,
    events: published.events.filter(meets),
    freezes: published.freezes.filter(meets),
    maintenance: published.maintenance.filter(meets),
    bookings: published.bookings?.filter(meets),
    access: published.access?.filter(meets),
  };
}

const published = readPublished();
(window as unknown as StaticWindow).acquireVsCodeApi = () => ({
  postMessage(message: unknown) {
    const parsed = parseWebviewMessage(message);
    if (parsed?.type !== 'requestRange') return;
    // Answered like a host: later, as a message event.
    const reply = published
      ? { type: 'calendar', requestId: parsed.requestId, result: answerFor(published, parsed.from, parsed.to) }
      : { type: 'error', requestId: parsed.requestId, message: 'This page carries no calendar data.' };
    window.postMessage(reply, window.location.origin === 'null' ? '*' : window.location.origin);
  },
  getState() {
    try {
      const saved = window.sessionStorage.getItem(STATE_KEY);
      return saved ? JSON.parse(saved) : undefined;
    } catch {
      return undefined;
    }
  },
  setState(state: unknown) {
    try {
      window.sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
    } catch {
      // Storage may be off (private windows): the view just starts fresh next time.
    }
  },
});
