// The `sources` of the workspace's calendar files: other repositories whose runbooks and calendars
// join the calendar (docs/runbook-dsl.md, "source"). Read here from the models, checked and
// de-duplicated; server/github/source-reader.ts fetches them (for the CLI and the language server).
import { listItemFields } from './model';
import type { WorkspaceIndex } from './workspace-index';

export interface SourceSpec {
  /** `owner/name` as written. */
  repository: string;
  owner: string;
  name: string;
  /** Folder inside the repository, without leading or trailing slashes; '' for all of it. */
  path: string;
  /** Branch, tag or commit; undefined: the default branch. */
  ref?: string;
}

export const MAX_SOURCES = 50;
const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const REF = /^[^\s~^:?*[\\\u0000-\u001f\u007f]{1,250}$/;

/**
 * The sources the calendars name; `ownCalendar` picks the calendars that count (the editor leaves
 * out calendars read from sources: their own `sources` are not followed).
 */
export function sourceSpecs(
  index: WorkspaceIndex,
  ownCalendar: (uri: string) => boolean = () => true,
): { specs: SourceSpec[]; problems: string[] } {
  const specs: SourceSpec[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const cal of index.calendars()) {
    if (!ownCalendar(cal.uri)) continue;
    for (const fields of listItemFields(cal.file, cal.sections.get('sources'))) {
      const repository = fields.get('repository')?.text.trim() ?? '';
      const m = REPOSITORY.exec(repository);
      if (!m || repository.endsWith('.git') || m[2] === '.' || m[2] === '..') {
        problems.push(`sources: "${repository}" is not a repository such as acme/payments (owner/name)`);
        continue;
      }
      const rawPath = fields.get('path')?.text.trim() ?? '';
      const path = rawPath.replace(/^\/+|\/+$/g, '');
      if (path.split('/').some((part) => part === '..' || part === '.') || path.includes('\\')) {
        problems.push(
          `sources: ${repository}: path "${rawPath}" must be a folder of the repository such as deploy/runbooks`,
        );
        continue;
      }
      const ref = fields.get('ref')?.text.trim() || undefined;
      if (ref !== undefined && (!REF.test(ref) || ref.includes('..'))) {
        problems.push(`sources: ${repository}: "${ref}" is not a branch, tag or commit name`);
        continue;
      }
      const key = `${repository.toLowerCase()}\u0000${path}\u0000${ref ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (specs.length >= MAX_SOURCES) {
        problems.push(`sources: more than ${MAX_SOURCES} sources; ${repository} and the ones after it are not read`);
        break;
      }
      specs.push({ repository, owner: m[1], name: m[2], path, ref });
    }
  }
  return { specs, problems };
}

/** How a file of a source is named to people: `acme/payments@main:deploy/a.runbook.yaml`. */
export function sourceDisplayName(spec: SourceSpec, filePath: string): string {
  return `${spec.repository}@${spec.ref ?? 'HEAD'}:${filePath}`;
}
