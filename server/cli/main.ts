// The `runbook` command: lint, submit, metrics, gate, calendar, notes and announce, on the same core as the editor.
import { CliIO, EXIT_OK, EXIT_USAGE, processIO } from './io';
import { runLint } from './lint';
import { runSubmit } from './submit';
import { runMetrics } from './metrics';
import { runGate } from './gate';
import { runNotes } from './notes';
import { runAnnounce } from './announce';
import { runCalendar } from './calendar';
import { VERSION } from './version';

const HELP = `runbook ${VERSION}: check and submit release runbooks

Usage:
  runbook lint [PATHS...] [--format text|json|sarif|github] [--severity CODE=LEVEL]
  runbook submit FILE [--requests [--id ID]] [--repo OWNER/NAME] [--api-url URL] [--dry-run]
  runbook gate [PATHS...] --environment ENV --service SERVICE [--at INSTANT] [--repo OWNER/NAME] [--api-url URL] [--format text|json|github] [--offline]
  runbook calendar [PATHS...] [--from DATE] [--to DATE] [--format json|ics] [--out FILE]
  runbook metrics [PATHS...] [--format markdown|json|csv] [--from DATE] [--to DATE] [--by week|month] [--group service|team|environment]
  runbook notes FILE [--repo OWNER/NAME] [--api-url URL] [--from REF --to REF] [--format markdown|json]
  runbook announce FILE --moment scheduled|decided|started|finished|rolled-back|delayed [--dry-run]
  runbook --help | --version

Run "runbook COMMAND --help" for a command's options. Docs: docs/runbook-dsl.md`;

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${HELP}\n`);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  try {
    if (command === 'lint') return await runLint(rest, io);
    if (command === 'submit') return await runSubmit(rest, io);
    if (command === 'metrics') return await runMetrics(rest, io);
    if (command === 'gate') return await runGate(rest, io);
    if (command === 'calendar') return await runCalendar(rest, io);
    if (command === 'notes') return await runNotes(rest, io);
    if (command === 'announce') return await runAnnounce(rest, io);
  } catch (error) {
    io.stderr(`runbook ${command}: ${(error as Error)?.message ?? String(error)}\n`);
    return EXIT_USAGE;
  }
  io.stderr(
    `runbook: unknown command "${command}"; use lint, submit, metrics, gate, calendar, notes or announce (see runbook --help)\n`,
  );
  return EXIT_USAGE;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`runbook: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
