// GitHub's deployment records for the metrics panel, read in the extension host with VS Code's
// GitHub sign-in (the same reader as `runbook metrics --source github`): the repository of the
// workspace (setting or git remote), its deployments and statuses (conditional requests, so a
// refresh of unchanged lists is answered 304), and the setting's service rules (checked by the
// server). When they
// cannot be read, a note for the panel that says why and what to do; the panel never waits on a
// sign-in dialog it did not ask for.
import * as vscode from 'vscode';
import type { GitHubDeploymentsInput } from '../../protocol/requests';
import { ConditionalCache, fetchDeployments } from '../../server/github/deployments';
import { githubClient } from '../change-request/deps';
import { describeGitHubError } from '../../server/github/github-errors';
import type { GitHubFigures } from '../../webview/metrics/protocol';
import type { GitHubSession } from '../change-request/github-session';
import { knownRepository } from '../change-request/resolve-repository';
import { githubSettings } from '../change-request/change-request-settings';
import { metricsSettings } from './metrics-settings';

/** Filters change often; the records are read again after this long (or when asked to sign in). */
const FRESH_MS = 2 * 60_000;

export type DeploymentRecords =
  | { input: GitHubDeploymentsInput; note?: undefined }
  | { input?: undefined; note: Extract<GitHubFigures, { state: 'note' }> };

export class GitHubDeploymentRecords {
  private readonly cache: ConditionalCache = new Map();
  private last: { key: string; at: number; records: Promise<DeploymentRecords> } | undefined;

  constructor(
    private readonly session: GitHubSession,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * The records, from the last read while fresh; `interactive` may show GitHub's sign-in. `from`
   * (the panel's first day, YYYY-MM-DD) spares the pages and statuses older than the range.
   */
  read(from: string | undefined, interactive = false): Promise<DeploymentRecords> {
    // A day's slack: the first day is a local date in the calendar's zone.
    const since = from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? Date.parse(`${from}T00:00:00Z`) - 86_400_000 : undefined;
    const settings = metricsSettings();
    if (!settings.githubDeployments)
      return Promise.resolve({
        note: {
          state: 'note',
          note: 'GitHub deployment records are off (setting releaseRunbooks.metrics.githubDeployments).',
        },
      });
    if (!vscode.workspace.isTrusted)
      return Promise.resolve({
        note: {
          state: 'note',
          note: 'GitHub deployment records are not read in Restricted Mode: they are read with your GitHub sign-in. Trust the workspace to see them.',
        },
      });
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!folder)
      return Promise.resolve({
        note: { state: 'note', note: 'Open a folder to read its repository’s GitHub deployment records.' },
      });
    const key = JSON.stringify([
      folder.toString(),
      githubSettings(folder).apiUrl,
      githubSettings(folder).repository,
      settings.deploymentServices,
      since,
    ]);
    if (!interactive && this.last && this.last.key === key && Date.now() - this.last.at < FRESH_MS)
      return this.last.records;
    const records = this.fetch(folder, interactive, since);
    this.last = { key, at: Date.now(), records };
    // A note (signed out, unreachable) is asked again on the next query, not kept for minutes.
    void records.then((r) => {
      if (r.note && this.last?.records === records) this.last = undefined;
    });
    return records;
  }

  private async fetch(folder: vscode.Uri, interactive: boolean, since: number | undefined): Promise<DeploymentRecords> {
    const settings = githubSettings(folder);
    const known = await knownRepository(folder);
    if (!known)
      return {
        note: {
          state: 'note',
          note: 'No GitHub repository known for this workspace: set releaseRunbooks.github.repository (OWNER/NAME) to read its deployment records.',
        },
      };
    const repository = `${known.repo.owner}/${known.repo.repo}`;
    const token = await this.session.token(settings.apiUrl, interactive);
    if (!token)
      return {
        note: {
          state: 'note',
          note: `Not signed in to GitHub: sign in to read the deployment records of ${repository}.`,
          signIn: true,
        },
      };
    const ctx = githubClient({ log: this.log }, folder, token);
    try {
      const read = await fetchDeployments(ctx, known.repo, { cache: this.cache, since });
      this.log.info(
        `Release metrics: ${read.deployments.length} GitHub deployments of ${repository} (${read.requests} requests, ${read.notModified} unchanged).`,
      );
      return {
        input: {
          repository,
          deployments: read.deployments,
          service: known.repo.repo,
          services: metricsSettings().deploymentServices,
          problems: read.problems,
        },
      };
    } catch (error) {
      const failure = describeGitHubError(error, {
        action: `read the deployments of ${repository}`,
        repository: known.repo,
        apiUrl: settings.apiUrl,
        surface: 'editor',
        secret: token.token,
        timeoutMs: ctx.timeoutMs,
      });
      this.log.warn(`Release metrics: ${failure.message}`);
      return {
        note: {
          state: 'note',
          note: `GitHub deployment records could not be read: ${failure.message}`,
          signIn: failure.kind === 'auth',
        },
      };
    }
  }
}
