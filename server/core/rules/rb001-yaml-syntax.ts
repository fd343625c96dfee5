import type { Rule } from './rule';

export const yamlSyntax: Rule = {
  code: 'RB001',
  severity: 'error',
  description: 'YAML syntax error',
  appliesTo: 'both',
  fileOnly: true,
  check(ctx) {
    for (const problem of ctx.file.source.syntaxProblems) {
      ctx.report({ range: problem.range, message: `YAML syntax error: ${problem.message}` });
    }
  },
};
