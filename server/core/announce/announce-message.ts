// One announcement per release moment, rendered from the runbook: a subject, Markdown, plain text
// and HTML, and the payloads the channels take (Slack Block Kit, a Teams Adaptive Card). Pure:
// `runbook announce` sends what this returns, and the editor can preview the same text. Text from
// the runbook is data: escaped for Markdown, for Slack's mrkdwn and for HTML.
import { ANNOUNCE_MOMENTS } from '../dsl-schema';
import { collapse, inlineText, markdownBlock, visibleControls } from '../change-request/markdown-text';

export type AnnounceMoment = (typeof ANNOUNCE_MOMENTS)[number];

export interface AnnounceFacts {
  title: string;
  environment?: string;
  service?: string;
  version?: string;
  /** The window as the runbook writes it. */
  windowStart?: string;
  windowEnd?: string;
  owner?: string;
  ticket?: string;
  audience?: string;
  summary?: string;
  customerImpact?: string;
  contact?: string;
  /** For `decided`: the last decision and its reason. */
  decision?: { decision: 'go' | 'no-go'; reason?: string };
  /** For `delayed` (or a no-go): the new window. */
  newWindow?: string;
  /** For `finished` and `rolled-back`: the outcome's notes or the rollback's reason. */
  note?: string;
}

export interface Announcement {
  /** The release moment, or the weekly status report (see status-report-announcement.ts). */
  moment: AnnounceMoment | 'status-report';
  subject: string;
  markdown: string;
  text: string;
  html: string;
}

/** What happened, in one line, per moment (the template's headline). */
const HEADLINES: Record<AnnounceMoment, (f: AnnounceFacts) => string> = {
  scheduled: () => 'Scheduled',
  decided: (f) =>
    f.decision?.decision === 'no-go' ? 'NO-GO: not going ahead as planned' : 'GO: going ahead as planned',
  started: () => 'Started',
  finished: () => 'Finished',
  'rolled-back': () => 'Rolled back',
  delayed: () => 'Delayed',
};

interface Part {
  label: string;
  value: string;
  /** Markdown from the runbook (kept as Markdown, comments defused) rather than one line of text. */
  markdown?: boolean;
}

function parts(moment: AnnounceMoment, f: AnnounceFacts): Part[] {
  const out: Part[] = [];
  const add = (label: string, value: string | undefined, markdown = false) => {
    if (value !== undefined && collapse(value) !== '') out.push({ label, value, markdown });
  };
  add('Summary', f.summary, true);
  add('Customer impact', f.customerImpact, true);
  add('Environment', f.environment);
  add('Service', f.service);
  add('Version', f.version);
  add('Window', f.windowStart ? `${f.windowStart}${f.windowEnd ? ` to ${f.windowEnd}` : ''}` : undefined);
  if (moment === 'decided') add('Reason', f.decision?.reason, true);
  if (moment === 'delayed' || (moment === 'decided' && f.decision?.decision === 'no-go'))
    add('New window', f.newWindow);
  if (moment === 'finished' || moment === 'rolled-back') add('Notes', f.note, true);
  add('Owner', f.owner);
  add('Change request', f.ticket);
  add('For', f.audience);
  add('Contact', f.contact);
  return out;
}

export function renderAnnouncement(moment: AnnounceMoment, facts: AnnounceFacts): Announcement {
  const headline = HEADLINES[moment](facts);
  const title = visibleControls(collapse(facts.title));
  const subject = `[${headline.split(':')[0]}] ${title}${facts.environment ? ` (${visibleControls(collapse(facts.environment))})` : ''}`;
  const list = parts(moment, facts);
  const md: string[] = [`**${inlineText(headline)}: ${inlineText(facts.title)}**`, ''];
  const text: string[] = [`${headline}: ${title}`, ''];
  const html: string[] = [`<p><strong>${escapeHtml(headline)}: ${escapeHtml(title)}</strong></p>`, '<dl>'];
  for (const p of list) {
    if (p.markdown) md.push(`**${p.label}:**`, '', ...markdownBlock(visibleControls(p.value)), '');
    else md.push(`**${p.label}:** ${inlineText(visibleControls(p.value))}`, '');
    const plain = visibleControls(p.markdown ? p.value.replace(/\r\n?/g, '\n').trim() : collapse(p.value));
    text.push(
      `${p.label}: ${
        plain.includes('\n')
          ? `\n${plain
              .split('\n')
              .map((l) => `  ${l}`)
              .join('\n')}`
          : plain
      }`,
    );
    html.push(`<dt>${escapeHtml(p.label)}</dt><dd>${escapeHtml(plain).replace(/\n/g, '<br>')}</dd>`);
  }
  html.push('</dl>');
  return {
    moment,
    subject: subject.replace(/[\r\n]/g, ' '),
    markdown: `${md.join('\n').replace(/\n+$/, '')}\n`,
    text: `${text.join('\n').replace(/\n+$/, '')}\n`,
    html: `<!DOCTYPE html><html><body>${html.join('')}</body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Slack's mrkdwn treats only &, < and > as control characters (links, mentions). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack incoming-webhook message in Block Kit; `text` is the notification's fallback. */
export function slackPayload(a: Announcement): Record<string, unknown> {
  const body = escapeSlack(a.text.split('\n').slice(2).join('\n').trim());
  return {
    text: escapeSlack(a.subject),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: escapeSlack(a.subject).slice(0, 150), emoji: false } },
      // mrkdwn off: the runbook's text is shown as typed, with no formatting or mentions.
      ...(body ? [{ type: 'section', text: { type: 'plain_text', text: body.slice(0, 3000), emoji: false } }] : []),
    ],
  };
}

/** A Teams incoming-webhook (Workflows) message carrying one Adaptive Card 1.4. */
export function teamsPayload(a: Announcement): Record<string, unknown> {
  const lines = a.text.split('\n').slice(2).join('\n').trim();
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: escapeTeams(a.subject), weight: 'Bolder', size: 'Medium', wrap: true },
            ...(lines ? [{ type: 'TextBlock', text: escapeTeams(lines), wrap: true }] : []),
          ],
        },
      },
    ],
  };
}

/**
 * The announcement as the preview before a first send shows it: the Markdown, then what it is
 * and where it goes, with the subject and the channel ids escaped like any text from files.
 */
export function announcementPreview(a: Announcement, channels: readonly { id: string; type: string }[]): string {
  const list = channels.map((c) => `${c.id} (${c.type})`).join(', ');
  return `${a.markdown}\n---\n\n_Preview of the "${a.moment}" announcement, not sent yet. Subject: ${inlineText(a.subject)}. Channels: ${inlineText(list)}._\n`;
}

/** Adaptive Card TextBlocks read a Markdown subset: escape its syntax so runbook text stays text. */
export function escapeTeams(text: string): string {
  return text.replace(/[\\`*_[\]()#+\-.!<>{}|~]/g, (c) => `\\${c}`);
}
