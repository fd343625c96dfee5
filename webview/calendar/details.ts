// The selected window: everything about it, its conflicts in full, and its dependencies both ways
// with whether the order holds.
import type { DependencyLink, DependencyState } from '../../server/core/calendar/dependency-state';
import { h, icon } from '../dom';
import { badges, envChip, timeRange, titleOf } from './event-view';
import type { ShownEvent } from './view-model';
import { instantLabel } from './display-time';

export interface DetailsActions {
  open(item: ShownEvent): void;
  close(): void;
  /** Select (and show) a linked runbook; it may lie outside the loaded range. */
  goTo(link: DependencyLink): void;
}

export function renderDetails(
  item: ShownEvent,
  state: DependencyState,
  zone: string,
  actions: DetailsActions,
): HTMLElement {
  const e = item.event;
  const openButton = h(
    'vscode-button',
    { secondary: true, 'aria-label': `Open runbook ${titleOf(e)} at its window` },
    'Open runbook',
  );
  openButton.addEventListener('click', () => actions.open(item));
  const closeButton = h('vscode-button', { secondary: true, 'aria-label': 'Clear the selection' }, 'Close');
  closeButton.addEventListener('click', () => actions.close());

  const facts: (HTMLElement | null)[] = [
    fact('Service', e.service ? (e.version ? `${e.service} ${e.version}` : e.service) : null),
    fact('Team', e.team),
    fact('Owner', e.owner),
    fact('Runbook', e.runbook),
  ];
  if (e.zone && e.zone !== zone) {
    facts.push(fact('Written in', `${instantLabel(item.start, e.zone)} – ${instantLabel(item.end, e.zone)} ${e.zone}`));
  }
  if (e.ticketStatus?.approval) facts.push(fact('Approval', e.ticketStatus.approval));
  if (e.ticketStatus?.assignees?.length)
    facts.push(fact('Assignees', e.ticketStatus.assignees.map((a) => (a.startsWith('@') ? a : `@${a}`)).join(', ')));

  const section = h(
    'section',
    { class: 'details', 'aria-label': `Selected window: ${titleOf(e)}` },
    h(
      'div',
      { class: 'details-head' },
      h('h2', { class: 'details-title' }, titleOf(e)),
      h('div', { class: 'details-actions' }, openButton, closeButton),
    ),
    h('p', { class: 'details-time' }, `${timeRange(item, zone)} · ${zone}`),
    h('div', { class: 'details-badges' }, envChip(e.environment), ...badges(e)),
    h('dl', { class: 'details-facts' }, ...facts),
  );

  const conflicts = e.conflicts ?? [];
  if (conflicts.length > 0) {
    section.appendChild(h('h3', {}, conflicts.length === 1 ? 'Conflict' : `Conflicts (${conflicts.length})`));
    section.appendChild(
      h(
        'ul',
        { class: 'details-conflicts' },
        ...conflicts.map((c) => h('li', {}, icon('warning'), h('span', { class: 'code' }, c.code), ' ', c.message)),
      ),
    );
  }

  section.appendChild(h('h3', {}, 'Dependencies'));
  const ok = state.holds === true;
  const bad = state.holds === false;
  section.appendChild(
    h(
      'p',
      { class: `dependency-summary ${ok ? 'ok' : bad ? 'bad' : 'neutral'}`, role: 'status' },
      ok ? icon('check') : bad ? icon('cross') : null,
      state.summary,
    ),
  );
  if (state.dependsOn.length > 0)
    section.appendChild(linkList('Depends on (must end first)', state.dependsOn, zone, actions));
  if (state.dependents.length > 0)
    section.appendChild(linkList('Needed by (starts after this ends)', state.dependents, zone, actions));
  return section;
}

function fact(label: string, value: string | null): HTMLElement | null {
  if (!value) return null;
  return h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
}

function linkList(heading: string, links: DependencyLink[], zone: string, actions: DetailsActions): HTMLElement {
  return h(
    'div',
    { class: 'dependency-group' },
    h('h4', {}, heading),
    h(
      'ul',
      { class: 'dependency-list' },
      ...links.map((link) => {
        const good = link.state === 'holds';
        const when =
          link.start && link.end
            ? `${instantLabel(Date.parse(link.start), zone)}–${instantLabel(Date.parse(link.end), zone)}`
            : '';
        const button = h(
          'button',
          {
            class: `dependency-link state-${link.state}`,
            type: 'button',
            disabled: !link.uri,
            'aria-label': `${link.title ?? link.runbook}: ${link.reason}${link.uri ? '. Select it' : ''}`,
          },
          icon(good ? 'check' : link.state === 'unknown' ? 'warning' : 'cross'),
          h('span', { class: 'dep-title' }, link.title ?? link.runbook),
          when ? h('span', { class: 'dep-when' }, when) : null,
          h('span', { class: 'dep-reason' }, link.reason),
        );
        button.addEventListener('click', () => actions.goTo(link));
        return h('li', {}, button);
      }),
    ),
  );
}
