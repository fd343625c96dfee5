// `runbook calendar [PATHS...]`: the release calendar of the workspace formed by PATHS, for people
// and tools outside the editor: the `runbook/calendar` answer as JSON, or the iCalendar feed that
// Outlook and Google Calendar subscribe to (recurring periods as series, stable UIDs).
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { calendarQuery, CalendarParamsError, MAX_RANGE_DAYS } from '../core/calendar/calendar-query';
import { calendarToIcs, periodSeries } from '../core/calendar/ics-export';
import { lintWorkspace } from '../core/run-rules';
import { describeFsError } from '../core/workspace-files';
import { CliIO, EXIT_OK, EXIT_USAGE } from './io';
import { addSources } from './calendar-sources';
import { loadWorkspace } from './lint';
import { terminalText } from './terminal-text';
import { writeCalendarSite } from './calendar-site';
import { writeAtomically } from './write-atomically';
import { parseCommandLine } from './command-line';

export const CALENDAR_FORMATS = ['json', 'ics', 'html'] as const;
type CalendarFormat = (typeof CALENDAR_FORMATS)[number];

const USAGE = `Usage: runbook calendar [PATHS...] [--from DATE] [--to DATE] [--format json|ics|html] [--out FILE|DIR]
                        [--sources [--sources-cache DIR] [--api-url URL] [--offline]]

The release calendar of the runbooks and calendars under PATHS (default: the current folder):
every window, freeze and maintenance window that meets the range.
  --from DATE     first day, YYYY-MM-DD, or an instant (default: 30 days ago), in the calendar's zone
  --to DATE       end of the range, exclusive (default: 365 days after --from); at most ${MAX_RANGE_DAYS} days
  --format FORMAT json (default): the editor's runbook/calendar answer; ics: an iCalendar feed in
                  which a recurring freeze or maintenance window is one event with its RRULE;
                  html: a static web site in --out DIR (the calendar, the feed, the JSON and
                  a page of the next 30 days' changes in plain words)
  --out FILE      write to FILE (whole or not at all) instead of standard output; a folder for html
  --sources       also read the repositories the calendar names in \`sources\` (GitHub API, token
                  from GITHUB_TOKEN, cached in --sources-cache DIR); --offline: the cache only
Exit status: 0 written; 2 could not run (bad arguments, unreadable path, unwritable FILE).`;

export async function runCalendar(argv: string[], io: CliIO, now: () => number = Date.now): Promise<number> {
  const args = parseCommandLine(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    sources: { type: 'boolean' },
    'sources-cache': { type: 'string' },
    'api-url': { type: 'string' },
    offline: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('error' in args) return usage(io, args.error);
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const format = values.format ?? 'json';
  if (!(CALENDAR_FORMATS as readonly string[]).includes(format))
    return usage(io, `unknown format "${format}"; use json, ics or html`);
  if (format === 'html' && values.out === undefined)
    return usage(io, '--format html writes a web site: name its folder with --out DIR');

  const loaded = await loadWorkspace(positionals, io);
  if ('error' in loaded) {
    io.stderr(`runbook calendar: ${terminalText(loaded.error)}\n`);
    return EXIT_USAGE;
  }
  const added = await addSources(
    loaded,
    {
      sources: values.sources === true,
      cacheDir: values['sources-cache'],
      apiUrl: values['api-url'],
      offline: values.offline === true,
    },
    io,
    now,
  );
  if ('error' in added) return usage(io, added.error);
  for (const line of added.messages) io.stderr(`runbook calendar: ${terminalText(line)}\n`);
  const zone = loaded.index.calendar().zone;
  const from =
    values.from === undefined
      ? DateTime.fromMillis(now(), { zone }).startOf('day').minus({ days: 30 }).toISO()!
      : asInstant(values.from);
  const to =
    values.to === undefined ? DateTime.fromISO(from, { zone }).plus({ days: 365 }).toISO() : asInstant(values.to);
  if (!to) return usage(io, `--from "${values.from}" is not a date such as 2026-12-01`);

  const findings = lintWorkspace(loaded.index);
  let result;
  try {
    result = calendarQuery(loaded.index, { from, to }, (uri) => findings.get(uri) ?? []);
  } catch (error) {
    if (error instanceof CalendarParamsError)
      return usage(
        io,
        error.message
          .replace(/^runbook\/calendar: /, '')
          .replace(/"from"/, '--from')
          .replace(/"to"/, '--to'),
      );
    throw error;
  }
  const ics = () =>
    calendarToIcs(result, {
      name: `Release calendar (${result.timezone})`,
      seriesOf: periodSeries(loaded.index.calendar(), Date.parse(result.from)),
    });
  if ((format as CalendarFormat) === 'html') {
    const dir = path.resolve(io.cwd, values.out!);
    let written;
    try {
      written = await writeCalendarSite(dir, { index: loaded.index, result, ics: ics(), now: now() });
    } catch (error) {
      io.stderr(`runbook calendar: ${terminalText(values.out!)}: ${describeFsError(error)}\n`);
      return EXIT_USAGE;
    }
    if ('error' in written) {
      io.stderr(`runbook calendar: ${terminalText(written.error)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`runbook calendar: wrote the calendar site (${written.join(', ')}) to ${terminalText(values.out!)}\n`);
    return EXIT_OK;
  }
  const text = (format as CalendarFormat) === 'ics' ? ics() : `${JSON.stringify(result, null, 2)}\n`;
  if (values.out === undefined) {
    io.stdout(text);
    return EXIT_OK;
  }
  const out = path.resolve(io.cwd, values.out);
  try {
    await writeAtomically(out, text);
  } catch (error) {
    io.stderr(`runbook calendar: ${terminalText(values.out)}: ${describeFsError(error)}\n`);
    return EXIT_USAGE;
  }
  io.stderr(
    `runbook calendar: wrote ${result.events.length} windows, ${result.freezes.length} freeze and ${result.maintenance.length} maintenance occurrences to ${terminalText(values.out)}\n`,
  );
  return EXIT_OK;
}

/** A date alone is the start of that day in the calendar's zone (calendarQuery reads it so). */
function asInstant(text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00` : text;
}

function usage(io: CliIO, message: string): number {
  io.stderr(`runbook calendar: ${terminalText(message)} (see runbook calendar --help)\n`);
  return EXIT_USAGE;
}
