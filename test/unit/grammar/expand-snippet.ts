// Expands a VS Code snippet body the way accepting it without typing does: every placeholder
// takes its default (a choice its first option), mirrors repeat it, variables come from `variables`.
// Transforms are not used by our snippets and are refused, so a new one cannot slip by untested.

export interface SnippetFile {
  [name: string]: {
    prefix: string | string[];
    body: string | string[];
    description?: string;
    isFileTemplate?: boolean;
  };
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children?: Node[]; choice?: string[] }
  | { kind: 'variable'; name: string; children?: Node[] };

export function expandSnippet(body: string | string[], variables: Record<string, string> = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(text).parse();
  const defaults = new Map<number, string>();
  // A tab stop's value is the first default given for its index, wherever it appears.
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === 'tabstop' && !defaults.has(node.index) && (node.children || node.choice)) {
        defaults.set(node.index, node.choice ? node.choice[0] : render(node.children ?? []));
      }
      if (node.kind !== 'text' && node.children) collect(node.children);
    }
  };
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.text;
        if (node.kind === 'variable') {
          if (node.name in variables) return variables[node.name];
          if (node.children) return render(node.children);
          throw new Error(`Snippet uses variable $${node.name}, which the test does not know`);
        }
        return defaults.get(node.index) ?? (node.choice ? node.choice[0] : render(node.children ?? []));
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    if (this.pos < this.text.length) throw this.error('unexpected "}"');
    return nodes;
  }

  private sequence(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\' && '$}\\'.includes(this.text[this.pos + 1] ?? '')) {
        text += this.text[this.pos + 1];
        this.pos += 2;
      } else if (ch === '}' && inPlaceholder) {
        break;
      } else if (ch === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += ch;
          this.pos++;
        }
      } else {
        text += ch;
        this.pos++;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): Node | undefined {
    const rest = this.text.slice(this.pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      return { kind: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest);
    if (m) {
      this.pos += m[0].length;
      const choice = m[2].split(/(?<!\\),/).map((option) => option.replace(/\\(.)/g, '$1'));
      return { kind: 'tabstop', index: Number(m[1]), choice };
    }
    m = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:}/])/.exec(rest);
    if (!m) return undefined;
    const [, name, after] = m;
    if (after === '/') throw this.error(`transforms are not supported (\${${name}/...})`);
    this.pos += m[0].length;
    let children: Node[] | undefined;
    if (after === ':') {
      children = this.sequence(true);
      if (this.text[this.pos] !== '}') throw this.error(`\${${name}:...} is not closed`);
      this.pos++;
    }
    return /^\d+$/.test(name)
      ? { kind: 'tabstop', index: Number(name), children }
      : { kind: 'variable', name, children };
  }

  private error(message: string): Error {
    return new Error(`Snippet syntax at ${this.pos}: ${message} in ${JSON.stringify(this.text)}`);
  }
}

/** Indents every line but empty ones by `indent`. */
export function indent(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}
