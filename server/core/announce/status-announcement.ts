// The change request's status comment as a channel: the comment shows, below the release status,
// the announcement of the latest moment sent (or being sent) to a `status-comment` channel. The
// record says what is shown, so every later update of the comment keeps it.
import { ANNOUNCE_MOMENTS } from '../dsl-schema';
import { announceFactsOf } from './announce-facts';
import { AnnounceMoment, renderAnnouncement } from './announce-message';
import { ChannelConfig, readAnnouncementRecords } from './announce-plan';

/** The Markdown to show in the status comment, or undefined when no moment went to it. */
export function statusCommentAnnouncement(
  doc: Record<string, unknown>,
  channels: ChannelConfig[],
  fallbackTitle: string,
): string | undefined {
  const ids = new Set(channels.filter((c) => c.type === 'status-comment').map((c) => c.id));
  if (!ids.size) return undefined;
  const latest = new Map<string, string>();
  const order: string[] = [];
  for (const r of readAnnouncementRecords(doc)) {
    if (!ids.has(r.channel) || !(ANNOUNCE_MOMENTS as readonly string[]).includes(r.moment)) continue;
    latest.set(`${r.moment}\n${r.channel}`, r.result);
    order.push(r.moment);
  }
  const shown = [...order]
    .reverse()
    .find((m) => [...ids].some((id) => ['sent', 'sending'].includes(latest.get(`${m}\n${id}`) ?? '')));
  if (!shown) return undefined;
  return renderAnnouncement(shown as AnnounceMoment, announceFactsOf(doc, fallbackTitle)).markdown;
}
