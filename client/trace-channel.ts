// The channel that receives the client/server message trace. vscode-languageclient 11 traces only
// when its trace channel's log level is Trace, a level extensions cannot set; this channel reports
// Trace while `releaseRunbooks.trace.server` is "messages" or "verbose", so the setting works as
// users expect (setting the channel's level to Trace by hand works too).
import * as vscode from 'vscode';
import { TRACE_SETTING } from './settings';

export class TraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly disposables: vscode.Disposable[] = [this.levelChanged];
  private lastLevel: vscode.LogLevel;

  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(private readonly target: vscode.LogOutputChannel) {
    this.lastLevel = this.logLevel;
    const update = () => {
      const level = this.logLevel;
      if (level !== this.lastLevel) {
        this.lastLevel = level;
        this.levelChanged.fire(level);
      }
    };
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(TRACE_SETTING)) update();
      }),
      target.onDidChangeLogLevel(update),
    );
  }

  get name(): string {
    return this.target.name;
  }

  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration().get<string>(TRACE_SETTING, 'off');
    return setting === 'messages' || setting === 'verbose' ? vscode.LogLevel.Trace : this.target.logLevel;
  }

  // The trace is what this channel is for: show it at the target's default level.
  trace(message: string, ...args: unknown[]): void {
    this.target.info(message, ...args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.target.debug(message, ...args);
  }
  info(message: string, ...args: unknown[]): void {
    this.target.info(message, ...args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.target.warn(message, ...args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.target.error(error, ...args);
  }
  append(value: string): void {
    this.target.append(value);
  }
  appendLine(value: string): void {
    this.target.appendLine(value);
  }
  replace(value: string): void {
    this.target.replace(value);
  }
  clear(): void {
    this.target.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined)
      this.target.show(columnOrPreserveFocus);
    else this.target.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.target.hide();
  }
  dispose(): void {
    // The target is the extension's one channel; its owner disposes it.
    for (const disposable of this.disposables) disposable.dispose();
  }
}
