// The order and the words of the runbook picker of the release commands: the window open now
// first, then upcoming windows soonest first, then runbooks whose window is not known, then the
// past and finished ones, latest first; each with its window, its status and its problem counts.
// A runbook with errors is placed by its window like any other (it is not listed first because
// its name sorts first). Pure: no `vscode`, so the order is unit-tested.

export interface RunbookChoice {
  uri: string;
  /** The path shown (relative to the workspace). */
  path: string;
  title?: string;
  /** The window (epoch ms) and its start as written for people ("2026-12-05 22:00"). */
  window?: { start: number; end: number; startText: string };
  /** `outcome.result`, once recorded. */
  outcome?: string | null;
  /** The board's decision, when the change request's status is known. */
  cab?: string;
  errors: number;
  warnings: number;
}

export interface RunbookPickItem {
  label: string;
  description: string;
  detail: string;
  uri: string;
}

const GROUP_OPEN = 0;
const GROUP_UPCOMING = 1;
const GROUP_UNKNOWN = 2;
const GROUP_PAST = 3;

function groupOf(c: RunbookChoice, now: number): number {
  if (!c.window) return GROUP_UNKNOWN;
  if (c.outcome || c.window.end <= now) return GROUP_PAST;
  return c.window.start <= now ? GROUP_OPEN : GROUP_UPCOMING;
}

export function orderRunbookChoices(choices: readonly RunbookChoice[], now: number): RunbookPickItem[] {
  const sorted = [...choices].sort((a, b) => {
    const ga = groupOf(a, now);
    const gb = groupOf(b, now);
    if (ga !== gb) return ga - gb;
    if (ga === GROUP_UNKNOWN) return a.path.localeCompare(b.path);
    const byStart = ga === GROUP_PAST ? b.window!.start - a.window!.start : a.window!.start - b.window!.start;
    return byStart || a.path.localeCompare(b.path);
  });
  return sorted.map((c) => ({
    label: c.title || c.path.split('/').pop() || c.path,
    description: describe(c, now),
    detail: `${c.path} · ${problems(c)}`,
    uri: c.uri,
  }));
}

function describe(c: RunbookChoice, now: number): string {
  const parts: string[] = [];
  const w = c.window;
  if (!w) parts.push('window not known');
  else if (w.start <= now && now < w.end) parts.push(`window open now, ${span(w.end - now)} left`);
  else if (w.start > now) parts.push(`window ${w.startText}, in ${span(w.start - now)}`);
  else parts.push(`window ${w.startText}, ended ${span(now - w.end)} ago`);
  if (c.outcome) parts.push(`finished: ${c.outcome}`);
  else if (c.cab) parts.push(`CAB ${c.cab}`);
  return parts.join(' · ');
}

function problems(c: RunbookChoice): string {
  if (!c.errors && !c.warnings) return 'no problems';
  const count = (n: number, word: string) => (n ? [`${n} ${word}${n === 1 ? '' : 's'}`] : []);
  return [...count(c.errors, 'error'), ...count(c.warnings, 'warning')].join(', ');
}

/** "45m", "5h", "3d": how far, roughly. */
function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}
