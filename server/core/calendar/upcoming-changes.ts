// The page of upcoming changes for people who never open the editor (business stakeholders,
// managers, on-call engineers): what changes, when, what is affected and whom to ask, in plain
// words, day by day; and the freezes and maintenance windows they should know about. Pure: the
// published calendar site (`runbook calendar --format html`) writes it. Text from files is data
// and is escaped.
import { DateTime } from 'luxon';
import { escapeHtml } from '../announce/announce-message';
import { subSection } from '../model';
import type { WorkspaceIndex } from '../workspace-index';
import type { CalendarEvent, CalendarResult, PeriodOccurrence } from './calendar-types';
import { staticPage } from './static-page';

export interface UpcomingOptions {
  /** When the page is written; changes that ended before are left out. */
  now: number;
  /** How many days ahead the page looks. */
  days: number;
  /** The calendar site's own pages, linked from this one. */
  links?: { calendar: string; feed: string };
}

interface Change {
  event: CalendarEvent;
  summary?: string;
  impact?: string;
  audience?: string;
  contact?: string;
  onCall?: string;
}

export function upcomingChangesHtml(index: WorkspaceIndex, result: CalendarResult, options: UpcomingOptions): string {
  const zone = result.timezone;
  const until = options.now + options.days * 86_400_000;
  const current = (item: { start: string; end: string }) =>
    Date.parse(item.end) > options.now && Date.parse(item.start) < until;
  const changes = result.events.filter(current).map((event) => withAnnouncement(index, event));
  const production = (environment: string) => index.isProduction(environment);
  const periods = [...result.freezes, ...result.maintenance]
    .filter(current)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

  const days = new Map<string, Change[]>();
  for (const change of changes.sort((a, b) => Date.parse(a.event.start) - Date.parse(b.event.start))) {
    const day = DateTime.fromISO(change.event.start, { zone }).toISODate()!;
    days.set(day, [...(days.get(day) ?? []), change]);
  }

  const written = DateTime.fromMillis(options.now, { zone });
  const body: string[] = [];
  body.push(`<h1>Upcoming changes</h1>`);
  body.push(
    `<p class="lead">Changes planned from ${escapeHtml(dayName(written))} for the next ${options.days} days. Times are in ${escapeHtml(zone)} unless a change says otherwise. Written ${escapeHtml(written.toFormat('d LLL yyyy, HH:mm'))}.</p>`,
  );
  if (options.links) {
    body.push(
      `<p class="links"><a href="${escapeHtml(options.links.calendar)}">Open the calendar</a> · <a href="${escapeHtml(options.links.feed)}">Subscribe in Outlook or Google Calendar (.ics)</a></p>`,
    );
  }
  if (periods.length) {
    body.push('<h2>Freezes and maintenance windows</h2><ul class="periods">');
    for (const p of periodsInWords(periods, zone)) body.push(`<li>${p}</li>`);
    body.push('</ul>');
  }
  const bookings = (result.bookings ?? []).filter(current);
  if (bookings.length) {
    body.push('<h2>Environments booked</h2><ul class="periods">');
    for (const b of bookings) {
      const what = `${b.environment} booked by ${b.team}${b.purpose ? ` for ${b.purpose}` : ''}`;
      const tail = `${b.exclusive ? ' (exclusive: no other changes)' : ''}${b.contact ? `; ask ${b.contact}` : ''}`;
      body.push(
        `<li><strong>${escapeHtml(what)}</strong>: ${escapeHtml(timeSpan(b.start, b.end, zone))}${escapeHtml(tail)}</li>`,
      );
    }
    body.push('</ul>');
  }
  body.push('<h2>Changes</h2>');
  if (days.size === 0) body.push(`<p>No changes are planned in the next ${options.days} days.</p>`);
  for (const [day, list] of days) {
    body.push(`<h3>${escapeHtml(dayName(DateTime.fromISO(day, { zone })))}</h3>`);
    for (const change of list) body.push(changeInWords(change, zone, production));
  }
  return staticPage({
    title: 'Upcoming changes',
    styles: ['upcoming.css'],
    body: `<main>\n${body.join('\n')}\n</main>`,
  });
}

function withAnnouncement(index: WorkspaceIndex, event: CalendarEvent): Change {
  const file = index.get(event.uri);
  const model = file?.model.kind === 'runbook' ? file.model : undefined;
  if (!model) return { event };
  const announce = subSection(model.file, model.sections.get('announce')).fields;
  const text = (name: string) => announce.get(name)?.text?.trim() || undefined;
  return {
    event,
    summary: text('summary'),
    impact: text('customer-impact'),
    audience: text('audience'),
    contact: text('contact'),
    onCall: model.fields.get('on-call')?.text?.trim() || undefined,
  };
}

function changeInWords(change: Change, zone: string, isProduction: (environment: string) => boolean): string {
  const e = change.event;
  const what = [
    e.title ?? e.runbook ?? 'A change',
    e.service && e.version ? `(${e.service} ${e.version})` : e.service ? `(${e.service})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const rows: [string, string | undefined][] = [
    ['When', timeSpan(e.start, e.end, e.zone || zone)],
    [
      'Where',
      e.environment ? `${e.environment}${isProduction(e.environment) ? ' (customers may notice)' : ''}` : undefined,
    ],
    ['What changes', change.summary],
    ['Customer impact', change.impact],
    ['For', change.audience],
    ['Risk', e.risk ? `${e.risk}${e.type ? `, ${e.type} change` : ''}` : e.type ? `${e.type} change` : undefined],
    ['Status', statusInWords(e)],
    [
      'Whom to ask',
      [
        change.contact,
        e.owner ? `${e.owner} (owner)` : undefined,
        change.onCall ? `${change.onCall} (on call)` : undefined,
      ]
        .filter(Boolean)
        .join(', ') || undefined,
    ],
  ];
  const clash = e.conflicts.find((c) => c.code === 'RB014' || c.code === 'RB009' || c.code === 'RB019');
  const items = rows
    .filter((r): r is [string, string] => !!r[1])
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return `<article class="change${clash ? ' attention' : ''}">
<h4>${escapeHtml(what)}</h4>
${clash ? `<p class="warning">Needs attention: ${escapeHtml(clash.message)}</p>` : ''}
<dl>${items}</dl>
</article>`;
}

function statusInWords(e: CalendarEvent): string | undefined {
  if (e.outcome) return `done: ${e.outcome}`;
  // With an approval board its verdict, not the label, says whether the change is approved.
  if (e.ticketStatus?.approval) return `change request: ${e.ticketStatus.approval}`;
  const state = e.ticketStatus?.cabLabel ?? e.ticketStatus?.state;
  if (state) return `change request ${state}`;
  return e.ticket ? 'change request filed' : 'planned';
}

function periodsInWords(periods: PeriodOccurrence[], zone: string): string[] {
  // A weekly window is one line ("next ..., then N more"), not one line per week.
  const byId = new Map<string, PeriodOccurrence[]>();
  for (const p of periods) byId.set(`${p.kind} ${p.id}`, [...(byId.get(`${p.kind} ${p.id}`) ?? []), p]);
  return [...byId.values()].map((list) => {
    const p = list[0];
    const envs = p.environments === null ? 'all environments' : p.environments.join(', ');
    const kind = p.kind === 'freeze' ? `No changes to ${envs}` : `Maintenance of ${envs}`;
    const more =
      list.length > 1 ? `, then ${list.length - 1} more time${list.length > 2 ? 's' : ''} in this period` : '';
    return `<strong>${escapeHtml(p.title)}</strong>: ${escapeHtml(kind)}, ${escapeHtml(timeSpan(p.start, p.end, zone))}${escapeHtml(more)}`;
  });
}

function timeSpan(start: string, end: string, zone: string): string {
  const s = DateTime.fromISO(start, { setZone: true }).setZone(zone);
  const e = DateTime.fromISO(end, { setZone: true }).setZone(zone);
  const sameDay = s.hasSame(e, 'day') || (e.toFormat('HH:mm') === '00:00' && e.minus({ days: 1 }).hasSame(s, 'day'));
  const to = sameDay ? e.toFormat('HH:mm') : `${dayName(e)} ${e.toFormat('HH:mm')}`;
  return `${dayName(s)}, ${s.toFormat('HH:mm')} to ${to} (${zone})`;
}

function dayName(d: DateTime): string {
  return d.setLocale('en-GB').toFormat('cccc d LLLL yyyy');
}
