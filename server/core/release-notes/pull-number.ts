// The pull request a commit message names (a merge commit or a squash), on its own: the GitHub
// reader in the extension host needs it without the rest of the release notes.
/** The pull request a commit message names: a squash merge "Title (#12)" or a merge "Merge pull request #12". */
export function pullNumberOf(message: string): number | undefined {
  const first = message.split('\n')[0];
  const m = /^Merge pull request #(\d+)\b/.exec(first) ?? /\(#(\d+)\)\s*$/.exec(first);
  return m ? Number(m[1]) : undefined;
}
