// The GitHub Action (action.yml): runs a `runbook` command the way the runner asks for it
// (INPUT_* variables), and answers through the runner's files: outputs (GITHUB_OUTPUT), the job
// summary (GITHUB_STEP_SUMMARY) and annotations (workflow commands on stdout).
// Bundled into action/index.js, which is committed: the runner builds nothing.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeBlock, inlineText } from '../core/change-request/markdown-text';
import { CliIO } from '../cli/io';
import { main } from '../cli/main';

/** What the action adds around one command; a new command plugs in with one line in COMMANDS. */
interface CommandStep {
  /** Runs the command; returns its exit status. */
  run(command: string, argv: string[], ctx: ActionContext): Promise<number>;
}

interface ActionContext {
  cwd: string;
  env: Record<string, string | undefined>;
  input(name: string): string;
  setOutput(name: string, value: string): void;
  summary(markdown: string): void;
}

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function capture(argv: string[], ctx: ActionContext): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd: ctx.cwd, env: ctx.env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await main(argv, io);
  // Errors about the run itself (a wrong flag, a missing path) reach the log as they are.
  if (stderr) process.stderr.write(stderr);
  return { code, stdout, stderr };
}

/** Any command: its output is the `output` output and a code block in the job summary. */
const plainStep: CommandStep = {
  async run(command, argv, ctx) {
    const r = await capture([command, ...argv], ctx);
    process.stdout.write(r.stdout);
    ctx.setOutput('output', r.stdout);
    ctx.summary(
      [`### runbook ${inlineText(command)}`, '', ...codeBlock(r.stdout || r.stderr || '(no output)'), ''].join('\n'),
    );
    return r.code;
  },
};

/** `runbook metrics` writes Markdown by default: the summary shows it as the report it is. */
const metricsStep: CommandStep = {
  async run(command, argv, ctx) {
    if (argv.some((a) => a === '--format' || a.startsWith('--format='))) return plainStep.run(command, argv, ctx);
    const r = await capture([command, ...argv], ctx);
    process.stdout.write(r.stdout);
    ctx.setOutput('output', r.stdout);
    ctx.summary(`${r.stdout || r.stderr}\n`);
    return r.code;
  },
};

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

/** `runbook lint`: annotations, counts, a SARIF file for code scanning and a table of findings. */
const lintStep: CommandStep = {
  async run(command, argv, ctx) {
    const annotations = await capture([command, ...argv, '--format', 'github'], ctx);
    if (annotations.code > 1) return annotations.code;
    process.stdout.write(annotations.stdout);
    const sarif = await capture([command, ...argv, '--format', 'sarif'], ctx);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] }).runs[0].results;
    const count = (level: string) => results.filter((r) => r.level === level).length;
    const [errors, warnings, notes] = [count('error'), count('warning'), count('note')];
    ctx.setOutput('errors', String(errors));
    ctx.setOutput('warnings', String(warnings));
    ctx.setOutput('notes', String(notes));
    const sarifFile = ctx.input('sarif-file');
    if (sarifFile) {
      const target = path.resolve(ctx.env.GITHUB_WORKSPACE ?? ctx.cwd, sarifFile);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, sarif.stdout);
      ctx.setOutput('sarif-file', target);
    }
    const lines = [
      `### runbook lint: ${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')}, ${notes} ${plural(notes, 'note')}`,
      '',
    ];
    if (results.length) {
      lines.push('| severity | where | rule | message |', '| --- | --- | --- | --- |');
      for (const r of results) {
        const at = r.locations[0]?.physicalLocation;
        lines.push(
          `| ${r.level} | ${at ? inlineText(`${at.artifactLocation.uri}:${at.region.startLine}`) : ''} | ${inlineText(r.ruleId)} | ${inlineText(r.message.text)} |`,
        );
      }
    } else {
      lines.push('No findings.');
    }
    ctx.summary(`${lines.join('\n')}\n\n`);
    return sarif.code;
  },
};

const COMMANDS: Record<string, CommandStep> = {
  lint: lintStep,
  submit: plainStep,
  metrics: metricsStep,
  gate: plainStep,
};

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** Inputs as the runner passes them: INPUT_ and the name upper-cased, spaces as underscores. */
function readInput(env: Record<string, string | undefined>, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** A list input: one item a line, or separated by spaces when given on one line. */
function listInput(text: string): string[] {
  return (text.includes('\n') ? text.split('\n') : text.split(/\s+/)).map((s) => s.trim()).filter(Boolean);
}

/** A value for GITHUB_OUTPUT in the heredoc form, with a delimiter the value cannot contain. */
function outputRecord(name: string, value: string): string {
  let delimiter = `runbook_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `runbook_${randomUUID()}`;
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Workflow-command data escaping (%, CR, LF), for the failure message. */
function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export async function runAction(env: Record<string, string | undefined> = process.env): Promise<number> {
  const input = (name: string) => readInput(env, name);
  const command = input('command') || 'lint';
  const step = COMMANDS[command];
  const fail = (message: string) => {
    process.stdout.write(`::error title=runbook ${commandData(command)}::${commandData(message)}\n`);
    return 1;
  };
  if (!step) return fail(`unknown command "${command}"; the action runs ${Object.keys(COMMANDS).join(', ')}`);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const cwd = path.resolve(workspace, input('working-directory') || '.');
  const token = input('github-token');
  // The token reaches `runbook submit` as GITHUB_TOKEN; the runner hides it in the log.
  if (token) process.stdout.write(`::add-mask::${commandData(token)}\n`);
  const ctx: ActionContext = {
    cwd,
    env: { ...env, ...(token ? { GITHUB_TOKEN: token } : {}) },
    input,
    setOutput: (name, value) => {
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputRecord(name, value));
    },
    summary: (markdown) => {
      if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
    },
  };
  const argv = [...listInput(input('paths')), ...listInput(input('args'))];
  const code = await step.run(command, argv, ctx);
  ctx.setOutput('exit-code', String(code));
  if (code === 0) return 0;
  if (code === 1 && input('fail-on-findings') === 'false') return 0;
  return fail(
    `runbook ${command} exited with status ${code}${code === 1 ? ' (findings; see the annotations and the job summary)' : ''}`,
  );
}

runAction().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stdout.write(`::error title=runbook action::${commandData((error as Error)?.stack ?? String(error))}\n`);
    process.exitCode = 1;
  },
);
