// The weekly status report for management, as Markdown: what went live this week, what was rolled
// back or failed and why, what is scheduled next week, the freezes ahead, what still waits for the
// change advisory board, the delivery metrics of the last weeks and the open retrospective action
// items. Written for a business reader: plain sentences first, tables after, no YAML words.
import { accessPeriod, fieldText } from '../change-request/access-request';
import { DateTime } from 'luxon';
import { inlineText } from '../change-request/markdown-text';
import type { WorkspaceIndex } from '../workspace-index';
import type { ActionItem } from './action-items';
import { ChangeRecord, changeRecords } from './change-records';
import { computeMetrics } from './compute-metrics';
import { humanDuration, percent, plural } from './format-values';
import { deploymentFacts, Deployment, isFailure, OldestCommits, Recovery } from './metric-definitions';
import { metricsMarkdown } from './metrics-markdown';
import { dateOf } from './periods';

export type CabState = 'approved' | 'rejected' | 'pending';

export interface StatusReportOptions {
  /** The moment the report is written for (epoch ms); "this week" is the ISO week holding it. */
  now: number;
  /** Default: the calendar's zone. */
  zone?: string;
  /** The board's decision on a change request, when known (from GitHub). */
  cab?: (ticket: string) => CabState | undefined;
  /** Open action items of earlier retrospectives. */
  actionItems?: ActionItem[];
  oldestCommits?: OldestCommits;
  /** Weeks of metrics, this one included (default 4). */
  metricWeeks?: number;
  /** How far ahead freezes are listed, in weeks (default 6). */
  freezeWeeks?: number;
  /** How far ahead changes awaiting the board and clashes are listed, in weeks (default 4). */
  aheadWeeks?: number;
}

export function weeklyStatusReport(index: WorkspaceIndex, options: StatusReportOptions): string {
  const zone = options.zone ?? index.calendar().zone;
  const now = DateTime.fromMillis(options.now, { zone }).setLocale('en-GB');
  const weekStart = now.startOf('week');
  const thisWeek = { start: weekStart.toMillis(), end: weekStart.plus({ weeks: 1 }).toMillis() };
  const nextWeek = { start: thisWeek.end, end: weekStart.plus({ weeks: 2 }).toMillis() };
  const { changes, problems } = changeRecords(index);
  const deployments = changes.filter(
    (c): c is Deployment => !!c.result && c.result !== 'cancelled' && c.finishedAt !== undefined,
  );
  const facts = deploymentFacts(deployments, options.oldestCommits);
  const recoveryOf = new Map(facts.map((f) => [f.deployment.id, f.recovery]));
  const inWeek = (ms: number | undefined) => ms !== undefined && ms >= thisWeek.start && ms < thisWeek.end;

  const shipped = deployments.filter((d) => d.result === 'success' && inWeek(d.finishedAt)).sort(byFinish);
  const failures = deployments.filter((d) => isFailure(d.result) && inWeek(d.finishedAt)).sort(byFinish);
  const cancelled = changes.filter((c) => c.result === 'cancelled' && inWeek(c.finishedAt ?? c.window?.end));
  const unrecorded = changes.filter(
    (c) => !c.result && c.window && c.window.end <= options.now && c.window.end > thisWeek.start,
  );
  const scheduled = changes.filter(
    (c) => !c.result && c.window && c.window.start >= nextWeek.start && c.window.start < nextWeek.end,
  );
  const upcoming = changes.filter((c) => !c.result && c.window && c.window.end > options.now);
  const unauthorized = changes.filter(
    (c) =>
      c.unauthorized &&
      (inWeek(c.finishedAt) ||
        (!c.result && !!c.window && c.window.start < thisWeek.end && c.window.end > thisWeek.start)),
  );
  const approval = (c: ChangeRecord) => approvalOf(c, options.cab);
  const aheadWeeks = Math.max(1, options.aheadWeeks ?? 4);
  const aheadEnd = now.plus({ weeks: aheadWeeks }).toMillis();
  const waiting = upcoming.filter((c) =>
    ['not submitted', 'pending', 'unknown', 'rejected'].includes(approval(c).state),
  );
  // Bounded: a workspace of 200 runbooks must not give a table of 200 rows.
  const awaiting = waiting.filter((c) => c.window!.start < aheadEnd);
  const awaitingLater = waiting.length - awaiting.length;
  const clashes = clashesAhead(upcoming.filter((c) => c.window!.start < aheadEnd));
  const freezeEnd = now.plus({ weeks: options.freezeWeeks ?? 6 }).toMillis();
  const freezes = freezesAhead(index, options.now, freezeEnd);
  const maintenance = maintenanceIn(index, nextWeek);
  const accessEnded = accessEndedSince(index, now.minus({ weeks: aheadWeeks }).toMillis(), options.now);

  const lines: string[] = [];
  lines.push(
    `# Release status: week ${weekStart.weekNumber}, ${weekStart.weekYear} (${span(thisWeek.start, thisWeek.end, zone)})`,
    '',
  );
  lines.push(
    `_Prepared ${now.toFormat('ccc d LLL yyyy, HH:mm')} (${zone}) from the release runbooks in the repository._`,
    '',
  );

  // In short: the sentences a manager reads when reading nothing else.
  const metricWeeks = Math.max(1, options.metricWeeks ?? 4);
  const metricsFrom = weekStart.minus({ weeks: metricWeeks - 1 });
  const report = computeMetrics(
    changes,
    {
      zone,
      from: metricsFrom.toFormat('yyyy-MM-dd'),
      to: dateOf(options.now, zone),
      by: 'week',
      group: 'service',
      oldestCommits: options.oldestCommits,
    },
    problems,
  );
  lines.push('## In short', '');
  lines.push(`- ${shippedSentence(shipped.length, failures.length)}`);
  lines.push(
    `- ${scheduledSentence(scheduled.length, scheduled.filter((c) => approval(c).state !== 'approved' && approval(c).state !== 'not needed').length)}`,
  );
  const nextFreeze = freezes[0];
  lines.push(
    `- ${nextFreeze ? `Next freeze: ${inlineText(nextFreeze.title)}, ${nextFreeze.start <= options.now ? 'in force now, until' : 'from'} ${nextFreeze.start <= options.now ? day(nextFreeze.end - 1, zone) : `${day(nextFreeze.start, zone)} to ${day(nextFreeze.end - 1, zone)}`}${envText(nextFreeze.environments)}.` : `No freeze in the next ${plural(options.freezeWeeks ?? 6, 'week')}.`}`,
  );
  const t = report.total;
  lines.push(
    `- Over the last ${plural(metricWeeks, 'week')}: ${plural(t.deployments, 'deployment')}${t.deployments ? `, ${percent(t.changeFailRate)} needed a rollback or fix, ${percent(t.reworkRate)} were emergency changes` : ''}${t.leadTime.count ? `; a change took ${humanDuration(t.leadTime.medianMs)} (median) from request to live` : ''}.`,
  );
  if (unauthorized.length)
    lines.push(`- ${plural(unauthorized.length, 'change')} ran out of its approved window or without a GO: see below.`);
  if (options.actionItems?.length)
    lines.push(`- ${plural(options.actionItems.length, 'retrospective action item')} still open.`);
  lines.push('');

  lines.push('## What went live this week', '');
  if (shipped.length) {
    lines.push('| When | Change | Service | Environment | Change request |', '| --- | --- | --- | --- | --- |');
    for (const d of shipped)
      lines.push(
        `| ${when(d.finishedAt, zone)} | ${inlineText(d.title)}${d.type === 'emergency' ? ' (emergency change)' : ''} | ${cell(d.service)} | ${cell(d.environment)} | ${cell(d.ticket)} |`,
      );
  } else {
    lines.push('Nothing went live this week.');
  }
  lines.push('');

  lines.push('## Rolled back or failed, and why', '');
  if (failures.length) {
    for (const d of failures) lines.push(failureLine(d, recoveryOf.get(d.id), zone, changes));
  } else {
    lines.push('Nothing was rolled back and nothing failed this week.');
  }
  if (cancelled.length) {
    lines.push(
      '',
      `Cancelled: ${cancelled.map((c) => `${inlineText(c.title)}${c.notes ? ` (${inlineText(c.notes)})` : ''}`).join('; ')}.`,
    );
  }
  if (unrecorded.length) {
    lines.push(
      '',
      `Window over, outcome not recorded yet: ${unrecorded.map((c) => `${inlineText(c.title)} (${when(c.window!.end, zone)})`).join('; ')}.`,
    );
  }
  lines.push('');

  // What a board asks first; only written when there is something to say.
  if (unauthorized.length) {
    lines.push('## Out-of-window and unapproved changes', '');
    for (const c of unauthorized) {
      const what = [
        ...c.unauthorized!.outOfWindow.map((l) => `out of window: ${inlineText(l)}`),
        ...(c.unauthorized!.withoutGo ? ['unapproved: started without a GO'] : []),
      ];
      lines.push(`- **${inlineText(c.title)}**${c.ticket ? ` (${inlineText(c.ticket)})` : ''}: ${what.join('; ')}.`);
    }
    lines.push('');
  }

  lines.push(`## Scheduled next week (${span(nextWeek.start, nextWeek.end, zone)})`, '');
  if (scheduled.length) {
    lines.push('| When | Change | Service | Environment | Risk | Approval |', '| --- | --- | --- | --- | --- | --- |');
    for (const c of scheduled.sort((a, b) => a.window!.start - b.window!.start)) {
      lines.push(
        `| ${windowText(c.window!, zone)} | ${inlineText(c.title)} | ${cell(c.service)} | ${cell(c.environment)} | ${cell(c.risk)} | ${approval(c).text} |`,
      );
    }
  } else {
    lines.push('Nothing is scheduled for next week.');
  }
  lines.push('');

  lines.push(`## Freezes ahead (next ${plural(options.freezeWeeks ?? 6, 'week')})`, '');
  if (freezes.length) {
    for (const f of freezes)
      lines.push(
        `- **${inlineText(f.title)}**: ${when(f.start, zone)} to ${when(f.end, zone)}${envText(f.environments)}.`,
      );
  } else {
    lines.push('No freeze.');
  }
  lines.push('');

  lines.push(`## Maintenance next week (${span(nextWeek.start, nextWeek.end, zone)})`, '');
  if (maintenance.length) {
    for (const m of maintenance) {
      const owner = m.team ? `, by ${inlineText(m.team)}` : '';
      const affects = m.services.length
        ? `; affects ${m.services.map(inlineText).join(', ')}${m.impact ? `: ${inlineText(m.impact)}` : ''}`
        : m.impact
          ? `; ${inlineText(m.impact)}`
          : '';
      lines.push(
        `- **${inlineText(m.title)}**: ${when(m.start, zone)} to ${when(m.end, zone)}${envText(m.environments)}${owner}${affects}.`,
      );
    }
  } else {
    lines.push('No maintenance window next week.');
  }
  lines.push('');

  // Access granted for a window must be taken back (RB041); only written when some has ended.
  if (accessEnded.length) {
    lines.push(`## Access ended: make sure it is revoked (last ${plural(aheadWeeks, 'week')})`, '');
    for (const a of accessEnded) {
      lines.push(
        `- Access for ${inlineText(a.who)} to ${inlineText(a.environment)} (${inlineText(a.level)}) ended ${when(a.end, zone)}: make sure it is revoked${a.ticket ? ` (${inlineText(a.ticket)})` : ''}; runbook ${inlineText(a.runbook)}.`,
      );
    }
    lines.push('');
  }

  lines.push(`## Clashes (next ${plural(aheadWeeks, 'week')})`, '');
  if (clashes.length) {
    for (const [a, b] of clashes) {
      lines.push(
        `- **${inlineText(a.title)}** and **${inlineText(b.title)}** change ${cell(a.service)} in ${cell(a.environment)} at the same time: ${windowText(a.window!, zone)} and ${windowText(b.window!, zone)}.`,
      );
    }
  } else {
    lines.push('No two upcoming changes to the same service and environment overlap.');
  }
  lines.push('');

  lines.push(`## Awaiting the change advisory board (next ${plural(aheadWeeks, 'week')})`, '');
  if (awaiting.length) {
    lines.push('| Change | Window | Change request | Status |', '| --- | --- | --- | --- |');
    for (const c of awaiting.sort((a, b) => a.window!.start - b.window!.start)) {
      lines.push(
        `| ${inlineText(c.title)} | ${windowCell(c.window!, zone)} | ${cell(c.ticket)} | ${approval(c).text} |`,
      );
    }
  } else {
    lines.push(`No change in the next ${plural(aheadWeeks, 'week')} waits for the board.`);
  }
  if (awaitingLater)
    lines.push(
      '',
      `${plural(awaitingLater, 'later change')} ${awaitingLater === 1 ? 'waits' : 'wait'} for the board too.`,
    );
  lines.push('');

  lines.push(
    metricsMarkdown(report, {
      level: 2,
      deployments: false,
      title: `Delivery metrics, last ${plural(metricWeeks, 'week')}`,
    }).trimEnd(),
    '',
  );

  if (options.actionItems?.length) {
    lines.push('## Open action items from retrospectives', '');
    for (const item of options.actionItems) lines.push(actionItemLine(item));
    lines.push('');
  }
  return lines.join('\n');
}

function byFinish(a: ChangeRecord, b: ChangeRecord): number {
  return (a.finishedAt ?? 0) - (b.finishedAt ?? 0);
}

function shippedSentence(shipped: number, failed: number): string {
  const live = shipped ? `${plural(shipped, 'change')} went live this week` : 'Nothing went live this week';
  if (!failed) return `${live}${shipped ? ', none was rolled back' : ''}.`;
  return `${live}; ${plural(failed, 'change')} ${failed === 1 ? 'was' : 'were'} rolled back or failed.`;
}

function scheduledSentence(count: number, unapproved: number): string {
  if (!count) return 'Nothing is scheduled for next week.';
  return `${plural(count, 'change')} ${count === 1 ? 'is' : 'are'} scheduled for next week${unapproved ? `; ${unapproved} still ${unapproved === 1 ? 'needs' : 'need'} the board's approval` : ''}.`;
}

function failureLine(
  d: Deployment,
  recovery: Recovery | 'open' | undefined,
  zone: string,
  changes: ChangeRecord[],
): string {
  const what = d.result === 'rolled-back' ? 'was rolled back' : 'failed';
  const why = d.rollbackReason ?? d.notes;
  const reason = why ? ` Why: ${inlineText(why)}` : ' No reason was recorded.';
  let restored = '';
  if (recovery === 'open') restored = ' Service is not recorded as recovered yet.';
  else if (recovery?.by === 'rollback')
    restored = ` The rollback restored service in ${humanDuration(recovery.to - recovery.from)}.`;
  else if (recovery) {
    const next = changes.find((c) => c.id === recovery.next);
    restored = ` Service recovered ${humanDuration(recovery.to - recovery.from)} later with ${next ? inlineText(next.title) : recovery.next}.`;
  }
  const at = `${cell(d.service)}, ${cell(d.environment)}, ${when(d.finishedAt, zone)}`;
  const reasonText = reason.endsWith('.') ? reason : `${reason}.`;
  return `- **${inlineText(d.title)}** (${at}) ${what}.${reasonText}${restored}`;
}

interface Approval {
  state: 'approved' | 'rejected' | 'pending' | 'unknown' | 'not submitted' | 'not needed';
  text: string;
}

/** Where a change stands with the board: standard changes are pre-approved; the others need the board's label. */
function approvalOf(c: ChangeRecord, cab: StatusReportOptions['cab']): Approval {
  if (c.type === 'standard') return { state: 'not needed', text: 'pre-approved (standard change)' };
  if (!c.ticket) return { state: 'not submitted', text: 'change request not filed yet' };
  const state = cab?.(c.ticket);
  if (state === 'approved') return { state, text: 'approved' };
  if (state === 'rejected') return { state, text: 'rejected by the board' };
  if (state === 'pending') return { state, text: 'awaiting the board' };
  return { state: 'unknown', text: "filed; the board's decision is not known here" };
}

interface FreezeOccurrence {
  title: string;
  start: number;
  end: number;
  environments: string[] | null;
}

function freezesAhead(index: WorkspaceIndex, from: number, to: number): FreezeOccurrence[] {
  const out: FreezeOccurrence[] = [];
  for (const freeze of index.calendar().freezes) {
    for (const occurrence of freeze.occurrences({ start: from, end: to })) {
      out.push({
        title: freeze.title,
        start: occurrence.start,
        end: occurrence.end,
        environments: freeze.environments,
      });
    }
  }
  // Several occurrences of a monthly freeze read better in order of time than by freeze.
  return out.sort((a, b) => a.start - b.start || (a.title < b.title ? -1 : 1));
}

interface MaintenanceOccurrence extends FreezeOccurrence {
  team?: string;
  services: string[];
  impact?: string;
}

/** Every maintenance window in the range, with who owns it and what it affects. */
function maintenanceIn(index: WorkspaceIndex, range: { start: number; end: number }): MaintenanceOccurrence[] {
  const out: MaintenanceOccurrence[] = [];
  for (const m of index.calendar().maintenance) {
    const field = (key: string) => m.entry.fields.get(key)?.text.trim() || undefined;
    const services = m.entry.services?.map((s) => s.text) ?? [];
    for (const o of m.occurrences(range))
      out.push({
        title: m.title,
        start: o.start,
        end: o.end,
        environments: m.environments,
        team: field('team'),
        services,
        impact: field('impact'),
      });
  }
  return out.sort((a, b) => a.start - b.start || (a.title < b.title ? -1 : 1));
}

interface EndedAccess {
  who: string;
  environment: string;
  level: string;
  end: number;
  ticket?: string;
  runbook: string;
}

/** The access requests whose `until` lies in [since, now), oldest first. */
function accessEndedSince(index: WorkspaceIndex, since: number, now: number): EndedAccess[] {
  const out: EndedAccess[] = [];
  for (const runbook of index.runbooks()) {
    for (const item of runbook.access) {
      const period = accessPeriod(index, runbook, item);
      if (!period || period.end > now || period.end < since) continue;
      const text = (key: string) => fieldText(item, key) ?? '?';
      out.push({
        who: text('who'),
        environment: text('environment'),
        level: text('level'),
        end: period.end,
        ticket: fieldText(item, 'ticket'),
        runbook: runbook.id?.text ?? '?',
      });
    }
  }
  return out.sort((a, b) => a.end - b.end || (a.who < b.who ? -1 : 1));
}

function envText(environments: string[] | null): string {
  if (environments === null) return ' (all environments)';
  if (!environments.length) return ' (no environment)';
  return ` (${environments.map(inlineText).join(', ')})`;
}

export function actionItemLine(item: ActionItem): string {
  const owner = item.owner ? `${item.owner}: ` : '';
  return `- ${owner}${inlineText(item.text)} (from [${inlineText(item.retrospective)}](${encodeURI(item.file)}))`;
}

function when(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm');
}

function day(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ccc d LLL');
}

/** Pairs of changes to the same service and environment whose windows overlap, in order of time. */
function clashesAhead(changes: ChangeRecord[]): [ChangeRecord, ChangeRecord][] {
  const byTarget = new Map<string, ChangeRecord[]>();
  for (const c of changes) {
    if (!c.service || !c.environment || !c.window || c.window.end <= c.window.start) continue;
    const key = `${c.service}\u0000${c.environment}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), c]);
  }
  const out: [ChangeRecord, ChangeRecord][] = [];
  for (const list of byTarget.values()) {
    list.sort((a, b) => a.window!.start - b.window!.start);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].window!.start < list[i].window!.end; j++)
        out.push([list[i], list[j]]);
    }
  }
  return out.sort((a, b) => a[0].window!.start - b[0].window!.start);
}

/** The window, flagged when it cannot happen (it ends at or before its start). */
function windowCell(window: { start: number; end: number }, zone: string): string {
  return window.end <= window.start
    ? `⚠ impossible: ends at or before it starts (${when(window.start, zone)} – ${when(window.end, zone)})`
    : windowText(window, zone);
}

function windowText(window: { start: number; end: number }, zone: string): string {
  const start = DateTime.fromMillis(window.start, { zone }).setLocale('en-GB');
  const end = DateTime.fromMillis(window.end, { zone }).setLocale('en-GB');
  const endText = end.diff(start, 'hours').hours < 24 ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL, HH:mm');
  return `${start.toFormat('ccc d LLL, HH:mm')} – ${endText}`;
}

function span(start: number, end: number, zone: string): string {
  const first = DateTime.fromMillis(start, { zone }).setLocale('en-GB');
  const last = DateTime.fromMillis(end - 1, { zone }).setLocale('en-GB');
  return first.hasSame(last, 'month')
    ? `${first.day} – ${last.toFormat('d LLL yyyy')}`
    : `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
}

function cell(text: string | undefined | null): string {
  return text ? inlineText(text) : '—';
}
