// "Release Runbooks: Send Weekly Status Report": writes this week's report (as "Weekly Status
// Report" does), lets the coordinator pick the calendar's Slack, Teams or email channels, previews
// it before the week's first send, and sends it to each channel once per ISO week
// (status-report-records.ts). Same sender and secrets as the announcements.
import * as vscode from 'vscode';
import { request, STATUS_REPORT_ANNOUNCEMENT_REQUEST } from '../../protocol/requests';
import { SEND_STATUS_REPORT_COMMAND } from '../../protocol/names';
import { announcementSender } from '../lazy-bundles';
import { requestStatusReport } from '../metrics/weekly-status-report';
import { messageOf } from '../release/release-server';
import type { AnnounceDeps } from './announce-deps';
import { SECRET_HINT } from './announcement-secrets';
import { RECORDS_PATH, StatusReportRecords } from './status-report-records';

export function registerSendStatusReport(deps: AnnounceDeps): vscode.Disposable {
  return vscode.commands.registerCommand(SEND_STATUS_REPORT_COMMAND, (channelIds?: unknown) =>
    sendStatusReport(deps, channelIds),
  );
}

async function sendStatusReport(deps: AnnounceDeps, given: unknown): Promise<void> {
  const records = StatusReportRecords.forWorkspace();
  if (!records) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Release Runbooks: open a workspace folder to send the weekly status report (the sends are recorded in it).',
      ),
    );
    return;
  }
  try {
    const report = await requestStatusReport(deps.client, deps.statusStore);
    if (!report.ok) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Release Runbooks: there is no *.runbook.yaml file in this workspace, so there is nothing to report.',
        ),
      );
      return;
    }
    const { announcement, week, channels } = await request(deps.client, STATUS_REPORT_ANNOUNCEMENT_REQUEST, {
      text: report.text,
      now: Date.now(),
    });
    if (!channels.length) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Release Runbooks: the calendar has no Slack, Teams or email channel (channels:) to send the report to.',
        ),
      );
      return;
    }
    const states = new Map(
      await Promise.all(channels.map(async (c) => [c.id, await records.stateOf(week, c.id)] as const)),
    );
    const ids = Array.isArray(given) ? given.filter((g): g is string => typeof g === 'string') : undefined;
    let picked = ids ? channels.filter((c) => ids.includes(c.id)) : undefined;
    if (!picked) {
      const items = channels.map((c) => ({
        label: c.id,
        description: `${c.type}: ${states.get(c.id) === 'done' ? `sent for ${week}` : states.get(c.id) === 'unknown' ? 'a send began and never ended' : 'not sent'}`,
        channel: c,
        picked: states.get(c.id) === 'send',
      }));
      picked = (
        await vscode.window.showQuickPick(items, {
          title: vscode.l10n.t('Release Runbooks: send the status report {0} to', week),
          canPickMany: true,
        })
      )?.map((i) => i.channel);
      if (!picked?.length) return;
    }
    const toSend = picked.filter((c) => states.get(c.id) === 'send');
    const skipped = picked
      .filter((c) => states.get(c.id) !== 'send')
      .map(
        (c) =>
          `${c.id} (${states.get(c.id) === 'done' ? 'sent before' : 'state unknown: check it, then remove its entry in ' + RECORDS_PATH})`,
      );
    const firstOfWeek = !(await records.read()).some((r) => r.week === week);
    if (toSend.length && firstOfWeek && !ids) {
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: announcement.markdown,
      });
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: send the status report {0} to {1}?', week, toSend.map((c) => c.id).join(', ')),
        { modal: true, detail: announcement.subject },
        vscode.l10n.t('Send'),
      );
      if (choice !== vscode.l10n.t('Send')) return;
    }
    const sent: string[] = [];
    const failed: string[] = [];
    for (const channel of toSend) {
      await records.write({ week, channel: channel.id, at: new Date().toISOString(), result: 'sending' });
      let error: string | undefined;
      try {
        await announcementSender().deliverAnnouncement(
          channel,
          announcement,
          await deps.secrets.of(channel),
          15_000,
          SECRET_HINT,
        );
      } catch (e) {
        error = messageOf(e);
      }
      await records.write({
        week,
        channel: channel.id,
        at: new Date().toISOString(),
        result: error ? 'failed' : 'sent',
        ...(error ? { error } : {}),
      });
      deps.log.info(`Status report ${week} to ${channel.id}: ${error ? `failed (${error})` : 'sent'}`);
      if (error) failed.push(`${channel.id}: ${error}`);
      else sent.push(channel.id);
    }
    const parts = [
      sent.length ? `sent to ${sent.join(', ')}` : '',
      skipped.length ? `not again to ${skipped.join(', ')}` : '',
    ].filter(Boolean);
    if (failed.length) {
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'Release Runbooks: the status report {0} failed for {1}.{2}',
            week,
            failed.join('; '),
            parts.length ? ` Also ${parts.join('; ')}.` : '',
          ),
          vscode.l10n.t('Retry'),
        )
        .then((choice) => {
          if (choice === vscode.l10n.t('Retry'))
            void sendStatusReport(
              deps,
              picked.map((c) => c.id),
            );
        });
    } else
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Release Runbooks: the status report {0}: {1}.', week, parts.join('; ') || 'nothing to send'),
      );
  } catch (error) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Release Runbooks: the status report was not sent: {0}', messageOf(error)),
    );
  }
}
