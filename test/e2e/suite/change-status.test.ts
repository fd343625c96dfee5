// The approval board in the real editor, against the GitHub stand-in: with `approvals:` in the
// calendar, the ticket's code lens and hover say the board's verdict read from the issue's label
// events: a label set by someone who is not an approver does not count, an approver's does (named,
// with the time), and a material change submitted again withdraws approval on the issue and asks
// for re-approval. The change request lives in a repository of its own (the change-request suite
// counts the issues of acme/releases); the calendar and the runbook are put back as they were.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, githubStandIn, hoverText, openWorkspaceFile, revert, submit, waitFor } from './helpers';

const REFRESH = 'releaseRunbooks.refreshChangeStatus';
const BOARD = '\napprovals:\n  approvers:\n    users: ["@alice"]\n  required:\n    high: 1\n';

suite('change status with an approval board', () => {
  const standIn = githubStandIn();
  const restore: { uri: vscode.Uri; text: Uint8Array }[] = [];

  suiteSetup(async function () {
    if (!standIn) this.skip();
    await extensionApi();
  });

  suiteTeardown(async () => {
    for (const { uri, text } of restore) await vscode.workspace.fs.writeFile(uri, text);
    for (const { uri } of restore) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) await revert(open);
    }
  });

  test("a non-approver's label does not count, an approver's does, and a material change asks for re-approval", async function () {
    this.timeout(180_000);
    const repository = 'acme/approvals';
    const editor = await openWorkspaceFile('**/orders-db-migration.runbook.yaml');
    const document = editor.document;
    const [calendarUri] = await vscode.workspace.findFiles('**/acme.calendar.yaml', '**/node_modules/**', 1);
    restore.push({ uri: document.uri, text: await vscode.workspace.fs.readFile(document.uri) });
    const calendarText = await vscode.workspace.fs.readFile(calendarUri);
    restore.push({ uri: calendarUri, text: calendarText });

    // The issue, opened on GitHub, and its ticket in the runbook.
    const token = process.env.RELEASE_RUNBOOKS_GITHUB_TOKEN!;
    await fetch(`${standIn!.url}/_stand-in/repositories`, {
      method: 'POST',
      body: JSON.stringify({ fullName: repository }),
    });
    const created = (await (
      await fetch(`${standIn!.url}/repos/${repository}/issues`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: '[change] Orders database migration', body: 'Filed by hand.' }),
      })
    ).json()) as { number: number };
    const number = created.number;
    const ticket = `${repository}#${number}`;
    const withTicket = new vscode.WorkspaceEdit();
    const changeLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l === 'change:');
    withTicket.insert(document.uri, new vscode.Position(changeLine + 1, 0), `  ticket: ${ticket}\n`);
    assert.ok(await vscode.workspace.applyEdit(withTicket));
    assert.ok(await document.save());

    // The board, written into the calendar file as a user would save it.
    await vscode.workspace.fs.writeFile(
      calendarUri,
      new TextEncoder().encode(`${new TextDecoder().decode(calendarText)}${BOARD}`),
    );

    /** Submits and waits until the issue was updated (PATCH), returning the requests sent meanwhile. */
    const submitted = async (what: string) => {
      const before = (await standIn!.state()).requests.length;
      const sent = async () => (await standIn!.state()).requests.slice(before);
      const outcome = await submit(
        document.uri,
        async () =>
          (await sent()).some((r) => r.method === 'PATCH' && r.path.endsWith(`/${repository}/issues/${number}`)),
        what,
      );
      assert.equal(outcome?.action, 'updated');
      return sent();
    };
    await submitted('the issue to be updated with the change request');

    const ticketLens = async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        document.uri,
      );
      return lenses?.map((l) => l.command?.title ?? '').find((t) => t.startsWith(`${ticket} · `));
    };
    const ticketHover = async () => {
      const line = document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes(`ticket: ${ticket}`));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        new vscode.Position(line, 4),
      );
      return hoverText(hovers ?? []);
    };
    /** Refreshes (the command, quietly: a failure would wait for a click), until the lens says `expected`. */
    const lensSays = (expected: string, what: string) =>
      waitFor(
        async () => {
          await vscode.commands.executeCommand(REFRESH, { quiet: true });
          const title = await ticketLens();
          // Thrown, so that a timeout says what the lens said last.
          if (!title?.includes(expected)) throw new Error(`the lens says "${title}"`);
          return title;
        },
        `${what}: the lens to say "${expected}"`,
        30_000,
        500,
      );

    // Someone who can label but is not on the board.
    await standIn!.labelAs(repository, number, 'cab:approved', 'mallory');
    await lensSays('cab:approved set by @mallory, who is not an approver', "mallory's label not to count");
    assert.match(await ticketHover(), /- CAB: cab:approved set by @mallory, who is not an approver/);

    // Mallory takes the label off again; once the clock has moved on a second (GitHub's event
    // times are whole seconds), the approver adds it.
    await standIn!.labelAs(repository, number, 'cab:approved', 'mallory', true);
    const removedAt = Math.floor(Date.now() / 1000);
    await waitFor(() => Math.floor(Date.now() / 1000) > removedAt, 'the next second', 3_000);
    await standIn!.labelAs(repository, number, 'cab:approved', 'alice');
    const approved = await lensSays('Approved by @alice (', "alice's approval");
    assert.match(approved, / · open · Approved by @alice \(\d{4}-\d\d-\d\d \d\d:\d\d\) · /);
    assert.match(await ticketHover(), /- CAB: Approved by @alice \(\d{4}-\d\d-\d\d \d\d:\d\d\)/);

    // A material change (the window moves) submitted again withdraws the approval on the issue.
    const edit = new vscode.WorkspaceEdit();
    const start = document.getText().indexOf('start: 2026-12-02T19:00');
    assert.ok(start >= 0, 'the window as the example writes it');
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(start), document.positionAt(start + 'start: 2026-12-02T19:00'.length)),
      'start: 2026-12-02T18:30',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    const sent = await submitted('the change request to be submitted again');
    const issue = (await standIn!.state()).repositories[repository].issues.find((i) => i.number === number)!;
    assert.ok(!issue.labels.includes('cab:approved'), `labels: ${issue.labels.join(', ')}`);
    const comment = sent.find(
      (r) => r.method === 'POST' && r.path.endsWith(`/${repository}/issues/${number}/comments`),
    ) as { body?: { body?: string } } | undefined;
    assert.match(comment?.body?.body ?? '', /^\*\*Approval withdrawn\*\*: the window changed in this submission\./);

    await lensSays('Re-approval needed: window changed since approval', 'the withdrawal to show');
    assert.match(await ticketHover(), /- CAB: Re-approval needed: window changed since approval/);
    assert.deepEqual((await standIn!.state()).problems, [], "every request matched GitHub's OpenAPI description");
  });
});
