// What the Problems view gets from the language server: the broken example's codes on the
// right lines, nothing on the clean examples, and a live update while typing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  codesByLine,
  extensionApi,
  findWorkspaceFile,
  openWorkspaceFile,
  positionOf,
  waitFor,
  waitForDiagnostics,
  withUnsavedEdit,
} from './helpers';

// examples/broken/search-indexer.runbook.yaml, as `runbook lint examples` reports it.
const BROKEN_EXPECTED = [
  'RB002@24', // "timout" in a step: did you mean "timeout"
  'RB004@15', // risk: severe
  'RB006@18', // depends-on: orders-db-migraton
  'RB006@28', // rollback: restore-alias, no such rollback step
  'RB007@11', // the window ends before it starts
  'RB010@21', // reindex runs a command without rollback
  'RB011@2', // production without a rollback plan
  'RB015@14', // emergency without justification
  'RB016@2', // production without verification
  'RB017@2', // no on-call
].sort();

suite('diagnostics', () => {
  suiteSetup(async () => {
    await extensionApi();
  });

  test('the broken example shows its errors and warnings, without being opened', async () => {
    const uri = await findWorkspaceFile('broken/search-indexer.runbook.yaml');
    // The server lints the whole workspace; the file need not be open.
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length >= BROKEN_EXPECTED.length, 30_000).catch(() =>
      vscode.languages.getDiagnostics(uri),
    );
    assert.deepEqual(codesByLine(diagnostics), BROKEN_EXPECTED);

    const severity = (code: string) => diagnostics.filter((d) => codeOf(d) === code).map((d) => d.severity);
    assert.deepEqual(severity('RB007'), [vscode.DiagnosticSeverity.Error]);
    assert.deepEqual(severity('RB002'), [vscode.DiagnosticSeverity.Warning]);

    // The smallest range that shows the fault: the unknown key itself, with a suggestion.
    const document = await vscode.workspace.openTextDocument(uri);
    const unknownKey = diagnostics.find((d) => codeOf(d) === 'RB002')!;
    assert.equal(document.getText(unknownKey.range), 'timout');
    assert.match(unknownKey.message, /"timeout"/);
    const badRisk = diagnostics.find((d) => codeOf(d) === 'RB004')!;
    assert.equal(document.getText(badRisk.range), 'severe');
  });

  test("the clean examples have no diagnostics but the node pool upgrade's ended dry-run access (RB041); the justified hotfix has one RB009 warning", async () => {
    const hotfix = await findWorkspaceFile('payments-hotfix-2-14-1.runbook.yaml');
    const broken = await findWorkspaceFile('broken/search-indexer.runbook.yaml');
    // A run publishes every file of the workspace in one pass, so once these two are in,
    // the others have been published too (empty lists included).
    await waitForDiagnostics(broken, (d) => d.length > 0, 30_000);
    const hotfixDiagnostics = await waitForDiagnostics(hotfix, (d) => d.length > 0, 30_000);
    assert.deepEqual(
      hotfixDiagnostics.map((d) => [codeOf(d), d.severity]),
      [['RB009', vscode.DiagnosticSeverity.Warning]],
    );
    assert.match(hotfixDiagnostics[0].message, /year-end/);

    const files = await vscode.workspace.findFiles('**/*.{runbook,calendar}.{yaml,yml}');
    const clean = files.filter((u) => !/\/broken\/|payments-hotfix-2-14-1/.test(u.path));
    assert.ok(
      clean.length >= 6,
      `expected at least 6 clean example files, found ${clean.map((u) => u.path).join(', ')}`,
    );
    const dirty = clean
      .map((u) => ({ file: vscode.workspace.asRelativePath(u), codes: vscode.languages.getDiagnostics(u).map(codeOf) }))
      .filter((f) => f.codes.length > 0);
    // The example shows RB041 on purpose: its staging dry-run access ended on 1 December.
    assert.deepEqual(
      dirty,
      [{ file: 'k8s-node-pool-upgrade.runbook.yaml', codes: ['RB041'] }],
      'clean examples with diagnostics',
    );
  });

  test('an edit shows a new problem while typing and a revert takes it away', async () => {
    const editor = await openWorkspaceFile('**/payments-api-2-14.runbook.yaml');
    const document = editor.document;
    const uri = document.uri;
    const riskValue = positionOf(document, 'risk: medium', { offset: 'risk: '.length });
    await withUnsavedEdit(
      document,
      (e) => e.replace(uri, new vscode.Range(riskValue, riskValue.translate(0, 'medium'.length)), 'severe'),
      async () => {
        const d = await waitForDiagnostics(uri, (list) => list.some((x) => codeOf(x) === 'RB004'));
        const rb004 = d.find((x) => codeOf(x) === 'RB004')!;
        assert.equal(document.getText(rb004.range), 'severe');
      },
    );
    await waitFor(
      () => vscode.languages.getDiagnostics(uri).length === 0,
      'the RB004 to go away after the revert',
    ).catch((e) => {
      console.log(
        'DEBUG dirty',
        document.isDirty,
        'version',
        document.version,
        'risk line',
        document.getText().match(/risk: .*/)?.[0],
        JSON.stringify(vscode.languages.getDiagnostics(uri)),
      );
      throw e;
    });
  });
});
