// Announcements from release day in the real editor: with releaseRunbooks.announce.onReleaseDay
// "send", starting the first step sends the "started" announcement to the calendar's channels (a
// webhook stand-in on 127.0.0.1 in this process, its URL a secret in an environment variable),
// records each send in release.announcements, and a failed channel is sent by "Send Announcement"
// later, once, without sending the others again; the weekly status report goes once per week and
// channel. No secret lands in the runbook or the logs.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, openWorkspaceFile, theExtension, waitFor } from './helpers';

interface Hook {
  url: string;
  received: { path: string; body: any }[];
  /** Statuses to answer with next (then 200). */
  next: number[];
  server: Server;
}

async function webhookStandIn(): Promise<Hook> {
  const hook = { received: [], next: [] } as unknown as Hook;
  hook.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const fault = hook.next.shift();
      if (fault) return void res.writeHead(fault).end('error');
      hook.received.push({ path: req.url ?? '', body: JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => hook.server.listen(0, '127.0.0.1', r));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}`;
  return hook;
}

/** Every file under `dir` (logs), newest run only. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

suite('announcements', () => {
  const SLACK_SECRET = `/services/T0/B0/e2e-slack-${Math.random().toString(36).slice(2)}`;
  const TEAMS_SECRET = `/workflows/e2e-teams-${Math.random().toString(36).slice(2)}`;
  let hook: Hook;
  let calendar: vscode.Uri;
  let original: string | undefined;
  let runbook: vscode.Uri;

  suiteSetup(async () => {
    await extensionApi();
    hook = await webhookStandIn();
    // The extension host is this process: the sender reads the calendar's environment variables here.
    process.env.E2E_ANNOUNCE_SLACK = `${hook.url}${SLACK_SECRET}`;
    process.env.E2E_ANNOUNCE_TEAMS = `${hook.url}${TEAMS_SECRET}`;
  });

  suiteTeardown(async () => {
    hook?.server.closeAllConnections();
    hook?.server.close();
    if (calendar) await vscode.workspace.fs.delete(calendar).then(undefined, () => undefined);
    if (runbook && original !== undefined) await vscode.workspace.fs.writeFile(runbook, Buffer.from(original));
    await vscode.workspace
      .getConfiguration('releaseRunbooks')
      .update('announce.onReleaseDay', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('releaseRunbooks')
      .update('user.handle', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the first step sends "started" once per channel; a failed channel is sent later, once; no secret in files or logs', async function () {
    this.timeout(120_000);
    const editor = await openWorkspaceFile('**/payments-api-2-14-staging.runbook.yaml');
    const document = editor.document;
    runbook = document.uri;
    original = document.getText();
    const folder = vscode.workspace.getWorkspaceFolder(runbook)!.uri;
    calendar = vscode.Uri.joinPath(folder, 'e2e-announce.calendar.yaml');
    await vscode.workspace.fs.writeFile(
      calendar,
      Buffer.from(
        'channels:\n  - id: e2e-slack\n    type: slack\n    webhook-env: E2E_ANNOUNCE_SLACK\n    teams: [payments]\n    environments: [staging]\n  - id: e2e-teams\n    type: teams\n    webhook-env: E2E_ANNOUNCE_TEAMS\n    teams: [payments]\n    environments: [staging]\n',
      ),
    );
    const api = await extensionApi();
    await waitFor(async () => {
      const answer = await api.languageClient.sendRequest<{ targets: unknown[] }>('runbook/announcement', {
        uri: runbook.toString(),
        moment: 'started',
      });
      return answer.targets.length === 2;
    }, 'the server to read the calendar channels');

    const config = vscode.workspace.getConfiguration('releaseRunbooks');
    await config.update('user.handle', '@e2e-coordinator', vscode.ConfigurationTarget.Workspace);
    await config.update('announce.onReleaseDay', 'send', vscode.ConfigurationTarget.Workspace);
    // The window opens now (a start outside it asks for an override), with a GO in the record.
    const lines = document.getText().split('\n');
    const startLine = lines.findIndex((l) => /^  start: /.test(l));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      runbook,
      new vscode.Range(startLine, 0, startLine, lines[startLine].length),
      `  start: ${new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 19)}Z`,
    );
    edit.insert(
      runbook,
      document.positionAt(document.getText().length),
      '\nrelease:\n  decisions:\n    - decision: go\n      by: "@e2e-coordinator"\n      at: 2026-11-30T09:45:00+01:00\n      reason: e2e\n',
    );
    await vscode.workspace.applyEdit(edit);
    await document.save();

    hook.next = [503];
    const onDisk = () => readFileSync(runbook.fsPath, 'utf8');
    // Whichever channel goes first gets the 503; the other one is sent.
    await vscode.commands.executeCommand('releaseRunbooks.release.startStep', {
      kind: 'step',
      uri: runbook.toString(),
      list: 'steps',
      id: 'deploy',
    });
    await waitFor(
      () => /result: failed/.test(onDisk()) && /result: sent/.test(onDisk()),
      'one channel sent, one failed, both recorded',
      30_000,
    );
    assert.equal(hook.received.length, 1);
    const first = hook.received[0];
    const failedChannel = first.path === SLACK_SECRET ? 'e2e-teams' : 'e2e-slack';
    if (first.path === SLACK_SECRET) {
      assert.equal(first.body.blocks[0].type, 'header');
      assert.equal(first.body.text, '[Started] Payments API 2.14.0 to staging (staging)');
    } else {
      assert.equal(first.body.attachments[0].content.type, 'AdaptiveCard');
    }
    assert.match(
      onDisk(),
      new RegExp(`channel: ${failedChannel}\\n\\s+at: \\S+\\n\\s+result: failed\\n\\s+error: the webhook answered 503`),
    );

    // "Send Announcement" for the same moment: only the failed channel, no preview (tried before).
    await vscode.commands.executeCommand('releaseRunbooks.sendAnnouncement', runbook, 'started');
    await waitFor(() => hook.received.length === 2, 'the failed channel sent on the retry');
    assert.deepEqual(hook.received.map((r) => r.path).sort(), [SLACK_SECRET, TEAMS_SECRET].sort());
    await waitFor(() => (onDisk().match(/result: sent/g) ?? []).length === 2, 'both recorded as sent');
    await vscode.commands.executeCommand('releaseRunbooks.sendAnnouncement', runbook, 'started');
    assert.equal(hook.received.length, 2, 'nothing is sent twice');

    // The weekly status report, to one channel, once per week.
    await vscode.commands.executeCommand('releaseRunbooks.sendStatusReport', ['e2e-slack']);
    await waitFor(() => hook.received.length === 3, 'the status report sent');
    assert.match(hook.received[2].body.text, /^\[Status\] Weekly status report \d{4}-W\d{2}$/);
    assert.equal(hook.received[2].path, SLACK_SECRET);
    const reports = vscode.Uri.joinPath(folder, '.release-runbooks', 'status-reports.json');
    const sentReports = JSON.parse(readFileSync(reports.fsPath, 'utf8')) as { channel: string; result: string }[];
    assert.deepEqual(
      sentReports.map((r) => `${r.channel}:${r.result}`),
      ['e2e-slack:sent'],
    );
    await vscode.commands.executeCommand('releaseRunbooks.sendStatusReport', ['e2e-slack']);
    assert.equal(hook.received.length, 3, "the week's report is not sent twice");
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.release-runbooks'), { recursive: true });

    // The secrets are nowhere on disk: not in the runbook, the calendar, or the extension's logs.
    const logRoot = join(theExtension().extensionPath, '.vscode-test', 'user-data');
    const logs = await waitFor(
      () => {
        const files = filesUnder(logRoot).filter((f) => f.endsWith('.log'));
        return files.some((f) => readFileSync(f, 'utf8').includes(`Announcement started to ${failedChannel}: sent`))
          ? files
          : undefined;
      },
      'the log to record the sends',
      20_000,
    );
    for (const file of [runbook.fsPath, calendar.fsPath, ...logs]) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [SLACK_SECRET, TEAMS_SECRET, SLACK_SECRET.split('-').pop()!, TEAMS_SECRET.split('-').pop()!])
        assert.ok(!text.includes(secret), `${file} holds a secret`);
    }
  });
});
