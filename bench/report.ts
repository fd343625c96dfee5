// The benchmark's results: their shape (results.json), the issue's targets checked against them,
// and results.md, a table with absolute figures and the ratios to the floor and to the peer.
import type { SourcesFigures } from './calendar-sources';
import type { CalendarViewsFigures } from './calendar-views';
import type { BundleFigures, ReleaseDayFigures } from './release-day';
import { DEFAULT_DEBOUNCE_MS } from '../server/lsp/server-settings';
import type { EditResult, Stats, WorkspaceOpenResult } from './server-measures';

export interface LintResult {
  workspace: string;
  runbooks: number;
  steps?: number;
  files: number;
  bytes: number;
  lines: number;
  /** The floor process, spawn to exit: node, reading the files, yaml's parseDocument on each. */
  floorMs: number;
  /** The floor's own timing of reading and parsing, without node's start. */
  floorParseMs: number;
  /** `node dist/cli.js lint DIR --format json`, spawn to exit. */
  lintMs: number;
  ratio: number;
  floorPeakRssBytes?: number;
  lintPeakRssBytes?: number;
  diagnostics: number;
  floorRunsMs: number[];
  lintRunsMs: number[];
}

/** A hostile workspace of issue 16 against a normal workspace of the same size in bytes (bench/hostile-workspaces.ts). */
export interface HostileResult {
  workspace: string;
  normal: string;
  runbooks: number;
  files: number;
  bytes: number;
  normalBytes: number;
  lintMs: number;
  normalLintMs: number;
  ratio: number;
  diagnostics: number;
  lintRunsMs: number[];
  normalLintRunsMs: number[];
  /** Our server: a completion sent right after opening a runbook (it waits for the workspace to be read). */
  completionAtOpenMs?: number;
  /** The same for the normal workspace, for comparison. */
  normalCompletionAtOpenMs?: number;
  /** Completions sent while the server checks the workspace (from the first publication to the last file's). */
  completionWhileChecking?: Stats;
  /** Completion once every file has diagnostics. */
  completion?: Stats;
  allDiagnosticsMs: number;
}

/** `node dist/cli.js gate DIR --service S --environment E --at START --offline --format json` against lint on the same files. */
export interface GateResult {
  workspace: string;
  runbooks: number;
  files: number;
  service: string;
  environment: string;
  at: string;
  /** The gate's answer on the last run: 0 allowed, 1 blocked (both are decisions). */
  exitCode: number;
  gateMs: number;
  lintMs: number;
  /** gate / lint. */
  ratio: number;
  gateRunsMs: number[];
  lintRunsMs: number[];
}

export interface Target {
  target: string;
  limit: string;
  measured: string;
  met: boolean | null;
}

export interface BenchResults {
  generatedAt: string;
  mode: 'full' | 'quick' | 'smallest';
  seed: number;
  machine: {
    cores: number;
    cpu: string;
    node: string;
    platform: string;
    totalMemoryBytes: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  durationSeconds: number;
  lint: LintResult[];
  gate: GateResult[];
  largeFile: {
    workspace: string;
    steps: number;
    bytes: number;
    lines: number;
    yamlParseMs: number;
    yamlParseWarmMs: number;
    yamlParseRunsMs: number[];
  };
  server: {
    open: (WorkspaceOpenResult & { workspace: string; floorMs?: number; ratio?: number })[];
    completion?: Stats & { workspace: string };
    calendar?: Stats & { workspace: string; events: number; firstMs?: number };
    /** Whether dist/server.js re-parses only the edited piece of a file. */
    incrementalReparse: boolean;
    edits: {
      file: string;
      ours: EditResult;
      oursNoDebounce: EditResult;
      /** Only while dist/server.js does not re-parse incrementally: the same server with it wired in. */
      incrementalPreview?: { asShipped: EditResult; noDebounce: EditResult };
      peer?: EditResult;
    };
    /** One large message over stdio, from its first byte to the server having read it. */
    largeMessage?: { bytes: number; runsMs: number[]; medianMs: number };
  };
  hostile?: HostileResult[];
  /** When the hostile figures were measured apart from the rest (`--hostile-only`). */
  hostileMeasuredAt?: string;
  /** Issue 13: release day and the metrics through the server, and today's way on the same files. */
  releaseDay?: ReleaseDayFigures[];
  bundle?: BundleFigures;
  /** Issue 20: calendar sources read through the GitHub stand-in. */
  sources?: SourcesFigures;
  /** The calendar webview switching views, in Chromium; absent where there is no chromium. */
  calendarViews?: CalendarViewsFigures;
  targets: Target[];
}

const ms = (value: number | undefined) =>
  value === undefined ? '—' : value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
const ratio = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
const kb = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`;

export function evaluateTargets(r: BenchResults): Target[] {
  const targets: Target[] = [];
  const lint1000 = r.lint.find((l) => l.workspace === 'runbooks-1000');
  targets.push({
    target: '`runbook lint` of 1,000 runbooks',
    limit: '≤ 2× the parse floor',
    measured: lint1000
      ? `${ms(lint1000.lintMs)} vs floor ${ms(lint1000.floorMs)}: ${ratio(lint1000.ratio)}`
      : 'not measured in this mode',
    met: lint1000 ? lint1000.ratio <= 2 : null,
  });
  const gate2000 = r.gate?.find((g) => g.workspace === 'runbooks-2000');
  targets.push({
    target: '`runbook gate` on 2,000 runbooks',
    limit: '≤ 2× `runbook lint` on them',
    measured: gate2000
      ? `${ms(gate2000.gateMs)} vs lint ${ms(gate2000.lintMs)}: ${ratio(gate2000.ratio)}`
      : 'not measured in this mode',
    met: gate2000 ? gate2000.ratio <= 2 : null,
  });
  const e = r.server.edits;
  const big = r.largeFile;
  const preview = e.incrementalPreview?.asShipped;
  // Against the warm parse (the faster of the two, as a running server would parse).
  const toParse = e.ours.edits.median / big.yamlParseWarmMs;
  targets.push({
    target: `Edit-to-diagnostics, ${big.steps}-step runbook (median of ${e.ours.edits.count}; p95 ${ms(e.ours.edits.p95)})`,
    limit: '≤ 0.5× a full `yaml` parse of the file',
    measured:
      `${ms(e.ours.edits.median)} vs parse ${ms(big.yamlParseWarmMs)} (warm; ${ms(big.yamlParseMs)} cold): ${ratio(toParse)}` +
      (preview
        ? `; dist/server.js re-parses whole files — with incremental re-parse wired in: ${ms(preview.edits.median)}, ${ratio(preview.edits.median / big.yamlParseWarmMs)}`
        : ''),
    met: big.steps >= 5000 ? toParse <= 0.5 : null,
  });
  const toPeer = e.peer ? e.ours.edits.median / e.peer.edits.median : undefined;
  targets.push({
    target: `Edit-to-diagnostics, ${big.steps}-step runbook, against yaml-language-server`,
    limit: '≤ 0.25× the peer',
    measured: e.peer
      ? `${ms(e.ours.edits.median)} vs ${ms(e.peer.edits.median)}: ${ratio(toPeer)}` +
        (preview ? `; with incremental re-parse wired in: ${ratio(preview.edits.median / e.peer.edits.median)}` : '')
      : 'peer not run',
    met: e.peer && big.steps >= 5000 ? toPeer! <= 0.25 : null,
  });
  const open1000 = r.server.open.find((o) => o.workspace === 'runbooks-1000');
  targets.push({
    target: 'Opening 1,000 runbooks: first diagnostics',
    limit: '≤ 2× the parse floor',
    measured: open1000
      ? `${ms(open1000.firstDiagnosticsMs)} vs floor ${ms(open1000.floorMs)}: ${ratio(open1000.ratio)} (open file ${ms(open1000.openFileDiagnosticsMs)}, all files ${ms(open1000.allDiagnosticsMs)})`
      : 'not measured in this mode',
    met: open1000 && open1000.ratio !== undefined ? open1000.ratio <= 2 : null,
  });
  const open2000 = r.server.open.find((o) => o.workspace === 'runbooks-2000');
  targets.push({
    target: 'Server memory with 2,000 runbooks indexed',
    limit: '≤ 150 MB resident',
    measured: open2000 ? mb(open2000.residentBytes) : 'not measured in this mode',
    met: open2000 && open2000.residentBytes !== undefined ? open2000.residentBytes <= 150 * 2 ** 20 : null,
  });
  const cal = r.server.calendar;
  targets.push({
    target: '`runbook/calendar` for a year over 2,000 runbooks',
    limit: '≤ 100 ms',
    measured: cal
      ? `median ${ms(cal.median)}, p95 ${ms(cal.p95)} over ${cal.count} requests (${cal.events} events, ${cal.workspace})${cal.firstMs !== undefined ? `; the first request after start ${ms(cal.firstMs)}` : ''}`
      : 'not measured in this mode',
    met: cal && cal.workspace === 'runbooks-2000' ? cal.p95 <= 100 : null,
  });
  const large = r.server.largeMessage;
  targets.push({
    target: 'A 40 MB message received over stdio',
    limit: '≤ 1 s',
    measured: large
      ? `${(large.bytes / 2 ** 20).toFixed(0)} MB: median ${ms(large.medianMs)} (${large.runsMs.map((v) => ms(v)).join(', ')})`
      : 'not measured',
    met: large && large.bytes >= 40 * 2 ** 20 ? large.medianMs <= 1000 : null,
  });
  for (const h of r.hostile ?? []) {
    targets.push({
      target: `\`runbook lint\` of the hostile workspace ${h.workspace}`,
      limit: '< 2× a normal workspace of the same size',
      measured: `${ms(h.lintMs)} vs ${ms(h.normalLintMs)} (${h.normal}): ${ratio(h.ratio)}`,
      met: h.runbooks >= 300 ? h.ratio < 2 : null,
    });
    const c = h.completionWhileChecking;
    targets.push({
      target: `Completion while ${h.workspace} is indexed and checked`,
      limit: '≤ 100 ms',
      measured: c
        ? `max ${ms(c.max)} (median ${ms(c.median)}) over ${c.count} requests while the server checked the files; p95 ${ms(h.completion?.p95)} once it had`
        : `the checks ended before a request could be sent; p95 ${ms(h.completion?.p95)} after`,
      met: h.runbooks >= 300 ? Math.max(c?.max ?? 0, h.completion?.p95 ?? 0) <= 100 : null,
    });
  }
  targets.push(...releaseDayTargets(r));
  const views = r.calendarViews;
  targets.push({
    target: `Switching the calendar's view (month, week, agenda), ${views ? `${views.runbooks.toLocaleString('en')} runbooks` : '2,000 runbooks'} over a year`,
    limit: '≤ 400 ms a click',
    measured: views
      ? Object.entries(views.views)
          .map(([view, t]) => `${view} ${ms(t.median)} (slowest ${ms(t.max)})`)
          .join(', ') + ` over ${views.rounds} rounds`
      : 'not measured (no chromium)',
    met: views && views.runbooks >= 2000 ? Object.values(views.views).every((t) => t.max <= 400) : null,
  });
  if (r.sources) {
    const s = r.sources;
    targets.push({
      target: `calendar sources, ${s.repositories} repositories unchanged: one conditional request each, answered 304`,
      limit: `${s.repositories} requests, all 304`,
      measured: `${s.warmRequests} requests, ${s.warmNotModified} answered 304`,
      met: s.warmRequests === s.repositories && s.warmNotModified === s.repositories,
    });
    targets.push({
      target: 'calendar sources, one file changed: its tree and its blob only',
      limit: `${s.repositories + 1} requests`,
      measured: `${s.changedRequests} requests`,
      met: s.changedRequests === s.repositories + 1,
    });
  }
  return targets;
}

const RELEASE_DAY_LIMITS: Record<number, { click: number; report: number }> = {
  200: { click: 100, report: 500 },
  2000: { click: 300, report: 1500 },
};

function releaseDayTargets(r: BenchResults): Target[] {
  const targets: Target[] = [];
  for (const [size, limit] of Object.entries(RELEASE_DAY_LIMITS).map(([n, l]) => [Number(n), l] as const)) {
    const f = r.releaseDay?.find((d) => d.runbooks === size);
    const before = (server: Stats, today: Stats) => `${ms(server.median)} (today's way ${ms(today.median)})`;
    targets.push({
      target: `${size.toLocaleString('en')} runbooks: go/no-go evaluation and a step transition (request to applied edit), median`,
      limit: `≤ ${ms(limit.click)}`,
      measured: f
        ? `gates ${before(f.server.goNoGo, f.today.goNoGo)}; transition ${before(f.server.transition, f.today.transition)}`
        : 'not measured in this mode',
      met: f ? f.server.goNoGo.median <= limit.click && f.server.transition.median <= limit.click : null,
    });
    targets.push({
      target: `${size.toLocaleString('en')} runbooks: weekly status report and the metrics panel's data, median`,
      limit: `≤ ${ms(limit.report)}`,
      measured: f
        ? `report ${before(f.server.statusReport, f.today.statusReport)}; metrics ${before(f.server.metrics, f.today.metrics)}`
        : 'not measured in this mode',
      met: f ? f.server.statusReport.median <= limit.report && f.server.metrics.median <= limit.report : null,
    });
  }
  const big = r.releaseDay?.find((d) => d.runbooks === 2000);
  targets.push({
    target: 'Server memory with 2,000 runbooks after the release-day and metrics requests, once idle',
    limit: '≤ 150 MB resident',
    measured: big
      ? `${mb(big.settledResidentBytes)} within 4 s of the last answer (${mb(big.residentBytes)} right after it)`
      : 'not measured in this mode',
    met: big && big.settledResidentBytes !== undefined ? big.settledResidentBytes <= 150 * 2 ** 20 : null,
  });
  const b = r.bundle;
  targets.push({
    target: '`dist/extension.js` (production build)',
    limit: '≤ 400 KB (1.2 MB before issue 13)',
    measured: b
      ? `${kb(b.extensionBytes)}; loading it takes ${ms(b.loadMs)} (median of ${b.loadRunsMs.length} fresh Node processes, \`vscode\` stubbed); loaded on first use: ${
          Object.entries(b.lazyBytes ?? {})
            .map(([f, n]) => `${f} ${kb(n)}`)
            .join(', ') || 'none'
        }`
      : 'not measured',
    met: b ? b.extensionBytes <= 400 * 1024 : null,
  });
  return targets;
}

export function renderMarkdown(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine;
  lines.push('# Benchmark results', '');
  lines.push(
    `Generated by \`npm run bench${r.mode === 'full' ? '' : ` -- --${r.mode}`}\` on ${r.generatedAt.slice(0, 10)}: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}, ` +
      `load average ${m.loadAverageAtStart.join(' / ')} at the start and ${m.loadAverageAtEnd.join(' / ')} at the end; ${r.durationSeconds.toFixed(0)} s in all. ` +
      `Workspaces are generated from seed ${r.seed} (bench/generate-workspace.ts). Times are wall-clock medians; the ratios compare figures taken in the same run, on the same files.`,
    '',
  );
  lines.push('## Targets', '', '| target | limit | measured | met |', '| --- | --- | --- | --- |');
  for (const t of r.targets)
    lines.push(
      `| ${t.target} | ${t.limit} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'yes' : '**no**'} |`,
    );
  lines.push('');

  lines.push('## `runbook lint` against the parse floor', '');
  lines.push(
    "The floor is `node bench/floor.mjs DIR`: the same files read and parsed with `yaml`'s `parseDocument`, nothing else. `runbook lint` is `node dist/cli.js lint DIR --format json`. Both are timed from spawn to exit.",
    '',
  );
  lines.push(
    '| workspace | files | size | floor | lint | ours/floor | floor peak RSS | lint peak RSS | diagnostics |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const l of r.lint) {
    lines.push(
      `| ${l.workspace} | ${l.files} | ${kb(l.bytes)}, ${l.lines} lines | ${ms(l.floorMs)} | ${ms(l.lintMs)} | ${ratio(l.ratio)} | ${mb(l.floorPeakRssBytes)} | ${mb(l.lintPeakRssBytes)} | ${l.diagnostics} |`,
    );
  }
  lines.push('');

  lines.push('## `runbook gate` against `runbook lint`', '');
  lines.push(
    "`runbook gate DIR --service S --environment E --at START --offline --format json` for the workspace's first runbook at its window's start, and `runbook lint DIR --format json`, alternated on the same files, each timed from spawn to exit. The gate reads every file (the calendar and the dependencies live anywhere) but lints only the runbook found and the calendars.",
    '',
  );
  lines.push(
    '| workspace | files | query | answer | gate | lint | gate/lint |',
    '| --- | ---: | --- | --- | ---: | ---: | ---: |',
  );
  for (const g of r.gate ?? []) {
    lines.push(
      `| ${g.workspace} | ${g.files} | ${g.service} to ${g.environment} at ${g.at} | ${g.exitCode === 0 ? 'allowed' : 'blocked'} | ${ms(g.gateMs)} | ${ms(g.lintMs)} | ${ratio(g.ratio)} |`,
    );
  }
  lines.push('');

  lines.push('## Language server over stdio', '');
  lines.push(
    "Opening a workspace: from `initialize` (the server just spawned) to the first `publishDiagnostics`, to the open file's, and to every file's; a `documentSymbol` request sent right after opening the file, while the workspace is read; resident memory once every file has diagnostics.",
    '',
  );
  lines.push(
    '| workspace | first diagnostics | floor | ours/floor | open file | all files | request while indexing | resident |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const o of r.server.open) {
    lines.push(
      `| ${o.workspace} | ${ms(o.firstDiagnosticsMs)} | ${ms(o.floorMs)} | ${ratio(o.ratio)} | ${ms(o.openFileDiagnosticsMs)} | ${ms(o.allDiagnosticsMs)} | ${ms(o.requestWhileIndexingMs)} | ${mb(o.residentBytes)} |`,
    );
  }
  lines.push('');
  if (r.server.completion)
    lines.push(
      `Completion (${r.server.completion.workspace}, ${r.server.completion.count} requests): median ${ms(r.server.completion.median)}, p95 ${ms(r.server.completion.p95)}.`,
      '',
    );
  if (r.server.calendar)
    lines.push(
      `\`runbook/calendar\` for 2026 (${r.server.calendar.workspace}, ${r.server.calendar.events} events, ${r.server.calendar.count} requests): median ${ms(r.server.calendar.median)}, p95 ${ms(r.server.calendar.p95)}${r.server.calendar.firstMs !== undefined ? `; the first request after the server started (zone tables built, code not yet optimised) ${ms(r.server.calendar.firstMs)}, not counted in those` : ''}.`,
      '',
    );

  if (r.hostile?.length) {
    lines.push('## Hostile workspaces (issue 16)', '');
    lines.push(
      `Each is the normal generated workspace of the same runbooks with one hostile change (bench/hostile-workspaces.ts): 300 recurring freezes with INTERVAL>1 and no \`from\`; every runbook depending on every other one; 300 freezes whose rules never occur. ` +
        `\`runbook lint\` of each alternates with \`runbook lint\` of a normal generated workspace of the same size in bytes (the same runbooks for the freezes; about four times as many runbooks where every runbook names all the others). Completion is sent right after a runbook is opened (the server answers it once the workspace is read, as for the normal workspace), then again and again while the server checks the files, then 20 times once every file has diagnostics.` +
        (r.hostileMeasuredAt
          ? ` Measured on ${r.hostileMeasuredAt.slice(0, 16).replace('T', ' ')} UTC with \`--hostile-only\`, apart from the figures above.`
          : ''),
      '',
    );
    lines.push(
      '| workspace | size | normal workspace | lint | normal lint | hostile/normal | diagnostics | server: all files | completion at open (normal of the same runbooks) | completion while checking (median / max, requests) | completion after (median / p95) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const h of r.hostile) {
      const c = h.completionWhileChecking;
      lines.push(
        `| ${h.workspace} | ${kb(h.bytes)} | ${h.normal}, ${kb(h.normalBytes)} | ${ms(h.lintMs)} | ${ms(h.normalLintMs)} | ${ratio(h.ratio)} | ${h.diagnostics} | ${ms(h.allDiagnosticsMs)} | ${ms(h.completionAtOpenMs)} (${ms(h.normalCompletionAtOpenMs)}) | ${c ? `${ms(c.median)} / ${ms(c.max)}, ${c.count}` : '—'} | ${ms(h.completion?.median)} / ${ms(h.completion?.p95)} |`,
      );
    }
    lines.push('');
  }

  const e = r.server.edits;
  const big = r.largeFile;
  lines.push(`## Editing the ${big.steps}-step runbook (${kb(big.bytes)}, ${big.lines} lines)`, '');
  lines.push(
    `Each edit mistypes a step's timeout (\`2m\` → \`2x\`) or mends it, at steps spread over the file, and is timed from \`didChange\` to the publication that shows it. ` +
      `A full \`yaml\` parse of the file takes ${ms(big.yamlParseWarmMs)} warm (${ms(big.yamlParseMs)} as a fresh process's first parse). ` +
      `${r.server.incrementalReparse ? 'The server re-parses only the edited step (server/core/incremental).' : '**dist/server.js does not use server/core/incremental yet: it re-parses the whole file on every edit.**'} The peer is Red Hat's yaml-language-server with schemas/runbook.schema.json; it waits a fixed 200 ms before validating, ours waits ${DEFAULT_DEBOUNCE_MS} ms by default (setting \`debounceMs\`).`,
    '',
  );
  lines.push(
    '| server | open to diagnostics | edit median | edit p95 | edits | edit/parse | ours/peer |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const row = (name: string, x: EditResult | undefined, showPeer: boolean) => {
    if (!x) return;
    const toPeer = showPeer && e.peer ? ratio(x.edits.median / e.peer.edits.median) : '—';
    lines.push(
      `| ${name} | ${ms(x.openToDiagnosticsMs)} | ${ms(x.edits.median)} | ${ms(x.edits.p95)} | ${x.edits.count} | ${ratio(x.edits.median / big.yamlParseWarmMs)} | ${toPeer} |`,
    );
  };
  row(`ours, as shipped (workspace folder, debounce ${DEFAULT_DEBOUNCE_MS} ms)`, e.ours, true);
  row('ours, debounce 0 (file alone)', e.oursNoDebounce, true);
  if (e.incrementalPreview) {
    row(
      `ours + incremental re-parse wired in, debounce ${DEFAULT_DEBOUNCE_MS} ms (bench/incremental-server.ts)`,
      e.incrementalPreview.asShipped,
      true,
    );
    row('ours + incremental re-parse wired in, debounce 0', e.incrementalPreview.noDebounce, true);
  }
  row('yaml-language-server (file alone)', e.peer, false);
  lines.push('');
  if (e.incrementalPreview) {
    lines.push(
      '`dist/server.js` re-parses the whole file on every edit; the rows marked "incremental re-parse wired in" run the same server with `store.parseStep = incrementalParseStep` ' +
        '(server/core/incremental/update-file.ts), which is what the targets above become once the LSP layer makes that call.',
      '',
    );
  }
  if (r.releaseDay?.length) {
    lines.push('## Release day and the metrics (issue 13)', '');
    lines.push(
      'The extension asks the language server, which holds the workspace. "Today\'s way" is the path before issue 13 on the same files in the same run: the extension host read and parsed every runbook and calendar for each click, timed here in-process with the same core functions and no editor file API in between, so the editor took longer than this. ' +
        'A transition is timed from the request to the edit applied (didChange sent) and the tracking view redrawn from the next `runbook/releaseState`; the metrics after an edit, so the change records are computed again.',
      '',
    );
    lines.push(
      '| workspace | server ready | go/no-go | transition | weekly report | metrics panel | server resident |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of r.releaseDay) {
      const cell = (s: Stats, t: Stats) => `${ms(s.median)} (p95 ${ms(s.p95)}); today ${ms(t.median)}`;
      lines.push(
        `| ${f.workspace} | ${ms(f.serverReadyMs)} | ${cell(f.server.goNoGo, f.today.goNoGo)} | ${cell(f.server.transition, f.today.transition)} | ${cell(f.server.statusReport, f.today.statusReport)} | ${cell(f.server.metrics, f.today.metrics)} | ${mb(f.residentBytes)} |`,
      );
    }
    lines.push('');
  }
  if (r.sources) {
    const s = r.sources;
    lines.push('## Calendar sources (issue 20)', '');
    lines.push(
      `${s.repositories} repositories × ${s.runbooksPerRepository} runbooks read through the GitHub stand-in on 127.0.0.1 (which validates every request and answer against GitHub's OpenAPI description, most of the time below), then indexed. ` +
        `Cold: ${ms(s.coldMs)}, ${s.coldRequests} requests (a tree and the blobs of each repository; ${s.indexedFiles} files indexed). ` +
        `Warm, nothing changed: ${ms(s.warmMs)}, ${s.warmRequests} requests, ${s.warmNotModified} answered 304 (free of rate limit). ` +
        `After one file changed: ${s.changedRequests} requests. Requests GitHub would refuse: ${s.validationProblems}.`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
