// The weekly status report sent like an announcement: the report's Markdown as the message, to the
// Slack, Teams and email channels the coordinator picks, once per ISO week and channel (the editor
// keeps those records). Slack and Teams show the plain text; email gets it as text and as HTML.
import { periodKey } from '../metrics/periods';
import { Announcement, escapeHtml } from './announce-message';

/** The ISO week (`2026-W49`) of `now` in `zone`: the report is sent once per week and channel. */
export function reportWeek(now: number, zone: string): string {
  return periodKey(now, 'week', zone);
}

export function statusReportAnnouncement(markdown: string, week: string): Announcement {
  const subject = `[Status] Weekly status report ${week}`;
  const body = markdown.replace(/\r\n?/g, '\n').trim();
  return {
    moment: 'status-report',
    subject,
    markdown: `${body}\n`,
    // The channels drop the first two lines (the headline and a blank line) from the body.
    text: `Weekly status report ${week}\n\n${body}\n`,
    html: `<!DOCTYPE html><html><body><pre style="white-space: pre-wrap; font-family: inherit">${escapeHtml(body)}</pre></body></html>`,
  };
}
