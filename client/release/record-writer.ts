// Writes a transition into the runbook: the language server computes the edit (or refuses, saying
// why), the editor applies that one span and saves the file at once, so that the file on disk is
// the state even if VS Code closes the next second. Writes are queued: two quick clicks never race.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RecordEditResult, ReviewDecision, TextEditAt } from '../../protocol/requests';
import type { ReleaseState } from '../../server/core/release/release-state';
import type { Transition } from '../../server/core/release/transitions';
import type { ReleaseGitHub } from './release-github';
import { transitionOf } from './release-server';
import type { UserHandles } from './user-handle';

export type RecordResult =
  | { ok: true; state: ReleaseState; changed: boolean }
  | {
      ok: false;
      error: string;
      /** An override with a reason would lift the refusal. */ needsWindowOverride?: boolean;
    };

export class RecordWriter implements vscode.Disposable {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a transition was written and saved. */
  readonly onDidRecord = this.emitter.event;
  private readonly transitions = new vscode.EventEmitter<RecordedTransition>();
  /** Fires after a transition changed the record (release-day announcements listen). */
  readonly onDidTransition = this.transitions.event;

  constructor(
    private readonly client: LanguageClient,
    private readonly handles: UserHandles,
    private readonly github: ReleaseGitHub,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Records a transition by the current user; mirrors the status comment unless told not to.
   * `background` writes (the status comment's id) never save someone's unsaved edits: they wait.
   */
  record(
    uri: vscode.Uri,
    transition: Transition | ReviewDecision,
    options: { mirror?: boolean; by?: string; background?: boolean } = {},
  ): Promise<RecordResult> {
    const run = async (): Promise<RecordResult> => {
      const by = options.by ?? (await this.handles.get(uri));
      if (!by) return { ok: false, error: 'nothing was recorded: the record needs your GitHub handle' };
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.isDirty) {
        if (options.background)
          return { ok: false, error: `${vscode.workspace.asRelativePath(uri)} has unsaved changes; not written now` };
        // The file is saved with the record, so unsaved edits would go along: ask first.
        const save = vscode.l10n.t('Save Them with the Record');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t(
            'Release Runbooks: {0} has unsaved changes. The record is saved at once, and your changes with it.',
            vscode.workspace.asRelativePath(uri),
          ),
          { modal: true },
          save,
        );
        if (choice !== save)
          return {
            ok: false,
            error: 'nothing was recorded: the runbook has unsaved changes (save or revert them first)',
          };
      }
      const before = document.getText();
      const result = await transitionOf(this.client, {
        uri: uri.toString(),
        text: before,
        transition,
        by,
        now: Date.now(),
      });
      if (!result.ok) return result;
      if (result.changed && result.edit) {
        const applied = await applyAndSave(document, before, result.edit);
        if (!applied.ok) return applied;
        this.log.info(
          `Recorded ${transition.kind === 'review-decision' ? 'decide' : transition.kind} in ${vscode.workspace.asRelativePath(uri)} as ${by}`,
        );
      }
      this.emitter.fire(uri);
      if (result.changed) this.transitions.fire({ uri, transition, state: result.state });
      if (options.mirror !== false && result.changed)
        void this.github.mirrorStatus(uri, (u, id) => this.storeCommentId(u, id, by));
      return { ok: true, state: result.state, changed: result.changed };
    };
    return this.enqueue(run);
  }

  /**
   * Writes an edit the server computes from the saved runbook's text (an announcement's record,
   * the release notes), queued with the transitions and saved at once. A runbook with unsaved
   * changes is left alone: nothing is written.
   */
  writeEdit(
    uri: vscode.Uri,
    compute: (text: string) => Promise<RecordEditResult>,
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    return this.enqueue(async () => {
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.isDirty)
        return {
          ok: false,
          error: `${vscode.workspace.asRelativePath(uri)} has unsaved changes; save or revert them first`,
        };
      const before = document.getText();
      const result = await compute(before);
      if (!result.ok) return result;
      if (result.edit) {
        const applied = await applyAndSave(document, before, result.edit);
        if (!applied.ok) return applied;
      }
      this.emitter.fire(uri);
      return { ok: true };
    });
  }

  private enqueue<T extends { ok: boolean }>(run: () => Promise<T>): Promise<T | { ok: false; error: string }> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => ({
      ok: false as const,
      error: error instanceof Error ? error.message : String(error),
    }));
  }

  private async storeCommentId(uri: vscode.Uri, commentId: number, by: string): Promise<void> {
    const result = await this.record(
      uri,
      { kind: 'set-status-comment', commentId },
      { mirror: false, by, background: true },
    );
    if (!result.ok)
      this.log.warn(`The status comment's id ${commentId} could not be kept in the record: ${result.error}`);
  }

  dispose(): void {
    this.emitter.dispose();
    this.transitions.dispose();
  }
}

export interface RecordedTransition {
  uri: vscode.Uri;
  transition: Transition | ReviewDecision;
  /** The release after it. */
  state: ReleaseState;
}

/** Applies the server's one span to the document (unchanged since `before`) and saves it. */
async function applyAndSave(
  document: vscode.TextDocument,
  before: string,
  edit: TextEditAt,
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (document.getText() !== before)
    return { ok: false, error: 'the runbook changed while recording; nothing was written, try again' };
  const { start, end } = edit.range;
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(
    document.uri,
    new vscode.Range(start.line, start.character, end.line, end.character),
    edit.newText,
  );
  if (!(await vscode.workspace.applyEdit(workspaceEdit)))
    return { ok: false, error: 'the editor refused the edit (is the file read-only?); nothing was recorded' };
  if (!(await document.save()))
    return { ok: false, error: 'the record is in the editor but the file could not be saved; save it by hand now' };
  return { ok: true };
}
