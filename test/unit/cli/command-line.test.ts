import * as assert from 'node:assert/strict';
import { CliIO } from '../../../server/cli/io';
import { main } from '../../../server/cli/main';

// Every command reads its arguments one way (server/cli/command-line.ts): an unknown option or an
// option without its value is named, with the command's help, exit 2, and nothing else happens.
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: process.cwd(),
    env: {},
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('runbook COMMAND arguments', () => {
  const cases: [string, string[], string][] = [
    ['lint', ['--format'], '--format needs a value'],
    ['gate', ['--environment'], '--environment needs a value'],
    ['metrics', ['--from'], '--from needs a date such as 2026-11-01'],
    ['calendar', ['--to'], '--to needs a value'],
    ['notes', ['--repo'], '--repo needs a value'],
    ['submit', ['--repo'], '--repo needs OWNER/NAME'],
    ['announce', ['--moment'], '--moment needs one of'],
  ];
  for (const [command, missing, missingMessage] of cases) {
    it(`${command}: names an unknown option and an option without its value, exit 2`, async () => {
      const unknown = await run([command, '--bogus', 'x']);
      assert.equal(unknown.code, 2);
      assert.equal(unknown.stdout, '');
      assert.match(unknown.stderr, new RegExp(`^runbook ${command}: unknown option "--bogus".*--help`));

      const noValue = await run([command, ...missing]);
      assert.equal(noValue.code, 2);
      assert.equal(noValue.stdout, '');
      assert.ok(noValue.stderr.includes(missingMessage), noValue.stderr);

      const flagWithValue = await run([command, '--help=yes']);
      assert.equal(flagWithValue.code, 2);
      assert.ok(flagWithValue.stderr.includes('--help takes no value'), flagWithValue.stderr);
    });
  }

  it('takes a value that starts with a dash only with =, never an option for a value', async () => {
    const ambiguous = await run(['lint', '--format', '--severity', 'RB014=error']);
    assert.equal(ambiguous.code, 2);
    assert.ok(ambiguous.stderr.includes('--format needs a value'), ambiguous.stderr);
  });
});
