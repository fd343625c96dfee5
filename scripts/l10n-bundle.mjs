// The extension's localizable strings: every `vscode.l10n.t('…')` in client/ goes into
// l10n/bundle.l10n.json (package.json "l10n": "./l10n"), the English bundle translators copy to
// bundle.l10n.<locale>.json. `node scripts/l10n-bundle.mjs` rewrites it; `--check` only compares
// and exits 1 when it is out of date. Both also list user-facing text in client/ that does not go
// through l10n.t (exit 1). test/unit/l10n.test.ts runs `--check`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** The client's TypeScript files (the extension host: the only code that calls vscode.l10n). */
export function clientFiles(dir = path.join(ROOT, 'client')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return clientFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function parse(file) {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function where(sf, node) {
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${path.relative(ROOT, sf.fileName)}:${line + 1}:${character + 1}`;
}

const isL10nCall = (node) => ts.isCallExpression(node) && /^(vscode\.)?l10n\.t$/.test(node.expression.getText());
const isLiteral = (node) => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);

/**
 * The messages of every `l10n.t` call, and problems: a message that is not a string literal
 * (it could not be translated), or whose `{n}` placeholders do not match the arguments.
 */
export function extractMessages(files = clientFiles()) {
  const messages = new Set();
  const problems = [];
  for (const file of files) {
    const sf = parse(file);
    const visit = (node) => {
      if (isL10nCall(node)) {
        const [first, ...args] = node.arguments;
        if (!first || !isLiteral(first))
          problems.push(`${where(sf, node)}: the message of l10n.t must be a string literal`);
        else {
          messages.add(first.text);
          const used = new Set([...first.text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
          const expected = args.length;
          if (used.size !== expected || [...used].some((n) => n >= expected))
            problems.push(
              `${where(sf, node)}: "${first.text}" has placeholders ${[...used].map((n) => `{${n}}`).join(' ') || 'none'} for ${expected} argument(s)`,
            );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { messages: [...messages].sort(), problems };
}

const SHOW_MESSAGE = /^show(Information|Warning|Error)Message$/;
const WITH_OPTIONS = /^(showQuickPick|showInputBox|withProgress|showSaveDialog|showOpenDialog)$/;
const UI_PROPERTIES = new Set([
  'title',
  'prompt',
  'placeHolder',
  'detail',
  'tooltip',
  'label',
  'description',
  'saveLabel',
  'openLabel',
]);

/** Quick pick items anywhere: their label, description and detail are shown. */
const ITEM_PROPERTIES = new Set(['label', 'description', 'detail']);

/**
 * User-facing text that does not go through l10n.t: a string or template literal with words in
 * it given to a notification (message or button), to the title/prompt/placeHolder/… of a quick
 * pick, input box, progress or file dialog, to a webview panel's title, to a code lens's title
 * and tooltip, or as a quick pick item's label, description or detail.
 */
export function bareUiStrings(files = clientFiles()) {
  const found = [];
  for (const file of files) {
    const sf = parse(file);
    const report = (node) => {
      if (ts.isParenthesizedExpression(node)) return report(node.expression);
      if (ts.isConditionalExpression(node)) return (report(node.whenTrue), report(node.whenFalse));
      const text = isLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head, ...node.templateSpans.map((s) => s.literal)].map((p) => p.text).join('')
          : '';
      // Words only: a separator such as `${a} · ${b}` has nothing to translate.
      if (/\p{L}/u.test(text)) found.push(`${where(sf, node)}: ${node.getText(sf).slice(0, 80)}`);
    };
    const options = (node) => {
      if (ts.isObjectLiteralExpression(node)) {
        for (const p of node.properties)
          if (ts.isPropertyAssignment(p) && UI_PROPERTIES.has(p.name.getText(sf))) report(p.initializer);
      } else if (ts.isArrayLiteralExpression(node)) node.elements.forEach(options);
    };
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const name = node.expression.name.text;
        if (SHOW_MESSAGE.test(name))
          node.arguments.forEach((a) => (ts.isObjectLiteralExpression(a) ? options(a) : report(a)));
        else if (WITH_OPTIONS.test(name)) node.arguments.forEach(options);
        else if (name === 'createWebviewPanel' && node.arguments[1]) report(node.arguments[1]);
      }
      if (ts.isNewExpression(node) && node.expression.getText(sf) === 'vscode.CodeLens')
        (node.arguments ?? []).forEach(options);
      if (ts.isPropertyAssignment(node) && ITEM_PROPERTIES.has(node.name.getText(sf))) report(node.initializer);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return [...new Set(found)];
}

/** The bundle's text for these messages: each English message is its own translation. */
export function bundleText(messages) {
  return `${JSON.stringify(Object.fromEntries(messages.map((m) => [m, m])), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lint = process.argv.indexOf('--lint');
  if (lint >= 0) {
    // `--lint FILE...`: only the problems of these files (the test's fixture).
    const files = process.argv.slice(lint + 1).map((f) => path.resolve(f));
    const problems = [...extractMessages(files).problems, ...bareUiStrings(files).map((b) => `not localizable: ${b}`)];
    for (const problem of problems) process.stderr.write(`l10n: ${problem}\n`);
    process.exit(problems.length ? 1 : 0);
  }
  const { messages } = extractMessages();
  const problems = [...extractMessages().problems, ...bareUiStrings().map((b) => `not localizable: ${b}`)];
  for (const problem of problems) process.stderr.write(`l10n: ${problem}\n`);
  const text = bundleText(messages);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BUNDLE, 'utf8');
    } catch {
      // Missing: out of date.
    }
    if (current !== text)
      process.stderr.write(`l10n: ${path.relative(ROOT, BUNDLE)} is out of date; run node scripts/l10n-bundle.mjs\n`);
    process.exit(current === text && problems.length === 0 ? 0 : 1);
  }
  writeFileSync(BUNDLE, text);
  process.stdout.write(`l10n: ${messages.length} messages in ${path.relative(ROOT, BUNDLE)}\n`);
  process.exit(problems.length ? 1 : 0);
}
