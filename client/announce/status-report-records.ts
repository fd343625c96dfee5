// Which weekly status reports went to which channel: `.release-runbooks/status-reports.json` in
// the first workspace folder (commit it, like the runbooks' records). Before a send the entry
// says `sending`, after it `sent` or `failed`, as release.announcements does for a release: a
// channel gets each week's report once, a failed one is tried again, an unfinished one is not
// repeated (it may have gone out). Writes are queued.
import * as vscode from 'vscode';

export interface ReportRecord {
  week: string;
  channel: string;
  at: string;
  result: 'sending' | 'sent' | 'failed';
  error?: string;
}

export const RECORDS_PATH = '.release-runbooks/status-reports.json';

export class StatusReportRecords {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: vscode.Uri) {}

  static forWorkspace(): StatusReportRecords | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? new StatusReportRecords(vscode.Uri.joinPath(folder.uri, RECORDS_PATH)) : undefined;
  }

  async read(): Promise<ReportRecord[]> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
    } catch {
      return [];
    }
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new Error(`${RECORDS_PATH} is not a list of records; fix or remove it`);
    return data.filter(
      (r): r is ReportRecord =>
        !!r && typeof r === 'object' && typeof r.week === 'string' && typeof r.channel === 'string',
    );
  }

  /** The latest record of this week and channel says: send it, it went out, or nobody knows. */
  async stateOf(week: string, channel: string): Promise<'send' | 'done' | 'unknown'> {
    const latest = (await this.read()).reverse().find((r) => r.week === week && r.channel === channel);
    return latest?.result === 'sent' ? 'done' : latest?.result === 'sending' ? 'unknown' : 'send';
  }

  /** `sending` adds an entry; `sent` or `failed` ends the latest entry of the week and channel. */
  write(record: ReportRecord): Promise<void> {
    const run = async () => {
      const records = await this.read();
      const open = [...records]
        .reverse()
        .find((r) => r.week === record.week && r.channel === record.channel && r.result === 'sending');
      if (record.result !== 'sending' && open) Object.assign(open, record);
      else records.push(record);
      await vscode.workspace.fs.writeFile(this.file, new TextEncoder().encode(`${JSON.stringify(records, null, 2)}\n`));
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
