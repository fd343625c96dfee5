// The extension's one output channel, "Release Runbooks": activation, the language server, its
// message trace, change requests, release day and metrics all log here, each line saying what it is about.
import * as vscode from 'vscode';
import { LOG_CHANNEL_NAME } from './settings';

let current: vscode.LogOutputChannel | undefined;

/** Opens the channel for this activation (a reactivation gets a new one). */
export function openExtensionLog(): vscode.LogOutputChannel {
  current = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  return current;
}

/** The channel features log to. */
export function extensionLog(): vscode.LogOutputChannel {
  return current ?? openExtensionLog();
}
