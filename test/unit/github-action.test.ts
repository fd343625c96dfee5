// The GitHub Action (action.yml) run as the runner runs it: `node action/index.js` from the
// committed files, inputs as INPUT_* variables with action.yml's defaults, the workspace in
// GITHUB_WORKSPACE, outputs and the job summary in the runner's files, annotations on stdout.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const manifest = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string };
};

const BROKEN =
  'runbook: web\ntitle: "Web | <b>bold</b>"\nenvironment: staging\nwindow:\n  start: 2026-12-02T22:00\n  end: 2026-12-02T21:00\nsteps:\n  - id: a\n    title: A\n';

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Reads GITHUB_OUTPUT as the runner does: `name=value` lines and `name<<DELIMITER` blocks. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      assert.ok(end > i, `output ${heredoc[1]} has no closing delimiter`);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

describe('the GitHub Action', function () {
  this.timeout(60_000);
  let tmp: string;
  let workspace: string;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'runbook-action-'));
    workspace = path.join(tmp, 'repo');
    mkdirSync(path.join(workspace, 'ops', 'team'), { recursive: true });
    writeFileSync(path.join(workspace, 'ops', 'team', 'web.runbook.yaml'), BROKEN);
    cpSync(path.join(root, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  function runAction(inputs: Record<string, string>): Run {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: tmp };
    for (const [name, spec] of Object.entries(manifest.inputs)) {
      // The runner evaluates `${{ github.token }}` to the job's token.
      const value = inputs[name] ?? (spec.default === '${{ github.token }}' ? 'ghs_jobtoken' : (spec.default ?? ''));
      env[`INPUT_${name.toUpperCase()}`] = value;
    }
    Object.assign(env, {
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: path.join(tmp, 'output'),
      GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
      GITHUB_REPOSITORY: 'acme/releases',
    });
    writeFileSync(env.GITHUB_OUTPUT, '');
    writeFileSync(env.GITHUB_STEP_SUMMARY, '');
    const r = spawnSync(process.execPath, [path.join(root, manifest.runs.main)], {
      cwd: workspace,
      env,
      encoding: 'utf8',
    });
    return {
      status: r.status ?? -1,
      stdout: r.stdout,
      stderr: r.stderr,
      outputs: readOutputs(readFileSync(env.GITHUB_OUTPUT, 'utf8')),
      summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
    };
  }

  it("runs on the runner's Node 20 from a committed entry that matches a fresh build", () => {
    assert.equal(manifest.runs.using, 'node20');
    assert.ok(existsSync(path.join(root, manifest.runs.main)), `${manifest.runs.main} is not committed`);
    const r = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--check-action'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('lint: annotations from the repository root, counts, SARIF and a summary table, and fails on errors', () => {
    const r = runAction({ 'working-directory': 'ops', 'sarif-file': 'reports/runbooks.sarif' });
    assert.match(
      r.stdout,
      /^::error file=ops\/team\/web\.runbook\.yaml,line=6,col=8,endLine=6,endColumn=24,title=RB007::RB007 /m,
    );
    assert.equal(r.outputs.errors, '1');
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs['sarif-file'], path.join(workspace, 'reports', 'runbooks.sarif'));
    const sarif = JSON.parse(readFileSync(r.outputs['sarif-file'], 'utf8'));
    assert.equal(
      sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      'ops/team/web.runbook.yaml',
    );
    assert.match(r.summary, /^### runbook lint: 1 error, \d+ warnings?, \d+ notes?$/m);
    assert.match(
      r.summary,
      /^\| error \| ops\/team\/web\.runbook\.yaml:6 \| RB007 \| The window ends before it starts /m,
    );
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^::error title=runbook lint::runbook lint exited with status 1 /m);
  });

  it('lint: escapes text from the files in the summary', () => {
    writeFileSync(
      path.join(workspace, 'ops', 'team', 'web.runbook.yaml'),
      BROKEN.replace('environment: staging', 'environment: staging\n"<img src=x>|": 1'),
    );
    const r = runAction({ 'working-directory': 'ops' });
    const row = r.summary.split('\n').find((l) => l.includes('RB002'));
    assert.ok(row, r.summary);
    assert.match(row, /\\<img src=x\\>\\\|/);
    assert.doesNotMatch(row, /[^\\][<|>]img|[^\\]<img/);
    assert.equal(row.split(/(?<!\\)\|/).length, 6, `a table row of four cells: ${row}`);
  });

  it('lint: fail-on-findings false keeps the step green but still reports', () => {
    const r = runAction({ paths: 'ops', 'fail-on-findings': 'false' });
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs.errors, '1');
  });

  it('lint: a path that does not exist fails the step with the reason, whatever fail-on-findings says', () => {
    const r = runAction({ paths: 'nowhere', 'fail-on-findings': 'false' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nowhere: no such file or folder/);
    assert.equal(r.outputs['exit-code'], '2');
  });

  it('metrics: the Markdown report in the job summary and the output', () => {
    const r = runAction({ command: 'metrics', paths: 'examples' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.summary, /^# Release metrics$/m);
    assert.equal(r.outputs.output, r.stdout.replace(/^::add-mask::.*\n/m, ''));
    assert.equal(r.outputs['exit-code'], '0');
  });

  it('submit: passes the token as GITHUB_TOKEN and masks it; a dry run files nothing', () => {
    const r = runAction({ command: 'submit', paths: 'examples/payments-api-2-14.runbook.yaml', args: '--dry-run' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^::add-mask::ghs_jobtoken$/m);
    assert.match(r.outputs.output, /^Dry run: would update the open issue in acme\/releases /m);
    assert.match(r.summary, /^### runbook submit\n\n```/m);
  });

  it('an unknown command fails with the commands it runs', () => {
    const r = runAction({ command: 'deploy' });
    assert.equal(r.status, 1);
    assert.match(
      r.stdout,
      /^::error title=runbook deploy::unknown command "deploy"; the action runs lint, submit, metrics/m,
    );
  });
});
