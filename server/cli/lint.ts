// `runbook lint [PATHS...]`: the editor's rules over the workspace formed by PATHS (docs/runbook-dsl.md, "The command line").
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunbookDiagnostic, SeverityOverrides } from '../core/diagnostics';
import { lintFile, releaseDocument } from '../core/run-rules';
import { fileKindOf } from '../core/source-file';
import { describeFsError, findWorkspaceFiles, readWorkspaceFileSync } from '../core/workspace-files';
import { WorkspaceIndex } from '../core/workspace-index';
import { formatDiagnostics, OutputFormat, OUTPUT_FORMATS } from './output-formats';
import { parseSeverityOption } from './severity-option';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { terminalText } from './terminal-text';
import { repositoryPath, repositoryRoot } from './repository-root';
import { addSources, SourcesFlags } from './calendar-sources';
import { parseCommandLine } from './command-line';

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  /** uri → path as given relative to the current folder. */
  paths: Map<string, string>;
}

/** Reads the files of PATHS into an index; returns an error line for exit status 2 instead. */
/**
 * `releaseDocuments`: keep each file's text, model and own findings but not its parsed YAML tree
 * (lint reads no tree after that; metrics reads change records from it, so it keeps them).
 * A third of the memory, and the collector's work shrinks with it.
 */
export async function loadWorkspace(
  inputs: string[],
  io: CliIO,
  options: { releaseDocuments?: boolean } = {},
): Promise<LoadedWorkspace | { error: string }> {
  const roots = (inputs.length ? inputs : ['.']).map((p) => path.resolve(io.cwd, p));
  for (const [i, root] of roots.entries()) {
    try {
      const stat = await fs.stat(root);
      if (stat.isFile() && !fileKindOf(root)) {
        return { error: `${inputs[i]}: not a runbook or calendar file (*.runbook.yaml, *.calendar.yaml)` };
      }
    } catch (error) {
      return { error: `${inputs[i] ?? root}: ${describeFsError(error)}` };
    }
  }
  const found = await findWorkspaceFiles(roots);
  if (found.problems.length) {
    const p = found.problems[0];
    return { error: `${path.relative(io.cwd, p.path) || p.path}: ${p.message}` };
  }
  const index = new WorkspaceIndex();
  const paths = new Map<string, string>();
  for (const file of found.files) {
    let text: string;
    try {
      // Synchronous on purpose: one awaited read per file cost a thread-pool round trip each,
      // a third of the time on a thousand files of a busy machine.
      text = readWorkspaceFileSync(file);
    } catch (error) {
      return { error: `${path.relative(io.cwd, file)}: ${describeFsError(error)}` };
    }
    const uri = pathToFileURL(file).href;
    index.set(uri, text);
    if (options.releaseDocuments) releaseDocument(index, uri);
    paths.set(uri, toPosix(path.relative(io.cwd, file)));
  }
  return { index, paths };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

const USAGE = `Usage: runbook lint [PATHS...] [--format text|json|sarif|github] [--severity CODE=LEVEL ...]
                   [--sources [--sources-cache DIR] [--api-url URL] [--offline]]

Checks the runbooks and calendars under PATHS (default: the current folder) with the editor's rules.
  --format FORMAT        text (default), json, sarif or github
  --severity CODE=LEVEL  raise or lower a rule: error, warning, information, hint or off (repeatable,
                         or comma-separated: --severity RB014=error,RB020=off)
  --sources              also check against the repositories the calendar names in \`sources\`
                         (GitHub API, token from GITHUB_TOKEN, cached in --sources-cache DIR;
                         --offline: the cache only); their own findings are not reported
Exit status: 0 no errors, 1 at least one error, 2 could not run.`;

export async function runLint(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    sources: { type: 'boolean' },
    offline: { type: 'boolean' },
    'sources-cache': { type: 'string' },
    'api-url': { type: 'string' },
    format: { type: 'string' },
    severity: { type: 'string', multiple: true },
  });
  if ('error' in parsed) return usage(io, parsed.error);
  const { values, positionals: inputs } = parsed;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const format = (values.format ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    return usage(io, `unknown format "${format}"; use ${OUTPUT_FORMATS.join(', ')}`);
  const overrides: SeverityOverrides = {};
  for (const option of values.severity ?? []) {
    const severity = parseSeverityOption(option);
    if ('error' in severity) return usage(io, severity.error);
    Object.assign(overrides, severity.overrides);
  }
  const sources: SourcesFlags = {
    sources: values.sources === true,
    offline: values.offline === true || undefined,
    cacheDir: values['sources-cache'],
    apiUrl: values['api-url'],
  };
  const loaded = await loadWorkspace(inputs, io, { releaseDocuments: true });
  if ('error' in loaded) {
    io.stderr(`runbook lint: ${terminalText(loaded.error)}\n`);
    return EXIT_USAGE;
  }
  const localUris = new Set(loaded.paths.keys());
  const added = await addSources(loaded, sources, io);
  if ('error' in added) return usage(io, added.error);
  for (const line of added.messages) io.stderr(`runbook lint: ${terminalText(line)}\n`);
  // Another team's files take part in the cross-file rules; their own findings are theirs to fix.
  const results = new Map(
    [...localUris].sort().map((uri) => [uri, lintFile(loaded.index, uri, { severityOverrides: overrides })]),
  );
  const diagnostics: (RunbookDiagnostic & { file: string })[] = [];
  // Code scanning and annotations resolve paths from the repository root wherever lint ran.
  const root = format === 'sarif' || format === 'github' ? repositoryRoot(io.cwd, io.env) : undefined;
  for (const [uri, list] of results) {
    const file = root ? repositoryPath(fileURLToPath(uri), root) : (loaded.paths.get(uri) ?? uri);
    for (const d of list) diagnostics.push({ ...d, file });
  }
  io.stdout(formatDiagnostics(diagnostics, format));
  return diagnostics.some((d) => d.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

function usage(io: CliIO, message: string): number {
  io.stderr(`runbook lint: ${message} (see runbook lint --help)\n`);
  return EXIT_USAGE;
}
