// The change request's labels in the repository: created with colours that read at a glance
// (risk from green to red, emergency in red) when missing and allowed. Label trouble never
// blocks the change request: it is filed without labels, and the caller says so.
import type { ClientContext } from './github-client';
import type { RepoRef } from './repository';

export interface LabelStyle {
  color: string;
  description: string;
}

const RISK_COLORS: Record<string, string> = { low: '0e8a16', medium: 'fbca04', high: 'd93f0b', critical: 'b60205' };
const TYPE_COLORS: Record<string, string> = { standard: 'c2e0c6', normal: 'bfd4f2', emergency: 'e11d21' };

export function labelStyle(name: string): LabelStyle {
  const [prefix, ...rest] = name.split(':');
  const value = rest.join(':');
  const cut = (s: string) => s.slice(0, 100);
  if (name === 'change-request') return { color: '5319e7', description: 'Change request filed from a release runbook' };
  if (prefix === 'env' && value) {
    const production = value === 'production' || value === 'prod';
    return { color: production ? 'b60205' : '1d76db', description: cut(`Change to the ${value} environment`) };
  }
  if (prefix === 'risk' && value)
    return { color: RISK_COLORS[value] ?? 'cccccc', description: cut(`Change risk: ${value}`) };
  if (prefix === 'type' && value)
    return { color: TYPE_COLORS[value] ?? 'cccccc', description: cut(`Change type: ${value}`) };
  return { color: 'ededed', description: '' };
}

export interface LabelState {
  /** Labels that may go on the issue: all of them, or none when we may not create labels. */
  usable: string[];
  /** Why labels are left out, for the user. */
  refused?: string;
  /** Whether `change-request` existed before this submission (false also when unknown). */
  changeRequestLabelExisted: boolean;
  created: string[];
}

/**
 * Makes sure the labels exist. Label upkeep is best effort: only no answer, a refused token
 * (401), missing permission or a rate limit (403, 429) stop the submission. When the labels cannot be listed
 * (404, 5xx), GitHub is left to create missing labels itself when the issue is filed, as it
 * does for users with write access.
 */
export async function ensureLabels(ctx: ClientContext, repo: RepoRef, wanted: string[]): Promise<LabelState> {
  let existing: Set<string> | undefined;
  try {
    const all = await ctx.client.paginate(ctx.client.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 });
    existing = new Set(all.map((l) => l.name.toLowerCase()));
  } catch (error) {
    if (isFatal(error)) throw error;
  }
  if (!existing) return { usable: wanted, changeRequestLabelExisted: false, created: [] };
  const changeRequestLabelExisted = existing.has('change-request');
  const created: string[] = [];
  for (const name of wanted) {
    if (existing.has(name.toLowerCase())) continue;
    try {
      await ctx.client.rest.issues.createLabel({ ...repo, name, ...labelStyle(name) });
      created.push(name);
    } catch (error) {
      const status = statusOf(error);
      if (status === 422) continue; // created meanwhile (already_exists)
      if ((status === 403 && !isRateLimited(error)) || status === 404) {
        return {
          usable: [],
          refused: `the token may not create labels in ${repo.owner}/${repo.repo} (${status}), so the issue was filed without labels; ask a maintainer to create ${wanted.join(', ')}, or use a token with write access`,
          changeRequestLabelExisted,
          created,
        };
      }
      if (isFatal(error)) throw error;
      // Anything else (5xx after retries): leave the rest to GitHub when the issue is filed.
      break;
    }
  }
  return { usable: wanted, changeRequestLabelExisted, created };
}

/** Errors that would stop the issue too: no answer at all, a refused token, a limit. */
function isFatal(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 401 || status === 403 || status === 429;
}

function isRateLimited(error: unknown): boolean {
  const e = error as { response?: { headers?: Record<string, string>; data?: { message?: string } } };
  return (
    e?.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e?.response?.data?.message ?? '')
  );
}

export function statusOf(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: number } };
  return e?.response?.status ?? (e?.response ? e.status : undefined);
}
