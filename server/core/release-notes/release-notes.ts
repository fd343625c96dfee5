// Release notes from the code: the commits between the previous release and this one, grouped
// by their pull requests' labels, opened by the runbook's plain-language `announce` text. Pure:
// the CLI (`runbook notes`) fetches the commits and pull requests, and the editor can feed the
// same function. Every text from a file or from GitHub is escaped for Markdown.
import { collapse, inlineText, markdownBlock } from '../change-request/markdown-text';
import { pullNumberOf } from './pull-number';

export const NOTE_GROUPS = ['breaking', 'security', 'features', 'fixes', 'other'] as const;
export type NoteGroup = (typeof NOTE_GROUPS)[number];

const GROUP_TITLES: Record<NoteGroup, string> = {
  breaking: 'Breaking changes',
  security: 'Security',
  features: 'Features',
  fixes: 'Fixes',
  other: 'Other changes',
};

/** Label names (lower case) that put a pull request in a group; the first group that matches wins. */
const GROUP_LABELS: Record<Exclude<NoteGroup, 'other'>, RegExp> = {
  breaking: /^(breaking|breaking[ -]change|semver[:-]major)$/,
  security: /^(security|vulnerability|cve)$/,
  features: /^(feature|features|enhancement|feat|semver[:-]minor)$/,
  fixes: /^(bug|bugfix|fix|fixes|semver[:-]patch)$/,
};

export interface AnnounceText {
  audience?: string;
  summary?: string;
  customerImpact?: string;
  contact?: string;
}

export interface NoteCommit {
  sha: string;
  message: string;
  url?: string;
}

export interface NotePull {
  number: number;
  title: string;
  labels: string[];
  url?: string;
}

export interface NoteEntry {
  /** The pull request, or for a commit without one, its first line. */
  title: string;
  pull?: number;
  url?: string;
  commits: string[];
}

export interface ReleaseNotes {
  title: string;
  version?: string;
  range: { from: string; to: string };
  announce: AnnounceText;
  groups: { group: NoteGroup; title: string; entries: NoteEntry[] }[];
}

export function groupOf(labels: string[]): NoteGroup {
  const names = labels.map((l) => l.trim().toLowerCase());
  for (const group of NOTE_GROUPS) {
    if (group === 'other') break;
    if (names.some((n) => GROUP_LABELS[group].test(n))) return group;
  }
  return 'other';
}

export function buildReleaseNotes(input: {
  title: string;
  version?: string;
  range: { from: string; to: string };
  announce: AnnounceText;
  commits: NoteCommit[];
  pulls: ReadonlyMap<number, NotePull>;
}): ReleaseNotes {
  const entries = new Map<NoteGroup, NoteEntry[]>(NOTE_GROUPS.map((g) => [g, []]));
  const byPull = new Map<number, NoteEntry>();
  for (const commit of input.commits) {
    const number = pullNumberOf(commit.message);
    const pull = number === undefined ? undefined : input.pulls.get(number);
    if (pull) {
      const seen = byPull.get(pull.number);
      if (seen) {
        seen.commits.push(commit.sha);
        continue;
      }
      const entry: NoteEntry = { title: pull.title, pull: pull.number, url: pull.url, commits: [commit.sha] };
      byPull.set(pull.number, entry);
      entries.get(groupOf(pull.labels))!.push(entry);
      continue;
    }
    entries.get('other')!.push({
      title: commit.message.split('\n')[0],
      url: commit.url,
      commits: [commit.sha],
      ...(number !== undefined ? { pull: number } : {}),
    });
  }
  return {
    title: input.title,
    version: input.version,
    range: input.range,
    announce: input.announce,
    groups: NOTE_GROUPS.filter((g) => entries.get(g)!.length).map((g) => ({
      group: g,
      title: GROUP_TITLES[g],
      entries: entries.get(g)!,
    })),
  };
}

export function releaseNotesMarkdown(notes: ReleaseNotes): string {
  const lines: string[] = [];
  lines.push(`# Release notes: ${inlineText(notes.title)}${notes.version ? ` ${inlineText(notes.version)}` : ''}`, '');
  const a = notes.announce;
  if (a.summary) lines.push(...markdownBlock(a.summary), '');
  if (a.customerImpact) lines.push('**Customer impact**', '', ...markdownBlock(a.customerImpact), '');
  if (a.audience) lines.push(`**For:** ${inlineText(a.audience)}`, '');
  if (a.contact) lines.push(`**Contact:** ${inlineText(a.contact)}`, '');
  lines.push(`Changes from ${inlineText(notes.range.from)} to ${inlineText(notes.range.to)}.`, '');
  if (!notes.groups.length) lines.push('No commits in this range.', '');
  for (const group of notes.groups) {
    lines.push(`## ${group.title}`, '');
    for (const e of group.entries) {
      const ref = e.pull !== undefined ? `#${e.pull}` : e.commits[0].slice(0, 7);
      const link =
        e.url && /^https?:\/\//.test(e.url) ? `[${ref}](<${e.url.replace(/[<>\s]/g, encodeURIComponent)}>)` : ref;
      lines.push(`- ${inlineText(e.title)} (${link})`);
    }
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/** The notes as data (for `--format json` and the editor). */
export function releaseNotesJson(notes: ReleaseNotes): unknown {
  return { ...notes, title: collapse(notes.title) };
}

export { pullNumberOf };
