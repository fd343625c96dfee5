// Tokenizes text with our TextMate grammars through vscode-textmate and the Oniguruma WASM build,
// the same engine VS Code uses, so the scopes asserted here are the scopes editors show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { IGrammar, INITIAL, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..', '..');

export const GRAMMAR_PATHS: Record<string, string> = {
  'source.runbook': join(ROOT, 'syntaxes', 'runbook.tmLanguage.json'),
  'source.runbook-calendar': join(ROOT, 'syntaxes', 'runbook-calendar.tmLanguage.json'),
};

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

let registry: Registry | undefined;
const grammars = new Map<string, Promise<IGrammar>>();

function getRegistry(): Registry {
  registry ??= new Registry({
    onigLib: (async () => {
      const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
      await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
      return {
        createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
        createOnigString: (text: string) => oniguruma.createOnigString(text),
      };
    })(),
    async loadGrammar(scopeName) {
      const path = GRAMMAR_PATHS[scopeName];
      return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
  });
  return registry;
}

export function loadGrammar(scopeName: string): Promise<IGrammar> {
  let grammar = grammars.get(scopeName);
  if (!grammar) {
    grammar = getRegistry()
      .loadGrammar(scopeName)
      .then((g) => {
        if (!g) throw new Error(`No grammar for ${scopeName}`);
        return g;
      });
    grammars.set(scopeName, grammar);
  }
  return grammar;
}

export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await loadGrammar(scopeName);
  const tokens: Token[] = [];
  let state: StateStack = INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      tokens.push({ line, text: lineText.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/**
 * The scopes of the token `fragment` (one whole token, spaces aside) on the line that is
 * `lineMarker`, or else on the first line that contains it.
 */
export function scopesOf(tokens: Token[], text: string, lineMarker: string, fragment: string): string[] {
  const lines = text.split('\n');
  const exact = lines.findIndex((l) => l.trim() === lineMarker.trim());
  const line = exact >= 0 ? exact : lines.findIndex((l) => l.includes(lineMarker));
  if (line < 0) throw new Error(`No line contains ${JSON.stringify(lineMarker)}`);
  const lineTokens = tokens.filter((t) => t.line === line);
  const token = lineTokens.find((t) => t.text.trim() === fragment);
  if (!token) {
    const shown = lineTokens.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n  ');
    throw new Error(
      `No token ${JSON.stringify(fragment)} on line ${line + 1} (${JSON.stringify(lines[line])}); tokens:\n  ${shown}`,
    );
  }
  return token.scopes;
}
