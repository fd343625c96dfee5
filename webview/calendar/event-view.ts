// How one runbook window, freeze or maintenance window looks, shared by the three views:
// classes for colour and state, badges, conflict marks, and the words a screen reader hears.
import type { AccessOccurrence, CalendarEvent } from '../../server/core/calendar/calendar-types';
import type { DependencyState, OrderState } from '../../server/core/calendar/dependency-state';
import { h, icon } from '../dom';
import { envColor, ShownEvent, ShownPeriod } from './view-model';
import { DayKey, dayKeyOf, instantLabel, timeLabel } from './display-time';

/** How an event relates to the selected one. */
export interface Relations {
  selectedKey: string | null;
  /** Runbook id → order state, for the selection's dependencies and dependents. */
  dependencies: Map<string, OrderState>;
  dependents: Map<string, OrderState>;
}

export const NO_RELATIONS: Relations = { selectedKey: null, dependencies: new Map(), dependents: new Map() };

export function relationsOf(selectedKey: string | null, state: DependencyState | null): Relations {
  if (!selectedKey || !state) return { ...NO_RELATIONS, selectedKey };
  return {
    selectedKey,
    dependencies: new Map(state.dependsOn.map((d) => [d.runbook, d.state])),
    dependents: new Map(state.dependents.map((d) => [d.runbook, d.state])),
  };
}

export type Relation = 'selected' | 'dependency' | 'dependent' | 'unrelated' | null;

export function relationOf(item: ShownEvent, rel: Relations): { relation: Relation; order: OrderState | null } {
  if (!rel.selectedKey) return { relation: null, order: null };
  if (item.key === rel.selectedKey) return { relation: 'selected', order: null };
  const id = item.event.runbook;
  if (id && rel.dependencies.has(id)) return { relation: 'dependency', order: rel.dependencies.get(id)! };
  if (id && rel.dependents.has(id)) return { relation: 'dependent', order: rel.dependents.get(id)! };
  return { relation: 'unrelated', order: null };
}

export function eventClasses(item: ShownEvent, rel: Relations, base: string): string {
  const e = item.event;
  const { relation, order } = relationOf(item, rel);
  const classes = [base, 'event', `env-${envColor(e.environment)}`];
  if (e.risk) classes.push(`risk-${safeToken(e.risk)}`);
  if (e.type) classes.push(`type-${safeToken(e.type)}`);
  if ((e.conflicts?.length ?? 0) > 0) classes.push('has-conflicts');
  if (e.outcome) classes.push(`outcome-${safeToken(e.outcome)}`, `done-as-${outcomeKind(e.outcome)}`);
  if (relation) classes.push(`rel-${relation}`);
  if (order === 'broken' || order === 'missing') classes.push('rel-broken');
  return classes.join(' ');
}

/** Only letters, digits and dashes go into class names; the rest of the text is shown, not styled. */
function safeToken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
}

export function titleOf(e: CalendarEvent): string {
  return e.title ?? e.runbook ?? 'Untitled runbook';
}

export function timeRange(item: ShownEvent, zone: string, day?: DayKey): string {
  const startDay = dayKeyOf(item.start, zone);
  const from = day && startDay !== day ? instantLabel(item.start, zone) : timeLabel(item.start, zone);
  return `${from}–${instantLabel(item.end, zone, day ?? startDay)}`;
}

/** Relative to `day` when given (the agenda row's day): `01:00–03:00`, `18:00–Fri 00:00`, `until Mon 4 Jan 00:00`. */
export function periodRange(item: ShownPeriod, zone: string, day?: DayKey): string {
  if (!day) return `${instantLabel(item.start, zone)} – ${instantLabel(item.end, zone)}`;
  const startDay = dayKeyOf(item.start, zone);
  if (startDay !== day) return `until ${instantLabel(item.end, zone, day)}`;
  return `${timeLabel(item.start, zone)}–${instantLabel(item.end, zone, day)}`;
}

export function envChip(environment: string | null): HTMLElement {
  const name = environment ?? 'no environment';
  return h(
    'span',
    { class: `chip env-chip env-${envColor(environment)}` },
    h('span', { class: 'swatch', 'aria-hidden': 'true' }),
    name,
  );
}

export function badges(e: CalendarEvent): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (e.risk) out.push(h('span', { class: `badge risk risk-${safeToken(e.risk)}` }, `${e.risk} risk`));
  if (e.type) out.push(h('span', { class: `badge type type-${safeToken(e.type)}` }, `${e.type} change`));
  if (e.ticket) out.push(ticketBadge(e));
  if (e.outcome) out.push(h('span', { class: `badge outcome outcome-${safeToken(e.outcome)}` }, e.outcome));
  return out;
}

export function ticketBadge(e: CalendarEvent): HTMLElement {
  const s = e.ticketStatus;
  const parts = [e.ticket ?? ''];
  if (s?.state) parts.push(s.state);
  // With a board the verdict, not the label, says whether the change is approved.
  if (s?.approval) parts.push(s.approval);
  else if (s?.cabLabel) parts.push(s.cabLabel);
  return h('span', { class: `badge ticket${s?.state ? ` ticket-${safeToken(s.state)}` : ''}` }, parts.join(' · '));
}

/** What each collision code means, in the words a coordinator uses; the code stays in the tooltip and details. */
const CONFLICT_WORDS: Record<string, string> = {
  RB009: 'in a freeze',
  RB012: 'dependency late',
  RB013: 'dependency cycle',
  RB014: 'clash',
  RB019: 'outside maintenance',
};

export function conflictWord(code: string): string {
  return CONFLICT_WORDS[code] ?? code;
}

/** The event's collisions in words, each kind once: "clash, in a freeze". */
export function conflictWords(e: CalendarEvent): string {
  return [...new Set((e.conflicts ?? []).map((c) => conflictWord(c.code)))].join(', ');
}

/** A warning icon and the collisions in words; narrow cells hide the words, never the icon. */
export function conflictMark(e: CalendarEvent): HTMLElement | null {
  const n = e.conflicts?.length ?? 0;
  if (n === 0) return null;
  return h(
    'span',
    { class: 'conflict-mark', title: e.conflicts.map((c) => `${c.code}: ${c.message}`).join('\n') },
    icon('warning'),
    h('span', { class: 'conflict-words' }, conflictWords(e)),
  );
}

/** How a recorded outcome reads on the grid: a symbol that survives narrow cells, then the word. */
export function outcomeKind(outcome: string | null): 'done' | 'rolled-back' | 'failed' | 'other' | null {
  if (!outcome) return null;
  const o = outcome.toLowerCase().replace(/[\s_]+/g, '-');
  if (['done', 'success', 'succeeded', 'completed', 'complete'].includes(o)) return 'done';
  if (o.startsWith('rolled-back') || o === 'rollback' || o === 'rolledback') return 'rolled-back';
  if (['failed', 'failure', 'aborted'].includes(o)) return 'failed';
  return 'other';
}

const OUTCOME_SYMBOL = { done: '✓', 'rolled-back': '↺', failed: '✗', other: '•' } as const;

export function outcomeMark(e: CalendarEvent): HTMLElement | null {
  const kind = outcomeKind(e.outcome);
  if (!kind) return null;
  return h(
    'span',
    { class: `outcome-mark outcome-${kind}`, title: `Outcome: ${e.outcome}` },
    h('span', { class: 'outcome-symbol', 'aria-hidden': 'true' }, OUTCOME_SYMBOL[kind]),
    h('span', { class: 'outcome-word' }, kind === 'rolled-back' ? 'rolled back' : kind === 'other' ? e.outcome! : kind),
  );
}

export function relationTag(item: ShownEvent, rel: Relations): HTMLElement | null {
  const { relation, order } = relationOf(item, rel);
  if (relation !== 'dependency' && relation !== 'dependent') return null;
  const ok = order === 'holds';
  const words = relation === 'dependency' ? 'dependency' : 'depends on selection';
  const state = ok ? 'in order' : order === 'unknown' ? 'order unknown' : 'out of order';
  return h(
    'span',
    { class: `relation-tag ${ok ? 'ok' : 'bad'}` },
    icon(relation === 'dependency' ? 'arrow-up' : 'arrow-down'),
    `${words} · ${state}`,
  );
}

/** Everything a sighted user reads off the event, as one sentence for screen readers. */
export function eventAriaLabel(item: ShownEvent, zone: string, rel: Relations): string {
  const e = item.event;
  const parts = [titleOf(e), timeRange(item, zone, undefined)];
  if (e.service) parts.push(`service ${e.service}${e.version ? ` ${e.version}` : ''}`);
  if (e.environment) parts.push(`environment ${e.environment}`);
  if (e.team) parts.push(`team ${e.team}`);
  if (e.risk) parts.push(`${e.risk} risk`);
  if (e.type) parts.push(`${e.type} change`);
  if (e.ticket) parts.push(`ticket ${e.ticket}${e.ticketStatus?.state ? ` ${e.ticketStatus.state}` : ''}`);
  if (e.outcome) parts.push(`outcome ${e.outcome}`);
  const n = e.conflicts?.length ?? 0;
  if (n > 0)
    parts.push(
      `${n} ${n === 1 ? 'conflict' : 'conflicts'} (${conflictWords(e)}): ${e.conflicts.map((c) => `${c.code} ${c.message}`).join('; ')}`,
    );
  const { relation, order } = relationOf(item, rel);
  if (relation === 'selected') parts.push('selected');
  if (relation === 'dependency')
    parts.push(`dependency of the selection, ${order === 'holds' ? 'in order' : 'out of order'}`);
  if (relation === 'dependent')
    parts.push(`depends on the selection, ${order === 'holds' ? 'in order' : 'out of order'}`);
  return parts.join(', ');
}

/** An access request's ticket and what is known of its approval, in words. */
function accessTicket(a: AccessOccurrence): string {
  if (!a.ticket) return 'not filed yet';
  const status = a.ticketStatus;
  const approval = status?.cabLabel ? `, ${status.cabLabel}` : status ? ', not approved yet' : '';
  return `ticket ${a.ticket}${status?.state ? ` ${status.state}` : ''}${approval}`;
}

/** The kind as a class, with `ended` for access that has ended and still stands (RB041): it must stand out. */
export function periodClass(item: ShownPeriod): string {
  const p = item.period;
  return p.kind === 'access' && p.access.ended ? 'access ended' : p.kind;
}

export function periodKindText(item: ShownPeriod): string {
  const kind = item.period.kind;
  return kind === 'freeze' ? 'Freeze' : kind === 'booking' ? 'Booked' : kind === 'access' ? 'Access' : 'Maintenance';
}

export function periodAriaLabel(item: ShownPeriod, zone: string): string {
  const p = item.period;
  if (p.kind === 'access') {
    const a = p.access;
    const ended = a.ended ? ', ended and not revoked: revoke it' : '';
    const runbook = a.runbookTitle ?? a.runbook;
    return `Access: ${a.who || 'someone'} on ${a.environment}${a.level ? `, ${a.level}` : ''}${runbook ? `, for ${runbook}` : ''}, ${accessTicket(a)}${ended}, ${periodRange(item, zone)}. Opens its request`;
  }
  if (p.kind === 'booking') {
    const b = p.booking;
    return `Booking: ${b.environment} booked by ${b.team}${b.purpose ? ` for ${b.purpose}` : ''}${b.exclusive ? ', exclusive' : ''}${b.contact ? `, ask ${b.contact}` : ''}, ${periodRange(item, zone)}. Opens its definition`;
  }
  const envs = p.environments === null ? 'all environments' : p.environments.join(', ');
  return `${p.kind === 'freeze' ? 'Freeze' : 'Maintenance window'}: ${p.title}, ${envs}, ${periodRange(item, zone)}. Opens its definition`;
}

export function periodLabel(item: ShownPeriod): string {
  const p = item.period;
  if (p.kind === 'access') {
    const a = p.access;
    const state = a.ended ? 'ended: revoke' : !a.ticket ? 'not filed' : (a.ticketStatus?.cabLabel ?? null);
    return `${a.environment} · ${a.who}${a.level ? `: ${a.level}` : ''}${state ? ` (${state})` : ''}`;
  }
  if (p.kind === 'booking')
    return `${p.booking.environment} · ${p.booking.team}${p.booking.purpose ? `: ${p.booking.purpose}` : ''}`;
  const envs = p.environments === null ? 'all' : p.environments.join(', ');
  return `${p.title} · ${envs}`;
}

export function periodIcon(item: ShownPeriod): SVGSVGElement {
  const p = item.period;
  if (p.kind === 'access') return icon(p.access.ended ? 'warning' : 'key');
  return icon(p.kind === 'freeze' ? 'snow' : p.kind === 'booking' ? 'lock' : 'wrench');
}
