// The retrospective of a finished release, as a Markdown document to edit in the meeting: the facts
// (window, outcome, change request), the timeline from the release record, what went well and what
// did not (prefilled from the record, for the team to correct), action items as a task list with
// owners, and the still open action items of earlier retrospectives.
import { DateTime } from 'luxon';
import { inlineText, markdownBlock } from '../change-request/markdown-text';
import type { RunbookModel } from '../model';
import { parseInstant } from '../time';
import type { WorkspaceIndex } from '../workspace-index';
import type { ActionItem } from './action-items';
import { changeRecords, ChangeRecord } from './change-records';
import { humanDuration, plural } from './format-values';
import { deploymentFacts, Deployment, Recovery } from './metric-definitions';
import { releaseTimeline, ReleaseTimeline, TimelineEntry } from './release-timeline';
import { actionItemLine } from './status-report';

export interface RetrospectiveOptions {
  /** When the document is written (epoch ms), for its date. */
  now: number;
  /** Link from the document to the runbook file (relative), shown with the runbook's id. */
  runbookLink?: string;
  /** Open action items of earlier retrospectives, their `file` relative to the new document. */
  earlierItems?: ActionItem[];
}

export class NotFinishedError extends Error {}

/** The document; throws NotFinishedError when the runbook has no outcome yet. */
export function retrospectiveDocument(
  index: WorkspaceIndex,
  runbook: RunbookModel,
  options: RetrospectiveOptions,
): string {
  const zone = index.zoneFor(runbook);
  const { changes } = changeRecords(index);
  const change = changes.find((c) => c.uri === runbook.uri);
  if (!change || !change.result) {
    throw new NotFinishedError(
      `${runbook.id?.text ?? 'This runbook'} has no outcome yet: record how the release ended (outcome.result) before its retrospective`,
    );
  }
  const timeline = releaseTimeline(runbook, zone);
  const deployments = changes.filter(
    (c): c is Deployment => !!c.result && c.result !== 'cancelled' && c.finishedAt !== undefined,
  );
  const recovery = deploymentFacts(deployments).find((f) => f.deployment.uri === runbook.uri)?.recovery;
  const local = (ms: number, format = 'ccc d LLL yyyy, HH:mm') =>
    DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat(format);

  const lines: string[] = [`# Retrospective: ${inlineText(change.title)}`, ''];
  lines.push('| | |', '| --- | --- |');
  lines.push(
    `| Runbook | ${options.runbookLink ? `[${inlineText(change.id)}](${encodeURI(options.runbookLink)})` : inlineText(change.id)} |`,
  );
  if (change.service)
    lines.push(`| Service | ${inlineText(change.service)}${change.version ? ` ${inlineText(change.version)}` : ''} |`);
  if (change.environment) lines.push(`| Environment | ${inlineText(change.environment)} |`);
  if (change.window)
    lines.push(`| Window | ${local(change.window.start)} – ${local(change.window.end, 'HH:mm')} (${zone}) |`);
  lines.push(
    `| Outcome | ${resultWords(change.result)}${change.finishedAt !== undefined && !change.finishedFromWindow ? `, finished ${local(change.finishedAt)}` : ''} |`,
  );
  if (change.ticket) lines.push(`| Change request | ${inlineText(change.ticket)} |`);
  if (change.owner) lines.push(`| Release owner | ${inlineText(change.owner)} |`);
  if (timeline.people.length) lines.push(`| People in the record | ${timeline.people.map(inlineText).join(', ')} |`);
  lines.push(`| Retrospective held | ${local(options.now, 'ccc d LLL yyyy')} |`, '');

  lines.push('## Summary', '');
  lines.push(summary(change, timeline, recovery, zone, changes));
  if (change.notes) lines.push('', ...markdownBlock(change.notes).map((l) => (l ? `> ${l}` : '>')));
  lines.push('');

  lines.push('## Timeline', '');
  if (!timeline.record.present)
    lines.push(
      'The runbook has no release record (`release:`), so the timeline shows only the outcome: add what happened.',
      '',
    );
  if (timeline.entries.length) {
    const day = change.window?.start ?? timeline.entries.find((e) => e.at !== undefined)?.at;
    lines.push('| Time | Who | What |', '| --- | --- | --- |');
    for (const e of timeline.entries)
      lines.push(
        `| ${timeText(e, zone, day)} | ${e.who ? inlineText(e.who) : ''} | ${e.problem ? '**' : ''}${inlineText(e.what)}${e.problem ? '**' : ''} |`,
      );
  }
  lines.push('');

  const { well, notWell, actions } = findings(change, timeline, recovery);
  lines.push('## What went well', '');
  lines.push('<!-- Prefilled from the release record; correct it and add what the team saw. -->');
  lines.push(...(well.length ? well.map((w) => `- ${w}`) : ['- ']));
  lines.push('');
  lines.push('## What did not go well', '');
  lines.push(...(notWell.length ? notWell.map((w) => `- ${w}`) : ['- ']));
  lines.push('');
  lines.push('## Action items', '');
  lines.push(
    '<!-- One task per line, "- [ ] @owner: what to do (due YYYY-MM-DD)". Tick it ([x]) when done: until then later retrospectives and the weekly status report list it. -->',
  );
  lines.push(...actions.map((a) => `- [ ] ${a}`));
  lines.push('');
  if (options.earlierItems?.length) {
    lines.push('## Open action items from earlier retrospectives', '');
    lines.push('<!-- Listed here while open; tick them in the retrospective they come from. -->');
    for (const item of options.earlierItems) lines.push(actionItemLine(item));
    lines.push('');
  }
  return lines.join('\n');
}

function resultWords(result: string): string {
  return (
    (
      { success: 'succeeded', 'rolled-back': 'rolled back', failed: 'failed', cancelled: 'cancelled' } as Record<
        string,
        string
      >
    )[result] ?? result
  );
}

function summary(
  change: ChangeRecord,
  timeline: ReleaseTimeline,
  recovery: Recovery | 'open' | undefined,
  zone: string,
  changes: ChangeRecord[],
): string {
  const done = timeline.steps.filter((s) => !s.rollback && s.status === 'done').length;
  const total = timeline.steps.filter((s) => !s.rollback).length;
  const parts: string[] = [];
  if (change.result === 'success')
    parts.push(`The change succeeded${total ? `: ${done} of ${plural(total, 'step')} done` : ''}.`);
  else if (change.result === 'cancelled') parts.push('The change was cancelled.');
  else
    parts.push(
      `The change ${change.result === 'rolled-back' ? 'was rolled back' : 'failed'}${total ? ` after ${done} of ${plural(total, 'step')} ${done === 1 ? 'was' : 'were'} done` : ''}.`,
    );
  const r = timeline.record.rollback;
  if (r) {
    const decided = r.at ? parseInstant(r.at, zone) : undefined;
    const at = decided?.ok ? DateTime.fromMillis(decided.value.toMillis(), { zone }).toFormat('HH:mm') : undefined;
    parts.push(
      `The rollback was decided${at ? ` at ${at}` : ''}${r.decidedBy ? ` by ${inlineText(r.decidedBy)}` : ''}${r.reason ? `: ${inlineText(r.reason)}` : ''}${/[.!?]$/.test(r.reason ?? '') ? '' : '.'}`,
    );
  }
  if (recovery === 'open') parts.push('Service is not recorded as recovered yet.');
  else if (recovery?.by === 'rollback')
    parts.push(
      `Service was restored by the rollback ${humanDuration(recovery.to - recovery.from)} after the decision.`,
    );
  else if (recovery) {
    const next = changes.find((c) => c.id === recovery.next);
    parts.push(
      `Service recovered ${humanDuration(recovery.to - recovery.from)} later with ${inlineText(next?.title ?? recovery.next ?? 'the next deployment')}.`,
    );
  }
  return parts.join(' ');
}

/** Prefilled findings and action items, from what the record shows. */
function findings(
  change: ChangeRecord,
  timeline: ReleaseTimeline,
  recovery: Recovery | 'open' | undefined,
): { well: string[]; notWell: string[]; actions: string[] } {
  const well: string[] = [];
  const notWell: string[] = [];
  const actions: string[] = [];
  const owner = change.owner ?? '@owner';
  const steps = timeline.steps.filter((s) => !s.rollback);
  const record = timeline.record;

  const decisions = record.decisions;
  const lastGo = [...decisions].reverse().find((d) => d.decision === 'go');
  if (lastGo) {
    const waived = Object.values(lastGo.gates).filter((g) => g?.state === 'waived').length;
    if (waived) notWell.push(`GO was given with ${plural(waived, 'gate')} waived.`);
    else if (Object.keys(lastGo.gates).length) well.push('Every go/no-go gate passed before GO.');
  }
  const noGos = decisions.filter((d) => d.decision === 'no-go');
  for (const d of noGos) notWell.push(`NO-GO${d.reason ? `: ${inlineText(d.reason)}` : ''}.`);

  const timed = steps.filter((s) => s.status === 'done' && s.tookMs !== undefined && s.timeoutMs !== undefined);
  const over = timed.filter((s) => s.tookMs! > s.timeoutMs!);
  if (timed.length && !over.length)
    well.push(
      `${timed.length === steps.length ? 'Every step' : `${plural(timed.length, 'timed step')}`} finished within ${timed.length === 1 ? 'its timeout' : 'their timeouts'}.`,
    );
  for (const s of over) {
    notWell.push(
      `"${inlineText(s.title)}" took ${humanDuration(s.tookMs)} against its ${humanDuration(s.timeoutMs)} timeout.`,
    );
    actions.push(
      `${inlineText(s.owner ?? owner)}: Check the timeout of "${inlineText(s.title)}" or make the step faster`,
    );
  }
  for (const s of steps.filter((x) => x.attempts > 1))
    notWell.push(`"${inlineText(s.title)}" needed ${s.attempts} attempts.`);
  for (const s of steps.filter((x) => x.status === 'failed')) {
    notWell.push(`"${inlineText(s.title)}" failed${s.note ? `: ${inlineText(s.note)}` : ''}.`);
    actions.push(`${inlineText(s.owner ?? owner)}: Find out why "${inlineText(s.title)}" failed and prevent it`);
  }
  if (record.rollback) {
    const reason = record.rollback.reason ? `: ${inlineText(record.rollback.reason)}` : '';
    notWell.push(`The change had to be rolled back${reason}.`);
    if (!steps.some((s) => s.status === 'failed'))
      actions.push(
        `${inlineText(record.rollback.decidedBy ?? owner)}: Find the cause of the rollback${reason ? ` (${inlineText(record.rollback.reason!)})` : ''} and how to catch it before production`,
      );
    const rollbackSteps = timeline.steps.filter((s) => s.rollback);
    if (rollbackSteps.length && rollbackSteps.every((s) => s.status === 'done' || s.status === 'skipped'))
      well.push('The rollback steps ran to the end as planned.');
    if (record.rollback.triggerMet === false)
      notWell.push("The rollback was not covered by the runbook's rollback trigger.");
  }
  if (recovery && recovery !== 'open' && recovery.by === 'rollback')
    well.push(`Service was restored ${humanDuration(recovery.to - recovery.from)} after the rollback decision.`);
  const failedChecks = record.verification.filter((v) => v.result === 'fail');
  for (const v of failedChecks)
    notWell.push(
      `Verification "${inlineText(v.id ?? v.check ?? '')}" failed${v.note ? `: ${inlineText(v.note)}` : ''}.`,
    );
  const passed = record.verification.filter((v) => v.result === 'pass').length;
  if (passed && !failedChecks.length) well.push(`All ${plural(passed, 'verification check')} passed.`);
  if (change.result === 'failed' && !record.rollback) {
    notWell.push(`The change failed${change.notes ? ': see the notes above' : ''}.`);
    if (!steps.some((s) => s.status === 'failed'))
      actions.push(`${inlineText(owner)}: Find out why the change failed and prevent it`);
  }
  if (
    change.window &&
    change.finishedAt !== undefined &&
    !change.finishedFromWindow &&
    change.finishedAt > change.window.end
  ) {
    notWell.push(`The work ran ${humanDuration(change.finishedAt - change.window.end)} past the end of the window.`);
  }
  for (const line of change.unauthorized?.outOfWindow ?? []) notWell.push(`Out-of-window change: ${inlineText(line)}.`);
  if (change.unauthorized?.outOfWindow.length)
    actions.push(`${inlineText(owner)}: Take the out-of-window work to the change advisory board`);
  if (change.unauthorized?.withoutGo) notWell.push('Unapproved change: steps were started without a GO.');
  if (change.result === 'success' && !notWell.length) well.push('The release went as planned.');
  return { well, notWell, actions };
}

function timeText(e: TimelineEntry, zone: string, day: number | undefined): string {
  if (e.at === undefined) return e.atText ? inlineText(e.atText) : '';
  const dt = DateTime.fromMillis(e.at, { zone });
  const same = day !== undefined && DateTime.fromMillis(day, { zone }).hasSame(dt, 'day');
  return dt.toFormat(same ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
}
