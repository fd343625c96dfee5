// Gives memory back to the system once the server goes quiet after heavy work. V8 grows its heap
// while the workspace is read or a report is computed and keeps the pages afterwards: at 2,000
// runbooks the live heap is about 46 MB while resident memory stayed at 150–190 MB (heap snapshot
// and /proc figures in bench/results.md). A full collection when the event loop has been idle for
// a moment, and only after resident memory grew, returns those pages without delaying an answer.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollectorOptions {
  /** How often the event loop's idleness is sampled. */
  everyMs: number;
  /** Below this share of busy time over the last sample the server counts as idle. */
  idleBelow: number;
  /** Collect only when resident memory grew by this much since the last collection. */
  growthBytes: number;
  /** The collection (tests pass their own); by default V8's full collection, exposed at start. */
  collect?: () => void;
  /** Resident memory now (tests pass their own). */
  residentBytes?: () => number;
}

const DEFAULTS: IdleCollectorOptions = { everyMs: 1000, idleBelow: 0.05, growthBytes: 16 * 2 ** 20 };

/** Starts sampling; returns a function that stops it. Does nothing where `gc` cannot be exposed. */
export function startIdleCollector(options: Partial<IdleCollectorOptions> = {}): () => void {
  const { everyMs, idleBelow, growthBytes } = { ...DEFAULTS, ...options };
  const collect = options.collect ?? exposeGc();
  const resident = options.residentBytes ?? (() => process.memoryUsage.rss());
  if (!collect) return () => undefined;
  let baseline = resident();
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (busy >= idleBelow || resident() < baseline + growthBytes) return;
    collect();
    baseline = resident();
    last = performance.eventLoopUtilization();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
