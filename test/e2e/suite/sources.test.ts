// Calendar sources in VS Code: the workspace's calendar names another team's repository (served
// by the GitHub stand-in); the language server reads it with the extension's token, a clash with
// that team's runbook shows on the workspace's own runbook, and the other team's file opens as a
// read-only document without diagnostics of its own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extensionApi, findWorkspaceFile, githubStandIn, waitFor, waitForDiagnostics } from './helpers';

const SOURCE_RUNBOOK = `runbook: payments-db-failover
title: Payments database failover drill
service: payments-api
environment: production
window:
  start: 2026-12-02T23:00
  duration: 1h
steps:
  - id: failover
    title: Fail over
`;

suite('calendar sources', () => {
  let calendar: vscode.Uri | undefined;

  suiteTeardown(async () => {
    if (calendar) await vscode.workspace.fs.delete(calendar);
  });

  test("another repository's runbook clashes with ours, and opens read-only without diagnostics", async function () {
    const standIn = githubStandIn();
    if (!standIn) return this.skip();
    this.timeout(90_000);
    await extensionApi();
    const post = async (route: string, body: unknown) => {
      const r = await fetch(`${standIn.url}/_stand-in/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(r.ok, `POST /_stand-in/${route} answered ${r.status}`);
    };
    await post('repositories', { fullName: 'acme/payments-ops' });
    await post('git', { repository: 'acme/payments-ops', files: { 'runbooks/failover.runbook.yaml': SOURCE_RUNBOOK } });

    const local = await findWorkspaceFile('**/payments-api-2-14.runbook.yaml');
    calendar = vscode.Uri.joinPath(local, '..', 'sources.calendar.yaml');
    await vscode.workspace.fs.writeFile(
      calendar,
      Buffer.from('calendar: other-teams\nsources:\n  - repository: acme/payments-ops\n    path: runbooks\n'),
    );

    const diagnostics = await waitForDiagnostics(
      local,
      (d) => d.some((x) => codeOf(x) === 'RB014' && /payments-db-failover/.test(x.message)),
      60_000,
    );
    assert.ok(diagnostics.length > 0);

    const sourceUri = vscode.Uri.parse(
      `runbook-source:${standIn.url.replace(/^https?:/, '')}/acme/payments-ops/blob/HEAD/runbooks/failover.runbook.yaml`,
    );
    const document = await vscode.workspace.openTextDocument(sourceUri);
    assert.equal(document.getText(), SOURCE_RUNBOOK);
    assert.equal(document.languageId, 'runbook');
    await vscode.window.showTextDocument(document);
    await waitFor(() => vscode.languages.getDiagnostics(local).length > 0, 'the local diagnostics');
    assert.deepEqual(vscode.languages.getDiagnostics(sourceUri), [], "no diagnostics for the other team's file");
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
