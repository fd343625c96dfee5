// Which runbook a release command is about: its argument (a file in the explorer or editor title,
// or an item of the tracking view), else the runbook in the tracking view, the active editor or the
// focused Go/No-Go Review panel (in the order that suits the command), else the user's pick among
// the workspace's runbooks, by window (soonest first) with status and problems.
import * as vscode from 'vscode';
import { boardDecision } from '../../protocol/change-status';
import { RUNBOOK_FILES_GLOB, SEARCH_EXCLUDE_GLOB } from '../../protocol/names';
import { CALENDAR_REQUEST, request } from '../../protocol/requests';
import { isRunbookUri, runbookUriOf } from '../runbook-uri';
import type { ReleaseNode } from '../../protocol/requests';
import type { ReleaseDeps } from './release-deps';
import { orderRunbookChoices, RunbookChoice } from './runbook-choices';

/** What the choice needs of the release's shared parts. */
export type TargetDeps = Pick<ReleaseDeps, 'tracker' | 'client' | 'statusStore' | 'focusedReview'>;

/** The windows looked up for the picker: from a month back to a year ahead. */
const PAST_MS = 30 * 24 * 60 * 60_000;
const AHEAD_MS = 365 * 24 * 60 * 60_000;

/** The runbook named by a command's argument (a URI, its string, or an item of the tracking view), if it names one. */
export function runbookFromArgument(arg: unknown): vscode.Uri | undefined {
  const node = arg as Partial<ReleaseNode> | undefined;
  if (node && typeof node === 'object' && !(node instanceof vscode.Uri) && typeof node.uri === 'string')
    return runbookUriOf(node.uri);
  return runbookUriOf(arg);
}

/**
 * `prefer` says which comes first when there is no argument: the active editor (reviewing and
 * starting a release) or the tracked release (acting on the release under way). A focused review
 * panel stands for its runbook (the palette works while it has focus).
 */
export async function targetRunbook(
  arg: unknown,
  deps: TargetDeps,
  prefer: 'editor' | 'tracked',
  purpose: string,
): Promise<vscode.Uri | undefined> {
  const fromArg = runbookFromArgument(arg);
  if (fromArg) return fromArg;
  const active = vscode.window.activeTextEditor?.document.uri;
  const review = deps.focusedReview?.();
  const tracked = deps.tracker.tracked();
  const order = prefer === 'editor' ? [review, active, tracked] : [tracked, review, active];
  const found = order.find(isRunbookUri);
  if (found) return found;
  const files = await vscode.workspace.findFiles(RUNBOOK_FILES_GLOB, SEARCH_EXCLUDE_GLOB, 2000);
  if (!files.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Release Runbooks: there is no *.runbook.yaml file in this workspace.'),
    );
    return undefined;
  }
  const items = orderRunbookChoices(await choicesOf(deps, files), Date.now());
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Release Runbooks: {0}', purpose),
    placeHolder: vscode.l10n.t('Which runbook? (soonest window first)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked ? vscode.Uri.parse(picked.uri) : undefined;
}

/** Each runbook with its window and outcome (the server's calendar), the board's status and its problem counts. */
async function choicesOf(deps: TargetDeps, files: vscode.Uri[]): Promise<RunbookChoice[]> {
  const now = Date.now();
  const events = new Map<
    string,
    { title: string | null; start: string; end: string; outcome: string | null; ticket: string | null }
  >();
  try {
    const calendar = await request(deps.client, CALENDAR_REQUEST, {
      from: new Date(now - PAST_MS).toISOString(),
      to: new Date(now + AHEAD_MS).toISOString(),
    });
    for (const e of calendar.events) {
      const key = vscode.Uri.parse(e.uri).toString();
      if (!events.has(key)) events.set(key, e);
    }
  } catch {
    // Without the calendar the files are still offered, by name.
  }
  return files.map((uri) => {
    const e = events.get(uri.toString());
    const start = e ? Date.parse(e.start) : NaN;
    const end = e ? Date.parse(e.end) : NaN;
    const diagnostics = vscode.languages.getDiagnostics(uri);
    const status = e?.ticket ? deps.statusStore?.get(e.ticket) : undefined;
    const cab = status ? boardDecision(status) : undefined;
    return {
      uri: uri.toString(),
      path: vscode.workspace.asRelativePath(uri),
      title: e?.title ?? undefined,
      window:
        Number.isFinite(start) && Number.isFinite(end)
          ? { start, end, startText: e!.start.slice(0, 16).replace('T', ' ') }
          : undefined,
      outcome: e?.outcome,
      cab,
      errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
      warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
    };
  });
}
