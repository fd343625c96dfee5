// Timing whole processes: the parse floor and `runbook lint`, each from spawn to exit (node's
// start included for both), with the peak resident memory the process reached.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface ProcessRun {
  wallMs: number;
  peakRssBytes?: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node [-r peakProbe] script args…` and times it. */
export function runNode(
  script: string,
  args: string[],
  peakProbe: string | undefined,
  cwd: string,
): Promise<ProcessRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'runbook-bench-'));
  const peakFile = path.join(dir, 'peak.json');
  const nodeArgs = [...(peakProbe ? ['-r', peakProbe] : []), script, ...args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, nodeArgs, {
      cwd,
      env: { ...process.env, BENCH_PEAK_FILE: peakFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      let peakRssBytes: number | undefined;
      try {
        if (existsSync(peakFile)) peakRssBytes = JSON.parse(readFileSync(peakFile, 'utf8')).maxRssBytes;
      } catch {
        peakRssBytes = undefined;
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        wallMs,
        peakRssBytes,
        exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
