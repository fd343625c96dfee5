// Calendar sources (issue 20): many repositories × many runbooks read through the GitHub stand-in
// on 127.0.0.1 (the same one the tests use, every request checked against GitHub's OpenAPI
// description), cold (empty cache) and warm (nothing changed), counting the requests each sends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSources } from '../server/github/source-reader';
import type { SourceSpec } from '../server/core/calendar-sources';
import { WorkspaceIndex } from '../server/core/workspace-index';
import { createGitHubClient } from '../server/github/github-client';
import { DEFAULT_TOKENS, GitHubStandIn } from '../test/github-stand-in/stand-in';

export interface SourcesFigures {
  repositories: number;
  runbooksPerRepository: number;
  /** Empty cache to every file indexed. */
  coldMs: number;
  coldRequests: number;
  /** Nothing changed: one conditional tree request per repository, each answered 304. */
  warmMs: number;
  warmRequests: number;
  warmNotModified: number;
  /** After one file changed in one repository. */
  changedRequests: number;
  indexedFiles: number;
  validationProblems: number;
}

function runbook(repo: number, i: number): string {
  const day = 1 + (i % 28);
  return `runbook: r${repo}-${i}
title: Change ${i} of team ${repo}
service: service-${repo}-${i % 10}
environment: staging
window:
  start: 2027-02-${String(day).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00
  duration: 1h
steps:
  - id: deploy
    title: Deploy
`;
}

export async function measureSources(repositories: number, perRepository: number): Promise<SourcesFigures> {
  const standIn = await GitHubStandIn.start({ repositories: [] });
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'runbook-bench-sources-'));
  try {
    const specs: SourceSpec[] = [];
    for (let r = 0; r < repositories; r++) {
      const name = `team-${r}`;
      standIn.addRepository(`acme/${name}`);
      const files: Record<string, string> = { 'README.md': `# team ${r}` };
      for (let i = 0; i < perRepository; i++) files[`runbooks/change-${i}.runbook.yaml`] = runbook(r, i);
      standIn.git.seedFiles(`acme/${name}`, files);
      specs.push({ repository: `acme/${name}`, owner: 'acme', name, path: 'runbooks' });
    }
    const github = createGitHubClient({ token: DEFAULT_TOKENS[1].token, apiUrl: standIn.url, retries: 0 });
    const read = async () => {
      const before = standIn.requests.length;
      const started = performance.now();
      const reads = await readSources(specs, { github, cacheDir });
      const index = new WorkspaceIndex();
      for (const source of reads) for (const file of source.files) index.set(file.uri, file.text);
      const ms = performance.now() - started;
      const sent = standIn.requests.slice(before);
      return {
        ms,
        requests: sent.length,
        notModified: sent.filter((r) => r.status === 304).length,
        files: index.uris().length,
      };
    };
    const cold = await read();
    const warm = await read();
    standIn.git.updateFiles('acme/team-0', {
      'runbooks/change-0.runbook.yaml': runbook(0, 0).replace('Change 0', 'Change zero'),
    });
    const changed = await read();
    return {
      repositories,
      runbooksPerRepository: perRepository,
      coldMs: cold.ms,
      coldRequests: cold.requests,
      warmMs: warm.ms,
      warmRequests: warm.requests,
      warmNotModified: warm.notModified,
      changedRequests: changed.requests,
      indexedFiles: cold.files,
      validationProblems: standIn.problems().length,
    };
  } finally {
    await standIn.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
