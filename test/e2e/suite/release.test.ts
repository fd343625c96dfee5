// Release day in the real editor: the tracking view shows the steps, its step commands write the
// record into the runbook on disk, and the change request gets one status comment, edited in place.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionApi, githubStandIn, openWorkspaceFile, waitFor } from './helpers';

interface Tracker {
  tracked(): vscode.Uri | undefined;
  untrack(): Promise<void>;
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
  refresh(): Promise<void>;
}

async function stepNodes(tracker: Tracker): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  const roots = await tracker.getChildren();
  const steps = roots.find(
    (n) => (n as { kind: string; group?: string }).kind === 'group' && (n as { group: string }).group === 'steps',
  );
  if (!steps) return [];
  return (await tracker.getChildren(steps)).map((node) => ({ node, item: tracker.getTreeItem(node) }));
}

suite('release day', () => {
  const standIn = githubStandIn();

  suiteSetup(async function () {
    if (!standIn) this.skip();
    await extensionApi();
  });

  test('the tracking view starts and finishes steps, the file keeps the record, one status comment follows', async function () {
    this.timeout(120_000);
    const api = (await extensionApi()) as unknown as { release: Tracker };
    const tracker = api.release;
    assert.ok(tracker, 'activate() exposes the release tracker');
    await vscode.workspace
      .getConfiguration('releaseRunbooks')
      .update('user.handle', '@e2e-coordinator', vscode.ConfigurationTarget.Workspace);

    const editor = await openWorkspaceFile('**/checkout-web-5-3.runbook.yaml');
    const document = editor.document;
    const uri = document.uri;
    // A change request to mirror to, in a repository of its own so that the change-request suite's
    // count of issues is not disturbed.
    const token = process.env.RELEASE_RUNBOOKS_GITHUB_TOKEN!;
    const github = (path: string, init: RequestInit = {}) =>
      fetch(`${standIn!.url}${path}`, {
        ...init,
        headers: { authorization: `token ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
    await fetch(`${standIn!.url}/_stand-in/repositories`, {
      method: 'POST',
      body: JSON.stringify({ fullName: 'acme/release-day' }),
    });
    const created = (await (
      await github('/repos/acme/release-day/issues', {
        method: 'POST',
        body: JSON.stringify({ title: '[change] Checkout web 5.3.0', body: 'x' }),
      })
    ).json()) as { number: number };
    const ticket = `acme/release-day#${created.number}`;
    const withTicket = new vscode.WorkspaceEdit();
    const changeLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l === 'change:');
    withTicket.insert(uri, new vscode.Position(changeLine + 1, 0), `  ticket: ${ticket}\n`);
    // The approved window opens now: a start outside it would ask for an override.
    const startLine = document
      .getText()
      .split('\n')
      .findIndex((l) => /^  start: /.test(l));
    const opened = `${new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 19)}Z`;
    withTicket.replace(
      uri,
      new vscode.Range(startLine, 0, startLine, document.lineAt(startLine).text.length),
      `  start: ${opened}`,
    );
    await vscode.workspace.applyEdit(withTicket);
    await document.save();

    // The GO, as the review panel writes it (the panel itself is a webview: the UI suite drives it).
    const edit = new vscode.WorkspaceEdit();
    const go =
      '\nrelease:\n  decisions:\n    - decision: go\n      by: "@e2e-coordinator"\n      at: 2026-12-02T21:45:00+01:00\n      reason: e2e\n';
    edit.insert(uri, document.positionAt(document.getText().length), go);
    await vscode.workspace.applyEdit(edit);
    await document.save();

    void vscode.commands.executeCommand('releaseRunbooks.startRelease', uri);
    await waitFor(() => tracker.tracked()?.toString() === uri.toString(), 'the runbook tracked');
    await waitFor(async () => (await stepNodes(tracker)).length === 2, 'two steps in the view');
    let steps = await stepNodes(tracker);
    assert.deepEqual(
      steps.map((s) => s.item.label),
      ['1. Deploy checkout-web 5.3.0', '2. Enable new-order-summary for 10% of users'],
    );
    assert.equal(steps[0].item.contextValue, 'releaseStep.pending');

    await vscode.commands.executeCommand('releaseRunbooks.release.startStep', steps[0].node);
    const onDisk = () => readFileSync(uri.fsPath, 'utf8');
    await waitFor(
      () => /- id: deploy\n\s+status: started\n\s+by: "@e2e-coordinator"/.test(onDisk()),
      'the start saved to disk',
    );
    await waitFor(
      async () => (await stepNodes(tracker))[0]?.item.contextValue === 'releaseStep.started',
      'the view shows the step running',
    );

    steps = await stepNodes(tracker);
    await vscode.commands.executeCommand('releaseRunbooks.release.markStepDone', steps[0].node);
    await waitFor(() => /status: done/.test(onDisk()), 'the step done on disk');
    await waitFor(
      async () => (await stepNodes(tracker))[0]?.item.contextValue === 'releaseStep.done',
      'the view shows the step done',
    );
    assert.match(String((await stepNodes(tracker))[1].item.description), /^next/);

    // One status comment on the issue, edited in place, its id kept in the record.
    const comments = async () =>
      (await (await github(`/repos/acme/release-day/issues/${created.number}/comments`)).json()) as {
        id: number;
        body: string;
      }[];
    const [comment] = await waitFor(
      async () => {
        const list = await comments();
        return list.length === 1 && /Step 1 of 2 done: Deploy checkout-web 5\.3\.0/.test(list[0].body)
          ? list
          : undefined;
      },
      'the status comment to say step 1 is done',
      30_000,
    );
    assert.match(comment.body, /<!-- runbook-status:checkout-web-5-3 -->/);
    await waitFor(() => onDisk().includes(`status-comment: ${comment.id}`), 'the comment id kept in the record');
    assert.equal((await comments()).length, 1);

    // Someone deletes the status comment on GitHub: the next transition posts a new one and keeps its
    // new id; the tracking view shows no GitHub problem.
    assert.equal(
      (await github(`/repos/acme/release-day/issues/comments/${comment.id}`, { method: 'DELETE' })).status,
      204,
    );
    steps = await stepNodes(tracker);
    await vscode.commands.executeCommand('releaseRunbooks.release.startStep', steps[1].node);
    const [renewed] = await waitFor(
      async () => {
        const list = await comments();
        return list.length === 1 && list[0].id !== comment.id && /Step 2 of 2 in progress/.test(list[0].body)
          ? list
          : undefined;
      },
      'a new status comment after the old one was deleted',
      30_000,
    );
    await waitFor(() => onDisk().includes(`status-comment: ${renewed.id}`), 'the new comment id kept in the record');
    await tracker.refresh();
    const notes = (await tracker.getChildren())
      .filter((n) => (n as { kind: string }).kind === 'note')
      .map((n) => String(tracker.getTreeItem(n).label));
    assert.deepEqual(
      notes.filter((t) => /comment|GitHub|not found/i.test(t)),
      [],
      'no GitHub problem shown',
    );

    // The board's status is read with conditional requests: read again unchanged, the issue is a 304
    // (no rate limit spent).
    const issuePath = `/repos/acme/release-day/issues/${created.number}`;
    const statuses = async () =>
      (
        (await (await fetch(`${standIn!.url}/_stand-in/state`)).json()) as {
          requests: { method: string; path: string; status?: number }[];
        }
      ).requests
        .filter((r) => r.method === 'GET' && r.path === issuePath)
        .map((r) => r.status);
    // Each refresh reads once (a call while one runs shares it): a few in a row read the issue twice.
    const seen = await waitFor(async () => {
      await vscode.commands.executeCommand('releaseRunbooks.refreshChangeStatus', { quiet: true });
      const list = await statuses();
      return list.includes(200) && list.includes(304) ? list : undefined;
    }, 'a 304 for the unchanged issue');
    assert.equal(seen[seen.length - 1], 304);

    // Leave the window as the other suites expect it: nothing tracked, the Releases side bar
    // closed (showing it resolved the calendar view early), the focus back in the editors.
    await tracker.untrack();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.workspace
      .getConfiguration('releaseRunbooks')
      .update('user.handle', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
