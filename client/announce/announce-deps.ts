// What the announcement commands share: the language client (rendering, channels, record edits),
// the release record writer (records queued with the transitions), GitHub access for the status
// comment, the channels' secrets and the log (which never sees a secret).
import type { TargetDeps } from '../release/release-target';
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import type { RecordWriter } from '../release/record-writer';
import type { ReleaseGitHub } from '../release/release-github';
import type { AnnouncementSecrets } from './announcement-secrets';

export interface AnnounceDeps {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  writer: RecordWriter;
  github: ReleaseGitHub;
  secrets: AnnouncementSecrets;
  log: vscode.LogOutputChannel;
  /** The board's decisions, for the weekly status report. */
  statusStore: ChangeStatusStore | undefined;
  /** What picks the runbook a command acts on (the tracked release, the focused go/no-go panel). */
  target: TargetDeps;
}
