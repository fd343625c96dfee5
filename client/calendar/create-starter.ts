// "Create a starter calendar/runbook" from the calendar's empty states: a new file in the
// workspace filled from the extension's snippet (the same one the editor offers), so the user
// tabs through the fields to fill in.
import * as vscode from 'vscode';

type Kind = 'calendar' | 'runbook';

const FILE_NAMES: Record<Kind, string> = { calendar: 'release', runbook: 'new-change' };

export async function createStarterFile(kind: Kind, extensionUri?: vscode.Uri): Promise<void> {
  const folder = await targetFolder(kind);
  if (!folder) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Open a folder first: the {0} is created in the workspace.', kind),
    );
    return;
  }
  const uri = await freeName(folder, kind);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const body = (extensionUri && (await snippetFromExtension(extensionUri, kind))) ?? fallbackSnippet(kind);
  await editor.insertSnippet(new vscode.SnippetString(body));
}

/** Next to the existing runbooks (or calendars) when there are some, else the first folder's root. */
async function targetFolder(kind: Kind): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return undefined;
  const existing = await vscode.workspace.findFiles(`**/*.${kind}.{yaml,yml}`, '**/node_modules/**', 1);
  return existing[0] ? vscode.Uri.joinPath(existing[0], '..') : root;
}

async function freeName(folder: vscode.Uri, kind: Kind): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${FILE_NAMES[kind]}${n === 1 ? '' : `-${n}`}.${kind}.yaml`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

/** The extension's own snippet for the file kind, from any snippets file under snippets/. */
async function snippetFromExtension(extensionUri: vscode.Uri, kind: Kind): Promise<string | undefined> {
  const dir = vscode.Uri.joinPath(extensionUri, 'snippets');
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return undefined;
  }
  for (const [name, type] of entries) {
    if (type !== vscode.FileType.File || !/\.(json|code-snippets)$/.test(name)) continue;
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
      const snippets = parseJsonc(text) as Record<string, { prefix?: string | string[]; body?: string | string[] }>;
      for (const [key, snippet] of Object.entries(snippets ?? {})) {
        const prefixes = Array.isArray(snippet?.prefix) ? snippet.prefix : [snippet?.prefix ?? ''];
        const matches =
          prefixes.some((p) => p === kind || p === `${kind}-starter`) || new RegExp(`^${kind}\\b`, 'i').test(key);
        if (matches && snippet.body) return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      }
    } catch {
      // A snippets file that does not parse: try the next, then the built-in starter.
    }
  }
  return undefined;
}

function parseJsonc(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1'));
  }
}

function fallbackSnippet(kind: Kind): string {
  if (kind === 'calendar') {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const year = new Date().getFullYear();
    return [
      'calendar: ${1:releases}',
      `timezone: \${2:${zone}}`,
      'environments:',
      '  - name: staging',
      '  - name: production',
      'freezes:',
      '  - id: ${3:year-end}',
      '    title: ${4:Year-end code freeze}',
      `    start: \${5:${year}-12-21T00:00}`,
      `    end: \${6:${year + 1}-01-04T00:00}`,
      '    environments: [production]',
      'maintenance:',
      '  - id: ${7:sunday-infra}',
      '    title: ${8:Sunday infrastructure window}',
      '    rrule: FREQ=WEEKLY;BYDAY=SU',
      '    start-time: "02:00"',
      '    duration: 4h',
      '    environments: [production]',
      '$0',
    ].join('\n');
  }
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  return [
    'runbook: ${1:my-service-1-0-0}',
    'title: ${2:My service 1.0.0 to production}',
    'service: ${3:my-service}',
    'version: ${4:1.0.0}',
    'environment: ${5|production,staging|}',
    'team: ${6:my-team}',
    'owner: "${7:@me}"',
    'on-call: "${8:@on-call}"',
    'window:',
    `  start: \${9:${nextWeek}T22:00}`,
    '  duration: ${10:2h}',
    'change:',
    '  type: ${11|normal,standard,emergency|}',
    '  risk: ${12|medium,low,high,critical|}',
    'steps:',
    '  - id: deploy',
    '    title: ${13:Deploy 1.0.0}',
    '    run: ${14:./deploy.sh 1.0.0}',
    '    rollback: undeploy',
    'rollback:',
    '  trigger: ${15:Error rate above 2% for 5 minutes}',
    '  decision: "${7}"',
    '  steps:',
    '    - id: undeploy',
    '      title: Roll back to the previous version',
    '      run: ./deploy.sh previous',
    'verification:',
    '  - id: smoke',
    '    check: ${16:Smoke tests pass}',
    '$0',
  ].join('\n');
}
