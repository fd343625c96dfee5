// `npm start`: install the npm packages when missing (`npm ci`), build, then open examples/ in an editor with the extension loaded.
// - With a desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> examples`.
// - Otherwise: code-server on 127.0.0.1 with the packaged extension installed into
//   .vscode-test/start/; prints the URL to open. Ctrl+C stops it.
// Options: --port N (default: a free port), --verbose (echo code-server's log),
//          --code-server (use code-server even when `code` is on PATH).
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  CACHE,
  ROOT,
  build,
  codeServerCli,
  ensureCodeServer,
  packageVsix,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';
import { installNpmPackages } from './set-up.mjs';

const args = process.argv.slice(2);
const portArg = args.includes('--port')
  ? Number(args[args.indexOf('--port') + 1])
  : Number(process.env.RUNBOOK_PORT || 0);
const verbose = args.includes('--verbose');
const examples = join(ROOT, 'examples');
const say = (msg) => console.log(`[start] ${msg}`);

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

// A fresh clone has no node_modules: the build needs esbuild, packaging needs vsce.
installNpmPackages();
say('building (node esbuild.mjs)');
build();

const code = args.includes('--code-server') ? undefined : onPath('code');
if (code) {
  say(`opening examples/ in ${code}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${ROOT}`, examples], { stdio: 'inherit' });
  child.on('exit', (c) => process.exit(c ?? 0));
} else {
  say('no `code` on PATH: using code-server');
  ensureCodeServer();
  const state = join(CACHE, 'start');
  const userDataDir = join(state, 'user');
  const extensionsDir = join(state, 'ext');
  mkdirSync(extensionsDir, { recursive: true });
  // Kept between runs, so settings changed in the browser survive a restart.
  if (!existsSync(join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir);

  const vsix = packageVsix(join(CACHE, 'release-runbooks.vsix'));
  say(`installing ${vsix}`);
  const r = codeServerCli(['--install-extension', vsix, '--force'], { extensionsDir, userDataDir, stdio: 'pipe' });
  if (r.status !== 0) {
    console.error(`[start] installing the extension failed:\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }

  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder: examples,
    port: portArg,
    logFile: join(state, 'code-server.log'),
    echo: verbose,
    gallery: true,
  });
  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    say(`${sig}: stopping code-server (pid ${server.pid})`);
    await server.stop();
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(sig));
  server.exited.then(({ code: c, signal }) => {
    if (stopping) return;
    console.error(`[start] code-server exited (${c ?? signal}); its log: ${join(state, 'code-server.log')}`);
    process.exit(c || 1);
  });

  say(`code-server (pid ${server.pid}) is serving examples/ with the packaged extension.`);
  say(`open ${workbenchUrl(server.url, examples)}`);
  say(`log: ${join(state, 'code-server.log')}; Ctrl+C to stop`);
}
