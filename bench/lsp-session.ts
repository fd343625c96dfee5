// A language server driven over stdio the way an editor drives it: JSON-RPC through
// vscode-jsonrpc, answers to the server's own requests (configuration, registrations), and
// diagnostics collected as they are published, so that a measurement can wait for exactly the
// publication it is about (never for a fixed time).
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  diagnostics: {
    range: { start: { line: number; character: number } };
    message: string;
    code?: string | number;
    severity?: number;
  }[];
  /** performance.now() when it arrived. */
  at: number;
}

export interface SessionOptions {
  command: string;
  args: string[];
  /** What `workspace/configuration` answers for a section. */
  configuration?: (section: string | undefined) => unknown;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

type Waiter = { test: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void };

export class LspSession {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  /** Every publication, in order. */
  readonly published: PublishedDiagnostics[] = [];
  /** The latest diagnostics per URI. */
  readonly latest = new Map<string, PublishedDiagnostics>();
  private waiters: Waiter[] = [];
  private stderr = '';
  private exited = false;

  constructor(options: SessionOptions) {
    this.process = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr!.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-4000);
    });
    this.process.on('exit', () => {
      this.exited = true;
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Omit<PublishedDiagnostics, 'at'>) => {
      const entry: PublishedDiagnostics = { ...params, at: performance.now() };
      this.published.push(entry);
      this.latest.set(params.uri, entry);
      const still: Waiter[] = [];
      for (const waiter of this.waiters) {
        if (waiter.test(entry)) waiter.resolve(entry);
        else still.push(waiter);
      }
      this.waiters = still;
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (options.configuration ? options.configuration(item.section) : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Resolves with the first publication (from now on) that passes `test`; rejects after `timeoutMs`. */
  nextDiagnostics(
    test: (p: PublishedDiagnostics) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<PublishedDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `no ${what} within ${timeoutMs} ms${this.exited ? ' (the server exited)' : ''}${this.stderr ? `; stderr: ${this.stderr.slice(-500)}` : ''}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves when publications have covered `count` distinct URIs. */
  async diagnosticsForCount(count: number, timeoutMs: number): Promise<number> {
    if (this.latest.size >= count) return performance.now();
    await this.nextDiagnostics(
      () => this.latest.size >= count,
      timeoutMs,
      `diagnostics for ${count} files (got ${this.latest.size})`,
    );
    return performance.now();
  }

  request<T>(method: string, params: unknown, timeoutMs = 120_000): Promise<T> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<T>, timeoutMs, `${method} answered`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Resident memory of the server process now (Linux /proc), in bytes; undefined elsewhere. */
  residentBytes(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (!this.exited) {
      try {
        await withTimeout(this.connection.sendRequest('shutdown'), 5000, 'shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // A server that does not shut down politely is stopped below.
      }
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The client capabilities both servers are given: enough for configuration and diagnostics. */
export const CLIENT_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: false },
    completion: { completionItem: { snippetSupport: true } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};
