// Shared by the GitHub suites: one stand-in per suite, a client tuned for tests (short back-off,
// no write spacing, short timeout), and change requests rendered from fixture runbooks.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ChangeRequest, renderChangeRequest } from '../../../server/core/change-request/render-change-request';
import type { RunbookModel } from '../../../server/core/model';

import { loadWorkspace } from '../../helpers/index-folder';
import { ClientContext, createGitHubClient, GitHubClientOptions } from '../../../server/github/github-client';
import { DEFAULT_TOKENS, GitHubStandIn, startGitHubStandIn } from '../../github-stand-in/stand-in';

export const WRITE_TOKEN = DEFAULT_TOKENS[0].token;
export const READ_TOKEN = DEFAULT_TOKENS[1].token;
export const REPO = { owner: 'acme', repo: 'releases' };

/** Client settings for tests: GitHub's behaviour, minus the waiting. */
export const FAST: Partial<GitHubClientOptions> = { retryBaseMs: 1, spaceWrites: false, timeoutMs: 1500 };

export function useStandIn(): { get: () => GitHubStandIn } {
  let standIn: GitHubStandIn | undefined;
  before(async function () {
    this.timeout(30_000); // loading GitHub's OpenAPI description takes a few seconds
    standIn = await startGitHubStandIn();
  });
  beforeEach(() => {
    standIn!.reset();
    standIn!.onHandled = undefined;
  });
  afterEach(function () {
    // Every request our code sent must match GitHub's published description.
    if (this.currentTest?.state === 'passed')
      assert.deepEqual(standIn!.problems(), [], 'requests that GitHub would not accept');
  });
  after(async () => {
    await standIn?.close();
  });
  return { get: () => standIn! };
}

export function clientFor(
  standIn: GitHubStandIn,
  token = WRITE_TOKEN,
  extra: Partial<GitHubClientOptions> = {},
): ClientContext {
  return createGitHubClient({ ...FAST, ...extra, token, apiUrl: standIn.url });
}

const RENDER_FIXTURES = path.join(__dirname, '../../fixtures/change-request/render');

/** The change request of a fixture runbook, optionally with a ticket and other edits. */
export function fixtureRequest(name: string, ticket?: string): ChangeRequest {
  const index = loadWorkspace(RENDER_FIXTURES);
  const model = index.get(pathToFileURL(path.join(RENDER_FIXTURES, `${name}.runbook.yaml`)).href)!
    .model as RunbookModel;
  const request = renderChangeRequest(index, model);
  return { ...request, ticket: ticket === undefined ? request.ticket : ticket };
}
