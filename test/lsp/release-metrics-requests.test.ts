// The requests the extension's release day and metrics ask the server (protocol/requests.ts), over
// stdio: where a release stands with the tracking view's items, a transition as the one edit to
// apply, the go/no-go gates with their evidence, the metrics panel's report, the weekly status
// report, retrospectives, and git read only inside the workspace.
// Run `node esbuild.mjs` first.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  FINISHED_RELEASES_REQUEST,
  GO_NO_GO_REQUEST,
  GoNoGoResult,
  FinishedReleasesResult,
  METRICS_REQUEST,
  MetricsResult,
  RELEASE_STATE_REQUEST,
  RELEASE_TRANSITION_REQUEST,
  ReleaseStateResult,
  ReleaseTransitionResult,
  ReleaseTreeItem,
  RETROSPECTIVE_REQUEST,
  RetrospectiveResult,
  STATUS_REPORT_REQUEST,
  StatusReportResult,
} from '../../protocol/requests';
import { applyEdits, copyWorkspace, LspClient, uriOf } from '../helpers/lsp-client';
import { waitFor } from '../helpers/wait-for';

const NOW = Date.parse('2026-12-02T21:50:00+01:00');

describe('release day and metrics requests (stdio)', function () {
  this.timeout(60_000);

  describe('release day', () => {
    let client: LspClient;
    let workspace: string;
    let uri: string;

    before(async () => {
      workspace = await copyWorkspace('workspace');
      client = await LspClient.start({
        workspace,
        initializationOptions: { debounceMs: 0, timeZone: 'Europe/Berlin' },
      });
      await client.diagnosticsOf(
        uriOf(path.join(workspace, 'broken', 'search-indexer.runbook.yaml')),
        (d) => d.length > 0,
      );
      uri = uriOf(path.join(workspace, 'checkout-web-5-3.runbook.yaml'));
    });

    after(async () => {
      await client?.stop();
      if (workspace) await fs.rm(workspace, { recursive: true, force: true });
    });

    const labels = (items: ReleaseTreeItem[]) => items.map((i) => i.label);

    it('says where a release stands, with the tracking view drawn', async () => {
      const answer = await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri, now: NOW });
      assert.equal(answer.partial, false);
      assert.equal(answer.state.phase, 'review');
      assert.equal(answer.activeList, 'steps');
      assert.equal(answer.nextStepId, 'deploy');
      assert.equal(answer.finishProblems.cancelled, undefined, 'a release under review can be called off');
      assert.ok(answer.finishProblems.success, 'but not finished as a success');
      assert.equal(answer.tree[0].node.kind, 'header');
      assert.equal(answer.tree[0].contextValue, 'releaseHeader.review');
      const steps = answer.tree.find((i) => i.node.kind === 'group' && i.node.group === 'steps')!;
      assert.deepEqual(labels(steps.children), [
        '1. Deploy checkout-web 5.3.0',
        '2. Enable new-order-summary for 10% of users',
      ]);
      assert.deepEqual(
        steps.children.map((c) => c.contextValue),
        ['releaseStep.pending', 'releaseStep.pending'],
      );
      assert.match(answer.comments.status.marker, /runbook-status:checkout-web-5-3/);
    });

    it('answers a transition with the one edit to apply, and refuses one that does not fit, saying why', async () => {
      const text = await fs.readFile(new URL(uri), 'utf8');
      const refused = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: NOW,
        transition: { kind: 'finish-step', list: 'steps', id: 'deploy', status: 'done' },
      });
      assert.equal(refused.ok, false);
      if (refused.ok) return;
      assert.match(refused.error, /deploy|started/i);

      // A day before the approved window: refused unless overridden with a reason.
      const early = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: NOW,
        transition: { kind: 'start-step', list: 'steps', id: 'deploy', withoutGo: true },
      });
      assert.ok(!early.ok && early.needsWindowOverride);
      assert.equal(
        early.error,
        'Step "deploy" was not started: the approved window (2026-12-03 21:00 Europe/Berlin to 2026-12-03 22:30 Europe/Berlin) opens in 23h10m. Starting outside the approved window needs an override with a reason.',
      );
      const started = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: NOW,
        transition: {
          kind: 'start-step',
          list: 'steps',
          id: 'deploy',
          withoutGo: true,
          windowOverride: 'Security fix, approved by phone',
        },
      });
      assert.ok(started.ok && started.changed && started.edit);
      const after = applyEdits(text, [started.edit]);
      assert.match(after, /- id: deploy\n\s+status: started\n\s+by: "@lsp"/);
      assert.match(
        after,
        /outside-window: the approved window \(2026-12-03 21:00 Europe\/Berlin to 2026-12-03 22:30 Europe\/Berlin\) opens in 23h10m\n\s+window-override: Security fix, approved by phone/,
      );
      const inside = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: Date.parse('2026-12-03T21:05:00+01:00'),
        transition: { kind: 'start-step', list: 'steps', id: 'deploy', withoutGo: true },
      });
      assert.ok(
        inside.ok && inside.edit && !/outside-window/.test(inside.edit.newText),
        'inside the window no override is asked for',
      );
      assert.equal(started.state.phase, 'in-progress');

      // The editor applies it; the server then sees the step running.
      await client.open(uri, after);
      try {
        const answer = await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri, now: NOW });
        assert.equal(answer.currentStepId, 'deploy');
        const steps = answer.tree.find((i) => i.node.kind === 'group' && i.node.group === 'steps')!;
        assert.equal(steps.children[0].contextValue, 'releaseStep.started');
        // The override stays in view as an item, with what the editor adds (a status comment GitHub refused).
        const notes = (a: ReleaseStateResult) => a.tree.filter((i) => i.node.kind === 'note').map((i) => i.label);
        assert.deepEqual(notes(answer), [
          'Step "deploy" was started on an override by @lsp: the approved window (2026-12-03 21:00 Europe/Berlin to 2026-12-03 22:30 Europe/Berlin) opens in 23h10m. Reason: Security fix, approved by phone',
        ]);
        const refusedComment =
          'The release status comment could not be updated: GitHub did not accept the token (401 Bad credentials).';
        const withHost = await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, {
          uri,
          now: NOW,
          attention: [refusedComment, 42],
        });
        assert.deepEqual(notes(withHost).slice(1), [refusedComment], 'text only');
      } finally {
        await client.close(uri);
      }
      // Closed, the file is what disk says again (read back after the close).
      await waitFor(
        async () =>
          (await client.request<ReleaseStateResult>(RELEASE_STATE_REQUEST, { uri, now: NOW })).state.phase === 'review',
        'the closed runbook read from disk again',
      );
    });

    it('applies the window a NO-GO proposed as one edit, in the notation of the file, and offers it in the review until then', async () => {
      const text = `${await fs.readFile(new URL(uri), 'utf8')}
release:
  decisions:
    - decision: no-go
      by: "@lsp"
      at: 2026-12-02T21:45:00+01:00
      reason: CAB pending
      proposed-window:
        start: 2026-12-04T21:00:00+01:00
        end: 2026-12-04T22:30:00+01:00
`;
      await client.open(uri, text);
      try {
        const review = await client.request<GoNoGoResult>(GO_NO_GO_REQUEST, {
          uri,
          now: NOW,
          changeUnknownReason: 'not read yet',
        });
        assert.deepEqual(review.view.applicable, {
          window: '2026-12-04 21:00 Europe/Berlin to 2026-12-04 22:30 Europe/Berlin',
          updatesChangeRequest: false,
        });
        const applied = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
          uri,
          text,
          by: '@lsp',
          now: NOW,
          transition: { kind: 'apply-proposed-window' },
        });
        assert.ok(applied.ok && applied.edit);
        const after = applyEdits(text, [applied.edit]);
        assert.match(
          after,
          /^window:\n {2}start: 2026-12-04T21:00\n {2}duration: 1h30m\n/m,
          'the duration of the same length stays',
        );
        await client.change(uri, after);
        const again = await client.request<GoNoGoResult>(GO_NO_GO_REQUEST, {
          uri,
          now: NOW,
          changeUnknownReason: 'not read yet',
        });
        assert.equal(again.view.applicable, undefined, 'nothing left to apply');
      } finally {
        await client.close(uri);
      }
    });

    it('judges the go/no-go gates with the evidence the client brings, and records a decision with them', async () => {
      const evidence = {
        changeUnknownReason: 'not read yet',
        issueBody: '### Preconditions\n- [x] **feature-flags**: Flag new-order-summary is off\n',
      };
      const unticked = await client.request<GoNoGoResult>(GO_NO_GO_REQUEST, {
        uri,
        now: NOW,
        changeUnknownReason: 'not read yet',
      });
      assert.equal(unticked.view.gates.find((g) => g.id === 'preconditions')?.state, 'fail');
      const answer = await client.request<GoNoGoResult>(GO_NO_GO_REQUEST, { uri, now: NOW, ...evidence });
      assert.equal(
        answer.view.gates.find((g) => g.id === 'preconditions')?.state,
        'pass',
        'ticked on the change request',
      );
      assert.equal(answer.partial, false);
      assert.equal(answer.view.runbookId, 'checkout-web-5-3');
      assert.equal(answer.view.canDecide, true);
      assert.ok(answer.view.gates.length >= 5);
      const cab = answer.view.gates.find((g) => g.id === 'cab-approval');
      assert.ok(cab, `gates: ${answer.view.gates.map((g) => g.id).join(', ')}`);
      assert.equal(cab.state, 'fail');

      const text = await fs.readFile(new URL(uri), 'utf8');
      const decided = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: NOW,
        transition: { kind: 'review-decision', decision: 'no-go', reason: 'CAB not approved', waived: [], evidence },
      });
      assert.ok(decided.ok && decided.edit);
      const after = applyEdits(text, [decided.edit]);
      assert.match(after, /decision: no-go/);
      assert.match(after, /cab-approval:\s*\n\s+state: fail/);

      const badWindow = await client.request<ReleaseTransitionResult>(RELEASE_TRANSITION_REQUEST, {
        uri,
        text,
        by: '@lsp',
        now: NOW,
        transition: {
          kind: 'review-decision',
          decision: 'no-go',
          reason: 'later',
          waived: [],
          evidence,
          proposedWindow: { start: '2026-12-05T22:00:00+01:00', end: '2026-12-05T21:00:00+01:00' },
        },
      });
      assert.deepEqual(badWindow, {
        ok: false,
        error: 'the proposed window needs a start and a later end, such as 2026-12-03T22:00:00+01:00.',
      });
    });

    it('says what is wrong with a request for a file that is no runbook of the workspace', async () => {
      await assert.rejects(
        client.request(RELEASE_STATE_REQUEST, { uri: uriOf(path.join(workspace, 'nope.runbook.yaml')) }),
        /not a runbook of the workspace/,
      );
      await assert.rejects(
        client.request(RELEASE_STATE_REQUEST, { uri: uriOf(path.join(workspace, 'acme.calendar.yaml')) }),
        /a calendar, not a runbook/,
      );
      await assert.rejects(client.request(RELEASE_STATE_REQUEST, {}), /needs params \{"uri": string\}/);
    });
  });

  describe('metrics', () => {
    let client: LspClient;
    let workspace: string;

    before(async () => {
      workspace = await copyWorkspace(path.join('..', 'metrics', 'delivery'));
      client = await LspClient.start({ workspace, initializationOptions: { debounceMs: 0 } });
      // Read once the calendar request answers (it waits for the first read of the workspace).
      await client.request('runbook/calendar', { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
    });

    after(async () => {
      await client?.stop();
      if (workspace) await fs.rm(workspace, { recursive: true, force: true });
    });

    it('answers the metrics panel with the report, its exports and the environments', async () => {
      const answer = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'month', group: 'environment', environment: 'production' },
        readGitHistory: false,
      });
      assert.equal(answer.type, 'report');
      if (answer.type !== 'report') return;
      assert.equal(answer.partial, false);
      assert.deepEqual(
        answer.report.groups.map((g) => g.name),
        ['production'],
      );
      assert.equal(answer.report.total.deployments, 7);
      // Each period's totals; its breakdown by group is only in the CSV (at 2,000 runbooks it was 5 of the answer's 6 MB).
      assert.ok(answer.report.periods.length > 0);
      for (const period of answer.report.periods)
        assert.ok(period.metrics && !('groups' in period), `${period.key} is sent without its groups`);
      assert.deepEqual(answer.environments, ['production', 'staging']);
      assert.equal(answer.exported, undefined, 'the exports only when asked');
      const markdown = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'month' },
        readGitHistory: false,
        export: 'markdown',
      });
      assert.ok(markdown.type === 'report' && /^# /m.test(markdown.exported ?? ''));
      const csv = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'month' },
        readGitHistory: false,
        export: 'csv',
      });
      assert.ok(csv.type === 'report' && /,/.test((csv.exported ?? '').split('\n')[0]));
      const busy = csv.report.periods.find((p) => p.metrics.deployments > 0)!;
      const groupsInCsv = new Set(csv.report.groups.map((g) => g.name));
      const rowsOfBusy = (csv.exported ?? '').split('\n').filter((line) => line.startsWith(`${busy.key},`));
      assert.ok(
        rowsOfBusy.some((line) => [...groupsInCsv].some((group) => line.includes(`,${group},`))),
        'the CSV still has each period by group',
      );
    });

    it('counts the GitHub deployment records the client read beside the runbooks, with the setting’s service rules', async () => {
      const at = (iso: string) => Date.parse(iso);
      const answer = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'week', group: 'service' },
        readGitHistory: false,
        github: {
          repository: 'acme/payments',
          service: 'payments',
          services: [
            { environment: 'prod-*', service: 'payments-api', runbookEnvironment: 'production' },
            { environment: 'qa' },
          ],
          problems: [],
          deployments: [
            {
              id: 1,
              environment: 'prod-eu',
              ref: 'v2.12',
              sha: 'a1',
              createdAt: at('2026-11-03T21:10:00Z'),
              production: true,
              statuses: [{ state: 'success', at: at('2026-11-03T21:40:00Z') }],
            },
            {
              id: 2,
              environment: 'prod-eu',
              ref: 'v2.13',
              sha: 'a2',
              createdAt: at('2026-11-19T21:10:00Z'),
              production: true,
              statuses: [{ state: 'failure', at: at('2026-11-19T21:50:00Z') }],
            },
            // Not a deployment the server can read: left out, nothing else lost.
            { id: 'x', environment: 'prod-eu' },
          ],
        },
      });
      assert.equal(answer.type, 'report');
      if (answer.type !== 'report') return;
      const github = answer.githubComparison!;
      assert.equal(github.from, answer.report.from);
      assert.equal(github.to, answer.report.to);
      const production = github.rows.find((r) => r.environment === 'production')!;
      assert.equal(production.runbooks?.deployments, 7);
      assert.equal(production.github?.deployments, 2);
      assert.equal(production.github?.changeFailRate, 0.5);
      assert.ok(
        github.problems.includes(
          'the setting releaseRunbooks.metrics.deploymentServices, rule 2: "service" must name the runbook service (a non-empty text); that rule is left out',
        ),
        github.problems.join('\n'),
      );
      // The runbooks' own report is as without GitHub.
      assert.equal(answer.report.total.deployments, 9);
      const without = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { by: 'week' },
        readGitHistory: false,
      });
      assert.ok(without.type === 'report' && without.githubComparison === undefined);
    });

    it('answers a reversed range with a message for the page', async () => {
      const answer = await client.request<MetricsResult>(METRICS_REQUEST, {
        query: { from: '2026-12-10', to: '2026-12-01' },
        readGitHistory: false,
      });
      assert.equal(answer.type, 'error');
      if (answer.type === 'error') assert.equal(answer.message, 'The last day is before the first day.');
    });

    it('runs git only in folders inside the workspace', async () => {
      const outside = uriOf(path.join(workspace, 'outside-1-0.runbook.yaml'));
      const text = (await fs.readFile(path.join(workspace, 'orders-db-1-4.runbook.yaml'), 'utf8'))
        .replace('runbook: orders-db-1-4', 'runbook: outside-1-0')
        .replace('    to: v1.4.0', '    to: v1.4.0\n    path: ../../..');
      await client.open(outside, text);
      try {
        const answer = await client.request<MetricsResult>(METRICS_REQUEST, { query: {}, readGitHistory: true });
        assert.equal(answer.type, 'report');
        if (answer.type !== 'report') return;
        const problems = answer.report.problems.join('\n');
        assert.match(
          problems,
          /outside-1-0: git log v1\.3\.0\.\.v1\.4\.0 in \.\.\/\.\.\/\.\. failed \(.* is outside the workspace folders; git is not run there\)/,
        );
        // Without leave to read git (an untrusted workspace, or the setting off) no range is read at all.
        const quiet = await client.request<MetricsResult>(METRICS_REQUEST, { query: {}, readGitHistory: false });
        assert.ok(quiet.type === 'report' && !quiet.report.problems.some((p) => /git log/.test(p)));
      } finally {
        await client.close(outside);
      }
    });

    it('writes the weekly status report with the board decisions the client knows', async () => {
      const answer = await client.request<StatusReportResult>(STATUS_REPORT_REQUEST, {
        now: Date.parse('2026-12-02T12:00:00Z'),
        cab: {},
        retrospectives: [
          {
            path: 'retrospectives/x.md',
            text: '## Action items\n\n- [ ] Automate the smoke test (@alice, due 2026-12-20)\n',
          },
        ],
        metricWeeks: 4,
        readGitHistory: false,
      });
      assert.ok(answer.ok);
      if (!answer.ok) return;
      assert.match(answer.text, /^# /m);
      assert.match(answer.text, /Automate the smoke test/);
    });

    it('lists finished releases and writes the retrospective of one, refusing one not finished', async () => {
      const finished = await client.request<FinishedReleasesResult>(FINISHED_RELEASES_REQUEST, {});
      const orders = finished.releases.find((r) => r.id === 'orders-db-1-4');
      assert.ok(orders);
      assert.equal(orders.result, 'success');
      const retro = await client.request<RetrospectiveResult>(RETROSPECTIVE_REQUEST, {
        uri: orders.uri,
        now: Date.parse('2026-12-02T12:00:00Z'),
        runbookLink: '../orders-db-1-4.runbook.yaml',
        earlier: [],
      });
      assert.ok(retro.ok);
      if (retro.ok) {
        assert.equal(retro.id, 'orders-db-1-4');
        assert.match(retro.text, /orders-db-1-4/);
      }
      const planned = finished.releases.map((r) => r.id);
      const unfinished = (await fs.readdir(workspace)).find(
        (f) => f.endsWith('.runbook.yaml') && !planned.includes(f.replace('.runbook.yaml', '')),
      );
      if (unfinished) {
        const refused = await client.request<RetrospectiveResult>(RETROSPECTIVE_REQUEST, {
          uri: uriOf(path.join(workspace, unfinished)),
          now: Date.now(),
        });
        assert.equal(refused.ok, false);
      }
    });
  });
});
