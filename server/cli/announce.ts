// `runbook announce FILE --moment M`: renders the moment's announcement, sends it to every
// calendar channel that wants it and has not had it, and records each send in the runbook's
// `release.announcements` (before the send: `sending`; after: `sent` or `failed`). Secrets (webhook
// URLs, SMTP credentials) come only from the environment variables the calendar names; they are
// never written or printed. A failed channel does not stop the others; the run exits 1 and the
// next run tries it again.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { createTransport } from 'nodemailer';
import { ANNOUNCE_MOMENTS } from '../core/dsl-schema';
import { AnnounceFacts, AnnounceMoment, Announcement, renderAnnouncement, slackPayload, teamsPayload } from '../core/announce/announce-message';
import { ChannelConfig, channelsFor, planDelivery, readAnnouncementRecords, readChannels, recordResult, recordSending } from '../core/announce/announce-plan';
import { findWorkspaceFiles } from '../core/workspace-files';
import { redact } from '../github/github-errors';
import { tokenTransportProblem } from './notes';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { writeAtomically } from './write-atomically';

const USAGE = `Usage: runbook announce FILE --moment ${ANNOUNCE_MOMENTS.join('|')} [--dry-run]

Sends the moment's announcement to the calendar's channels (Slack, Teams, email) once each, and
records every send in FILE under release.announcements.
  --dry-run   print the announcement and the channels it would go to; send and write nothing
Exit status: 0 all sent (or sent before); 1 a channel failed or its state is unknown; 2 bad arguments.`;

export interface AnnounceOptions {
  /** Give up on one send after this long. */
  timeoutMs?: number;
  now?: () => Date;
}

export async function runAnnounce(argv: string[], io: CliIO, options: AnnounceOptions = {}): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? (() => new Date());
  let secrets: string[] = [];
  const scrub = (t: string) => secrets.reduce((acc, s) => redact(acc, s), t);
  const out = (t: string) => io.stdout(scrub(t));
  const err = (t: string) => io.stderr(scrub(t));
  const files: string[] = [];
  let moment: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      out(`${USAGE}\n`);
      return EXIT_OK;
    } else if (a === '--dry-run') dryRun = true;
    else if (a === '--moment') moment = argv[++i];
    else if (a.startsWith('--moment=')) moment = a.slice(9);
    else if (a.startsWith('-')) {
      err(`runbook announce: unknown option ${JSON.stringify(a)} (see runbook announce --help)\n`);
      return EXIT_USAGE;
    } else files.push(a);
  }
  if (files.length !== 1 || !moment || !(ANNOUNCE_MOMENTS as readonly string[]).includes(moment)) {
    err(`runbook announce: give one runbook FILE and --moment, one of ${ANNOUNCE_MOMENTS.join(', ')} (see runbook announce --help)\n`);
    return EXIT_USAGE;
  }
  const m = moment as AnnounceMoment;
  const file = path.resolve(io.cwd, files[0]);
  const shown = path.relative(io.cwd, file) || file;
  let text: string;
  let doc: Record<string, unknown>;
  try {
    text = await fs.readFile(file, 'utf8');
    doc = (parse(text) ?? {}) as Record<string, unknown>;
  } catch (error) {
    err(`runbook announce: ${shown}: ${(error as Error).message.split('\n')[0]}\n`);
    return EXIT_USAGE;
  }
  const root = path.relative(path.resolve(io.cwd), file).startsWith('..') ? path.dirname(file) : path.resolve(io.cwd);
  const calendars: unknown[] = [];
  for (const f of (await findWorkspaceFiles([root])).files.filter((f) => /\.calendar\.ya?ml$/.test(f))) {
    try {
      calendars.push(parse(await fs.readFile(f, 'utf8')));
    } catch {
      err(`warning: ${path.relative(io.cwd, f)} could not be read; its channels are left out\n`);
    }
  }
  const { channels, problems } = readChannels(calendars);
  for (const p of problems) err(`warning: ${p}\n`);
  const facts = factsOf(doc, shown);
  const announcement = renderAnnouncement(m, facts);
  const targets = channelsFor(channels, m, facts.environment, typeof doc.team === 'string' ? doc.team : undefined);
  const plan = planDelivery(m, targets, readAnnouncementRecords(doc));
  secrets = targets.flatMap((c) => [c.webhookEnv, c.smtpUserEnv, c.smtpPasswordEnv].map((v) => (v ? io.env[v] : undefined))).filter((s): s is string => !!s && s.length >= 4);

  if (dryRun) {
    out(`${announcement.markdown}\n`);
    out(`Channels: ${targets.length ? targets.map((c) => `${c.id} (${c.type}${plan.done.includes(c) ? ', sent before' : plan.unknown.includes(c) ? ', state unknown' : ''})`).join(', ') : 'none configured for this moment'}\n`);
    return EXIT_OK;
  }
  for (const c of plan.done) err(`${c.id}: sent before; not sent again\n`);
  for (const c of plan.unknown) err(`${c.id}: a send began and was never recorded as ended (did a run stop?); it may have gone out, so it is not sent again. Check ${c.id}, then remove that release.announcements entry to send again.\n`);
  let failed = plan.unknown.length;
  let current = text;
  for (const channel of plan.send) {
    const begun = recordSending(current, m, channel.id, now().toISOString());
    if (!begun.ok) {
      err(`runbook announce: cannot record in ${shown} (${begun.error}); nothing sent to ${channel.id}\n`);
      failed++;
      continue;
    }
    await writeAtomically(file, begun.text);
    current = begun.text;
    let error: string | undefined;
    try {
      await deliver(channel, announcement, io.env, timeoutMs);
    } catch (e) {
      error = scrub((e as Error)?.message ?? String(e)).split('\n')[0].slice(0, 300);
    }
    const ended = recordResult(current, channel.id, error ? 'failed' : 'sent', now().toISOString(), error);
    if (!ended.ok) {
      err(`runbook announce: ${channel.id} ${error ? 'failed' : 'sent'}, but ${shown} could not record it (${ended.error})\n`);
      failed++;
      continue;
    }
    await writeAtomically(file, ended.text);
    current = ended.text;
    if (error) {
      failed++;
      err(`${channel.id}: failed (${error}); the next run tries it again\n`);
    } else err(`${channel.id}: sent\n`);
  }
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

export function factsOf(doc: Record<string, unknown>, fallbackTitle: string): AnnounceFacts {
  const s = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const announce = obj(doc.announce);
  const window = obj(doc.window);
  const release = obj(doc.release);
  const decisions = Array.isArray(release.decisions) ? (release.decisions as unknown[]).map(obj) : [];
  const last = decisions[decisions.length - 1];
  const proposed = last ? obj(last['proposed-window']) : {};
  return {
    title: s(doc.title) ?? s(doc.runbook) ?? fallbackTitle,
    environment: s(doc.environment),
    service: s(doc.service),
    version: s(doc.version),
    windowStart: s(window.start),
    windowEnd: s(window.end) ?? (s(window.duration) ? `+${s(window.duration)}` : undefined),
    owner: s(doc.owner),
    ticket: s(obj(doc.change).ticket),
    audience: s(announce.audience),
    summary: s(announce.summary),
    customerImpact: s(announce['customer-impact']),
    contact: s(announce.contact),
    decision: last && (last.decision === 'go' || last.decision === 'no-go') ? { decision: last.decision, reason: s(last.reason) } : undefined,
    newWindow: s(proposed.start),
    note: s(obj(doc.outcome).notes) ?? s(obj(release.rollback).reason),
  };
}

/** Sends one announcement to one channel; throws with a message free of secrets' values. */
async function deliver(channel: ChannelConfig, a: Announcement, env: Record<string, string | undefined>, timeoutMs: number): Promise<void> {
  if (channel.type === 'slack' || channel.type === 'teams') {
    const url = channel.webhookEnv ? env[channel.webhookEnv]?.trim() : undefined;
    if (!url) throw new Error(`the webhook URL is not set: set the environment variable ${channel.webhookEnv ?? '(webhook-env in the calendar)'}`);
    let problem: string | undefined;
    try {
      problem = tokenTransportProblem(url);
    } catch {
      problem = `${channel.webhookEnv} does not hold a URL`;
    }
    if (problem) throw new Error(`the webhook URL in ${channel.webhookEnv} is not https (plain http only to a loopback address)`);
    const payload = channel.type === 'slack' ? slackPayload(a) : teamsPayload(a);
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    } catch (e) {
      const reason = (e as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
      const cause = reason?.code ?? reason?.errors?.[0]?.code ?? reason?.message ?? (e as Error).name;
      throw new Error(`the webhook could not be reached (${cause === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause})`);
    }
    await response.text().catch(() => '');
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    return;
  }
  if (!channel.smtpHost || !channel.from || !channel.to.length) throw new Error('an email channel needs smtp-host, from and to');
  const loopback = /^(127\.|localhost$|::1$)/.test(channel.smtpHost);
  const user = channel.smtpUserEnv ? env[channel.smtpUserEnv] : undefined;
  const pass = channel.smtpPasswordEnv ? env[channel.smtpPasswordEnv] : undefined;
  const transport = createTransport({
    host: channel.smtpHost,
    port: channel.smtpPort ?? 587,
    secure: false,
    // STARTTLS is required except to this machine (a local relay, or a test's server).
    requireTLS: !loopback,
    ignoreTLS: false,
    auth: user || pass ? { user: user ?? '', pass: pass ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  try {
    await transport.sendMail({ from: channel.from, to: channel.to, subject: a.subject, text: a.text, html: a.html });
  } catch (e) {
    const code = (e as { code?: string; responseCode?: number }).code;
    const status = (e as { responseCode?: number }).responseCode;
    throw new Error(`the mail was not accepted by ${channel.smtpHost} (${code ?? 'error'}${status ? ` ${status}` : ''})`);
  } finally {
    transport.close();
  }
}
