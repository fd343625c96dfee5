// "Release Runbooks: Submit Change Request" against the GitHub stand-in the runner started:
// one issue with what docs/runbook-dsl.md ("runbook submit") says, and change.ticket written back into the runbook
// (the run's copy of examples/). A second submission updates the same issue.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, githubStandIn, openWorkspaceFile, StandInIssue, submit } from './helpers';

interface ChangeRequest {
  title: string;
  labels: string[];
  body: string;
  ticket: string | null;
}

suite('change requests', () => {
  const standIn = githubStandIn();

  suiteSetup(async function () {
    // Only the runner (test/e2e/run-api-suite.mjs) starts the stand-in and passes its URL.
    if (!standIn) this.skip();
    await extensionApi();
  });

  test('submitting a runbook files one issue and writes change.ticket back into the open document', async () => {
    const { repository } = standIn!;
    const issues = async (): Promise<StandInIssue[]> => (await standIn!.state()).repositories[repository]?.issues ?? [];
    assert.deepEqual(await issues(), [], 'the stand-in starts without issues');

    const editor = await openWorkspaceFile('**/payments-api-2-14.runbook.yaml');
    const document = editor.document;
    assert.ok(!document.getText().includes('ticket:'), 'the copy has no ticket yet');
    const api = await extensionApi();
    const expected = await api.languageClient.sendRequest<ChangeRequest>('runbook/changeRequest', {
      uri: document.uri.toString(),
    });

    const ticket = `${repository}#1`;
    const outcome = await submit(
      document.uri,
      () => document.getText().includes(`ticket: ${ticket}`) && !document.isDirty,
      'the ticket to be written back and saved',
    );
    assert.equal(outcome?.action, 'created');
    assert.equal(outcome?.ticket, ticket);

    // The stand-in's side: exactly one issue, with what the language server said would be sent.
    const filed = await issues();
    assert.equal(filed.length, 1, `issues: ${filed.map((i) => `#${i.number} ${i.title}`).join('; ')}`);
    const [issue] = filed;
    assert.equal(issue.title, expected.title);
    assert.match(
      issue.title,
      /^\[change\] Payments API 2\.14\.0 to production — .*2026-12-02.*22:00.* \(production\)$/,
    );
    assert.deepEqual([...issue.labels].sort(), ['change-request', 'env:production', 'risk:medium', 'type:normal']);
    assert.equal(issue.body?.trimEnd(), expected.body.trimEnd());
    assert.match(issue.body ?? '', /^- \[ \] /m, 'preconditions as a task list');
    assert.equal(issue.body?.trimEnd().split('\n').pop(), '<!-- runbook:payments-api-2-14 -->');
    assert.deepEqual((await standIn!.state()).problems, [], "every request matched GitHub's OpenAPI description");

    // The ticket sits under change:, the rest of the file as it was, and it is on disk.
    const text = document.getText();
    assert.match(text, /\nchange:\n {2}type: normal\n {2}risk: medium\n(?: {2}.*\n)* {2}ticket: acme\/releases#1\n/);
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    assert.equal(onDisk, text);
  });

  test('submitting again updates the same issue: one runbook, one issue', async () => {
    const { repository } = standIn!;
    const editor = await openWorkspaceFile('**/payments-api-2-14.runbook.yaml');
    const before = editor.document.getText();
    assert.match(before, /ticket: acme\/releases#1/, 'the first test wrote the ticket');
    const requestsBefore = (await standIn!.state()).requests.length;

    const outcome = await submit(
      editor.document.uri,
      async () =>
        (await standIn!.state()).requests.some(
          (r, i) => i >= requestsBefore && r.method === 'PATCH' && /\/issues\/1$/.test(r.path),
        ),
      'the issue to be updated',
    );
    assert.equal(outcome?.action, 'updated');
    const state = await standIn!.state();
    assert.equal(state.repositories[repository].issues.length, 1);
    assert.equal(editor.document.getText(), before, 'the runbook is unchanged');
    assert.deepEqual(state.problems, []);
  });

  test('a create whose answer was lost (connection dropped after GitHub stored the issue) is found by its marker: one issue, ticket written', async () => {
    const { repository } = standIn!;
    // A runbook no other suite tracks or edits: release day writes into checkout-web-5-3 meanwhile.
    const marker = '<!-- runbook:k8s-node-pool-upgrade -->';
    const ours = async (): Promise<StandInIssue[]> =>
      ((await standIn!.state()).repositories[repository]?.issues ?? []).filter((i) =>
        i.body?.trimEnd().endsWith(marker),
      );
    assert.deepEqual(await ours(), [], 'no issue for k8s-node-pool-upgrade yet');
    const editor = await openWorkspaceFile('**/k8s-node-pool-upgrade.runbook.yaml');
    const document = editor.document;
    await standIn!.inject({ operationId: 'issues/create', fault: { kind: 'drop', afterHandling: true } });
    const creates = async () =>
      (await standIn!.state()).requests.filter((r) => r.method === 'POST' && /\/issues$/.test(r.path)).length;
    const createsBefore = await creates();

    const outcome = await submit(
      document.uri,
      () => /\n {2}ticket: acme\/releases#\d+\n/.test(document.getText()) && !document.isDirty,
      'the ticket to be written back and saved',
    );
    const filed = await ours();
    assert.equal(filed.length, 1, `issues of k8s-node-pool-upgrade: ${filed.map((i) => `#${i.number}`).join(', ')}`);
    assert.equal(outcome?.ticket, `${repository}#${filed[0].number}`);
    assert.equal(await creates(), createsBefore + 1, 'the create was sent once, never again after the lost answer');
    assert.match(document.getText(), new RegExp(`\\n {2}ticket: acme/releases#${filed[0].number}\\n`));
  });
});
