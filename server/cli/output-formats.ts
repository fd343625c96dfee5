// The four output formats of `runbook lint` (docs/runbook-dsl.md, "The command line").
import { createHash } from 'node:crypto';
import type { RunbookDiagnostic, Severity } from '../core/diagnostics';
import { ALL_RULES } from '../core/rules';
import { terminalText, terminalTextKeepingLineBreaks } from './terminal-text';
import { VERSION } from './version';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type FileDiagnostic = RunbookDiagnostic & { file: string };

export function formatDiagnostics(list: FileDiagnostic[], format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(list.map(toJson), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(list), null, 2)}\n`;
    case 'github':
      return list
        .map(toGithub)
        .map((l) => `${l}\n`)
        .join('');
    default:
      return list
        .map(toText)
        .map((l) => `${l}\n`)
        .join('');
  }
}

/** `file:line:col severity CODE message`, one line whatever the file name and message hold. */
function toText(d: FileDiagnostic): string {
  return `${terminalText(d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${terminalText(d.message)}`;
}

function toJson(d: FileDiagnostic) {
  return { file: d.file, range: d.range, severity: d.severity, code: d.code, message: d.message };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

const DOCS_URL = 'https://github.com/release-runbooks/release-runbooks/blob/main/docs/runbook-dsl.md';

/** The rule's section in docs/runbook-dsl.md (each has an `<a id="rb001">` anchor). */
export function ruleHelpUri(code: string): string {
  return `${DOCS_URL}#${code.toLowerCase()}`;
}

/**
 * Code scanning matches a finding across commits by this: rule, file and message (which names
 * the thing concerned), not the line, so moving a runbook's text does not reopen an alert; the
 * same finding twice in a file is told apart by its count.
 */
function fingerprints(list: FileDiagnostic[]): string[] {
  const seen = new Map<string, number>();
  return list.map((d) => {
    const hash = createHash('sha256').update(`${d.code}\0${d.file}\0${d.message}`).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

function toSarif(list: FileDiagnostic[]) {
  const prints = fingerprints(list);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runbook',
            semanticVersion: VERSION,
            informationUri: DOCS_URL,
            rules: ALL_RULES.map((rule) => ({
              id: rule.code,
              shortDescription: { text: rule.description },
              helpUri: ruleHelpUri(rule.code),
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        results: list.map((d, i) => ({
          ruleId: d.code,
          partialFingerprints: { 'runbookFinding/v1': prints[i] },
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriReference(d.file) },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** A relative path as a URI reference: `fix #12.runbook.yaml` is `fix%20%2312.runbook.yaml`, not a fragment. */
function uriReference(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

const GITHUB_COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

// Workflow commands: data escapes %, CR, LF; properties also escape : and ,. Other control
// characters (a terminal escape would colour the log) are made visible first.
export function escapeData(text: string): string {
  return terminalTextKeepingLineBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function toGithub(d: FileDiagnostic): string {
  const props = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.range.start.line + 1}`,
    `col=${d.range.start.character + 1}`,
    `endLine=${d.range.end.line + 1}`,
    `endColumn=${d.range.end.character + 1}`,
    `title=${escapeProperty(d.code)}`,
  ].join(',');
  return `::${GITHUB_COMMAND[d.severity]} ${props}::${escapeData(`${d.code} ${d.message}`)}`;
}
