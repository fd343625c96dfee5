// Release day in the editor: the go/no-go review, the tracking view with its step commands, the
// rollback decision, verification and the outcome. Everything is written into the runbook (the
// record is the state) and mirrored to the change request on GitHub.
import * as vscode from 'vscode';
import { extensionLog } from '../extension-log';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChangeStatusStore } from '../change-request/change-status-store';
import { GitHubSession } from '../change-request/github-session';
import { registerAnnounce } from '../announce';
import { registerFinishRelease } from './finish-release';
import { registerGoNoGoReview } from './go-no-go-review';
import { RecordWriter } from './record-writer';
import { registerRecordVerification } from './record-verification';
import type { ReleaseDeps } from './release-deps';
import { ReleaseGitHub } from './release-github';
import { REFRESH_TRACKING_COMMAND } from '../../protocol/names';
import { ReleaseTracker } from './release-tracker';
import { registerRollBack } from './roll-back';
import { registerStartRelease } from './start-release';
import { UserHandles } from './user-handle';

/**
 * `statusStore` is the change-request status store (for the CAB gate); without it the gate says
 * the board's decision is not known. Everything read from the workspace comes from the language server (`client`).
 */
export function registerRelease(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  statusStore?: ChangeStatusStore,
): ReleaseTracker {
  const log = extensionLog();
  const handles = new UserHandles(context);
  const github = new ReleaseGitHub(client, new GitHubSession(context.secrets), log);
  const writer = new RecordWriter(client, handles, github, log);
  const tracker = new ReleaseTracker(context, client, writer, github);
  const deps: ReleaseDeps = { context, client, statusStore, log, handles, github, writer, tracker };
  context.subscriptions.push(
    log,
    github,
    writer,
    tracker,
    registerGoNoGoReview(deps),
    registerStartRelease(deps),
    registerRollBack(deps),
    registerRecordVerification(deps),
    registerFinishRelease(deps),
    vscode.commands.registerCommand(REFRESH_TRACKING_COMMAND, () => tracker.refresh()),
    registerAnnounce({ context, client, writer, github, log, statusStore, target: deps }),
  );
  return tracker;
}
