// What the release commands share: the record writer, the tracking view, GitHub access, the
// user's handle and the change-request status store (for the CAB gate).
import * as vscode from 'vscode';
import { capitalize } from './capitalize';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import type { RecordResult, RecordWriter } from './record-writer';
import type { ReleaseGitHub } from './release-github';
import type { ReleaseTracker } from './release-tracker';
import type { UserHandles } from './user-handle';

export interface ReleaseDeps {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  statusStore: ChangeStatusStore | undefined;
  log: vscode.LogOutputChannel;
  handles: UserHandles;
  github: ReleaseGitHub;
  writer: RecordWriter;
  tracker: ReleaseTracker;
  /** The runbook of the Go/No-Go Review panel that has focus, if one has (set by the review command). */
  focusedReview?: () => vscode.Uri | undefined;
}

/** Tells the user why a transition was refused; true when it was recorded. */
export function reportResult(result: RecordResult): result is Extract<RecordResult, { ok: true }> {
  if (!result.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Release Runbooks: {0}', capitalize(result.error)));
  return result.ok;
}
