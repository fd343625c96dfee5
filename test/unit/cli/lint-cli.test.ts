// `runbook lint` as a pipeline meets it: output lines, formats and exit statuses (docs/runbook-dsl.md, "The command line").
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/cli/main';
import type { CliIO } from '../../../server/cli/io';

const REPO = path.resolve(__dirname, '../../..');

async function run(argv: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-lint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const BROKEN =
  'runbook: web\ntitle: Web\nenvironment: staging\nwindow:\n  start: 2026-12-02T22:00\n  end: 2026-12-02T21:00\nsteps:\n  - id: a\n    title: A\n';
const WARN_ONLY =
  'runbook: web\ntitle: Web\nenvironment: production\nwindow:\n  start: 2026-12-02T22:00\n  duration: 1h\nsteps:\n  - id: a\n    title: A\nrollback:\n  trigger: t\n  steps:\n    - id: r\n      title: R\n';

describe('runbook lint', () => {
  it('prints file:line:col severity CODE message, 1-based, and exits 1 on errors', async () => {
    const dir = workspace({ 'web.runbook.yaml': BROKEN });
    const { code, stdout } = await run(['lint'], dir);
    assert.equal(code, 1);
    assert.equal(
      stdout,
      'web.runbook.yaml:6:8 error RB007 The window ends before it starts (2026-12-02T22:00 to 2026-12-02T21:00)\n',
    );
  });

  it('exits 0 when there are only warnings, and prints nothing for the clean examples but the known warning', async () => {
    const dir = workspace({ 'web.runbook.yaml': WARN_ONLY });
    const { code, stdout } = await run(['lint', '.'], dir);
    assert.equal(code, 0);
    assert.match(stdout, /web\.runbook\.yaml:1:10 warning RB016 /);
    const examples = await run(['lint', 'examples', '--format', 'json']);
    const clean = (JSON.parse(examples.stdout) as { file: string; code: string }[]).filter(
      (d) => !d.file.startsWith('examples/broken/'),
    );
    // RB041 reads the clock: the dry run's access has ended; the window's access will, after 6 Dec 2026.
    const ended = clean.filter((d) => d.code === 'RB041').map((d) => `${d.file} ${d.code}`);
    assert.ok(ended.includes('examples/k8s-node-pool-upgrade.runbook.yaml RB041'), ended.join('\n'));
    assert.deepEqual(
      clean.filter((d) => d.code !== 'RB041').map((d) => `${d.file} ${d.code}`),
      ['examples/payments-hotfix-2-14-1.runbook.yaml RB009'],
    );
  });

  // The environment rules (bookings, maintenance owners, access and provisioning requests) as a
  // pipeline meets them: the same findings as the fixture corpus, each at its place.
  for (const fixture of ['rb038-fires', 'rb039-fires', 'rb040-fires', 'rb041-rb042-requests', 'rb005-requests']) {
    it(`reports the fixture ${fixture} as the corpus expects`, async () => {
      const dir = path.join('test/fixtures/rules', fixture);
      const expected = JSON.parse(readFileSync(path.join(REPO, dir, 'expected.json'), 'utf8')) as {
        diagnostics: { at: string; code: string; severity: string }[];
      };
      const { stdout } = await run(['lint', dir, '--format=json']);
      const found = (
        JSON.parse(stdout) as {
          file: string;
          range: { start: { line: number; character: number } };
          code: string;
          severity: string;
        }[]
      ).map(
        (d) =>
          `${path.relative(dir, d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}`,
      );
      assert.deepEqual(found.sort(), expected.diagnostics.map((d) => `${d.at} ${d.severity} ${d.code}`).sort());
    });
  }

  it('writes JSON with paths relative to the current folder and 0-based LSP ranges', async () => {
    const dir = workspace({ 'team/web.runbook.yaml': BROKEN });
    const { code, stdout } = await run(['lint', 'team', '--format=json'], dir);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout), [
      {
        file: 'team/web.runbook.yaml',
        range: { start: { line: 5, character: 7 }, end: { line: 5, character: 23 } },
        severity: 'error',
        code: 'RB007',
        message: 'The window ends before it starts (2026-12-02T22:00 to 2026-12-02T21:00)',
      },
    ]);
  });

  it('writes SARIF 2.1.0 with every rule described and results located', async () => {
    const dir = workspace({ 'web.runbook.yaml': BROKEN });
    const { stdout } = await run(['lint', '--format', 'sarif'], dir);
    const sarif = JSON.parse(stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.ok(run0.tool.driver.rules.some((r: { id: string }) => r.id === 'RB031'));
    assert.deepEqual(run0.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'web.runbook.yaml' },
      region: { startLine: 6, startColumn: 8, endLine: 6, endColumn: 24 },
    });
    assert.equal(run0.results[0].level, 'error');
  });

  it('writes GitHub workflow annotations, escaping what would break them', async () => {
    const dir = workspace({ 'web.runbook.yaml': BROKEN });
    const { stdout } = await run(['lint', '--format', 'github'], dir);
    assert.equal(
      stdout,
      '::error file=web.runbook.yaml,line=6,col=8,endLine=6,endColumn=24,title=RB007::RB007 The window ends before it starts (2026-12-02T22:00 to 2026-12-02T21:00)\n',
    );
  });

  it('lets --severity raise, lower or silence a code', async () => {
    const dir = workspace({ 'web.runbook.yaml': WARN_ONLY });
    const raised = await run(['lint', '--severity', 'RB016=error,RB017=off'], dir);
    assert.equal(raised.code, 1);
    assert.match(raised.stdout, /error RB016/);
    assert.doesNotMatch(raised.stdout, /RB017/);
  });

  it('exits 2 with one line for a wrong flag, a bad value, a missing or unreadable path', async () => {
    const dir = workspace({ 'web.runbook.yaml': BROKEN, 'notes.txt': 'x' });
    const cases: [string[], RegExp][] = [
      [['lint', '--fromat', 'json'], /unknown option "--fromat"/],
      [['lint', '--format', 'xml'], /unknown format "xml"/],
      [['lint', '--severity', 'RB999=error'], /unknown rule code "RB999"/],
      [['lint', 'missing-folder'], /missing-folder: no such file or folder/],
      [['lint', 'notes.txt'], /notes\.txt: not a runbook or calendar file/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await run(argv, dir);
      assert.equal(code, 2, argv.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, `one line for ${argv.join(' ')}`);
    }
    if (process.getuid?.() !== 0) {
      const locked = path.join(dir, 'locked');
      mkdirSync(locked);
      writeFileSync(path.join(locked, 'a.runbook.yaml'), BROKEN);
      chmodSync(locked, 0);
      const { code, stderr } = await run(['lint', 'locked'], dir);
      assert.equal(code, 2);
      assert.match(stderr, /permission denied/);
    }
  });

  it('answers --help and --version', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /runbook lint \[PATHS\.\.\.\]/);
    const version = await run(['--version']);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const lintHelp = await run(['lint', '--help']);
    assert.match(lintHelp.stdout, /Exit status: 0 no errors, 1 at least one error, 2 could not run/);
  });

  it('skips node_modules and .git', async () => {
    const dir = workspace({
      'node_modules/x/a.runbook.yaml': BROKEN,
      '.git/b.runbook.yaml': BROKEN,
      'ok.calendar.yaml': 'calendar: acme\n',
    });
    const { code, stdout } = await run(['lint'], dir);
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });

  it('lints every legal file name: #, ?, %, spaces and non-ASCII letters', async () => {
    const { code, stdout } = await run(['lint', 'test/fixtures/file-names']);
    assert.equal(code, 1);
    const files = stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/:\d+:\d+ error RB007 .*$/, ''));
    assert.deepEqual(files.sort(), [
      'test/fixtures/file-names/100%.runbook.yaml',
      'test/fixtures/file-names/fix #12.runbook.yaml',
      'test/fixtures/file-names/two words.runbook.yaml',
      'test/fixtures/file-names/why?.runbook.yaml',
      'test/fixtures/file-names/zürich-café.runbook.yaml',
    ]);
    const sarif = JSON.parse((await run(['lint', 'test/fixtures/file-names', '--format', 'sarif'])).stdout);
    const uris = sarif.runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0].physicalLocation.artifactLocation.uri,
    );
    assert.ok(uris.includes('test/fixtures/file-names/fix%20%2312.runbook.yaml'), 'SARIF locations are URI references');
    assert.ok(uris.includes('test/fixtures/file-names/why%3F.runbook.yaml'));
  });

  it('reports a file over 5 MB with RB034 and reads no more of it than that takes', async () => {
    const dir = workspace({ 'huge.runbook.yaml': `runbook: huge\n${'# padding\n'.repeat(3 * 1024 * 1024)}` });
    const { code, stdout } = await run(['lint'], dir);
    assert.equal(code, 1);
    assert.match(stdout, /^huge\.runbook\.yaml:1:1 error RB034 This file is larger than 5 MB/);
    assert.equal(stdout.trim().split('\n').length, 1);
  });

  describe('text from files cannot forge lines or escape sequences', () => {
    const HOSTILE_KEY = '"x\\n::error file=forged.yaml::forged\\r\\e[31mred\\e]8;;\\u202e": 1\n';
    const HOSTILE = 'runbook: web\ntitle: Web\n' + HOSTILE_KEY;

    it('text: one line per finding, control characters shown as escapes', async () => {
      const dir = workspace({ 'web.runbook.yaml': HOSTILE, 'new\nline\u001b[2J.runbook.yaml': BROKEN });
      const { stdout } = await run(['lint'], dir);
      const lines = stdout.split('\n').filter(Boolean);
      assert.ok(
        lines.every((l) => /^\S.*:\d+:\d+ (error|warning|information|hint) RB\d{3} /.test(l)),
        stdout,
      );
      assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/.test(stdout), 'no raw control characters');
      const unknown = lines.find((l) => l.includes('RB002'))!;
      assert.match(unknown, /Unknown key "x\\n::error file=forged\.yaml::forged\\r\\u001b\[31mred\\u001b\]8;;\\u202e"/);
      assert.ok(
        lines.some((l) => l.startsWith('new\\nline\\u001b[2J.runbook.yaml:6:8 error RB007 ')),
        stdout,
      );
    });

    it('github: only our own workflow commands, every one on its own line', async () => {
      const dir = workspace({ 'web.runbook.yaml': HOSTILE, 'a,b:c%.runbook.yaml': BROKEN });
      const { stdout } = await run(['lint', '--format', 'github'], dir);
      const lines = stdout.split('\n').filter(Boolean);
      assert.ok(
        lines.every((l) =>
          /^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=RB\d{3}::RB\d{3} /.test(
            l,
          ),
        ),
        stdout,
      );
      assert.ok(!/[\u0000-\u001f\u007f\u202e]/.test(stdout.replace(/\n/g, '')), 'no raw control characters');
      assert.ok(
        lines.some((l) => l.includes('file=a%2Cb%3Ac%25.runbook.yaml,')),
        'properties escape , : and %',
      );
      assert.ok(
        lines.some((l) => l.includes('Unknown key "x%0A::error file=forged.yaml::forged%0D\\u001b[31mred')),
        stdout,
      );
    });
  });
});

describe('runbook lint for code scanning and annotations', () => {
  it('gives every SARIF rule a helpUri to its section of docs/runbook-dsl.md, which has that anchor', async () => {
    const dir = workspace({ 'web.runbook.yaml': BROKEN });
    const sarif = JSON.parse((await run(['lint', '--format', 'sarif'], dir)).stdout);
    const docs = readFileSync(path.join(REPO, 'docs', 'runbook-dsl.md'), 'utf8');
    for (const rule of sarif.runs[0].tool.driver.rules as { id: string; helpUri: string }[]) {
      const anchor = rule.id.toLowerCase();
      assert.equal(
        rule.helpUri,
        `https://github.com/release-runbooks/release-runbooks/blob/main/docs/runbook-dsl.md#${anchor}`,
      );
      assert.ok(docs.includes(`<a id="${anchor}"></a>`), `docs/runbook-dsl.md has no anchor for ${rule.id}`);
    }
  });

  it('fingerprints a finding by rule, file and message: the same after the text moves, distinct for repeats', async () => {
    const moved = `# a comment that moves every line down\n${BROKEN}`;
    const before = JSON.parse(
      (await run(['lint', '--format', 'sarif'], workspace({ 'web.runbook.yaml': BROKEN }))).stdout,
    );
    const after = JSON.parse(
      (await run(['lint', '--format', 'sarif'], workspace({ 'web.runbook.yaml': moved }))).stdout,
    );
    const print = (s: { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }) =>
      s.runs[0].results[0].partialFingerprints['runbookFinding/v1'];
    assert.match(print(before), /^[0-9a-f]{32}:1$/);
    assert.equal(print(after), print(before));
    assert.equal(after.runs[0].results[0].locations[0].physicalLocation.region.startLine, 7);
  });

  it('names files from the repository root in SARIF and annotations when run in a subfolder', async () => {
    const dir = workspace({ 'ops/team/web.runbook.yaml': BROKEN });
    mkdirSync(path.join(dir, '.git'));
    const cwd = path.join(dir, 'ops');
    const sarif = JSON.parse((await run(['lint', '--format', 'sarif'], cwd)).stdout);
    assert.equal(
      sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      'ops/team/web.runbook.yaml',
    );
    assert.match(
      (await run(['lint', '--format', 'github'], cwd)).stdout,
      /^::error file=ops\/team\/web\.runbook\.yaml,line=6,/,
    );
    // Text and JSON stay relative to where the command ran, as a terminal user reads them.
    assert.match((await run(['lint'], cwd)).stdout, /^team\/web\.runbook\.yaml:6:8 /);
  });
});
