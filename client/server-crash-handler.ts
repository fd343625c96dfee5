// Restarts a language server that dies, as vscode-languageclient does by default (up to 4 restarts
// in 3 minutes), but when it gives up the user is told plainly, with a way to restart by hand.
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  Message,
} from 'vscode-languageclient/node';

export interface ServerCrashHandlerOptions {
  /** Restarts allowed within `windowMs`; one more crash in that time and the server stays down. */
  maxRestarts?: number;
  windowMs?: number;
  onRestart?: (crashesInWindow: number) => void;
  onGiveUp: (crashesInWindow: number) => void;
  now?: () => number;
}

export class ServerCrashHandler implements ErrorHandler {
  readonly maxRestarts: number;
  readonly windowMs: number;
  private crashes: number[] = [];

  constructor(private readonly options: ServerCrashHandlerOptions) {
    this.maxRestarts = options.maxRestarts ?? 4;
    this.windowMs = options.windowMs ?? 3 * 60_000;
  }

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few write/read errors in a row are survivable; more mean the connection is gone.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = (this.options.now ?? Date.now)();
    this.crashes = this.crashes.filter((at) => now - at < this.windowMs);
    this.crashes.push(now);
    const count = this.crashes.length;
    if (count <= this.maxRestarts) {
      this.options.onRestart?.(count);
      return {
        action: CloseAction.Restart,
        message: `The Release Runbooks language server stopped unexpectedly; restarting it (crash ${count} in the last ${this.windowMinutes()} minutes).`,
        handled: true,
      };
    }
    this.options.onGiveUp(count);
    return {
      action: CloseAction.DoNotRestart,
      message: `The Release Runbooks language server stopped ${count} times in ${this.windowMinutes()} minutes and was not restarted again.`,
      handled: true,
    };
  }

  /** Forgets past crashes: a restart by hand starts with a clean slate. */
  reset(): void {
    this.crashes = [];
  }

  private windowMinutes(): number {
    return Math.round(this.windowMs / 60_000);
  }
}
