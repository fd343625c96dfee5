// Sends one rendered announcement to one channel: a Slack or Teams incoming webhook (JSON over
// https, plain http to loopback only) or email through SMTP (nodemailer, STARTTLS required except
// to this machine). The one sender of the project: `runbook announce` and the editor's "Send
// Announcement" both call it, each with the secrets it found (environment variables; in the
// editor also SecretStorage). Errors never carry a secret's value.
import { createTransport } from 'nodemailer';
import type { Announcement } from '../core/announce/announce-message';
import { slackPayload, teamsPayload } from '../core/announce/announce-message';
import type { ChannelConfig } from '../core/announce/announce-plan';
import { redact } from '../github/github-errors';

/** A channel's secrets, found by the caller; `source` names where, for messages. */
export interface ChannelSecrets {
  webhookUrl?: string;
  smtpUser?: string;
  smtpPassword?: string;
}

/** The channel's secrets from the environment variables the calendar names. */
export function secretsFromEnv(channel: ChannelConfig, env: Record<string, string | undefined>): ChannelSecrets {
  const read = (name: string | undefined) => (name ? env[name] || undefined : undefined);
  return {
    webhookUrl: read(channel.webhookEnv)?.trim() || undefined,
    smtpUser: read(channel.smtpUserEnv),
    smtpPassword: read(channel.smtpPasswordEnv),
  };
}

/** The values to scrub from every message: secrets of 4 characters or more. */
export function secretValues(secrets: ChannelSecrets[]): string[] {
  return secrets
    .flatMap((s) => [s.webhookUrl, s.smtpUser, s.smtpPassword])
    .filter((v): v is string => !!v && v.length >= 4);
}

/** Replaces every secret value in `text`. */
export function scrubSecrets(text: string, values: string[]): string {
  return values.reduce((acc, s) => redact(acc, s), text);
}

/** A URL may carry a secret over https, or over plain http to this machine only. */
export function tokenTransportProblem(url: string): string | undefined {
  const u = new URL(url);
  if (u.protocol === 'https:') return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (u.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127\./.test(host))) return undefined;
  return `${u.protocol}//${u.host} is not https; the token is only sent over https (or plain http to a loopback address)`;
}

/** Where the secret was expected, for "not set" messages. */
function whereSet(envName: string | undefined, hint: string | undefined): string {
  const env = envName ? `the environment variable ${envName}` : undefined;
  return [env, hint].filter(Boolean).join(' or ') || 'webhook-env in the calendar';
}

/**
 * Sends; throws an Error whose message is free of the secrets' values. `hint` says where else a
 * secret may be stored (the editor's "Set Announcement Secret"), for the "not set" message.
 */
export async function deliverAnnouncement(
  channel: ChannelConfig,
  a: Announcement,
  secrets: ChannelSecrets,
  timeoutMs: number,
  hint?: string,
): Promise<void> {
  try {
    await send(channel, a, secrets, timeoutMs, hint);
  } catch (e) {
    throw new Error(
      scrubSecrets((e as Error)?.message ?? String(e), secretValues([secrets]))
        .split('\n')[0]
        .slice(0, 300),
    );
  }
}

async function send(
  channel: ChannelConfig,
  a: Announcement,
  secrets: ChannelSecrets,
  timeoutMs: number,
  hint?: string,
): Promise<void> {
  if (channel.type === 'slack' || channel.type === 'teams') {
    const url = secrets.webhookUrl;
    if (!url) throw new Error(`the webhook URL is not set: set ${whereSet(channel.webhookEnv, hint)}`);
    const from = channel.webhookEnv ?? 'the stored secret';
    let problem: string | undefined;
    try {
      problem = tokenTransportProblem(url);
    } catch {
      throw new Error(`${from} does not hold a URL`);
    }
    if (problem) throw new Error(`the webhook URL in ${from} is not https (plain http only to a loopback address)`);
    const payload = channel.type === 'slack' ? slackPayload(a) : teamsPayload(a);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (e) {
      const reason = (e as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
      const cause = reason?.code ?? reason?.errors?.[0]?.code ?? reason?.message ?? (e as Error).name;
      throw new Error(
        `the webhook could not be reached (${cause === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : cause})`,
      );
    }
    await response.text().catch(() => '');
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    return;
  }
  if (channel.type !== 'email') throw new Error(`a ${channel.type} channel is not sent by this sender`);
  if (!channel.smtpHost || !channel.from || !channel.to.length)
    throw new Error('an email channel needs smtp-host, from and to');
  const loopback = /^(127\.|localhost$|::1$)/.test(channel.smtpHost);
  const { smtpUser: user, smtpPassword: pass } = secrets;
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
    throw new Error(
      `the mail was not accepted by ${channel.smtpHost} (${code ?? 'error'}${status ? ` ${status}` : ''})`,
    );
  } finally {
    transport.close();
  }
}
