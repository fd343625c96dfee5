// `npx mocha` / `npm run test:unit`: the fast unit suite (test/unit-suites.cjs says what is slow).
const { SLOW_UNIT_TESTS } = require('./test/unit-suites.cjs');

module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts'],
  ignore: SLOW_UNIT_TESTS,
  timeout: 20000,
};
