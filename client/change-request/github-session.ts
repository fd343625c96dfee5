// The GitHub token for an API URL: the test environment variable, else a token the user stored
// with "Set GitHub Token" (hosts without an authentication provider), else VS Code's GitHub
// (or GitHub Enterprise) authentication provider with the `repo` scope. The token is handed to
// Octokit only: never logged, never written to settings or files.
import * as vscode from 'vscode';
import { TOKEN_ENV } from './change-request-settings';

export type TokenSource = 'environment' | 'secret-storage' | 'auth-provider';

export interface GitHubToken {
  token: string;
  source: TokenSource;
}

export const SCOPES = ['repo'];

export function providerFor(apiUrl: string): 'github' | 'github-enterprise' {
  try {
    return new URL(apiUrl).host.toLowerCase() === 'api.github.com' ? 'github' : 'github-enterprise';
  } catch {
    return 'github';
  }
}

export function secretKey(apiUrl: string): string {
  return `releaseRunbooks.github.token:${apiUrl}`;
}

export class GitHubSession {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /**
   * The token, or undefined. `interactive` lets the provider show its sign-in; otherwise it
   * only answers when a session already exists (background refreshes never prompt).
   */
  async token(apiUrl: string, interactive: boolean): Promise<GitHubToken | undefined> {
    const fromEnv = process.env[TOKEN_ENV]?.trim();
    if (fromEnv) return { token: fromEnv, source: 'environment' };
    const stored = await this.secrets.get(secretKey(apiUrl));
    if (stored) return { token: stored, source: 'secret-storage' };
    try {
      const session = interactive
        ? await vscode.authentication.getSession(providerFor(apiUrl), SCOPES, { createIfNone: true })
        : await vscode.authentication.getSession(providerFor(apiUrl), SCOPES, { silent: true });
      return session ? { token: session.accessToken, source: 'auth-provider' } : undefined;
    } catch {
      // Declined sign-in, or no provider for this host (GitHub Enterprise not configured).
      return undefined;
    }
  }

  /** After a 401: a new session from the provider, or undefined when the user declines. */
  async signInAgain(apiUrl: string): Promise<GitHubToken | undefined> {
    try {
      const session = await vscode.authentication.getSession(providerFor(apiUrl), SCOPES, {
        forceNewSession: {
          detail: vscode.l10n.t('GitHub did not accept the current sign-in. Sign in again to submit change requests.'),
        },
      });
      return session ? { token: session.accessToken, source: 'auth-provider' } : undefined;
    } catch {
      return undefined;
    }
  }

  async store(apiUrl: string, token: string): Promise<void> {
    await this.secrets.store(secretKey(apiUrl), token);
  }

  async forget(apiUrl: string): Promise<boolean> {
    const had = (await this.secrets.get(secretKey(apiUrl))) !== undefined;
    await this.secrets.delete(secretKey(apiUrl));
    return had;
  }
}

/** Says how to get a token when there is none, for the host in question. */
export function noTokenMessage(apiUrl: string): string {
  return providerFor(apiUrl) === 'github'
    ? vscode.l10n.t(
        'Release Runbooks: sign in to GitHub to submit change requests (sign-in was declined or failed). You can also store a token with "Release Runbooks: Set GitHub Token".',
      )
    : vscode.l10n.t(
        'Release Runbooks: no sign-in for {0}. Configure the GitHub Enterprise authentication provider (setting github-enterprise.uri), or store a token with "Release Runbooks: Set GitHub Token".',
        apiUrl,
      );
}
