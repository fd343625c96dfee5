// The release as a sequence of transitions written into the runbook: each one checked against
// where the release stands, each one read back from the text alone (so a restart resumes).
import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { lintFile } from '../../../server/core/run-rules';
import { activeSteps, currentStep, nextStep } from '../../../server/core/release/release-state';
import { phaseWords } from '../../../server/core/release/transitions';
import { minimalEdit } from '../../../server/core/yaml-edit/text-edit';
import { ALL_PASS, fixtureText, GO, PAYMENTS, record, refusal, stateOf, uriOf, workspace } from './release-fixture';

const START = fixtureText(PAYMENTS);

describe('Release transitions', () => {
  describe('a release that goes to plan', () => {
    const confirmed = record(
      START,
      [{ kind: 'confirm-precondition', id: 'ci-green' }, '@alice', '2026-12-02T21:10'],
      [{ kind: 'confirm-precondition', id: 'staging-soak' }, '@bob', '2026-12-02T21:12'],
      [{ kind: 'acknowledge-notified' }, '@alice', '2026-12-02T21:15'],
    );
    const go = record(confirmed, [GO, '@alice', '2026-12-02T21:45']);
    const canaryStarted = record(go, [
      { kind: 'start-step', list: 'steps', id: 'canary' },
      '@alice',
      '2026-12-02T22:03',
    ]);
    const canaryDone = record(canaryStarted, [
      { kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' },
      '@carol',
      '2026-12-02T22:18',
    ]);
    const allDone = record(
      canaryDone,
      [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:20'],
      [{ kind: 'finish-step', list: 'steps', id: 'rollout', status: 'done' }, '@alice', '2026-12-02T22:45'],
      [
        { kind: 'skip-step', list: 'steps', id: 'purge-cache', note: 'Cache already cold' },
        '@alice',
        '2026-12-02T22:46',
      ],
    );
    const verified = record(
      allDone,
      [{ kind: 'verify', key: 'smoke', result: 'pass' }, '@bob', '2026-12-02T22:50'],
      [
        { kind: 'verify', key: 'The 23:30 settlement batch completes', result: 'pass', note: 'Batch 23:30 ok' },
        '@bob',
        '2026-12-02T23:35',
      ],
    );
    const finished = record(verified, [
      { kind: 'finish', result: 'success', notes: 'Went as planned.' },
      '@alice',
      '2026-12-02T23:40',
    ]);

    it("writes each transition into the record with who and when, in the runbook zone's offset", () => {
      const release = parse(finished).release;
      assert.deepEqual(release.preconditions, [
        { id: 'ci-green', by: '@alice', at: '2026-12-02T21:10:00+01:00' },
        { id: 'staging-soak', by: '@bob', at: '2026-12-02T21:12:00+01:00' },
      ]);
      assert.deepEqual(release.notified, {
        by: '@alice',
        at: '2026-12-02T21:15:00+01:00',
        channels: ['#payments-releases', '@finance-ops'],
      });
      assert.equal(release.decisions.length, 1);
      assert.deepEqual(release.decisions[0], {
        decision: 'go',
        by: '@alice',
        at: '2026-12-02T21:45:00+01:00',
        reason: 'All gates pass',
        gates: Object.fromEntries(Object.entries(ALL_PASS).map(([k, v]) => [k, { ...v }])),
      });
      assert.deepEqual(release.steps, [
        {
          id: 'canary',
          status: 'done',
          by: '@alice',
          started: '2026-12-02T22:03:00+01:00',
          finished: '2026-12-02T22:18:00+01:00',
          'finished-by': '@carol',
        },
        {
          id: 'rollout',
          status: 'done',
          by: '@alice',
          started: '2026-12-02T22:20:00+01:00',
          finished: '2026-12-02T22:45:00+01:00',
        },
        {
          id: 'purge-cache',
          status: 'skipped',
          by: '@alice',
          finished: '2026-12-02T22:46:00+01:00',
          note: 'Cache already cold',
        },
      ]);
      assert.deepEqual(release.verification, [
        { id: 'smoke', result: 'pass', by: '@bob', at: '2026-12-02T22:50:00+01:00' },
        {
          check: 'The 23:30 settlement batch completes',
          result: 'pass',
          by: '@bob',
          at: '2026-12-02T23:35:00+01:00',
          note: 'Batch 23:30 ok',
        },
      ]);
      assert.deepEqual(parse(finished).outcome, {
        result: 'success',
        started: '2026-12-02T22:03:00+01:00',
        finished: '2026-12-02T23:40:00+01:00',
        notes: 'Went as planned.',
      });
    });

    it('only ever adds to the file: the runbook as written stays, comments included', () => {
      const edit = minimalEdit(START, finished)!;
      assert.equal(edit.start, edit.end, 'nothing was replaced or removed');
      assert.ok(finished.includes('start: 2026-12-02T22:00   # after the evening peak\n'));
      assert.ok(finished.endsWith('# end of the runbook\n'));
    });

    it('keeps the runbook lint-clean at every stage', () => {
      for (const text of [confirmed, go, canaryStarted, canaryDone, allDone, verified, finished]) {
        const index = workspace({ [PAYMENTS]: text });
        const problems = lintFile(index, uriOf(PAYMENTS)).map((d) => `${d.code} ${d.message}`);
        assert.deepEqual(problems, []);
      }
    });

    it('resumes from the text alone: phase, running step and next step', () => {
      assert.equal(stateOf(START).phase, 'review');
      assert.equal(stateOf(confirmed).phase, 'review');
      assert.equal(stateOf(go).phase, 'ready');
      const running = stateOf(canaryStarted);
      assert.equal(running.phase, 'in-progress');
      assert.equal(currentStep(running.steps)?.id, 'canary');
      const afterCanary = stateOf(canaryDone);
      assert.equal(currentStep(afterCanary.steps), undefined);
      assert.equal(nextStep(afterCanary.steps)?.id, 'rollout');
      assert.deepEqual(
        afterCanary.steps.map((s) => s.status),
        ['done', 'pending', 'pending'],
      );
      assert.equal(stateOf(allDone).phase, 'verifying');
      assert.equal(stateOf(verified).phase, 'finishing');
      assert.equal(stateOf(finished).phase, 'finished');
    });

    it('refuses anything once the release is finished', () => {
      assert.match(
        refusal(finished, { kind: 'start-step', list: 'steps', id: 'canary' }),
        /the release is finished \(outcome: success\)/,
      );
    });

    it('confirms a precondition once, whoever confirms it again', () => {
      const again = record(confirmed, [{ kind: 'confirm-precondition', id: 'ci-green' }, '@bob', '2026-12-02T21:30']);
      assert.equal(again, confirmed);
    });
  });

  describe('refusals', () => {
    const go = record(START, [GO, '@alice', '2026-12-02T21:45']);
    const started = record(go, [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03']);

    it('asks for a GO before the first step, unless started without one on purpose', () => {
      assert.match(refusal(START, { kind: 'start-step', list: 'steps', id: 'canary' }), /no GO is recorded/);
      const nogo = record(START, [
        {
          kind: 'decide',
          decision: 'no-go',
          reason: 'CAB pending',
          gates: { ...ALL_PASS, 'cab-approval': { state: 'fail', evidence: 'pending' } },
        },
        '@alice',
        '2026-12-02T21:45',
      ]);
      assert.match(refusal(nogo, { kind: 'start-step', list: 'steps', id: 'canary' }), /the last decision was NO-GO/);
      assert.equal(
        phaseWords(stateOf(nogo).phase, stateOf(nogo).lastDecision),
        'NO-GO given: waiting for a new go/no-go decision',
      );
      assert.equal(phaseWords(stateOf(START).phase, stateOf(START).lastDecision), 'waiting for the go/no-go decision');
      const forced = record(START, [
        { kind: 'start-step', list: 'steps', id: 'canary', withoutGo: true },
        '@alice',
        '2026-12-02T22:03',
      ]);
      assert.equal(stateOf(forced).phase, 'in-progress');
    });

    it('refuses GO while a gate fails, and any decision without a reason', () => {
      const gates = { ...ALL_PASS, 'no-freeze': { state: 'fail', evidence: 'year-end' } } as const;
      assert.match(refusal(START, { kind: 'decide', decision: 'go', reason: 'ok', gates }), /failing: no-freeze/);
      assert.match(
        refusal(START, { kind: 'decide', decision: 'no-go', reason: '  ', gates }),
        /a NO-GO needs a reason/,
      );
      const waived = record(START, [
        {
          kind: 'decide',
          decision: 'go',
          reason: 'Freeze exception granted',
          gates: { ...gates, 'no-freeze': { state: 'waived', evidence: 'year-end' } },
        },
        '@alice',
        '2026-12-02T21:45',
      ]);
      assert.equal(parse(waived).release.decisions[0].gates['no-freeze'].state, 'waived');
    });

    it('refuses a decision once the steps have begun', () => {
      assert.match(refusal(started, GO), /taken before the first step; the release is in progress/);
    });

    it('refuses to finish a step that was not started, or to start one twice', () => {
      assert.match(
        refusal(go, { kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }),
        /is not started: start it before marking it done/,
      );
      assert.match(refusal(started, { kind: 'start-step', list: 'steps', id: 'canary' }), /already running/);
      assert.match(
        refusal(started, { kind: 'skip-step', list: 'steps', id: 'canary' }),
        /is running: mark it done or failed instead/,
      );
      assert.match(
        refusal(go, { kind: 'start-step', list: 'steps', id: 'deploy' }),
        /"deploy" is not a step of this runbook/,
      );
    });

    it('refuses verification before the steps are settled, and unknown checks', () => {
      assert.match(
        refusal(started, { kind: 'verify', key: 'smoke', result: 'pass' }),
        /verification comes after the steps; still open: canary, rollout, purge-cache/,
      );
    });

    it('refuses success while steps are open or verification is missing or failed', () => {
      assert.match(
        refusal(started, { kind: 'finish', result: 'success' }),
        /still open: canary \(started\), rollout \(pending\)/,
      );
      const steps = record(
        started,
        [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:10'],
        [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:11'],
        [{ kind: 'finish-step', list: 'steps', id: 'rollout', status: 'done' }, '@alice', '2026-12-02T22:30'],
        [{ kind: 'start-step', list: 'steps', id: 'purge-cache' }, '@alice', '2026-12-02T22:31'],
        [{ kind: 'finish-step', list: 'steps', id: 'purge-cache', status: 'done' }, '@alice', '2026-12-02T22:33'],
      );
      assert.match(refusal(steps, { kind: 'finish', result: 'success' }), /record the verification first/);
      const failed = record(steps, [
        { kind: 'verify', key: 'smoke', result: 'fail', note: '502 on /checkout' },
        '@bob',
        '2026-12-02T22:40',
      ]);
      assert.match(refusal(failed, { kind: 'finish', result: 'success' }), /verification failed for smoke/);
      assert.match(refusal(failed, { kind: 'finish', result: 'rolled-back' }), /no rollback was decided/);
    });

    it('refuses a rollback before anything ran', () => {
      assert.match(
        refusal(go, { kind: 'decide-rollback', reason: 'x', triggerMet: true }),
        /nothing to roll back; finish the release as cancelled/,
      );
    });

    it('refuses to write into a runbook with a YAML error, and says where', () => {
      const broken = `${go}\nsteps: [\n`;
      assert.match(refusal(broken, { kind: 'start-step', list: 'steps', id: 'canary' }), /YAML error on line/);
    });
  });

  describe('retry and rollback', () => {
    const failed = record(
      START,
      [GO, '@alice', '2026-12-02T21:45'],
      [{ kind: 'start-step', list: 'steps', id: 'canary' }, '@alice', '2026-12-02T22:03'],
      [{ kind: 'finish-step', list: 'steps', id: 'canary', status: 'done' }, '@alice', '2026-12-02T22:15'],
      [{ kind: 'start-step', list: 'steps', id: 'rollout' }, '@alice', '2026-12-02T22:16'],
      [
        { kind: 'finish-step', list: 'steps', id: 'rollout', status: 'failed', note: 'Pods crash-loop: OOMKilled' },
        '@bob',
        '2026-12-02T22:31',
      ],
    );

    it("keeps every attempt of a retried step; the latest is the step's state", () => {
      const retried = record(failed, [
        { kind: 'start-step', list: 'steps', id: 'rollout' },
        '@alice',
        '2026-12-02T22:35',
      ]);
      const state = stateOf(retried);
      const rollout = state.steps.find((s) => s.id === 'rollout')!;
      assert.equal(rollout.status, 'started');
      assert.deepEqual(
        rollout.attempts.map((a) => a.status),
        ['failed', 'started'],
      );
      const done = record(retried, [
        { kind: 'finish-step', list: 'steps', id: 'rollout', status: 'done' },
        '@alice',
        '2026-12-02T22:50',
      ]);
      assert.deepEqual(
        parse(done).release.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`),
        ['canary:done', 'rollout:failed', 'rollout:done'],
      );
    });

    it('switches to the rollback steps, latest first, and tracks them the same way', () => {
      const decided = record(failed, [
        { kind: 'decide-rollback', reason: 'Error rate 4% for 6 minutes', triggerMet: true },
        '@alice',
        '2026-12-02T22:33',
      ]);
      assert.deepEqual(parse(decided).release.rollback, {
        'decided-by': '@alice',
        at: '2026-12-02T22:33:00+01:00',
        reason: 'Error rate 4% for 6 minutes',
        'trigger-met': true,
      });
      const state = stateOf(decided);
      assert.equal(state.phase, 'rolling-back');
      assert.deepEqual(
        activeSteps(state).map((s) => s.id),
        ['rollback-release', 'rollback-canary'],
      );
      assert.match(
        refusal(decided, { kind: 'start-step', list: 'steps', id: 'purge-cache' }),
        /only rollback steps can be started/,
      );

      const rolledBack = record(
        decided,
        [{ kind: 'start-step', list: 'rollback', id: 'rollback-release' }, '@alice', '2026-12-02T22:34'],
        [
          { kind: 'finish-step', list: 'rollback', id: 'rollback-release', status: 'done' },
          '@alice',
          '2026-12-02T22:50',
        ],
        [{ kind: 'start-step', list: 'rollback', id: 'rollback-canary' }, '@alice', '2026-12-02T22:51'],
        [
          { kind: 'finish-step', list: 'rollback', id: 'rollback-canary', status: 'done' },
          '@alice',
          '2026-12-02T22:58',
        ],
      );
      assert.equal(stateOf(rolledBack).phase, 'finishing');
      assert.match(refusal(rolledBack, { kind: 'finish', result: 'success' }), /cannot finish as success/);
      assert.match(refusal(rolledBack, { kind: 'verify', key: 'smoke', result: 'pass' }), /being rolled back/);
      const finished = record(rolledBack, [
        { kind: 'finish', result: 'rolled-back', notes: 'OOM on 2.14.0; back on 2.13.4' },
        '@alice',
        '2026-12-02T23:00',
      ]);
      assert.deepEqual(
        parse(finished).release.rollback.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`),
        ['rollback-release:done', 'rollback-canary:done'],
      );
      assert.equal(parse(finished).outcome.result, 'rolled-back');
      const index = workspace({ [PAYMENTS]: finished });
      assert.deepEqual(
        lintFile(index, uriOf(PAYMENTS)).map((d) => d.code),
        [],
      );
    });

    it('refuses a second rollback decision and an unfinished rollback as rolled-back', () => {
      const decided = record(failed, [
        { kind: 'decide-rollback', reason: 'Errors', triggerMet: false },
        '@alice',
        '2026-12-02T22:33',
      ]);
      assert.match(
        refusal(decided, { kind: 'decide-rollback', reason: 'again', triggerMet: true }),
        /already decided by @alice/,
      );
      assert.match(
        refusal(decided, { kind: 'finish', result: 'rolled-back' }),
        /the rollback is not complete; still open: rollback-release \(pending\), rollback-canary \(pending\)/,
      );
      assert.match(
        refusal(decided, { kind: 'start-step', list: 'rollback', id: 'revert-everything' }),
        /is not a rollback step of this rollback/,
      );
    });
  });

  it('stores the status comment id once', () => {
    const withId = record(START, [{ kind: 'set-status-comment', commentId: 9000001 }, '@alice', '2026-12-02T21:00']);
    assert.equal(parse(withId).release['status-comment'], 9000001);
    assert.equal(stateOf(withId).record.statusComment, '9000001');
    assert.equal(
      record(withId, [{ kind: 'set-status-comment', commentId: '9000001' }, '@alice', '2026-12-02T21:01']),
      withId,
    );
  });

  describe('applying the window a NO-GO proposed', () => {
    const NO_GO = {
      kind: 'decide',
      decision: 'no-go',
      reason: 'CAB pending',
      gates: { ...ALL_PASS, 'cab-approval': { state: 'fail', evidence: 'pending' } },
    } as const;
    const nogo = (window: { start: string; end: string }) =>
      record(START, [{ ...NO_GO, proposedWindow: window }, '@alice', '2026-12-02T21:45']);

    it('writes the proposed start and end into window, in the notation the file uses, and touches nothing else', () => {
      const before = nogo({ start: '2026-12-03T22:00:00+01:00', end: '2026-12-04T00:00:00+01:00' });
      const after = record(before, [{ kind: 'apply-proposed-window' }, '@alice', '2026-12-02T21:50']);
      assert.deepEqual(parse(after).window, { start: '2026-12-03T22:00', end: '2026-12-04T00:00' });
      assert.match(after, /^ {2}start: 2026-12-03T22:00 {3}# after the evening peak$/m, 'the comment stays');
      const edit = minimalEdit(before, after)!;
      assert.ok(
        before.slice(0, edit.start).includes('window:') && !before.slice(edit.end).includes('start: 2026-12-02T22:00'),
        'one span, inside window',
      );
      assert.equal(stateOf(after).phase, 'review', 'a new decision is still needed');
    });

    it('keeps a duration of the same length, and rewrites it when the proposal is longer', () => {
      const withDuration = START.replace('  end: 2026-12-03T00:00', '  duration: 2h');
      const same = record(
        withDuration,
        [
          { ...NO_GO, proposedWindow: { start: '2026-12-03T22:00:00+01:00', end: '2026-12-04T00:00:00+01:00' } },
          '@alice',
          '2026-12-02T21:45',
        ],
        [{ kind: 'apply-proposed-window' }, '@alice', '2026-12-02T21:50'],
      );
      assert.deepEqual(parse(same).window, { start: '2026-12-03T22:00', duration: '2h' });
      const longer = record(
        withDuration,
        [
          { ...NO_GO, proposedWindow: { start: '2026-12-03T21:00:00+01:00', end: '2026-12-04T00:30:00+01:00' } },
          '@alice',
          '2026-12-02T21:45',
        ],
        [{ kind: 'apply-proposed-window' }, '@alice', '2026-12-02T21:50'],
      );
      assert.deepEqual(parse(longer).window, { start: '2026-12-03T21:00', duration: '3h30m' });
    });

    it('refuses without a NO-GO that proposed a window, once applied, and once the release began', () => {
      assert.match(refusal(START, { kind: 'apply-proposed-window' }), /no proposed window to apply/);
      assert.match(
        refusal(record(START, [NO_GO, '@alice', '2026-12-02T21:45']), { kind: 'apply-proposed-window' }),
        /no proposed window to apply/,
      );
      const applied = record(nogo({ start: '2026-12-03T22:00:00+01:00', end: '2026-12-04T00:00:00+01:00' }), [
        { kind: 'apply-proposed-window' },
        '@alice',
        '2026-12-02T21:50',
      ]);
      assert.match(refusal(applied, { kind: 'apply-proposed-window' }), /already the proposed one/);
      const started = record(nogo({ start: '2026-12-03T22:00:00+01:00', end: '2026-12-04T00:00:00+01:00' }), [
        { kind: 'start-step', list: 'steps', id: 'canary', withoutGo: true },
        '@alice',
        '2026-12-02T22:03',
      ]);
      assert.match(refusal(started, { kind: 'apply-proposed-window' }), /moved before the release begins/);
    });
  });
});
