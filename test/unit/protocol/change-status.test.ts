// The one change-status model: what every surface (lens, hover, calendar, gates) says of the
// board's verdict, and how a status that crossed from the extension host is read.
import { strict as assert } from 'node:assert';
import {
  approvalText,
  boardDecision,
  ChangeStatus,
  changeStatusFrom,
  isApproved,
} from '../../../protocol/change-status';
import { approvalVerdict, LabelEvent, VerdictInput } from '../../../server/core/change-request/approval-verdict';

const BASE: ChangeStatus = {
  ticket: 'acme/releases#7',
  url: 'https://github.invalid/acme/releases/issues/7',
  title: 'payments-api 2.14',
  state: 'open',
  stateReason: null,
  cab: 'approved',
  cabLabel: 'cab:approved',
  labels: ['cab:approved'],
  assignees: [],
  fetchedAt: 0,
};

const labeled = (actor: string, at: string, kind: LabelEvent['kind'] = 'labeled'): LabelEvent => ({
  kind,
  label: 'cab:approved',
  actor,
  at,
});

function withVerdict(input: Partial<VerdictInput>, status: Partial<ChangeStatus> = {}): ChangeStatus {
  const verdict = approvalVerdict({
    board: { users: ['alice', 'bob'], teams: [], required: {} },
    needed: 1,
    approvalLabel: 'cab:approved',
    events: [],
    comments: [],
    isTeamMember: () => false,
    ...input,
  });
  return { ...BASE, ...status, verdict };
}

/** The withdrawal comment exactly as the submission posts it (server/github/change-request-issue.ts). */
const WITHDRAWN = (what: string) => ({
  author: 'release-bot',
  at: '2026-12-04T09:00:00Z',
  body: `**Approval withdrawn**: ${what} changed in this submission. Approvals given before it no longer count; the change advisory board must approve the change again.`,
});

describe('the change-status model', () => {
  it('names who approved and when, in the zone asked for', () => {
    const status = withVerdict({ events: [labeled('alice', '2026-12-03T13:05:00Z')] });
    assert.equal(approvalText(status, 'Europe/Berlin'), 'Approved by @alice (2026-12-03 14:05)');
    assert.equal(approvalText(status, 'UTC'), 'Approved by @alice (2026-12-03 13:05)');
    assert.equal(isApproved(status), true);
    assert.equal(boardDecision(status), 'approved');
  });

  it('an approval label set by someone who is not an approver does not count, and says so', () => {
    const status = withVerdict({ events: [labeled('mallory', '2026-12-03T13:05:00Z')] });
    assert.equal(approvalText(status, 'UTC'), 'cab:approved set by @mallory, who is not an approver');
    assert.equal(isApproved(status), false);
    assert.equal(boardDecision(status), 'pending');
    const two = withVerdict({
      events: [labeled('mallory', '2026-12-03T13:05:00Z'), labeled('eve', '2026-12-03T13:06:00Z')],
      comments: [{ author: 'trudy', body: '/approve', at: '2026-12-03T13:07:00Z' }],
    });
    assert.equal(
      approvalText(two, 'UTC'),
      'cab:approved set by @mallory, @eve and /approve by @trudy, who are not approvers',
    );
  });

  it('a material change withdraws approval: re-approval needed, and which fields changed', () => {
    const events = [labeled('alice', '2026-12-03T13:05:00Z')];
    const status = withVerdict({ events, comments: [WITHDRAWN('the window')] });
    assert.equal(approvalText(status, 'UTC'), 'Re-approval needed: window changed since approval');
    assert.equal(isApproved(status), false);
    assert.equal(
      approvalText(withVerdict({ events, comments: [WITHDRAWN('the steps, the risk and the rollback plan')] }), 'UTC'),
      'Re-approval needed: steps, risk and rollback plan changed since approval',
    );
    // An approver approving again after the withdrawal: approved, by whom and when.
    const again = withVerdict({
      events: [...events, labeled('bob', '2026-12-04T10:00:00Z')],
      comments: [WITHDRAWN('the window')],
    });
    assert.equal(approvalText(again, 'UTC'), 'Approved by @bob (2026-12-04 10:00)');
  });

  it("takes only known field names from a withdrawal comment, never the comment's free text", () => {
    const events = [labeled('alice', '2026-12-03T13:05:00Z')];
    const forged = withVerdict({
      events,
      comments: [{ ...WITHDRAWN('[click](https://x.invalid) and the risk'), author: 'mallory' }],
    });
    assert.equal(approvalText(forged, 'UTC'), 'Re-approval needed: risk changed since approval');
    const vague = withVerdict({ events, comments: [{ ...WITHDRAWN('everything'), author: 'mallory' }] });
    assert.equal(
      approvalText(vague, 'UTC'),
      'Re-approval needed: the change request changed materially since approval',
    );
    const unlabeled = withVerdict({ events: [...events, labeled('bob', '2026-12-03T15:00:00Z', 'unlabeled')] });
    assert.equal(approvalText(unlabeled, 'UTC'), 'Re-approval needed: the approval label was removed since approval');
  });

  it('pending counts the approvals a risk needs; a rejection wins; without a board the label decides', () => {
    const one = withVerdict({ needed: 2, events: [labeled('alice', '2026-12-03T13:05:00Z')] });
    assert.equal(approvalText(one, 'UTC'), 'Pending: 1 of 2 approvals (@alice)');
    assert.equal(approvalText(withVerdict({}, { cab: 'pending', cabLabel: null }), 'UTC'), 'Pending: 0 of 1 approval');
    const rejected = withVerdict(
      { events: [labeled('alice', '2026-12-03T13:05:00Z')] },
      { cab: 'rejected', cabLabel: 'cab:rejected' },
    );
    assert.equal(approvalText(rejected, 'UTC'), 'Rejected (cab:rejected)');
    assert.equal(boardDecision(rejected), 'rejected');
    assert.equal(approvalText(BASE, 'UTC'), 'CAB approved');
    assert.equal(isApproved(BASE), true);
    assert.equal(isApproved({ ...BASE, cab: 'pending' }), false);
  });

  it('reads a status sent over the wire: the verdict survives, what is not a status or verdict is left out', () => {
    const status = withVerdict({ events: [labeled('mallory', '2026-12-03T13:05:00Z')] });
    const read = changeStatusFrom(JSON.parse(JSON.stringify(status)));
    assert.deepEqual(read, status);
    assert.equal(approvalText(read!, 'UTC'), 'cab:approved set by @mallory, who is not an approver');
    assert.equal(changeStatusFrom({ ticket: 'x#1', state: 'merged' }), undefined);
    assert.equal(changeStatusFrom('acme/releases#7'), undefined);
    const noVerdict = changeStatusFrom({ ...status, verdict: { approved: 'yes' } });
    assert.equal(noVerdict?.verdict, undefined);
    const odd = changeStatusFrom({
      ...status,
      verdict: { ...status.verdict, approvals: [{ login: 7 }, { login: 'alice', at: 3, how: 'x' }], notCounted: 'no' },
    });
    assert.deepEqual(odd?.verdict?.approvals, [{ login: 'alice', at: '', how: 'label' }]);
    assert.deepEqual(odd?.verdict?.notCounted, []);
  });
});
