// "From GitHub deployments": the delivery figures GitHub's deployment records give, per environment,
// beside the runbook-recorded ones over the same dates; or the note that says why they are not shown
// (not signed in, no repository, GitHub unreachable), with a sign-in button when signing in helps.
import { decimal, humanDuration, NONE, percent, plural } from '../../server/core/metrics/format-values';
import type { Metrics } from '../../server/core/metrics/metric-definitions';
import { h } from '../dom';
import type { GitHubFigures } from './protocol';

/** Problems listed before "and N more": a repository with thousands of uncorrelated deployments stays readable. */
const SHOWN_PROBLEMS = 12;

export function githubSection(figures: GitHubFigures, signIn: () => void): HTMLElement {
  const section = h(
    'section',
    { class: 'metric github', id: 'github-deployments', 'aria-labelledby': 'title-github' },
    h('h2', { id: 'title-github' }, 'From GitHub deployments'),
  );
  if (figures.state === 'note') {
    section.append(h('p', { class: 'github-note', role: 'note' }, figures.note));
    if (figures.signIn) {
      const button = h('button', { id: 'github-sign-in', type: 'button', class: 'secondary' }, 'Sign in to GitHub');
      button.addEventListener('click', signIn);
      section.append(button);
    }
    return section;
  }
  const { comparison, repository } = figures;
  const range =
    comparison.from && comparison.to
      ? `from ${comparison.from} to ${comparison.to}`
      : 'with no deployment in the range';
  section.append(
    h(
      'p',
      { class: 'meaning' },
      `The deployments and deployment statuses GitHub recorded for ${repository} (a failure or error status is a failed deployment), beside the runbooks' own outcomes, both ${range}.`,
    ),
  );
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { scope: 'col', rowspan: '2' }, 'Environment'),
      ...['Deployments a week', 'Change fail rate', 'Recovery time'].map((t) =>
        h('th', { scope: 'colgroup', colspan: '2' }, t),
      ),
    ),
    h(
      'tr',
      {},
      ...[0, 1, 2].flatMap(() => [
        h('th', { scope: 'col', class: 'source' }, 'Runbooks'),
        h('th', { scope: 'col', class: 'source' }, 'GitHub'),
      ]),
    ),
  );
  const row = (name: string, runbooks: Metrics | null, github: Metrics | null, total = false) =>
    h(
      'tr',
      { class: total ? 'total' : '' },
      h('th', { scope: 'row' }, name),
      ...cells(runbooks, github, (m) => (m.deployments ? `${decimal(m.deploymentsPerWeek)} (${m.deployments})` : '0')),
      ...cells(runbooks, github, (m) =>
        m.deployments ? `${percent(m.changeFailRate)} (${m.rolledBack + m.failed} of ${m.deployments})` : NONE,
      ),
      ...cells(runbooks, github, (m) =>
        m.recoveryTime.count
          ? humanDuration(m.recoveryTime.medianMs)
          : m.recoveryTime.open
            ? `${m.recoveryTime.open} open`
            : NONE,
      ),
    );
  const body = h('tbody', {}, ...comparison.rows.map((r) => row(r.environment, r.runbooks, r.github)));
  if (comparison.rows.length > 1)
    body.append(row('All environments', comparison.total.runbooks, comparison.total.github, true));
  section.append(h('div', { class: 'github-table' }, h('table', {}, head, body)));
  if (!comparison.rows.length)
    section.append(h('p', { class: 'github-note' }, `No finished deployment of ${repository} in this range.`));
  if (comparison.problems.length) {
    const shown = comparison.problems.slice(0, SHOWN_PROBLEMS);
    const more = comparison.problems.length - shown.length;
    section.append(
      h(
        'details',
        { class: 'github-problems' },
        h('summary', {}, `Not counted or not matched to a runbook: ${plural(comparison.problems.length, 'note')}`),
        h('ul', {}, ...shown.map((p) => h('li', {}, p)), ...(more > 0 ? [h('li', {}, `and ${more} more`)] : [])),
      ),
    );
  }
  return section;
}

function cells(runbooks: Metrics | null, github: Metrics | null, text: (m: Metrics) => string): HTMLElement[] {
  return [runbooks, github].map((m) => h('td', {}, m ? text(m) : NONE));
}
