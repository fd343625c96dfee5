// A channel's secrets in the editor: what "Set Announcement Secret" stored in VS Code's
// SecretStorage (the OS keychain), else the environment variables the calendar names, as the CLI
// reads them. Values go to the sender only: never to a file, a setting, a log or the language server.
import * as vscode from 'vscode';
import type { ChannelConfig } from '../../server/core/announce/announce-plan';
import type { ChannelSecrets } from '../../server/notify/deliver-announcement';
import { announcementSender } from '../lazy-bundles';

export type SecretKind = 'webhook-url' | 'smtp-user' | 'smtp-password';

export function secretKey(channelId: string, kind: SecretKind): string {
  return `releaseRunbooks.announce.${kind}:${channelId}`;
}

/** The secrets a channel's type needs. */
export function secretKindsOf(channel: ChannelConfig): SecretKind[] {
  if (channel.type === 'slack' || channel.type === 'teams') return ['webhook-url'];
  if (channel.type === 'email') return ['smtp-user', 'smtp-password'];
  return [];
}

export class AnnouncementSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async of(channel: ChannelConfig): Promise<ChannelSecrets> {
    const env = announcementSender().secretsFromEnv(channel, process.env);
    const stored = async (kind: SecretKind) => (await this.storage.get(secretKey(channel.id, kind))) || undefined;
    return {
      webhookUrl: (await stored('webhook-url'))?.trim() || env.webhookUrl,
      smtpUser: (await stored('smtp-user')) ?? env.smtpUser,
      smtpPassword: (await stored('smtp-password')) ?? env.smtpPassword,
    };
  }

  store(channelId: string, kind: SecretKind, value: string): Thenable<void> {
    return this.storage.store(secretKey(channelId, kind), value);
  }

  async forget(channelId: string, kind: SecretKind): Promise<boolean> {
    const had = (await this.storage.get(secretKey(channelId, kind))) !== undefined;
    await this.storage.delete(secretKey(channelId, kind));
    return had;
  }
}

/** Where a missing secret can be set, for the sender's "not set" message. */
export const SECRET_HINT = 'store it with "Release Runbooks: Set Announcement Secret"';
