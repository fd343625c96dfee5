import { readBoard } from '../change-request/approval-board';
import type { Rule } from './rule';
import { calendarOf } from './rule';

/**
 * An approval board that cannot work: it names nobody, a user or team that cannot exist, a risk
 * level that does not exist, or a count that is no whole number. With such a board no approval
 * would ever count, or the wrong one would: every change request would wait forever.
 */
export const approvalBoardProblem: Rule = {
  code: 'RB043',
  severity: 'error',
  description: 'the approval board names no approver, or an approver, risk level or count that cannot be used',
  appliesTo: 'calendar',
  fileOnly: true,
  check(ctx) {
    const model = calendarOf(ctx);
    if (!model) return;
    for (const problem of readBoard(model).problems) ctx.report({ range: problem.range, message: problem.message });
  },
};
