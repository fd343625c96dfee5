// `npm run bench` (scripts/bench.mjs builds, then runs this): generates the workspaces, measures
// the parse floor, `runbook lint`, our language server and the peer (yaml-language-server) on the
// same files in one run, and writes results.md and results.json.
//
//   --quick      small sizes only (under a minute)
//   --smallest   with --quick: the smallest size of each kind only (the smoke test)
//   --out DIR    where results.md and results.json go (default: bench/)
//   --edits N    edits typed into the large runbook (default 50; quick 12; smallest 6)
//   --no-peer    skip yaml-language-server
//   --hostile-only  measure only the hostile workspaces of issue 16 and merge them into the
//                results already in --out (the other figures keep their run's date)
import { DEFAULT_DEBOUNCE_MS } from '../server/lsp/server-settings';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { prepareWorkspace } from './prepare-workspaces';
import { median, runNode } from './process-measures';
import { renderMarkdown, evaluateTargets, BenchResults, GateResult, HostileResult, LintResult } from './report';
import { HOSTILE_KINDS } from './hostile-workspaces';
import { prepareHostileWorkspace } from './prepare-workspaces';
import { measureEdits, measureWorkspaceOpen, peerConfiguration, ServerCommand } from './server-measures';
import { INCREMENTAL_MARKER } from '../server/core/incremental/update-file';
import { measureLargeMessage } from './large-message';
import { measureBundle, measureReleaseDay } from './release-day';
import { measureSources } from './calendar-sources';
import { canMeasureCalendarViews, measureCalendarViews } from './calendar-views';
import { CHROMIUM } from '../test/webview-shared/page-harness';
import { SERVER_NODE_FLAGS } from '../protocol/names';

interface Plan {
  mode: 'full' | 'quick' | 'smallest';
  runbookSizes: number[];
  stepSizes: number[];
  openSizes: number[];
  completionSize: number;
  calendarSize: number;
  /** Workspace sizes `runbook gate` is timed on, against `runbook lint` on the same files. */
  gateSizes: number[];
  editSteps: number;
  edits: number;
  /** Size of the one large message sent to the server over stdio. */
  largeMessageMb: number;
  repeats: (files: number) => number;
  /** Runbooks of the hostile workspaces (bench/hostile-workspaces.ts). */
  hostileSize: number;
}

const SEED = 20261202;

function planFor(args: string[]): Plan {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const editsArg = value('--edits');
  if (args.includes('--smallest')) {
    return {
      mode: 'smallest',
      runbookSizes: [10],
      stepSizes: [100],
      openSizes: [10],
      completionSize: 10,
      calendarSize: 10,
      gateSizes: [10],
      editSteps: 100,
      edits: Number(editsArg ?? 6),
      largeMessageMb: 4,
      repeats: () => 1,
      hostileSize: 10,
    };
  }
  if (args.includes('--quick')) {
    return {
      mode: 'quick',
      runbookSizes: [10, 100],
      stepSizes: [100, 1000],
      openSizes: [100],
      completionSize: 100,
      calendarSize: 100,
      gateSizes: [100],
      editSteps: 1000,
      edits: Number(editsArg ?? 12),
      largeMessageMb: 40,
      repeats: () => 1,
      hostileSize: 100,
    };
  }
  return {
    mode: 'full',
    runbookSizes: [10, 100, 1000, 2000, 5000],
    stepSizes: [100, 1000, 5000],
    openSizes: [100, 1000, 2000, 5000],
    completionSize: 1000,
    calendarSize: 2000,
    gateSizes: [2000],
    editSteps: 5000,
    edits: Number(editsArg ?? 50),
    largeMessageMb: 40,
    repeats: (files) => (files <= 1100 ? 3 : 2),
    hostileSize: 300,
  };
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const plan = planFor(args);
  const root = process.cwd();
  const outIndex = args.indexOf('--out');
  const outDir = path.resolve(root, outIndex >= 0 ? args[outIndex + 1] : 'bench');
  const workDir = path.join(root, 'bench', 'work');
  const cli = path.join(root, 'dist', 'cli.js');
  const serverScript = path.join(root, 'dist', 'server.js');
  const floor = path.join(root, 'bench', 'floor.mjs');
  const peakProbe = path.join(workDir, 'bin', 'peak-memory.js');
  const peerScript = path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  const schema = path.join(root, 'schemas', 'runbook.schema.json');
  for (const required of [cli, serverScript, floor, peakProbe]) {
    if (!existsSync(required)) {
      process.stderr.write(
        `bench: ${path.relative(root, required)} is missing; run "npm run bench" (it builds first)\n`,
      );
      return 2;
    }
  }
  const withPeer = !args.includes('--no-peer') && existsSync(peerScript) && existsSync(schema);
  if (!withPeer && !args.includes('--no-peer'))
    log('yaml-language-server or schemas/runbook.schema.json not found: the peer is skipped');

  const started = performance.now();
  const loadStart = loadavg();
  log(`${plan.mode} run on ${cpus().length} cores, Node ${process.version}`);
  // Started as the extension starts it (client/language-client.ts), with the same Node flags.
  const ours: ServerCommand = { command: process.execPath, args: [...SERVER_NODE_FLAGS, serverScript, '--stdio'] };

  if (args.includes('--hostile-only')) {
    const previous = path.join(outDir, 'results.json');
    if (!existsSync(previous)) {
      process.stderr.write(
        `bench: --hostile-only merges into ${path.relative(root, previous)}, which is missing; run the bench once without it\n`,
      );
      return 2;
    }
    const results = JSON.parse(readFileSync(previous, 'utf8')) as BenchResults;
    results.hostile = await measureHostile(plan, workDir, root, cli, peakProbe, ours);
    results.hostileMeasuredAt = new Date().toISOString();
    results.targets = evaluateTargets(results);
    writeFileSync(previous, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(outDir, 'results.md'), renderMarkdown(results));
    log(`merged the hostile workspaces into ${path.relative(root, path.join(outDir, 'results.md'))}`);
    return 0;
  }

  // 1. Workspaces, generated once per seed and generator version.
  const runbookSpaces = plan.runbookSizes.map((n) => prepareWorkspace(workDir, 'runbooks', n, SEED));
  const stepSpaces = plan.stepSizes.map((n) => prepareWorkspace(workDir, 'steps', n, SEED));
  const openSpaces = plan.openSizes.map(
    (n) => runbookSpaces.find((w) => w.runbooks === n) ?? prepareWorkspace(workDir, 'runbooks', n, SEED),
  );

  // 2. The floor and `runbook lint`, alternated on the same files so that a busy moment hits both.
  const lint: LintResult[] = [];
  for (const workspace of [...runbookSpaces, ...stepSpaces]) {
    const repeats = plan.repeats(workspace.files);
    const floorRuns: number[] = [];
    const floorParse: number[] = [];
    const lintRuns: number[] = [];
    let floorPeak = 0;
    let lintPeak = 0;
    let diagnostics = 0;
    for (let r = 0; r < repeats; r++) {
      const f = await runNode(floor, [workspace.dir], peakProbe, root);
      if (f.exitCode !== 0) throw new Error(`the floor failed on ${workspace.name}: ${f.stderr}`);
      floorRuns.push(f.wallMs);
      floorParse.push(JSON.parse(f.stdout).ms);
      floorPeak = Math.max(floorPeak, f.peakRssBytes ?? 0);
      const l = await runNode(cli, ['lint', workspace.dir, '--format', 'json'], peakProbe, root);
      if (l.exitCode !== 0 && l.exitCode !== 1)
        throw new Error(`runbook lint could not run on ${workspace.name} (exit ${l.exitCode}): ${l.stderr}`);
      lintRuns.push(l.wallMs);
      lintPeak = Math.max(lintPeak, l.peakRssBytes ?? 0);
      diagnostics = (JSON.parse(l.stdout) as unknown[]).length;
    }
    const result: LintResult = {
      workspace: workspace.name,
      runbooks: workspace.runbooks,
      steps: workspace.steps,
      files: workspace.files,
      bytes: workspace.bytes,
      lines: workspace.lines,
      floorMs: median(floorRuns),
      floorParseMs: median(floorParse),
      lintMs: median(lintRuns),
      ratio: median(lintRuns) / median(floorRuns),
      floorPeakRssBytes: floorPeak || undefined,
      lintPeakRssBytes: lintPeak || undefined,
      diagnostics,
      floorRunsMs: floorRuns,
      lintRunsMs: lintRuns,
    };
    lint.push(result);
    log(
      `${workspace.name}: floor ${result.floorMs.toFixed(0)} ms, lint ${result.lintMs.toFixed(0)} ms (${result.ratio.toFixed(2)}x), ${diagnostics} diagnostics`,
    );
  }

  // 2b. `runbook gate` against `runbook lint` on the same files, alternated: the deployment of the
  // workspace's first runbook, asked at its window's start, offline (no GitHub in a benchmark).
  const gate: GateResult[] = [];
  for (const size of plan.gateSizes) {
    const workspace =
      runbookSpaces.find((w) => w.runbooks === size) ?? prepareWorkspace(workDir, 'runbooks', size, SEED);
    const first = readFileSync(workspace.firstRunbook, 'utf8');
    const field = (pattern: RegExp) => pattern.exec(first)?.[1] ?? '';
    const query = {
      service: field(/^service: (.+)$/m),
      environment: field(/^environment: (.+)$/m),
      at: field(/^ {2}start: (\S+)/m),
    };
    const gateRuns: number[] = [];
    const lintRuns: number[] = [];
    let exitCode = -1;
    for (let r = 0; r < plan.repeats(workspace.files); r++) {
      const g = await runNode(
        cli,
        [
          'gate',
          workspace.dir,
          '--service',
          query.service,
          '--environment',
          query.environment,
          '--at',
          query.at,
          '--offline',
          '--format',
          'json',
        ],
        undefined,
        root,
      );
      if (g.exitCode !== 0 && g.exitCode !== 1)
        throw new Error(`runbook gate could not decide on ${workspace.name} (exit ${g.exitCode}): ${g.stderr}`);
      exitCode = g.exitCode;
      gateRuns.push(g.wallMs);
      const l = await runNode(cli, ['lint', workspace.dir, '--format', 'json'], undefined, root);
      lintRuns.push(l.wallMs);
    }
    const result: GateResult = {
      workspace: workspace.name,
      runbooks: workspace.runbooks,
      files: workspace.files,
      ...query,
      exitCode,
      gateMs: median(gateRuns),
      lintMs: median(lintRuns),
      ratio: median(gateRuns) / median(lintRuns),
      gateRunsMs: gateRuns,
      lintRunsMs: lintRuns,
    };
    gate.push(result);
    log(
      `${workspace.name}: gate ${result.gateMs.toFixed(0)} ms, lint ${result.lintMs.toFixed(0)} ms (${result.ratio.toFixed(2)}x)`,
    );
  }

  // 3. The large runbook's own parse floor: parseDocument on that one file.
  const editSpace =
    stepSpaces.find((w) => w.steps === plan.editSteps) ?? prepareWorkspace(workDir, 'steps', plan.editSteps, SEED);
  const largeFile = editSpace.largeFile!;
  // The first parse in a fresh process (cold) and later ones (warm, as in a running server).
  const largeParse: number[] = [];
  const largeWarm: number[] = [];
  for (let r = 0; r < 3; r++) {
    const run = JSON.parse((await runNode(floor, ['--repeat', '4', largeFile], undefined, root)).stdout) as {
      ms: number;
      repeats: number[];
    };
    largeParse.push(run.ms);
    largeWarm.push(...run.repeats.slice(1));
  }
  log(
    `${path.basename(largeFile)}: yaml parse ${median(largeParse).toFixed(0)} ms cold, ${median(largeWarm).toFixed(0)} ms warm`,
  );

  // 4. Our server over stdio.
  const opens: BenchResults['server']['open'] = [];
  let completion: BenchResults['server']['completion'];
  let calendar: BenchResults['server']['calendar'];
  for (const workspace of openSpaces) {
    const openFile = workspace.firstRunbook;
    const result = await measureWorkspaceOpen(ours, workspace.dir, workspace.files, openFile, {
      completions: workspace.runbooks === plan.completionSize ? 30 : undefined,
      calendarYear: workspace.runbooks === plan.calendarSize ? 2026 : undefined,
    });
    const floorOfSame = lint.find((l) => l.workspace === workspace.name);
    opens.push({
      workspace: workspace.name,
      ...result,
      floorMs: floorOfSame?.floorMs,
      ratio: floorOfSame ? result.firstDiagnosticsMs / floorOfSame.floorMs : undefined,
    });
    if (result.completion) completion = { workspace: workspace.name, ...result.completion };
    if (result.calendar) calendar = { workspace: workspace.name, ...result.calendar };
    log(
      `server on ${workspace.name}: first diagnostics ${result.firstDiagnosticsMs.toFixed(0)} ms, all ${result.allDiagnosticsMs.toFixed(0)} ms, ${((result.residentBytes ?? 0) / 2 ** 20).toFixed(0)} MB resident`,
    );
  }

  // 5. Edits in the large runbook: ours as shipped, ours without its debounce, and the peer.
  const asShipped = await measureEdits(ours, largeFile, plan.edits, {
    folder: editSpace.dir,
    languageId: 'runbook-yaml',
    debounceMs: `default (${DEFAULT_DEBOUNCE_MS})`,
  });
  log(
    `ours, edits as shipped: median ${asShipped.edits.median.toFixed(0)} ms, p95 ${asShipped.edits.p95.toFixed(0)} ms`,
  );
  const noDebounce = await measureEdits(ours, largeFile, plan.edits, {
    languageId: 'runbook-yaml',
    initializationOptions: { debounceMs: 0 },
    debounceMs: 0,
  });
  log(
    `ours, edits without debounce: median ${noDebounce.edits.median.toFixed(0)} ms; open ${noDebounce.openToDiagnosticsMs?.toFixed(0)} ms`,
  );
  // While dist/server.js re-parses whole files, the same server with incremental re-parsing wired
  // in (bench/incremental-server.ts) shows what the wiring gives.
  let preview: BenchResults['server']['edits']['incrementalPreview'];
  const incremental = serverReparsesIncrementally(serverScript);
  const previewScript = path.join(workDir, 'bin', 'incremental-server.js');
  if (!incremental && existsSync(previewScript)) {
    const previewServer: ServerCommand = { command: process.execPath, args: [previewScript, '--stdio'] };
    const shipped = await measureEdits(previewServer, largeFile, plan.edits, {
      folder: editSpace.dir,
      languageId: 'runbook-yaml',
      debounceMs: `default (${DEFAULT_DEBOUNCE_MS})`,
    });
    const undebounced = await measureEdits(previewServer, largeFile, plan.edits, {
      languageId: 'runbook-yaml',
      initializationOptions: { debounceMs: 0 },
      debounceMs: 0,
    });
    preview = { asShipped: shipped, noDebounce: undebounced };
    log(
      `with incremental re-parsing wired in: median ${shipped.edits.median.toFixed(0)} ms as shipped, ${undebounced.edits.median.toFixed(0)} ms without debounce`,
    );
  }
  let peer: BenchResults['server']['edits']['peer'];
  if (withPeer) {
    const configuration = peerConfiguration(schema);
    const peerResult = await measureEdits(
      { command: process.execPath, args: [peerScript, '--stdio'] },
      largeFile,
      plan.edits,
      {
        languageId: 'yaml',
        configuration,
        debounceMs: 'fixed (200)',
        afterInitialize: (session) =>
          session.notify('workspace/didChangeConfiguration', { settings: { yaml: configuration('yaml') } }),
      },
    );
    peer = peerResult;
    log(
      `peer, edits: median ${peerResult.edits.median.toFixed(0)} ms; open ${peerResult.openToDiagnosticsMs?.toFixed(0)} ms`,
    );
  }

  // 6. One very large message over stdio: received in time linear in its size.
  const largeMessage = await measureLargeMessage(ours, plan.largeMessageMb);
  log(
    `a ${(largeMessage.bytes / 2 ** 20).toFixed(0)} MB message received and parsed: median ${largeMessage.medianMs.toFixed(0)} ms`,
  );

  // 7. The hostile workspaces of issue 16.
  const hostile = await measureHostile(plan, workDir, root, cli, peakProbe, ours);

  // 8. Release day and the metrics through the server, with today's way on the same files (issue 13).
  const releaseSizes = plan.mode === 'full' ? [200, 2000] : plan.mode === 'quick' ? [200] : [10];
  const releaseDay: BenchResults['releaseDay'] = [];
  for (const size of releaseSizes) {
    const figures = await measureReleaseDay(
      ours,
      prepareWorkspace(workDir, 'released', size, SEED),
      plan.mode === 'full' ? 11 : plan.mode === 'quick' ? 5 : 2,
    );
    releaseDay.push(figures);
    log(
      `release day on ${figures.workspace}: go/no-go ${figures.server.goNoGo.median.toFixed(0)} ms (today ${figures.today.goNoGo.median.toFixed(0)}), transition ${figures.server.transition.median.toFixed(0)} ms (today ${figures.today.transition.median.toFixed(0)}), report ${figures.server.statusReport.median.toFixed(0)} ms, metrics ${figures.server.metrics.median.toFixed(0)} ms`,
    );
  }
  // 9. Calendar sources (issue 20): other teams' repositories through the GitHub stand-in.
  const sourceSize = plan.mode === 'full' ? [20, 100] : plan.mode === 'quick' ? [5, 50] : [2, 5];
  const sources = await measureSources(sourceSize[0], sourceSize[1]);
  log(
    `sources: ${sources.repositories} × ${sources.runbooksPerRepository} runbooks cold ${sources.coldMs.toFixed(0)} ms (${sources.coldRequests} requests), warm ${sources.warmMs.toFixed(0)} ms (${sources.warmRequests} requests, ${sources.warmNotModified} answered 304)`,
  );
  // 10. The calendar webview switching views over a year of runbooks, in Chromium.
  const viewSize = plan.mode === 'full' ? 2000 : plan.mode === 'quick' ? 500 : 100;
  const calendarViews = canMeasureCalendarViews()
    ? await measureCalendarViews(viewSize, plan.mode === 'full' ? 10 : 3)
    : undefined;
  log(
    calendarViews
      ? `calendar views over ${viewSize} runbooks, slowest click: ${Object.entries(calendarViews.views)
          .map(([view, t]) => `${view} ${t.max.toFixed(0)} ms`)
          .join(', ')}`
      : `calendar views not measured: no ${CHROMIUM}`,
  );
  const bundle = await measureBundle(root, workDir);
  log(`extension bundle ${(bundle.extensionBytes / 1024).toFixed(0)} KB, loaded in ${bundle.loadMs.toFixed(0)} ms`);

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    mode: plan.mode,
    seed: SEED,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      totalMemoryBytes: totalmem(),
      loadAverageAtStart: loadStart.map((v) => Number(v.toFixed(2))),
      loadAverageAtEnd: loadavg().map((v) => Number(v.toFixed(2))),
    },
    durationSeconds: (performance.now() - started) / 1000,
    lint,
    gate,
    largeFile: {
      workspace: editSpace.name,
      steps: editSpace.steps!,
      bytes: editSpace.bytes,
      lines: editSpace.lines,
      yamlParseMs: median(largeParse),
      yamlParseWarmMs: median(largeWarm),
      yamlParseRunsMs: largeParse,
    },
    server: {
      open: opens,
      completion,
      calendar,
      incrementalReparse: incremental,
      edits: {
        file: path.relative(root, largeFile),
        ours: asShipped,
        oursNoDebounce: noDebounce,
        incrementalPreview: preview,
        peer,
      },
      largeMessage,
    },
    hostile,
    releaseDay,
    sources,
    calendarViews,
    bundle,
    targets: [],
  };
  results.targets = evaluateTargets(results);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'results.md'), renderMarkdown(results));
  log(
    `wrote ${path.relative(root, path.join(outDir, 'results.md'))} and results.json in ${results.durationSeconds.toFixed(0)} s`,
  );
  return 0;
}

/**
 * Each hostile workspace against a normal one of the same size (bench/generate-workspace.ts with
 * as many runbooks as make the same number of bytes: the same runbooks plus a few hundred freezes,
 * or about four times as many runbooks when each names all others): `runbook lint` of the two
 * alternated, then our server opening the hostile one with completions sent while it works.
 */
async function measureHostile(
  plan: Plan,
  workDir: string,
  root: string,
  cli: string,
  peakProbe: string,
  ours: ServerCommand,
): Promise<HostileResult[]> {
  const base = prepareWorkspace(workDir, 'runbooks', plan.hostileSize, SEED);
  const baseOpen = await measureWorkspaceOpen(ours, base.dir, base.files, base.firstRunbook, {
    completionWhileIndexing: true,
  });
  const out: HostileResult[] = [];
  for (const kind of HOSTILE_KINDS) {
    const workspace = prepareHostileWorkspace(workDir, kind, plan.hostileSize, SEED);
    const sameSize = Math.max(
      plan.hostileSize,
      Math.round((plan.hostileSize * workspace.bytes) / base.bytes / 10) * 10,
    );
    const normal = sameSize === plan.hostileSize ? base : prepareWorkspace(workDir, 'runbooks', sameSize, SEED);
    const lintRuns: number[] = [];
    const normalRuns: number[] = [];
    let diagnostics = 0;
    for (let r = 0; r < plan.repeats(workspace.files); r++) {
      const n = await runNode(cli, ['lint', normal.dir, '--format', 'json'], peakProbe, root);
      if (n.exitCode !== 0 && n.exitCode !== 1)
        throw new Error(`runbook lint could not run on ${normal.name} (exit ${n.exitCode}): ${n.stderr}`);
      normalRuns.push(n.wallMs);
      const h = await runNode(cli, ['lint', workspace.dir, '--format', 'json'], peakProbe, root);
      if (h.exitCode !== 0 && h.exitCode !== 1)
        throw new Error(`runbook lint could not run on ${workspace.name} (exit ${h.exitCode}): ${h.stderr}`);
      lintRuns.push(h.wallMs);
      diagnostics = (JSON.parse(h.stdout) as unknown[]).length;
    }
    const open = await measureWorkspaceOpen(ours, workspace.dir, workspace.files, workspace.firstRunbook, {
      completionWhileIndexing: true,
      completions: 20,
    });
    const result: HostileResult = {
      workspace: workspace.name,
      normal: normal.name,
      runbooks: workspace.runbooks,
      files: workspace.files,
      bytes: workspace.bytes,
      normalBytes: normal.bytes,
      lintMs: median(lintRuns),
      normalLintMs: median(normalRuns),
      ratio: median(lintRuns) / median(normalRuns),
      diagnostics,
      lintRunsMs: lintRuns,
      normalLintRunsMs: normalRuns,
      completionAtOpenMs: open.completionAtOpenMs,
      normalCompletionAtOpenMs: baseOpen.completionAtOpenMs,
      completionWhileChecking: open.completionWhileChecking,
      completion: open.completion,
      allDiagnosticsMs: open.allDiagnosticsMs,
    };
    out.push(result);
    log(
      `${workspace.name}: lint ${result.lintMs.toFixed(0)} ms vs ${normal.name} ${result.normalLintMs.toFixed(0)} ms (${result.ratio.toFixed(2)}x); completion at open ${open.completionAtOpenMs?.toFixed(0)} ms (${base.name} ${baseOpen.completionAtOpenMs?.toFixed(0)} ms), while checking max ${open.completionWhileChecking?.max.toFixed(0) ?? '-'} ms over ${open.completionWhileChecking?.count ?? 0}`,
    );
  }
  return out;
}

/** Whether the built server re-parses edited files in pieces (server/core/incremental wired into the LSP layer). */
function serverReparsesIncrementally(serverScript: string): boolean {
  return readFileSync(serverScript, 'utf8').includes(INCREMENTAL_MARKER);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
