// The approval board in the real editor, against the GitHub stand-in: with `approvals:` in the
// calendar, the ticket's code lens and hover say the board's verdict read from the issue's label
// events: a label set by someone who is not an approver does not count, an approver's does (named,
// with the time), and a material change submitted again withdraws approval on the issue and asks
// for re-approval. Runs after the change-request suite (which expects a stand-in without issues)
// and puts the calendar and the runbook back as they were.
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
    const { repository } = standIn!;
    const editor = await openWorkspaceFile('**/orders-db-migration.runbook.yaml');
    const document = editor.document;
    const [calendarUri] = await vscode.workspace.findFiles('**/acme.calendar.yaml', '**/node_modules/**', 1);
    restore.push({ uri: document.uri, text: await vscode.workspace.fs.readFile(document.uri) });
    const calendarText = await vscode.workspace.fs.readFile(calendarUri);
    restore.push({ uri: calendarUri, text: calendarText });

    // The board, written into the calendar file as a user would save it.
    await vscode.workspace.fs.writeFile(
      calendarUri,
      new TextEncoder().encode(`${new TextDecoder().decode(calendarText)}${BOARD}`),
    );

    const outcome = await submit(
      document.uri,
      () => /\n {2}ticket: acme\/releases#\d+\n/.test(document.getText()) && !document.isDirty,
      'the ticket to be written back and saved',
    );
    assert.equal(outcome?.action, 'created');
    const ticket = outcome!.ticket;
    const number = Number(ticket.split('#')[1]);
    assert.ok(ticket.startsWith(`${repository}#`), ticket);

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
    await standIn!.labelAs(number, 'cab:approved', 'mallory');
    await lensSays('cab:approved set by @mallory, who is not an approver', "mallory's label not to count");
    assert.match(await ticketHover(), /- CAB: cab:approved set by @mallory, who is not an approver/);

    // Mallory takes the label off again; once the clock has moved on a second (GitHub's event
    // times are whole seconds), the approver adds it.
    await standIn!.labelAs(number, 'cab:approved', 'mallory', true);
    const removedAt = Math.floor(Date.now() / 1000);
    await waitFor(() => Math.floor(Date.now() / 1000) > removedAt, 'the next second', 3_000);
    await standIn!.labelAs(number, 'cab:approved', 'alice');
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
    const commentsBefore = (await standIn!.state()).requests.length;
    const again = await submit(
      document.uri,
      async () =>
        (await standIn!.state()).requests.some(
          (r, i) => i >= commentsBefore && r.method === 'POST' && r.path.endsWith(`/issues/${number}/comments`),
        ),
      'the withdrawal comment to be posted',
    );
    assert.equal(again?.action, 'updated');
    const state = await standIn!.state();
    const issue = state.repositories[repository].issues.find((i) => i.number === number)!;
    assert.ok(!issue.labels.includes('cab:approved'), `labels: ${issue.labels.join(', ')}`);
    const comment = state.requests.find(
      (r, i) => i >= commentsBefore && r.method === 'POST' && r.path.endsWith(`/issues/${number}/comments`),
    ) as { body?: { body?: string } } | undefined;
    assert.match(comment?.body?.body ?? '', /^\*\*Approval withdrawn\*\*: the window changed in this submission\./);

    await lensSays('Re-approval needed: window changed since approval', 'the withdrawal to show');
    assert.match(await ticketHover(), /- CAB: Re-approval needed: window changed since approval/);
    assert.deepEqual((await standIn!.state()).problems, [], "every request matched GitHub's OpenAPI description");
  });
});
