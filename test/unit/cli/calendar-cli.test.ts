// `runbook calendar` in-process over the calendar fixture workspace: the JSON is the editor's
// `runbook/calendar` answer, the feed has one series per recurring period, the output file is
// written whole, and bad arguments say what is wrong and exit 2.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCalendar } from '../../../server/cli/calendar';
import type { CliIO } from '../../../server/cli/io';
import { main } from '../../../server/cli/main';
import { calendarQuery } from '../../../server/core/calendar/calendar-query';
import { lintFile } from '../../../server/core/run-rules';
import { loadWorkspace } from '../../helpers/index-folder';
import { FIXTURE_WORKSPACE } from '../../fixtures/calendar/workspaces';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd = FIXTURE_WORKSPACE, now = Date.UTC(2026, 11, 4, 12)): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await runCalendar(args, io, () => now);
  return { code, stdout, stderr };
}

describe('runbook calendar', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'runbook-calendar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the runbook/calendar answer as JSON, the same as the editor gets', async () => {
    const { code, stdout, stderr } = await run(['--from', '2026-12-01', '--to', '2027-01-01']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const index = loadWorkspace(FIXTURE_WORKSPACE);
    const expected = calendarQuery(index, { from: '2026-12-01T00:00', to: '2027-01-01T00:00' }, (uri) =>
      lintFile(index, uri),
    );
    assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(expected)));
    assert.ok(expected.events.length > 5 && expected.maintenance.length > 5);
  });

  it('writes the iCalendar feed with one event per recurring period to --out', async () => {
    const out = path.join(dir, 'release-calendar.ics');
    const { code, stdout, stderr } = await run([
      '--format',
      'ics',
      '--out',
      out,
      '--from',
      '2026-12-01',
      '--to',
      '2027-12-01',
    ]);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /^runbook calendar: wrote \d+ windows, \d+ freeze and \d+ maintenance occurrences to .*release-calendar\.ics\n$/,
    );
    const ics = readFileSync(out, 'utf8');
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.equal(
      ics.match(/\r\nUID:maintenance-sunday-infra@release-runbooks\r\n/g)?.length,
      1,
      'fifty-two Sundays are one series',
    );
    assert.match(ics, /\r\nRRULE:FREQ=WEEKLY;BYDAY=SU\r\n/);
    assert.deepEqual(readdirSync(dir), ['release-calendar.ics'], 'no temporary file left behind');
  });

  it('defaults to the range from 30 days ago to a year after', async () => {
    const { code, stdout } = await run([]);
    assert.equal(code, 0);
    const answer = JSON.parse(stdout) as { from: string; to: string };
    assert.equal(answer.from, '2026-11-04T00:00:00+01:00');
    assert.equal(answer.to, '2027-11-04T00:00:00+01:00');
  });

  it('says what is wrong with its arguments and exits 2, writing nothing', async () => {
    const out = path.join(dir, 'feed.ics');
    const cases: [string[], RegExp][] = [
      [['--format', 'pdf'], /unknown format "pdf"; use json, ics or html/],
      [['--format', 'html'], /--format html writes a web site: name its folder with --out DIR/],
      [['--from', '2027-01-01', '--to', '2026-01-01', '--out', out], /--to \(2026-01-01T00:00\) must be after --from/],
      [['--from', 'next tuesday', '--out', out], /is not a date such as 2026-12-01/],
      [['--from', '2026-01-01', '--to', '2030-01-01'], /longer than 1098 days/],
      [['--bogus'], /unknown option "--bogus"/],
      [['--out'], /--out needs a value/],
      [['no-such-folder'], /no-such-folder: /],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '', args.join(' '));
      assert.match(stderr, message, args.join(' '));
      assert.ok(!stderr.includes('\n') || stderr.indexOf('\n') === stderr.length - 1, 'one line');
    }
    assert.equal(existsSync(out), false);
  });

  it('reports an unwritable --out and leaves nothing behind', async () => {
    const { code, stderr } = await run(['--format', 'ics', '--out', path.join(dir, 'missing', 'feed.ics')]);
    assert.equal(code, 2);
    assert.match(stderr, /missing\/feed\.ics: /);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('is a command of runbook', async () => {
    let stdout = '';
    const code = await main(['calendar', '--help'], {
      cwd: FIXTURE_WORKSPACE,
      env: {},
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
    });
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: runbook calendar/);
  });
});
