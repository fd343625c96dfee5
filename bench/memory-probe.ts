// Probe: the server's resident memory at each point of the release-day sequence (after the first
// read, go/no-go and report requests, three metrics requests, and 3 s of idleness), with the
// requests' medians; SNAPSHOT=1 also writes a heap snapshot at the end. Node flags for the server
// in NODEFLAGS. Usage: [NODEFLAGS=...] [SNAPSHOT=1] npx tsx bench/memory-probe.ts SERVER_JS [SIZE]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareWorkspace } from './prepare-workspaces';
import { CLIENT_CAPABILITIES, startServer } from './server-measures';

const WORK = path.join(tmpdir(), 'runbook-memory-probe');

async function main() {
  const [serverJs, sizeText] = process.argv.slice(2);
  const size = Number(sizeText ?? 2000);
  const ws = prepareWorkspace(WORK, 'released', size, 20261202);
  const args = [
    ...(process.env.NODEFLAGS ?? '').split(' ').filter(Boolean),
    '--heapsnapshot-signal=SIGUSR2',
    serverJs,
    '--stdio',
  ];
  const session = await startServer({ command: process.execPath, args }, { configuration: () => ({}), cwd: WORK });
  const mb = () => ((session.residentBytes() ?? 0) / 2 ** 20).toFixed(0);
  const rootUri = pathToFileURL(ws.dir).href;
  await session.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: ws.name }],
    capabilities: CLIENT_CAPABILITIES,
    initializationOptions: {},
  });
  await session.notify('initialized', {});
  await session.request('runbook/calendar', { from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' });
  console.log('read', mb());
  await new Promise((r) => setTimeout(r, 3000));
  console.log('idle 3 s later', mb());
  const files = readdirSync(ws.dir, { recursive: true }) as string[];
  const runbook = files.find((f) => f.endsWith('.runbook.yaml'))!;
  const uri = pathToFileURL(path.join(ws.dir, runbook)).href;
  const text = readFileSync(path.join(ws.dir, runbook), 'utf8');
  await session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'runbook', version: 1, text } });
  const times: Record<string, number[]> = { goNoGo: [], report: [], metrics: [] };
  const timed = async (k: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    times[k].push(performance.now() - t);
  };
  for (let i = 0; i < 5; i++) {
    await timed('goNoGo', () =>
      session
        .request('runbook/goNoGo', { uri, now: '2026-12-03T10:00:00Z', changeUnknownReason: 'x' })
        .catch((e) => console.log(String(e).slice(0, 200))),
    );
    await session.request('runbook/releaseState', { uri, now: '2026-12-03T10:00:00Z' }).catch(() => undefined);
    await timed('report', () =>
      session
        .request('runbook/statusReport', {
          now: '2026-12-03T10:00:00Z',
          cab: {},
          retrospectives: [],
          metricWeeks: 4,
          readGitHistory: false,
        })
        .catch((e) => console.log(String(e).slice(0, 200))),
    );
  }
  console.log('release', mb());
  for (let i = 0; i < 3; i++) {
    await session.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ text: `${text}\n# edit ${i}\n` }],
    });
    await timed('metrics', () =>
      session
        .request('runbook/metrics', { query: { by: 'week', group: 'service' }, readGitHistory: false })
        .catch((e) => console.log(String(e).slice(0, 200))),
    );
  }
  console.log('metrics', mb());
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)].toFixed(0);
  console.log(
    'times',
    Object.entries(times)
      .map(([k, v]) => `${k} ${med(v)}`)
      .join(' '),
  );
  await new Promise((r) => setTimeout(r, 3000));
  console.log('idle 3 s later', mb());
  if (process.env.SNAPSHOT) {
    const before = new Set(readdirSync(WORK));
    session.process.kill('SIGUSR2');
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const made = readdirSync(WORK).filter((f) => f.endsWith('.heapsnapshot') && !before.has(f));
      if (made.length) {
        const file = path.join(WORK, made[0]);
        let last = -1;
        for (;;) {
          await new Promise((r) => setTimeout(r, 3000));
          const size = statSync(file).size;
          if (size > 0 && size === last) break;
          last = size;
        }
        console.log('snapshot', made[0], last);
        break;
      }
    }
  }
  await session.stop();
}
void main();
