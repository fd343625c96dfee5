// Code the extension loads when a command first needs it, not at activation: Octokit (for a
// GitHub command), markdown-it (for the change request preview) and the announcement senders
// (nodemailer, webhooks). esbuild.mjs bundles each into
// its own file beside dist/extension.js and leaves these requires to run then.
import type { ClientContext, GitHubClientOptions } from '../server/github/github-client';
import type * as PreviewHtml from './change-request/preview-html';
import type * as AnnouncementSender from '../server/notify/deliver-announcement';

export function createGitHubClient(options: GitHubClientOptions): ClientContext {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return (require('./github-client.js') as typeof import('../server/github/github-client')).createGitHubClient(options);
}

export function previewHtmlModule(): typeof PreviewHtml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return require('./change-request-preview.js') as typeof PreviewHtml;
}

export function announcementSender(): typeof AnnouncementSender {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded on first use
  return require('./announcement-sender.js') as typeof AnnouncementSender;
}
