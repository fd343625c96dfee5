// `runbook calendar --format html --out DIR`: the release calendar as a static web site for people
// who never open VS Code. The calendar UI itself (the webview bundle, read-only, its data in the
// page), the subscribable feed, the JSON answer, and a page of upcoming changes in plain words.
// Any static host serves it (GitHub Pages: docs/publishing-the-calendar.md).
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CalendarResult } from '../core/calendar/calendar-types';
import { staticPage } from '../core/calendar/static-page';
import { upcomingChangesHtml } from '../core/calendar/upcoming-changes';
import type { WorkspaceIndex } from '../core/workspace-index';
import { writeAtomically } from './write-atomically';

/** Files copied as they are: the calendar's bundle and styles, the stand-in host, the themes. */
const ASSETS = {
  'webview.js': 'dist/webview.js',
  'static-calendar.js': 'dist/static-calendar.js',
  'calendar.css': 'media/calendar.css',
  'static-theme.css': 'media/static-theme.css',
  'upcoming.css': 'media/upcoming.css',
} as const;

/**
 * Where the assets are: `site/` beside the CLI package's cli.js, or the repository's dist/ and
 * media/ (dist/cli.js after a build, or server/cli/ run from source).
 */
function findAssets(): { files: Record<string, string> } | { error: string } {
  const packaged = path.join(__dirname, 'site');
  if (existsSync(path.join(packaged, 'webview.js'))) {
    return { files: Object.fromEntries(Object.keys(ASSETS).map((name) => [name, path.join(packaged, name)])) };
  }
  for (const root of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    const found = Object.fromEntries(Object.entries(ASSETS).map(([name, rel]) => [name, path.join(root, rel)]));
    if (Object.values(found).every((file) => existsSync(file))) return { files: found };
  }
  return {
    error:
      'the calendar web page is not built here (dist/webview.js and dist/static-calendar.js): run `npm run build` first',
  };
}

export interface SiteInput {
  index: WorkspaceIndex;
  result: CalendarResult;
  ics: string;
  now: number;
}

/** Writes the site into `dir` (created when missing); each file whole. Returns the files written. */
export async function writeCalendarSite(dir: string, input: SiteInput): Promise<string[] | { error: string }> {
  const assets = findAssets();
  if ('error' in assets) return assets;
  await fs.mkdir(dir, { recursive: true });
  const files: Record<string, string> = {
    'index.html': calendarPage(input.result),
    'upcoming.html': upcomingChangesHtml(input.index, input.result, {
      now: input.now,
      days: 30,
      links: { calendar: 'index.html', feed: 'calendar.ics' },
    }),
    'calendar.ics': input.ics,
    'calendar.json': `${JSON.stringify(input.result, null, 2)}\n`,
  };
  for (const [name, from] of Object.entries(assets.files)) files[name] = await fs.readFile(from, 'utf8');
  for (const [name, text] of Object.entries(files)) await writeAtomically(path.join(dir, name), text);
  return Object.keys(files).sort();
}

/**
 * The calendar UI with its data: the same page as in the editor, served from its own origin
 * ('self' in place of the webview's resource root), and the answer as JSON inside a data element
 * where `<` is escaped so that no text from a runbook can close it.
 */
function calendarPage(result: CalendarResult): string {
  const data = JSON.stringify(result)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return staticPage({
    title: 'Release calendar',
    styles: ['static-theme.css', 'calendar.css'],
    // The stand-in host first: the calendar bundle asks for acquireVsCodeApi as it loads.
    scripts: ['static-calendar.js', 'webview.js'],
    bodyAttributes: 'class="vscode-light static-site" data-host="panel"',
    body: [
      '<nav class="site-links"><strong>Release calendar</strong> <a href="upcoming.html">Upcoming changes in plain words</a> <a href="calendar.ics">Subscribe (.ics)</a> <a href="calendar.json">JSON</a></nav>',
      `<script type="application/json" id="calendar-data">${data}</script>`,
      '<div id="app" class="app"></div>',
    ].join('\n'),
  });
}
