// `runbook announce` against local servers only (127.0.0.1): a webhook stand-in that checks the
// Slack Block Kit and Teams Adaptive Card shapes, and a real SMTP server (smtp-server) receiving
// the mail. Faults (5xx, timeout, connection refused, SMTP auth failure) are retried on the next
// run and nothing is sent twice; no secret appears in any output or written file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { SMTPServer } from 'smtp-server';
import type { CliIO } from '../../../server/cli/io';
import { runAnnounce } from '../../../server/cli/announce';

const HOSTILE = '<script>alert(1)</script> *bold* <@U123> &amp; <!-- runbook-marker -->';
const SMTP_PASSWORD = 'smtp-pass-Zq81x';
const SMTP_USER = 'releases-bot';

interface Hook {
  url: string;
  received: unknown[];
  /** Status to answer with next (then 200); 'hang' never answers. */
  next: (number | 'hang')[];
  close: () => Promise<void>;
}

async function webhook(secretPath: string): Promise<Hook> {
  const hook = { received: [] as unknown[], next: [] as (number | 'hang')[] } as Hook;
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const fault = hook.next.shift();
      if (fault === 'hang') return void hung.push(res);
      if (req.url !== secretPath) return void res.writeHead(404).end('no_service');
      if (fault) return void res.writeHead(fault).end('error');
      hook.received.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${secretPath}`;
  hook.close = () =>
    new Promise((r) => {
      hung.forEach((h) => h.destroy());
      server.closeAllConnections();
      server.close(() => r());
    });
  return hook;
}

function checkSlack(p: any): void {
  assert.equal(typeof p.text, 'string');
  assert.ok(Array.isArray(p.blocks) && p.blocks.length <= 50);
  assert.equal(p.blocks[0].type, 'header');
  assert.equal(p.blocks[0].text.type, 'plain_text');
  assert.ok(p.blocks[0].text.text.length <= 150);
  for (const b of p.blocks.slice(1)) {
    assert.equal(b.type, 'section');
    assert.ok(['plain_text', 'mrkdwn'].includes(b.text.type));
    assert.ok(b.text.text.length <= 3000);
  }
}

function checkTeams(p: any): void {
  assert.equal(p.type, 'message');
  assert.equal(p.attachments.length, 1);
  assert.equal(p.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  const card = p.attachments[0].content;
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.4');
  for (const b of card.body) assert.equal(b.type, 'TextBlock');
}

describe('runbook announce (Slack, Teams and email; exactly once per moment and channel)', () => {
  let slack: Hook;
  let teams: Hook;
  let smtp: SMTPServer;
  let smtpPort = 0;
  let mails: string[] = [];
  let dir = '';
  let file = '';
  const outputs: string[] = [];

  before(async () => {
    slack = await webhook('/services/T000/B000/slack-secret-XYZ');
    teams = await webhook('/workflows/teams-secret-ABC');
    smtp = new SMTPServer({
      authOptional: false,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      onAuth(auth, _session, cb) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: auth.username });
        else cb(new Error('Invalid username or password'));
      },
      onData(stream, _session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push(raw);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  after(async () => {
    await slack.close();
    await teams.close();
    await new Promise<void>((r) => smtp.close(() => r()));
    // No secret in anything printed or written.
    for (const text of [...outputs, dir ? readFileSync(file, 'utf8') : '']) {
      for (const secret of ['slack-secret-XYZ', 'teams-secret-ABC', SMTP_PASSWORD])
        assert.ok(!text.includes(secret), `a secret in: ${text.slice(0, 200)}`);
    }
  });

  beforeEach(() => {
    mails = [];
    slack.received = [];
    teams.received = [];
    dir = mkdtempSync(path.join(tmpdir(), 'announce-'));
    file = path.join(dir, 'payments.runbook.yaml');
    writeFileSync(
      path.join(dir, 'acme.calendar.yaml'),
      `calendar: acme
channels:
  - id: ops-slack
    type: slack
    webhook-env: SLACK_OPS_WEBHOOK
  - id: ops-teams
    type: teams
    webhook-env: TEAMS_OPS_WEBHOOK
    environments: [production]
  - id: stakeholders
    type: email
    smtp-host: 127.0.0.1
    smtp-port: ${smtpPort}
    smtp-user-env: SMTP_USER
    smtp-password-env: SMTP_PASSWORD
    from: releases@example.invalid
    to: [support@example.invalid]
  - id: staging-only
    type: slack
    webhook-env: SLACK_OPS_WEBHOOK
    environments: [staging]
`,
    );
    writeFileSync(
      file,
      `# the payments release
runbook: payments-api-2-14
title: "Payments API 2.14 ${HOSTILE}"
environment: production
window: { start: 2026-12-02T22:00, duration: 2h }
announce:
  audience: Support
  summary: "${HOSTILE}"
  contact: "#payments-release"
steps:
  - id: deploy
`,
    );
  });

  async function run(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      cwd: dir,
      env: { SLACK_OPS_WEBHOOK: slack.url, TEAMS_OPS_WEBHOOK: teams.url, SMTP_USER, SMTP_PASSWORD, ...env },
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    };
    const code = await runAnnounce(args, io, { timeoutMs: 1000 });
    outputs.push(stdout, stderr);
    return { code, stdout, stderr };
  }
  const records = () =>
    (parse(readFileSync(file, 'utf8')).release?.announcements ?? []) as {
      moment: string;
      channel: string;
      result: string;
      error?: string;
    }[];

  it('sends each channel once, with payloads of the right shape and escaped text, and records it', async () => {
    const r = await run(['payments.runbook.yaml', '--moment', 'scheduled']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(slack.received.length, 1);
    assert.equal(teams.received.length, 1);
    assert.equal(mails.length, 1);
    checkSlack(slack.received[0]);
    checkTeams(teams.received[0]);
    const slackText = JSON.stringify(slack.received[0]);
    assert.ok(
      !slackText.includes('<@U123>') && slackText.includes('&lt;@U123&gt;'),
      'no Slack mention from runbook text',
    );
    assert.ok(JSON.stringify(teams.received[0]).includes('\\\\*bold\\\\*'), 'Teams Markdown escaped');
    const mail = mails[0];
    assert.match(mail, /^From: releases@example\.invalid$/m);
    assert.match(mail, /^To: support@example\.invalid$/m);
    assert.match(mail, /^Subject: /m);
    assert.match(mail, /Content-Type: text\/plain/);
    assert.match(mail, /Content-Type: text\/html/);
    const html = mail.slice(mail.indexOf('Content-Type: text/html'));
    assert.ok(html.length > 30 && !/<script>/i.test(html.replace(/=\r?\n/g, '')), 'no raw script tag in the HTML part');
    assert.match(mail, /&#60;script&#62;/);
    assert.deepEqual(
      records().map((x) => [x.moment, x.channel, x.result]),
      [
        ['scheduled', 'ops-slack', 'sent'],
        ['scheduled', 'ops-teams', 'sent'],
        ['scheduled', 'stakeholders', 'sent'],
      ],
    );
    assert.match(readFileSync(file, 'utf8'), /^# the payments release$/m, 'the comment stays');

    const again = await run(['payments.runbook.yaml', '--moment', 'scheduled']);
    assert.equal(again.code, 0);
    assert.equal(slack.received.length + teams.received.length + mails.length, 3, 'nothing sent twice');
    assert.match(again.stderr, /ops-slack: sent before/);
  });

  it('records a 5xx, a timeout and an SMTP auth failure as failed without blocking the others, and retries only those', async () => {
    slack.next.push(503);
    teams.next.push('hang');
    const r = await run(['payments.runbook.yaml', '--moment', 'started'], { SMTP_PASSWORD: 'wrong-password-123' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ops-slack: failed \(the webhook answered 503\)/);
    assert.match(r.stderr, /ops-teams: failed \(the webhook could not be reached \(no answer within 1 s\)\)/);
    assert.match(r.stderr, /stakeholders: failed \(the mail was not accepted by 127\.0\.0\.1 \(EAUTH 535\)\)/);
    assert.ok(!r.stderr.includes('wrong-password-123'));
    assert.deepEqual(
      records().map((x) => x.result),
      ['failed', 'failed', 'failed'],
    );
    assert.equal(slack.received.length + teams.received.length + mails.length, 0);

    const retry = await run(['payments.runbook.yaml', '--moment', 'started']);
    assert.equal(retry.code, 0, retry.stderr);
    assert.equal(slack.received.length, 1);
    assert.equal(teams.received.length, 1);
    assert.equal(mails.length, 1);
    assert.deepEqual(
      records().map((x) => x.result),
      ['failed', 'failed', 'failed', 'sent', 'sent', 'sent'],
    );
  });

  it('reports a refused connection, and never resends a channel whose send began but was not recorded as ended', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await run(['payments.runbook.yaml', '--moment', 'finished'], {
      SLACK_OPS_WEBHOOK: `http://127.0.0.1:${port}/hook`,
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /ops-slack: failed \(the webhook could not be reached \(ECONNREFUSED\)\)/);
    // A crash mid-send leaves "sending" behind.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/result: sent/g, 'result: sending'));
    const after = await run(['payments.runbook.yaml', '--moment', 'finished']);
    assert.equal(after.code, 1);
    assert.match(after.stderr, /ops-teams: a send began and was never recorded as ended/);
    assert.equal(teams.received.length, 1, 'the teams message is not sent again');
    assert.equal(slack.received.length, 1, 'the failed slack send is retried');
  });

  it('--dry-run prints the announcement and its channels, sends and writes nothing', async () => {
    const before = readFileSync(file, 'utf8');
    const r = await run(['payments.runbook.yaml', '--moment', 'delayed', '--dry-run']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\*\*Delayed: Payments API 2\.14 \\<script\\>alert\(1\)\\<\/script\\> \\\*bold\\\*/m);
    assert.match(r.stdout, /Channels: ops-slack \(slack\), ops-teams \(teams\), stakeholders \(email\)/);
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.equal(slack.received.length + teams.received.length + mails.length, 0);
  });
});
