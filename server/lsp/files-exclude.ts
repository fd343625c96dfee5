// The editor's `files.exclude` (glob → true) as a test on paths relative to a workspace folder,
// with VS Code's glob syntax: `*`, `**`, `?`, `{a,b}`, `[abc]`. A pattern that matches a folder
// excludes everything under it.

export type ExcludeTest = (relativePath: string) => boolean;

export function excludeMatcher(setting: unknown): ExcludeTest {
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return () => false;
  const patterns: RegExp[] = [];
  for (const [glob, enabled] of Object.entries(setting as Record<string, unknown>)) {
    // `{ "when": "$(basename).ts" }` conditions depend on sibling files; only plain `true` counts here.
    if (enabled !== true || !glob.trim()) continue;
    const regex = globToRegExp(glob.trim().replace(/^\.\//, '').replace(/\/+$/, ''));
    if (regex) patterns.push(regex);
  }
  if (patterns.length === 0) return () => false;
  return (relativePath: string) => {
    const parts = relativePath.split(/[\\/]/).filter(Boolean);
    // The path and each folder above it.
    for (let n = parts.length; n >= 1; n--) {
      const candidate = parts.slice(0, n).join('/');
      if (patterns.some((p) => p.test(candidate))) return true;
    }
    return false;
  };
}

export function globToRegExp(glob: string): RegExp | undefined {
  let out = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders (including none); a trailing `**` anything.
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inGroup++;
      out += '(?:';
    } else if (c === '}' && inGroup > 0) {
      inGroup--;
      out += ')';
    } else if (c === ',' && inGroup > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  if (inGroup) return undefined;
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return undefined;
  }
}
