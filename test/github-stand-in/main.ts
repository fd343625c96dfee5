// Runs the GitHub stand-in as a process for end-to-end suites:
//   node --import tsx test/github-stand-in/main.ts [--port N] [--repo OWNER/NAME]... [--token TOKEN[:LOGIN[:PERMISSION]]]...
// Prints `GitHub stand-in listening on http://127.0.0.1:PORT` (the URL is the last word), then
// serves until SIGINT/SIGTERM. The control API under /_stand-in/ (state, faults, reset) lets a
// suite inspect what it received and inject faults; see stand-in.ts.
import { DEFAULT_TOKENS, Permission, StandInToken, startGitHubStandIn } from './stand-in';

function parseArgs(argv: string[]): { port: number; repos: string[]; tokens: StandInToken[] } {
  let port = 0;
  const repos: string[] = [];
  const tokens: StandInToken[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') port = Number(value());
    else if (flag === '--repo') repos.push(value());
    else if (flag === '--token') {
      const [token, login = 'release-bot', permission = 'write'] = value().split(':');
      tokens.push({ token, login, permission: permission as Permission });
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port needs a number from 0 to 65535');
  return { port, repos, tokens };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const standIn = await startGitHubStandIn({
    port: args.port,
    repositories: args.repos.length ? args.repos : undefined,
    tokens: args.tokens.length ? args.tokens : DEFAULT_TOKENS,
  });
  process.stdout.write(`GitHub stand-in listening on ${standIn.url}\n`);
  const stop = () => {
    // A server that cannot close still has to let the process end: say why and exit non-zero.
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`GitHub stand-in did not close: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`github-stand-in: ${(error as Error).message}\n`);
  process.exit(2);
});
