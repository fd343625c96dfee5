// Which repository takes a runbook's change request: the setting
// releaseRunbooks.github.repository, else the GitHub remote of the runbook's git repository (via
// the built-in git extension), else the user's answer, asked once and kept in the workspace
// settings.
import * as vscode from 'vscode';
import { parseRepository, RepoRef, repositoryFromRemote, webHostOf } from '../../server/github/repository';
import { GITHUB_SECTION, githubSettings } from './change-request-settings';

// The few parts of the git extension's API (extensions/git/src/api/git.d.ts) used here.
interface GitRemote {
  name: string;
  fetchUrl?: string;
  pushUrl?: string;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { remotes: GitRemote[] };
}
interface GitApi {
  repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

export type RepositorySource = 'setting' | 'git-remote' | 'asked';

export interface ResolvedRepository {
  repo: RepoRef;
  source: RepositorySource;
}

/** The repository without asking anybody, or undefined. */
export async function knownRepository(runbook: vscode.Uri): Promise<ResolvedRepository | undefined> {
  const settings = githubSettings(runbook);
  if (settings.repository) {
    const repo = parseRepository(settings.repository);
    if (repo) return { repo, source: 'setting' };
  }
  const fromGit = await repositoryFromGit(runbook, settings.apiUrl);
  return fromGit ? { repo: fromGit, source: 'git-remote' } : undefined;
}

/** The repository, asking once when neither the setting nor git knows it. */
export async function resolveRepository(runbook: vscode.Uri): Promise<ResolvedRepository | undefined> {
  const settings = githubSettings(runbook);
  if (settings.repository && !parseRepository(settings.repository)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Release Runbooks: the setting {0}.repository is "{1}", not OWNER/NAME; asking instead.',
        GITHUB_SECTION,
        settings.repository,
      ),
    );
  }
  const known = await knownRepository(runbook);
  if (known) return known;
  return askRepository(runbook);
}

/** Asks for OWNER/NAME and keeps it in the settings of the runbook's workspace folder. */
export async function askRepository(runbook: vscode.Uri, current?: string): Promise<ResolvedRepository | undefined> {
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Release Runbooks: repository for change requests'),
    prompt: vscode.l10n.t(
      'The GitHub repository (OWNER/NAME) where change requests are filed as issues. It is saved in the workspace settings.',
    ),
    placeHolder: vscode.l10n.t('acme/releases'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) => (parseRepository(value) ? undefined : 'Write OWNER/NAME, for example acme/releases'),
  });
  const repo = answer ? parseRepository(answer) : undefined;
  if (!repo) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(runbook);
  const target = folder
    ? vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders.length > 1
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  try {
    await vscode.workspace
      .getConfiguration(GITHUB_SECTION, runbook)
      .update('repository', `${repo.owner}/${repo.repo}`, target);
  } catch {
    // Not savable (no workspace): used for this submission only.
  }
  return { repo, source: 'asked' };
}

async function repositoryFromGit(runbook: vscode.Uri, apiUrl: string): Promise<RepoRef | undefined> {
  const host = webHostOf(apiUrl);
  if (!host) return undefined;
  try {
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return undefined;
    const api = exports.getAPI(1);
    const repository = api.getRepository(runbook) ?? (api.repositories.length === 1 ? api.repositories[0] : null);
    if (!repository) return undefined;
    // origin first, then upstream, then any other remote on the GitHub host.
    const remotes = [...repository.state.remotes].sort((a, b) => rank(a.name) - rank(b.name));
    for (const remote of remotes) {
      for (const url of [remote.fetchUrl, remote.pushUrl]) {
        const repo = url ? repositoryFromRemote(url, host) : undefined;
        if (repo) return repo;
      }
    }
  } catch {
    // The git extension is disabled or failed: fall back to asking.
  }
  return undefined;
}

function rank(name: string): number {
  return name === 'origin' ? 0 : name === 'upstream' ? 1 : 2;
}
