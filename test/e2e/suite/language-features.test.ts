// Completion, hover, go to definition, rename and quick fixes, asked for the way the editor asks
// (the vscode.execute*Provider commands), on the examples.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DSL } from '../../../server/core/dsl-schema';
import {
  asLocations,
  codeOf,
  extensionApi,
  findWorkspaceFile,
  hoverText,
  openWorkspaceFile,
  positionOf,
  rangeOf,
  revert,
  waitFor,
  waitForDiagnostics,
  withUnsavedEdit,
} from './helpers';

const RUNBOOK = '**/payments-api-2-14.runbook.yaml';

suite('language features', () => {
  let document: vscode.TextDocument;

  suiteSetup(async () => {
    await extensionApi();
  });

  setup(async () => {
    document = (await openWorkspaceFile(RUNBOOK)).document;
  });

  teardown(async () => {
    if (document) await revert(document);
  });

  test('completion after "rollback: " offers the rollback step ids, and only those', async () => {
    const uri = document.uri;
    // The canary step's "rollback: rollback-canary", with its value deleted as a person would.
    const value = rangeOf(document, 'rollback-canary');
    await withUnsavedEdit(
      document,
      (e) => e.delete(uri, value),
      async () => {
        const at = value.start;
        assert.equal(document.lineAt(at.line).text.trimEnd(), '    rollback:');
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          uri,
          at,
        );
        const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        assert.ok(labels.includes('rollback-canary'), `completion offers ${labels.join(', ')}`);
        assert.ok(labels.includes('rollback-release'), `completion offers ${labels.join(', ')}`);
        for (const notARollbackStep of ['canary', 'rollout', 'purge-cache', 'ci-green', 'smoke']) {
          assert.ok(!labels.includes(notARollbackStep), `"${notARollbackStep}" is no rollback step but was offered`);
        }
      },
    );
  });

  test('hover on a key shows its documentation; on a rollback reference, the step it names', async () => {
    const uri = document.uri;
    const onKey = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      positionOf(document, 'timeout: 20m', { offset: 2 }),
    );
    const keyText = hoverText(onKey);
    // The same words as dsl-schema.ts, the single description of the DSL.
    assert.ok(keyText.includes(DSL.step.fields.timeout.doc), `hover on "timeout" says:\n${keyText}`);

    const onReference = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      positionOf(document, 'rollback: rollback-canary', { offset: 'rollback: '.length + 3 }),
    );
    const refText = hoverText(onReference);
    assert.match(refText, /Remove the canary pool from the load balancer/, `hover on the reference says:\n${refText}`);
  });

  test('go to definition: a rollback reference leads to its step, a dependency to its runbook', async () => {
    const uri = document.uri;
    const toStep = asLocations(
      await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeDefinitionProvider',
        uri,
        positionOf(document, 'rollback: rollback-canary', { offset: 'rollback: '.length + 1 }),
      ),
    );
    assert.equal(toStep.length, 1, `definitions: ${JSON.stringify(toStep)}`);
    assert.equal(toStep[0].uri.toString(), uri.toString());
    const stepLine = positionOf(document, '- id: rollback-canary').line;
    assert.equal(toStep[0].range.start.line, stepLine, "the definition is the rollback step's id line");

    const toRunbook = asLocations(
      await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeDefinitionProvider',
        uri,
        positionOf(document, '- orders-db-migration', { offset: 4 }),
      ),
    );
    assert.equal(toRunbook.length, 1, `definitions: ${JSON.stringify(toRunbook)}`);
    const orders = await findWorkspaceFile('**/orders-db-migration.runbook.yaml');
    assert.equal(toRunbook[0].uri.toString(), orders.toString());
    const ordersDocument = await vscode.workspace.openTextDocument(orders);
    assert.match(ordersDocument.lineAt(toRunbook[0].range.start.line).text, /^runbook:\s*orders-db-migration/);
  });

  test('rename a rollback step: its id and every reference change, and nothing breaks', async () => {
    const uri = document.uri;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      positionOf(document, '- id: rollback-canary', { offset: 8 }),
      'remove-canary-pool',
    );
    assert.ok(edit, 'rename answered no edit');
    const entries = edit.entries();
    assert.deepEqual(
      entries.map(([u]) => u.toString()),
      [uri.toString()],
      'a step id is local to its file',
    );
    assert.equal(entries[0][1].length, 2, 'the id and the one step that rolls back with it');

    assert.ok(await vscode.workspace.applyEdit(edit));
    const text = document.getText();
    assert.ok(!text.includes('rollback-canary'), 'no old name left');
    assert.match(text, /- id: remove-canary-pool/);
    assert.match(text, /rollback: remove-canary-pool/);
    // The renamed reference still leads to the renamed step (no RB006, unknown rollback step).
    const renamedLine = positionOf(document, '- id: remove-canary-pool').line;
    await waitFor(
      async () => {
        const to = asLocations(
          await vscode.commands.executeCommand<vscode.Location[]>(
            'vscode.executeDefinitionProvider',
            uri,
            positionOf(document, 'rollback: remove-canary-pool', { offset: 'rollback: '.length + 1 }),
          ),
        );
        return to.length === 1 && to[0].range.start.line === renamedLine;
      },
      'the renamed reference to lead to the renamed step',
      10_000,
    );
    assert.deepEqual(vscode.languages.getDiagnostics(uri).map(codeOf), []);
    await revert(document);
  });

  test('rename a runbook id: the runbooks that depend on it follow', async () => {
    const orders = await openWorkspaceFile('**/orders-db-migration.runbook.yaml');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      orders.document.uri,
      positionOf(orders.document, 'runbook: orders-db-migration', { offset: 'runbook: '.length + 2 }),
      'orders-db-migration-0042',
    );
    const files = edit
      .entries()
      .map(([u]) => u.path.split('/').pop())
      .sort();
    assert.deepEqual(files, [
      'checkout-web-5-3.runbook.yaml',
      'orders-db-migration.runbook.yaml',
      'payments-api-2-14.runbook.yaml',
    ]);
    for (const [, edits] of edit.entries()) for (const e of edits) assert.equal(e.newText, 'orders-db-migration-0042');
  });

  test('quick fix on an unknown key: "timout" becomes "timeout" and the warning goes away', async () => {
    const uri = await findWorkspaceFile('broken/search-indexer.runbook.yaml');
    const broken = (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri))).document;
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'RB002'), 30_000);
    const rb002 = diagnostics.find((x) => codeOf(x) === 'RB002')!;

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      rb002.range,
    );
    const fix = actions.find((a) => a.title === 'Change key "timout" to "timeout"');
    assert.ok(fix, `code actions offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind ${fix.kind?.value}`);
    assert.ok(fix.edit, 'the fix carries its edit');

    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(broken.lineAt(rb002.range.start.line).text.trim(), 'timeout: 2h');
      await waitFor(
        () => !vscode.languages.getDiagnostics(uri).some((x) => codeOf(x) === 'RB002'),
        'RB002 to go away after the fix',
        10_000,
      );
    } finally {
      await revert(broken);
    }
  });
});
