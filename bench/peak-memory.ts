// Preloaded with `node -r peak-memory.js` into a measured process: on exit it writes the process's
// peak resident memory (getrusage's maxRSS) to the file named by BENCH_PEAK_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
    } catch {
      // The measurement is lost, the measured process is not disturbed.
    }
  });
}
