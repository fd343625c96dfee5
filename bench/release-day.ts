// Release day and the metrics as the extension asks for them (issue 13): the language server's
// requests over stdio, and, side by side on the same files, today's way before it, which the
// extension host did itself: read and parse every runbook for each click. That old path is timed
// in-process with the same core functions (no editor file API in between), so it is a lower bound
// of what the editor took. Also the extension bundle's size and the time to load it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { workspaceFilePaths } from '../test/helpers/index-folder';
import {
  GO_NO_GO_REQUEST,
  GoNoGoResult,
  METRICS_REQUEST,
  MetricsResult,
  RELEASE_STATE_REQUEST,
  RELEASE_TRANSITION_REQUEST,
  ReleaseStateResult,
  ReleaseTransitionResult,
  STATUS_REPORT_REQUEST,
  StatusReportResult,
} from '../protocol/requests';
import { lintFile } from '../server/core/run-rules';
import { changeRecords } from '../server/core/metrics/change-records';
import { computeMetrics } from '../server/core/metrics/compute-metrics';
import { weeklyStatusReport } from '../server/core/metrics/status-report';
import type { RunbookModel } from '../server/core/model';
import { evaluateGates } from '../server/core/release/gates';
import { proposeWindow } from '../server/core/release/proposed-window';
import { releaseState } from '../server/core/release/release-state';
import { timeBudget } from '../server/core/release/time-budget';
import { applyTransition } from '../server/core/release/transitions';
import { minimalEdit } from '../server/core/yaml-edit/text-edit';
import { WorkspaceIndex } from '../server/core/workspace-index';
import { runNode, median } from './process-measures';
import type { PreparedWorkspace } from './prepare-workspaces';
import { CLIENT_CAPABILITIES, ServerCommand, startServer, stats, Stats } from './server-measures';
import type { LspClient } from '../test/helpers/lsp-client';

export interface ReleaseDayFigures {
  workspace: string;
  runbooks: number;
  /** From initialize to the first answer read from the whole workspace. */
  serverReadyMs: number;
  server: { goNoGo: Stats; transition: Stats; statusReport: Stats; metrics: Stats };
  /** Today's path before this change, the same work in-process, read and parsed per click. */
  today: { goNoGo: Stats; transition: Stats; statusReport: Stats; metrics: Stats };
  residentBytes?: number;
  /** The lowest resident memory over the 4 s after the last answer: what the server keeps once idle. */
  settledResidentBytes?: number;
}

export interface BundleFigures {
  /** dist/extension.js as shipped (minified). */
  extensionBytes: number;
  /** The bundles beside it that it loads on first use (Octokit, markdown-it), by file name. */
  lazyBytes: Record<string, number>;
  /** Loading and evaluating that file in a fresh Node process (`vscode` stubbed), median. */
  loadMs: number;
  loadRunsMs: number[];
}

const NOW = Date.parse('2026-12-02T20:00:00Z');
const BY = '@bench';

/** What client/release/workspace-snapshot.ts did for every click: every file read and parsed. */
async function readWorkspace(dir: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  await Promise.all(
    workspaceFilePaths(dir).map(async (file) => index.set(pathToFileURL(file).href, await readFile(file, 'utf8'))),
  );
  return index;
}

async function timed(repeats: number, run: (i: number) => Promise<unknown>): Promise<Stats> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return stats(times);
}

async function todayPath(
  workspace: PreparedWorkspace,
  uri: string,
  text: string,
  repeats: number,
): Promise<ReleaseDayFigures['today']> {
  const runbookOf = (index: WorkspaceIndex) => index.get(uri)!.model as RunbookModel;
  const goNoGo = await timed(repeats, async () => {
    const index = await readWorkspace(workspace.dir);
    const runbook = runbookOf(index);
    const state = releaseState(runbook, index.zoneFor(runbook));
    const diagnostics = lintFile(index, uri, { onRuleError: () => undefined });
    evaluateGates({ index, runbook, diagnostics, record: state.record, changeUnknownReason: 'not read yet' });
    proposeWindow(index, runbook, NOW);
  });
  const transition = await timed(repeats, async () => {
    // The transition, then the tracking view's refresh (a second read), as the record writer did.
    const index = await readWorkspace(workspace.dir);
    const result = applyTransition(
      uri,
      text,
      { kind: 'start-step', list: 'steps', id: firstStepId(text), withoutGo: true },
      { by: BY, now: NOW, zone: index.zoneFor(runbookOf(index)) },
    );
    if (!result.ok) throw new Error(result.error);
    minimalEdit(text, result.text);
    const again = await readWorkspace(workspace.dir);
    const runbook = runbookOf(again);
    timeBudget(releaseState(runbook, again.zoneFor(runbook)), again.windowOf(runbook), NOW);
  });
  const statusReport = await timed(repeats, async () => {
    const index = await readWorkspace(workspace.dir);
    changeRecords(index);
    weeklyStatusReport(index, { now: NOW });
  });
  const metrics = await timed(repeats, async () => {
    const index = await readWorkspace(workspace.dir);
    const { changes, problems } = changeRecords(index);
    computeMetrics(changes, { zone: index.calendar().zone, by: 'week', group: 'service' }, problems);
  });
  return { goNoGo, transition, statusReport, metrics };
}

function firstStepId(text: string): string {
  const id = /^steps:\n {2}- id: (\S+)/m.exec(text)?.[1];
  if (!id) throw new Error('the runbook has no first step');
  return id;
}

/** The server as the extension uses it: open the runbook, then the requests of each click. */
async function serverPath(
  server: ServerCommand,
  workspace: PreparedWorkspace,
  uri: string,
  text: string,
  repeats: number,
): Promise<Omit<ReleaseDayFigures, 'workspace' | 'runbooks' | 'today'>> {
  const session = await startServer(server, { configuration: () => ({}) });
  try {
    const t0 = performance.now();
    const rootUri = pathToFileURL(workspace.dir).href;
    await session.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'release-runbooks-bench' },
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: workspace.name }],
      capabilities: CLIENT_CAPABILITIES,
      initializationOptions: {},
    });
    await session.notify('initialized', {});
    // runbook/calendar waits for the first read of the workspace: then every answer is whole.
    await session.request('runbook/calendar', { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' });
    const serverReadyMs = performance.now() - t0;
    let version = 1;
    await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'runbook', version, text } });
    const setText = (next: string) =>
      session.notify('textDocument/didChange', {
        textDocument: { uri, version: ++version },
        contentChanges: [{ text: next }],
      });
    const evidence = { changeUnknownReason: 'not read yet' };
    const goNoGo = await timed(repeats, async () => {
      const answer = await session.request<GoNoGoResult>(GO_NO_GO_REQUEST, { uri, now: NOW, ...evidence });
      if (answer.partial || !answer.view.gates.length) throw new Error('no gates');
    });
    const transition = await timed(repeats, async () => {
      // Request to applied edit: the edit, the editor's change (didChange), the view's refresh.
      const result = await session.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: BY,
        now: NOW,
        transition: {
          kind: 'start-step',
          list: 'steps',
          id: firstStepId(text),
          withoutGo: true,
          windowOverride: 'timed outside the window',
        },
      });
      if (!result.ok || !result.edit) throw new Error(result.ok ? 'no edit' : result.error);
      await setText(applyEdit(text, result.edit));
      const state = await session.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri, now: NOW });
      if (!state.currentStepId) throw new Error('the step is not running after the edit');
    }).finally(() => setText(text));
    const statusReport = await timed(repeats, async () => {
      const answer = await session.request<StatusReportResult>(STATUS_REPORT_REQUEST, {
        now: NOW,
        cab: {},
        retrospectives: [],
        metricWeeks: 4,
        readGitHistory: false,
      });
      if (!answer.ok) throw new Error('no report');
    });
    // An edit before each: the change records are computed again, not taken from the last answer.
    const metrics = await timed(repeats, async (i) => {
      await setText(`${text}\n# edit ${i}\n`);
      const answer = await session.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'week', group: 'service' },
        readGitHistory: false,
      });
      if (answer.type !== 'report') throw new Error(answer.message);
    });
    const residentBytes = session.residentBytes();
    return {
      serverReadyMs,
      server: { goNoGo, transition, statusReport, metrics },
      residentBytes,
      settledResidentBytes: await settledResident(session),
    };
  } finally {
    await session.stop();
  }
}

/** Samples resident memory for 4 s after the last request (the server collects once idle). */
async function settledResident(session: LspClient): Promise<number | undefined> {
  let lowest = session.residentBytes();
  for (let i = 0; i < 16; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = session.residentBytes();
    if (now !== undefined && (lowest === undefined || now < lowest)) lowest = now;
  }
  return lowest;
}

function applyEdit(
  text: string,
  edit: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  },
): string {
  const offset = (p: { line: number; character: number }) => {
    let at = 0;
    for (let line = 0; line < p.line; line++) at = text.indexOf('\n', at) + 1;
    return at + p.character;
  };
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

export async function measureReleaseDay(
  server: ServerCommand,
  workspace: PreparedWorkspace,
  repeats: number,
): Promise<ReleaseDayFigures> {
  // The release under way: the first runbook (in path order) not finished yet.
  const file = workspaceFilePaths(workspace.dir)
    .filter((f) => f.endsWith('.runbook.yaml'))
    .sort()
    .find((f) => !/^outcome:/m.test(readFileSync(f, 'utf8')));
  if (!file) throw new Error(`${workspace.name} has no unfinished runbook`);
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const served = await serverPath(server, workspace, uri, text, repeats);
  const today = await todayPath(workspace, uri, text, Math.max(3, Math.ceil(repeats / 2)));
  return { workspace: workspace.name, runbooks: workspace.runbooks, ...served, today };
}

/**
 * dist/extension.js as `node esbuild.mjs --production` bundles it (with the bundles it loads on
 * first use beside it), and the time Node takes to load it. `root` may be another checkout of the
 * project (its own esbuild.mjs), to compare with.
 */
export async function measureBundle(root: string, workDir: string, repeats = 5): Promise<BundleFigures> {
  // esbuild from the repository's node_modules at run time: its API cannot be bundled into the bench.
  const { build } = createRequire(path.join(root, 'package.json'))('esbuild') as typeof import('esbuild');
  const outdir = path.join(workDir, 'bin', `bundles-${path.basename(root)}`);
  const built = await runNode(path.join(root, 'esbuild.mjs'), ['--production', '--outdir', outdir], undefined, root);
  if (built.exitCode !== 0) throw new Error(`node esbuild.mjs --production failed: ${built.stderr}`);
  const outfile = path.join(outdir, 'extension.js');
  const loader = path.join(workDir, 'bin', 'load-extension.js');
  await build({
    stdin: {
      contents: `
        const Module = require('module');
        const load = Module._load;
        // The editor's API, stubbed: loading the bundle only reads what its top level touches.
        // l10n is an own property: the bundle reads texts through it while it loads.
        const stub = new Proxy(Object.assign(function () {}, { l10n: { t: (message) => message } }), { get: (t, k) => (k === 'then' ? undefined : k === 'l10n' ? t.l10n : stub), apply: () => stub, construct: () => stub });
        Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
        const started = performance.now();
        require(process.argv[2]);
        process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
      `,
      loader: 'js',
    },
    outfile: loader,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const loadRunsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await runNode(loader, [outfile], undefined, root);
    if (run.exitCode !== 0) throw new Error(`loading the extension bundle failed: ${run.stderr}`);
    loadRunsMs.push((JSON.parse(run.stdout) as { ms: number }).ms);
  }
  const lazyBytes: Record<string, number> = {};
  for (const name of ['github-client.js', 'change-request-preview.js'])
    if (existsSync(path.join(outdir, name))) lazyBytes[name] = statSync(path.join(outdir, name)).size;
  return { extensionBytes: statSync(outfile).size, lazyBytes, loadMs: median(loadRunsMs), loadRunsMs };
}
