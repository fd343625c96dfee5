// How old a calendar source's cached copy is, in words ("5 minutes", "3 hours", "2 days"): the
// CLI, the language server and the calendar webview say it alike. No imports, so the webview
// bundles it as is.
export function ageText(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return `${Math.round(hours / 24)} days`;
}
