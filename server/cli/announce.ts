// `runbook announce FILE --moment M`: renders the moment's announcement, sends it to every
// calendar channel that wants it and has not had it, and records each send in the runbook's
// `release.announcements` (before the send: `sending`; after: `sent` or `failed`). Secrets (webhook
// URLs, SMTP credentials) come only from the environment variables the calendar names; they are
// never written or printed. A failed channel does not stop the others; the run exits 1 and the
// next run tries it again.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ANNOUNCE_MOMENTS } from '../core/dsl-schema';
import { AnnounceMoment, renderAnnouncement } from '../core/announce/announce-message';
import { announceFactsOf } from '../core/announce/announce-facts';
import {
  channelsFor,
  planDelivery,
  readAnnouncementRecords,
  readChannels,
  recordResult,
  recordSending,
} from '../core/announce/announce-plan';
import { findWorkspaceFiles } from '../core/workspace-files';
import { deliverAnnouncement, scrubSecrets, secretsFromEnv, secretValues } from '../notify/deliver-announcement';
import { CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { writeAtomically } from './write-atomically';
import { parseCommandLine } from './command-line';

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
  const scrub = (t: string) => scrubSecrets(t, secrets);
  const out = (t: string) => io.stdout(scrub(t));
  const err = (t: string) => io.stderr(scrub(t));
  const parsed = parseCommandLine(argv, {
    help: { type: 'boolean', short: 'h' },
    'dry-run': { type: 'boolean' },
    moment: { type: 'string', needs: `one of ${ANNOUNCE_MOMENTS.join(', ')}` },
  });
  if ('error' in parsed) {
    err(`runbook announce: ${parsed.error} (see runbook announce --help)\n`);
    return EXIT_USAGE;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    out(`${USAGE}\n`);
    return EXIT_OK;
  }
  const { moment } = values;
  const dryRun = values['dry-run'] === true;
  if (files.length !== 1 || !moment || !(ANNOUNCE_MOMENTS as readonly string[]).includes(moment)) {
    err(
      `runbook announce: give one runbook FILE and --moment, one of ${ANNOUNCE_MOMENTS.join(', ')} (see runbook announce --help)\n`,
    );
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
  const facts = announceFactsOf(doc, shown);
  const announcement = renderAnnouncement(m, facts);
  const wanted = channelsFor(channels, m, facts.environment, typeof doc.team === 'string' ? doc.team : undefined);
  // The status comment is on GitHub and kept by the editor's release commands: left to the editor.
  const targets = wanted.filter((c) => c.type !== 'status-comment');
  for (const c of wanted.filter((c) => c.type === 'status-comment'))
    err(`${c.id}: a status-comment channel is sent by the editor's "Send Announcement"; skipped here\n`);
  const plan = planDelivery(m, targets, readAnnouncementRecords(doc));
  secrets = secretValues(targets.map((c) => secretsFromEnv(c, io.env)));

  if (dryRun) {
    out(`${announcement.markdown}\n`);
    out(
      `Channels: ${targets.length ? targets.map((c) => `${c.id} (${c.type}${plan.done.includes(c) ? ', sent before' : plan.unknown.includes(c) ? ', state unknown' : ''})`).join(', ') : 'none configured for this moment'}\n`,
    );
    return EXIT_OK;
  }
  for (const c of plan.done) err(`${c.id}: sent before; not sent again\n`);
  for (const c of plan.unknown)
    err(
      `${c.id}: a send began and was never recorded as ended (did a run stop?); it may have gone out, so it is not sent again. Check ${c.id}, then remove that release.announcements entry to send again.\n`,
    );
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
      await deliverAnnouncement(channel, announcement, secretsFromEnv(channel, io.env), timeoutMs);
    } catch (e) {
      error = scrub((e as Error).message);
    }
    const ended = recordResult(current, channel.id, error ? 'failed' : 'sent', now().toISOString(), error);
    if (!ended.ok) {
      err(
        `runbook announce: ${channel.id} ${error ? 'failed' : 'sent'}, but ${shown} could not record it (${ended.error})\n`,
      );
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
