// Writes a transition into the runbook: the core computes the new text (or refuses, saying why),
// the editor applies the one changed span and saves the file at once, so that the file on disk is
// the state even if VS Code closes the next second. Writes are queued: two quick clicks never race.
import * as vscode from 'vscode';
import { releaseState, ReleaseState } from '../../server/core/release/release-state';
import { applyTransition, Transition } from '../../server/core/release/transitions';
import { minimalEdit } from '../../server/core/release/yaml-edits';
import type { WorkspaceIndex } from '../../server/core/workspace-index';
import type { ReleaseGitHub } from './release-github';
import type { UserHandles } from './user-handle';
import { workspaceSnapshot } from './workspace-snapshot';

export type RecordResult = { ok: true; state: ReleaseState; changed: boolean } | { ok: false; error: string };

/** A runbook with its place in the workspace, as the gates and the time budget need it. */
export interface RunbookSnapshot {
  index: WorkspaceIndex;
  uri: vscode.Uri;
  text: string;
  zone: string;
  state: ReleaseState;
}

export class RecordWriter implements vscode.Disposable {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a transition was written and saved. */
  readonly onDidRecord = this.emitter.event;

  constructor(
    private readonly handles: UserHandles,
    private readonly github: ReleaseGitHub,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Records a transition by the current user; mirrors the status comment unless told not to.
   * `background` writes (the status comment's id) never save someone's unsaved edits: they wait.
   */
  record(uri: vscode.Uri, transition: Transition, options: { mirror?: boolean; by?: string; background?: boolean } = {}): Promise<RecordResult> {
    const run = async (): Promise<RecordResult> => {
      const by = options.by ?? (await this.handles.get(uri));
      if (!by) return { ok: false, error: 'nothing was recorded: the record needs your GitHub handle' };
      const document = await vscode.workspace.openTextDocument(uri);
      if (document.isDirty) {
        if (options.background) return { ok: false, error: `${vscode.workspace.asRelativePath(uri)} has unsaved changes; not written now` };
        // The file is saved with the record, so unsaved edits would go along: ask first.
        const save = 'Save Them with the Record';
        const choice = await vscode.window.showWarningMessage(
          `Release Runbooks: ${vscode.workspace.asRelativePath(uri)} has unsaved changes. The record is saved at once, and your changes with it.`,
          { modal: true },
          save,
        );
        if (choice !== save) return { ok: false, error: 'nothing was recorded: the runbook has unsaved changes (save or revert them first)' };
      }
      const snapshot = await snapshotOf(uri, document.getText());
      const before = document.getText();
      const result = applyTransition(uri.toString(), before, transition, { by, now: Date.now(), zone: snapshot.zone });
      if (!result.ok) return result;
      if (result.changed) {
        if (document.getText() !== before) return { ok: false, error: 'the runbook changed while recording; nothing was written, try again' };
        const edit = minimalEdit(before, result.text)!;
        const workspaceEdit = new vscode.WorkspaceEdit();
        workspaceEdit.replace(uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
        if (!(await vscode.workspace.applyEdit(workspaceEdit))) return { ok: false, error: 'the editor refused the edit (is the file read-only?); nothing was recorded' };
        if (!(await document.save())) return { ok: false, error: 'the record is in the editor but the file could not be saved; save it by hand now' };
        this.log.info(`Recorded ${transition.kind} in ${vscode.workspace.asRelativePath(uri)} as ${by}`);
      }
      this.emitter.fire(uri);
      if (options.mirror !== false && result.changed) void this.github.mirrorStatus(uri, (u, id) => this.storeCommentId(u, id, by));
      return { ok: true, state: result.state, changed: result.changed };
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next.catch((error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }));
  }

  private async storeCommentId(uri: vscode.Uri, commentId: number, by: string): Promise<void> {
    const result = await this.record(uri, { kind: 'set-status-comment', commentId }, { mirror: false, by, background: true });
    if (!result.ok) this.log.warn(`The status comment's id ${commentId} could not be kept in the record: ${result.error}`);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The runbook, its workspace and where its release stands, read now. */
export async function snapshotOf(uri: vscode.Uri, text?: string): Promise<RunbookSnapshot> {
  const index = await workspaceSnapshot();
  const content = text ?? (await vscode.workspace.openTextDocument(uri)).getText();
  index.set(uri.toString(), content);
  const model = index.get(uri.toString())?.model;
  if (!model || model.kind !== 'runbook') throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a runbook file`);
  const zone = index.zoneFor(model);
  return { index, uri, text: content, zone, state: releaseState(model, zone) };
}
