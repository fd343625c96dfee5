// The unit tests run as two suites. `unit` is the fast one to run while you work
// (`npm run test:unit`): the language core, rules, editor features and formats. `unit-slow`
// holds what spawns processes, talks to the GitHub stand-in, checks build artifacts, or compares
// thousands of random cases with an oracle. `npm test` runs both; .mocharc.cjs and
// scripts/test-all.mjs read this list, so a test is in exactly one of them.
const SLOW_UNIT_TESTS = [
  // Build artifacts, packaging and the Action: run after the build.
  'test/unit/*.test.ts',
  // The CLI as a process, and everything that talks to the GitHub stand-in over HTTP.
  'test/unit/cli/**/*.test.ts',
  'test/unit/**/*-cli.test.ts',
  'test/unit/github/**/*.test.ts',
  // Property tests: random edits against a full parse, expansions against independent libraries.
  'test/unit/incremental/**/*.test.ts',
  'test/unit/**/*-oracle.test.ts',
  'test/unit/calendar/vtimezone.test.ts',
  // Megabyte-sized inputs.
  'test/unit/core/bad-input.test.ts',
];

module.exports = { SLOW_UNIT_TESTS };
