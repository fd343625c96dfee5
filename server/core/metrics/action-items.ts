// Action items of retrospectives: the unchecked tasks (`- [ ] ...`) under a heading "Action items"
// of each retrospective document. They stay open until somebody ticks them (`- [x]`) or deletes
// them in the document where they were agreed; later retrospectives and the status report list
// them until then. Copies listed elsewhere are plain bullets, so they are never counted twice.

export interface ActionItem {
  /** The task's text, without the checkbox and the leading owner. */
  text: string;
  /** The first GitHub handle in the task (`@alice`), if any. */
  owner?: string;
  /** The document's path as the caller gave it (for a link). */
  file: string;
  /** The retrospective's name: its title without "Retrospective:", else the file's name. */
  retrospective: string;
  /** 1-based line of the task. */
  line: number;
}

export interface RetrospectiveFile {
  path: string;
  text: string;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const OPEN_TASK = /^\s{0,3}[-*+]\s+\[ \]\s+(.*\S)\s*$/;
const HANDLE = /(?<![\w.@/])@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:\/[A-Za-z0-9_.-]+)?/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function openActionItems(files: RetrospectiveFile[]): ActionItem[] {
  const items: ActionItem[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    items.push(...openItemsOf(file));
  }
  return items;
}

export function openItemsOf(file: RetrospectiveFile): ActionItem[] {
  const lines = String(file.text).replace(/\r\n?/g, '\n').split('\n');
  const retrospective = titleOf(lines) ?? file.path.split('/').pop()!.replace(/\.md$/i, '');
  const items: ActionItem[] = [];
  let sectionLevel = 0;
  let fence: string | undefined;
  let inComment = false;
  for (const [i, line] of lines.entries()) {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch) {
      if (!fence) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    // Tasks inside an HTML comment are hints, not items.
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      continue;
    }
    if (line.includes('<!--') && !line.includes('-->')) {
      inComment = true;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      if (sectionLevel && level <= sectionLevel) sectionLevel = 0;
      if (/^action items\b/i.test(heading[2])) sectionLevel = level;
      continue;
    }
    if (!sectionLevel) continue;
    const task = OPEN_TASK.exec(line);
    if (!task) continue;
    const owner = HANDLE.exec(task[1])?.[0];
    // "@alice: do this" reads as owner and task; a handle elsewhere stays in the text.
    const text =
      owner && task[1].startsWith(owner) ? task[1].slice(owner.length).replace(/^\s*[:\-–—]\s*/, '') : task[1];
    items.push({ text: text || task[1], owner, file: file.path, retrospective, line: i + 1 });
  }
  return items;
}

function titleOf(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /^#\s+(.*\S)\s*$/.exec(line);
    if (m) return m[1].replace(/^retrospective\s*[:\-–—]\s*/i, '');
  }
  return undefined;
}
