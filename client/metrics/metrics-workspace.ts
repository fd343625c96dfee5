// The workspace as the metrics see it: every runbook and calendar file (with the unsaved text of
// open editors), their change records, and the oldest commit of each `change.commits` range, read
// with git once per range and remembered until the range or the repository's HEAD moves on.
import * as vscode from 'vscode';
import { oldestCommits, gitCommitTimes } from '../../server/cli/metrics';
import { ChangeRecord, changeRecords } from '../../server/core/metrics/change-records';
import type { CommitRange } from '../../server/core/metrics/change-records';
import { WorkspaceIndex } from '../../server/core/workspace-index';
import type { MetricsSource } from './metrics-request';
import { metricsSettings } from './metrics-settings';
import { GIT_RESTRICTED_REASON } from '../workspace-trust';

/** The workspace as the language server sees it: the same reader the release-day gates use. */
export { workspaceSnapshot as workspaceIndex } from '../release/workspace-snapshot';

/** Commit times per repository folder and range; an answer of git stays good while the range names the same commits. */
const commitCache = new Map<string, Promise<number[]>>();

function cachedReader(folder: string, range: CommitRange): Promise<number[]> {
  const key = `${folder}\u0000${range.from}\u0000${range.to}`;
  let answer = commitCache.get(key);
  if (!answer) {
    answer = gitCommitTimes(folder, range);
    if (commitCache.size > 500) commitCache.clear();
    commitCache.set(key, answer);
    // A failure (a tag not fetched yet) is asked again next time.
    answer.catch(() => commitCache.delete(key));
  }
  return answer;
}

export async function metricsSource(index: WorkspaceIndex): Promise<MetricsSource & { changes: ChangeRecord[] }> {
  const { changes, problems } = changeRecords(index);
  const zone = index.calendar().zone;
  if (!metricsSettings().readGitHistory || !changes.some((c) => c.commits)) return { changes, problems, zone };
  if (!vscode.workspace.isTrusted) return { changes, problems: [...problems, GIT_RESTRICTED_REASON], zone };
  const commits = await oldestCommits(changes, cachedReader);
  return { changes, problems: [...problems, ...commits.problems], zone, oldestCommits: commits.oldest };
}

export function forgetCommitTimes(): void {
  commitCache.clear();
}
